"""Explanations: why a detainee sits in a band, in words a case manager understands.

An `Explanation` is built from the same catalogue and result that decided the band; it renders
as sentences in Dutch or English, e.g. "Toezicht na detentie (C07): ja → prioriteit (beslissend)".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from scoring.catalogue import (
    AUTOMATED,
    BY_ID,
    PROFILE,
    STATE_LABELS,
    TIERS,
    WEIGHING,
    State,
)
from scoring.dates import date_text
from scoring.inputs import DetaineeInputs
from scoring.policy import Policy
from scoring.text import Text
from scoring.vocabulary import (
    BAND_LABELS,
    FACTOR_LABELS,
    LEVEL_LABELS,
    MOTIVATION_LABELS,
    NO,
    NONE,
    SELF_RELIANCE_LABELS,
    UNKNOWN,
    YES,
    Language,
    band_label,
)

DECISIVE = Text("beslissend", "decisive")
IF_TRUE = Text("als dit waar blijkt", "if this turns out true")
NONE_LIST = NONE
UNKNOWN_VALUE = UNKNOWN
PROFILE_COUNT = Text("{signals} van 5", "{signals} of 5")
PROFILE_UNKNOWN = Text("onbekend: {names}", "unknown: {names}")
NOT_MOTIVATABLE = Text(
    "niet te motiveren: suggestie lage prioriteit", "not motivatable: suggests low priority"
)
NO_CRITERION = Text("geen criterium beslist", "no criterion decides")
NOT_DECISIVE = Text("niet beslissend", "not decisive")
GIVES_WAY = Text("wijkt voor {other}", "gives way to {other}")
NOT_YET = Text(
    "nog niet geprioriteerd: dag {day} van {screening_day}; voorlopig {provisional}",
    "not yet prioritised: day {day} of {screening_day}; provisionally {provisional}",
)


def decisive_reason(
    band: str,
    provisional_band: str,
    decisive: str | None,
    facts: Mapping[str, Any],
    language: Language,
) -> str:
    """The decisive reason in a few words (`Explanation.summary`; the list writes it per row).

    For `not_yet` it names the day (`facts["day"]` of `facts["screening_day"]`) and the
    provisional band with its reason.
    """
    if decisive is None:
        reason = NO_CRITERION.get(language)
    else:
        reason = f"{BY_ID[decisive].name.get(language)} ({decisive})"
    if band == "not_yet":
        provisional = f"{BAND_LABELS[provisional_band].get(language)} — {reason}"
        return NOT_YET.render(language, {**facts, "provisional": provisional})
    return reason


WARNINGS = {"intake_date missing": Text("datum binnenkomst ontbreekt", "intake date missing")}


def warning_text(warning: str, language: Language) -> str:
    """A data warning of a result (`warnings` in the JSON) in words."""
    known_text = WARNINGS.get(warning)
    return known_text.get(language) if known_text else warning


@dataclass(frozen=True)
class Line:
    """One criterion, tier or profile signal in an explanation."""

    id: str
    name: Text
    state: State
    sentence: Text
    band: str | None = None
    decisive: bool = False
    open_question_band: str | None = None
    #: Id of the criterion that keeps this true one from deciding (C10 gives way to C07).
    gives_way_to: str | None = None

    def render(self, language: Language, facts: Mapping[str, Any]) -> str:
        """The line as a sentence in `language`."""
        text = f"{self.name.get(language)} ({self.id}): {self.sentence.render(language, facts)}"
        if self.state == "true" and self.band is not None:
            text += f" → {BAND_LABELS[self.band].get(language)}"
            if self.decisive:
                text += f" ({DECISIVE.get(language)})"
            elif self.gives_way_to is not None:
                text += f" ({GIVES_WAY.render(language, {'other': self.gives_way_to})})"
            else:
                text += f" ({NOT_DECISIVE.get(language)})"
        if self.open_question_band is not None:
            band = BAND_LABELS[self.open_question_band].get(language)
            text += f" — {IF_TRUE.get(language)} → {band}"
        return text


@dataclass(frozen=True)
class Explanation:
    """Everything that explains one detainee's band, renderable in Dutch and English."""

    skn: str
    band: str
    provisional_band: str
    decisive: str | None
    criteria: tuple[Line, ...]
    tiers: tuple[Line, ...]
    profile: tuple[Line, ...]
    profile_signals: int
    profile_known: int
    tier_score: int
    warnings: tuple[str, ...]
    policy_version: str
    as_of: date
    facts: Mapping[str, Any] = field(default_factory=dict)

    def _facts(self, language: Language) -> dict[str, Any]:
        return {k: v.get(language) if isinstance(v, Text) else v for k, v in self.facts.items()}

    def criterion_sentences(self, language: Language) -> list[str]:
        """One sentence per automated criterion (C01–C10)."""
        facts = self._facts(language)
        return [line.render(language, facts) for line in self.criteria]

    def tier_sentences(self, language: Language) -> list[str]:
        """One sentence per tier (T1–T5)."""
        facts = self._facts(language)
        return [line.render(language, facts) for line in self.tiers]

    def weighing_sentences(self, language: Language) -> list[str]:
        """What the professional weighing shows (C11–C17)."""
        facts = self._facts(language)
        return [
            f"{c.name.get(language)} ({c.id}): {c.shows.render(language, facts)}" for c in WEIGHING
        ]

    def profile_sentence(self, language: Language) -> str:
        """The weighing profile, e.g. "4 van 5 (onbekend: beschermende factoren)"."""
        unknown = [line.name.get(language) for line in self.profile if line.state == "unknown"]
        text = PROFILE_COUNT.render(language, {"signals": self.profile_signals})
        if unknown:
            text += f" ({PROFILE_UNKNOWN.render(language, {'names': ', '.join(unknown)})})"
        if self.facts.get("not_motivatable", False):
            text += f"; {NOT_MOTIVATABLE.get(language)}"
        return text

    def summary(self, language: Language) -> str:
        """The decisive reason in a few words, for the list."""
        return decisive_reason(
            self.band, self.provisional_band, self.decisive, self._facts(language), language
        )

    def sentences(self, language: Language) -> list[str]:
        """The whole explanation as readable lines."""
        head = self.summary(language)
        if self.band != "not_yet":
            head = f"{BAND_LABELS[self.band].get(language)}: {head}"
        warnings = [f"⚠ {warning_text(w, language)}" for w in self.warnings]
        return [head, *self.criterion_sentences(language), *warnings]


def explain(
    inputs: DetaineeInputs, result: Mapping[str, Any], policy: Policy, as_of: date
) -> Explanation:
    """The explanation of one scored detainee (`result` is a row of `scoring.score`)."""
    open_bands = dict(result["open_questions"])
    criteria = tuple(
        Line(
            id=c.id,
            name=c.name,
            state=_state(result, c.id),
            sentence=c.sentences.for_state(_state(result, c.id)),
            band=c.band,
            decisive=result["decisive"] == c.id,
            open_question_band=open_bands.get(c.id),
            gives_way_to=(
                c.yields_to
                if c.yields_to is not None and _state(result, c.yields_to) == "true"
                else None
            ),
        )
        for c in AUTOMATED
    )
    tiers = tuple(
        _plain_line(t.id, t.name, _state(result, t.id), t.sentences.for_state) for t in TIERS
    )
    profile = tuple(
        _plain_line(p.id, p.name, _state(result, p.id), STATE_LABELS.__getitem__) for p in PROFILE
    )
    return Explanation(
        skn=str(result["skn"]),
        band=str(result["band"]),
        provisional_band=str(result["provisional_band"]),
        decisive=result["decisive"],
        criteria=criteria,
        tiers=tiers,
        profile=profile,
        profile_signals=int(result["profile_signals"]),
        profile_known=int(result["profile_known"]),
        tier_score=int(result["tier_score"]),
        warnings=tuple(result["warnings"]),
        policy_version=policy.version,
        as_of=as_of,
        facts=_facts(inputs, policy, as_of),
    )


def _plain_line(item_id: str, name: Text, state: State, sentence: Callable[[State], Text]) -> Line:
    """A tier or profile line: its state in words, no band of its own."""
    return Line(id=item_id, name=name, state=state, sentence=sentence(state))


def _state(result: Mapping[str, Any], item_id: str) -> State:
    value = str(result[f"state_{item_id}"])
    for state in STATE_LABELS:
        if state == value:
            return state
    raise ValueError(f"{item_id}: unknown state {value!r}")


def _facts(inputs: DetaineeInputs, policy: Policy, as_of: date) -> dict[str, Any]:
    """Values the sentences quote, computed for one detainee."""
    facts: dict[str, Any] = {
        **policy.threshold_values(),
        "policy_version": policy.version,
        "offence_article": inputs.offence_article or UNKNOWN_VALUE,
    }
    if inputs.intake_date is not None:
        facts["day"] = (as_of - inputs.intake_date).days
    if inputs.date_of_birth is not None:
        born = inputs.date_of_birth
        age = as_of.year - born.year - ((as_of.month, as_of.day) < (born.month, born.day))
        facts["age"] = age
        facts["age_text"] = Text(f"{age} jaar", f"aged {age}")
    else:
        facts["age_text"] = Text("leeftijd onbekend", "age unknown")
    facts["asr"] = _yes_no(inputs.asr_framework_applied)
    if inputs.intake_date is not None and inputs.expected_release_date is not None:
        facts["stay_days"] = (inputs.expected_release_date - inputs.intake_date).days
    facts["risc_date"] = date_text(inputs.risc_date) if inputs.risc_date else UNKNOWN_VALUE
    facts["risk"] = _level(inputs.recidivism_risk)
    facts["injury_risk"] = _level(inputs.injury_risk)
    facts["absconding_risk"] = _level(inputs.absconding_risk)
    dates = [d for d in (inputs.latest_information_date, inputs.risc_date) if d is not None]
    if not inputs.has_probation_record:
        facts["information"] = Text("geen dossier", "no record")
    elif not dates:
        facts["information"] = Text("geen gedateerde informatie", "no dated information")
    else:
        age_days = (as_of - max(dates)).days
        facts["information_age_days"] = age_days
        facts["information"] = Text(
            f"nieuwste informatie {age_days} dagen oud", f"newest information {age_days} days old"
        )
    factors = inputs.criminogenic_factors
    facts["factor_count"] = len(set(factors)) if factors is not None else UNKNOWN_VALUE
    facts["criminogenic_factors"] = _list(
        factors, lambda f: FACTOR_LABELS.get(f) or Text(f, f.replace("_", " "))
    )
    facts["protective_factors"] = _list(inputs.protective_factors)
    facts["special_conditions"] = _list(inputs.special_conditions)
    facts["care_contacts"] = _list(inputs.care_contacts)
    facts["self_reliance"] = _vocab(inputs.self_reliance, SELF_RELIANCE_LABELS)
    facts["motivation"] = _vocab(inputs.motivation, MOTIVATION_LABELS)
    facts["lvb"] = _yes_no(inputs.scil_lvb_indication)
    facts["not_motivatable"] = inputs.motivation == "not_motivatable"
    return facts


def _yes_no(value: bool | None) -> Text:
    if value is None:
        return UNKNOWN_VALUE
    return YES if value else NO


def _level(value: str | None) -> Text:
    return _vocab(value, LEVEL_LABELS)


def _vocab(value: str | None, labels: Mapping[str, Text]) -> Text:
    if value is None:
        return UNKNOWN_VALUE
    return labels.get(value) or Text(value, value)


def _list(items: tuple[str, ...] | None, label: Any = None) -> Text:
    if items is None:
        return UNKNOWN_VALUE
    if not items:
        return NONE_LIST
    if label is None:
        joined = ", ".join(items)
        return Text(joined, joined)
    texts = [label(item) for item in items]
    return Text(", ".join(t.nl for t in texts), ", ".join(t.en for t in texts))


def describe_change(
    old_states: Mapping[str, str],
    new_states: Mapping[str, str],
    old_band: str,
    new_band: str,
    language: Language,
) -> str:
    """A signal sentence: which criteria changed state and how the band moved.

    e.g. "Lopende adviesvraag (C05): waar → niet waar; aanhouden → professionele weging".
    States are keyed by criterion id ('C05') or state column ('state_C05').
    """

    def state_of(states: Mapping[str, str], item_id: str) -> str | None:
        return states.get(item_id, states.get(f"state_{item_id}"))

    changes = []
    for criterion in AUTOMATED:
        before, after = state_of(old_states, criterion.id), state_of(new_states, criterion.id)
        if before != after and after is not None:
            before_label = STATE_LABELS[before].get(language) if before in STATE_LABELS else "—"
            after_label = STATE_LABELS[after].get(language) if after in STATE_LABELS else "—"
            changes.append(
                f"{criterion.name.get(language)} ({criterion.id}): {before_label} → {after_label}"
            )
    band_move = f"{band_label(old_band, language)} → {band_label(new_band, language)}"
    return "; ".join([*changes, band_move])
