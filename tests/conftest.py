"""Settings every test shares: a fixed audit key, so the evidence the tests write is sealed.

Set before any test runs (and inherited by the `som` processes the CLI tests start); a test of
what happens without a key removes it with `monkeypatch.delenv`.
"""

from __future__ import annotations

import os

#: The audit key of the test run (64 hex digits): a test value, never a deployment's.
TEST_AUDIT_KEY = "5e" * 32

os.environ["SOM_AUDIT_KEY"] = TEST_AUDIT_KEY
