"""What feeds.md promises other tools, written out by hand as the tests' oracle.

These lists are deliberately not derived from the product's declarations: a test that compares
the product's output with them fails when the product drifts from the contract.
"""

#: The keys of one detainee object of `som score --format json`, in order (feeds.md).
DETAINEE_KEYS = [
    "skn",
    "band",
    "provisional_band",
    "decisive",
    "fired",
    "unknown",
    "open_questions",
    "tiers",
    "tier_score",
    "weighing_profile",
    "warnings",
]
