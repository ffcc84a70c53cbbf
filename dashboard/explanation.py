"""A detainee's explanation as rows a screen can show: every criterion, tier and signal.

All wording comes from `scoring.explain` (the same catalogue that decides the band); this
module only arranges it into tables and adds the dashboard's own column headings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import pandas as pd

from dashboard.i18n import Catalogue
from scoring.catalogue import STATE_LABELS, TIER_BY_ID
from scoring.explain import Explanation, warning_text
from scoring.policy import Policy

#: A sign per criterion state, so the state reads at a glance (the word stands beside it).
STATE_SIGNS: Final[dict[str, str]] = {
    "true": "●",
    "false": "○",
    "unknown": "?",
    "off": "⊘",
    "out_of_phase": "–",
}


@dataclass(frozen=True)
class OpenQuestion:
    """An unknown criterion that would change the band once known to be true."""

    criterion: str
    sentence: str
    band: str


def state_words(state: str, texts: Catalogue) -> str:
    """A criterion state (true, false, unknown, switched off, out of phase) with its sign."""
    # Non-breaking spaces keep "○ niet waar" on one line in narrow table columns.
    words = STATE_LABELS[state].get(texts.language).replace(" ", "\u00a0")  # type: ignore[index]
    return f"{STATE_SIGNS[state]}\u00a0{words}"


def criteria_table(explanation: Explanation, texts: Catalogue) -> pd.DataFrame:
    """Every automated criterion C01–C10: name and id, state in words, sentence, decisive mark.

    The sentences are `Explanation.criterion_sentences` without the leading "name (id): ",
    which the first column already shows.
    """
    lines = explanation.criteria
    sentences = explanation.criterion_sentences(texts.language)
    names = [f"{line.name.get(texts.language)} ({line.id})" for line in lines]
    return pd.DataFrame(
        {
            "criterion": names,
            "state": [state_words(line.state, texts) for line in lines],
            "sentence": [
                sentence.removeprefix(f"{name}: ")
                for name, sentence in zip(names, sentences, strict=True)
            ],
            "decisive": [line.decisive for line in lines],
        }
    )


def open_questions(explanation: Explanation, texts: Catalogue) -> list[OpenQuestion]:
    """The open questions, each with the band it would lead to."""
    sentences = explanation.criterion_sentences(texts.language)
    return [
        OpenQuestion(line.id, sentence, line.open_question_band)
        for line, sentence in zip(explanation.criteria, sentences, strict=True)
        if line.open_question_band is not None
    ]


def tiers_table(explanation: Explanation, policy: Policy, texts: Catalogue) -> pd.DataFrame:
    """Every tier T1–T5: whether it holds, its sentence and whether the policy counts it."""
    lines = explanation.tiers
    sentences = explanation.tier_sentences(texts.language)
    names = [f"{line.name.get(texts.language)} ({line.id})" for line in lines]
    counts = [policy.tier_enabled(TIER_BY_ID[line.id].slug) for line in lines]
    return pd.DataFrame(
        {
            "tier": names,
            "state": [state_words(line.state, texts) for line in lines],
            "sentence": [
                sentence.removeprefix(f"{name}: ")
                for name, sentence in zip(names, sentences, strict=True)
            ],
            "counts": [
                texts("explanation.tier_on" if on else "explanation.tier_off") for on in counts
            ],
        }
    )


def tiers_switched_on(policy: Policy) -> bool:
    """Whether the policy counts any tier (else the tier score is always 0 and is not shown)."""
    return any(policy.tiers.model_dump().values())


def profile_lines(explanation: Explanation, texts: Catalogue) -> list[str]:
    """The five signals of the weighing profile, each with its state."""
    return [
        f"{state_words(line.state, texts)} — {line.name.get(texts.language)}"
        for line in explanation.profile
    ]


def warning_lines(explanation: Explanation, texts: Catalogue) -> list[str]:
    """Data warnings in words."""
    return [warning_text(warning, texts.language) for warning in explanation.warnings]
