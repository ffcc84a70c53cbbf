"""A detainee's explanation as tables a screen can show: every criterion, tier and signal.

All wording comes from storage's finished view (`storage.views.ExplanationView`, written by
the same catalogue that decides the band); this module only arranges it into tables with a
sign per state and the dashboard's own column headings.
"""

from __future__ import annotations

from typing import Final

import pandas as pd

from dashboard.i18n import Catalogue
from storage.views import CriterionLine, ExplanationView, ProfileLine

#: A sign per criterion state, so the state reads at a glance (the word stands beside it).
STATE_SIGNS: Final[dict[str, str]] = {
    "true": "●",
    "false": "○",
    "unknown": "?",
    "off": "⊘",
    "out_of_phase": "–",
}


def state_words(line: CriterionLine | ProfileLine) -> str:
    """A line's state (true, false, unknown, switched off, out of phase) with its sign."""
    # Non-breaking spaces keep "○ niet waar" on one line in narrow table columns.
    words = line.state_label.replace(" ", "\u00a0")
    return f"{STATE_SIGNS[line.state]}\u00a0{words}"


def criteria_table(explanation: ExplanationView) -> pd.DataFrame:
    """Every automated criterion C01–C10: name and id, state in words, sentence, decisive mark."""
    lines = explanation.criteria
    return pd.DataFrame(
        {
            "criterion": [line.name for line in lines],
            "state": [state_words(line) for line in lines],
            "sentence": [line.sentence for line in lines],
            "decisive": [line.decisive for line in lines],
        }
    )


def tiers_table(explanation: ExplanationView, texts: Catalogue) -> pd.DataFrame:
    """Every tier T1–T5: whether it holds, its sentence and whether the policy counts it."""
    lines = explanation.tiers
    return pd.DataFrame(
        {
            "tier": [line.name for line in lines],
            "state": [state_words(line) for line in lines],
            "sentence": [line.sentence for line in lines],
            "counts": [
                texts("explanation.tier_on" if line.counts else "explanation.tier_off")
                for line in lines
            ],
        }
    )


def profile_lines(explanation: ExplanationView) -> list[str]:
    """The five signals of the weighing profile, each with its state."""
    return [f"{state_words(line)} — {line.name}" for line in explanation.profile]
