"""The finished detainee view: a stored record (`storage.records`) turned into what the page
shows — the explanation in words, history, records, the active override and the signals."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from scoring.catalogue import STATE_LABELS, TIER_BY_ID
from scoring.explain import Explanation, describe_change, explain, warning_text
from scoring.policy import Policy
from scoring.vocabulary import Language
from storage.codec import field_changes
from storage.decisions import current_and_earlier
from storage.filling import filled
from storage.records import (
    AssessmentRecord,
    DetaineeRecord,
    FieldChange,
    InputVersionRecord,
    SignalRecord,
)
from storage.views_records import (
    ActiveOverride,
    AssessmentEntry,
    CriterionLine,
    DetaineeView,
    ExplanationView,
    OpenQuestion,
    ProfileLine,
    SignalEntry,
    VersionEntry,
)


def tiers_switched_on(policy: Policy) -> bool:
    """Whether the policy counts any tier (else the tier score is always 0 and is not shown)."""
    return any(policy.tiers.model_dump().values())


def finished_detainee(
    record: DetaineeRecord,
    latest: AssessmentRecord,
    policy: Policy,
    as_of: date,
    language: Language,
    *,
    refreshing: bool = False,
) -> DetaineeView:
    """The detainee page's view of `record`, scored by `latest` at `as_of`, in `language`."""
    versions = {v.version_id: v for v in record.input_versions}
    active = record.active_override
    intake = record.inputs.intake_date
    effective = record.effective_band
    current, earlier = current_and_earlier(record.decisions)
    return DetaineeView(
        admission_id=record.admission_id,
        assessment_id=latest.assessment_id,
        inputs=record.inputs,
        band=latest.band,
        provisional_band=latest.provisional_band,
        tier_score=latest.tier_score,
        effective_band=effective if effective is not None else latest.band,
        policy_version=policy.version,
        as_of=as_of,
        days_since_intake=None if intake is None else (as_of - intake).days,
        tiers_on=tiers_switched_on(policy),
        explanation=_explanation(
            explain(record.inputs, _result_row(record.skn, latest), policy, as_of),
            policy,
            language,
        ),
        active_override=None
        if active is None
        else ActiveOverride(
            entry=active,
            stale=record.override_is_stale,
            changes=_changes_since(
                versions.get(active.input_version_id), record.input_versions[-1]
            ),
        ),
        overrides=tuple(record.overrides),
        decisions=tuple(record.decisions),
        current_decision=current,
        earlier_decisions=earlier,
        signals=tuple(_signal(s, language) for s in reversed(record.signals)),
        assessments=tuple(
            filled(
                AssessmentEntry,
                a,
                id=a.assessment_id,
                input_version=versions[a.input_version_id].version
                if a.input_version_id in versions
                else 0,
            )
            for a in record.assessments
        ),
        versions=tuple(
            VersionEntry(
                version=v.version,
                created_at=v.created_at,
                changed_feeds=v.changed_feeds,
                changes=tuple(v.changes),
            )
            for v in reversed(record.input_versions)
        ),
        refreshing=refreshing,
    )


def _explanation(explanation: Explanation, policy: Policy, language: Language) -> ExplanationView:
    """The explanation in words; sentences without their leading "name (id): "."""
    criteria = _lines(
        explanation.criteria, explanation.criterion_sentences(language), language, policy
    )
    return ExplanationView(
        summary=explanation.summary(language),
        criteria=criteria,
        open_questions=tuple(
            OpenQuestion(line.id, sentence, line.open_question_band)
            for line, sentence in zip(
                explanation.criteria, explanation.criterion_sentences(language), strict=True
            )
            if line.open_question_band is not None
        ),
        warnings=tuple(warning_text(warning, language) for warning in explanation.warnings),
        profile_sentence=explanation.profile_sentence(language),
        profile=tuple(
            ProfileLine(line.name.get(language), line.state, _state_label(line.state, language))
            for line in explanation.profile
        ),
        weighing=tuple(explanation.weighing_sentences(language)),
        tiers=_lines(explanation.tiers, explanation.tier_sentences(language), language, policy),
        tier_score=explanation.tier_score,
    )


def _lines(
    lines: Any, sentences: list[str], language: Language, policy: Policy
) -> tuple[CriterionLine, ...]:
    out = []
    for line, sentence in zip(lines, sentences, strict=True):
        name = f"{line.name.get(language)} ({line.id})"
        tier = TIER_BY_ID.get(line.id)
        out.append(
            CriterionLine(
                id=line.id,
                name=name,
                state=line.state,
                state_label=_state_label(line.state, language),
                sentence=sentence.removeprefix(f"{name}: "),
                decisive=line.decisive,
                counts=True if tier is None else policy.tier_enabled(tier.slug),
            )
        )
    return tuple(out)


def _state_label(state: str, language: Language) -> str:
    return STATE_LABELS[state].get(language)  # type: ignore[index]


def _result_row(skn: str, assessment: AssessmentRecord) -> dict[str, object]:
    """The stored assessment in the shape of a `scoring.score` row, for `scoring.explain`."""
    return {
        "skn": skn,
        "band": assessment.band,
        "provisional_band": assessment.provisional_band,
        "decisive": assessment.decisive,
        "fired": assessment.fired,
        "unknown": assessment.unknown,
        "open_questions": assessment.open_questions,
        "tiers": assessment.tiers,
        "tier_score": assessment.tier_score,
        "profile_signals": assessment.profile_signals,
        "profile_known": assessment.profile_known,
        "warnings": assessment.warnings,
        **{f"state_{item}": state for item, state in assessment.states.items()},
    }


def _changes_since(
    made_on: InputVersionRecord | None, current: InputVersionRecord
) -> tuple[FieldChange, ...]:
    """What changed in the input data between the version an override was made on and now."""
    if made_on is None or made_on.version_id == current.version_id:
        return ()
    old, new = made_on.inputs.model_dump(), current.inputs.model_dump()
    return tuple(
        FieldChange(name, before, after) for name, before, after in field_changes(old, new)
    )


def _signal(entry: SignalRecord, language: Language) -> SignalEntry:
    return SignalEntry(
        id=entry.signal_id,
        old_band=entry.old_band,
        new_band=entry.new_band,
        sentence=signal_sentence(entry.changes, entry.old_band, entry.new_band, language),
        created_at=entry.created_at,
        seen_at=entry.seen_at,
        seen_by=entry.seen_by,
        seen_role=entry.seen_role,
    )


def signal_sentence(
    changes: list[dict[str, str]], old_band: str, new_band: str, language: Language
) -> str:
    """A stored signal in words: criteria whose state changed, then the band move."""
    old = _states(changes, "old")
    new = _states(changes, "new")
    return describe_change(old, new, old_band, new_band, language)


def _states(changes: list[dict[str, str]], side: str) -> Mapping[str, str]:
    return {str(c.get("item")): str(c[side]) for c in changes if c.get(side) is not None}
