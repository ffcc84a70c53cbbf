"""Explanations: every criterion and tier explains each of its states in Dutch and English,
from the same result that decided the band ("Toezicht na detentie (C07): ja → prioriteit
(beslissend)").
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from support import (
    AS_OF,
    birthday,
    days_ago,
    detainee,
    policies,
    policy,
    populations,
    score_all,
    score_one,
    sentenced,
    without_iris_row,
)

from scoring import DetaineeInputs, Explanation, Policy, describe_change, explain
from scoring.catalogue import AUTOMATED, TIERS
from scoring.text import _Lenient

OFF = policy(version="v2", criteria={"no_probation_information": False, "short_stay": False})
SHORT = {"intake_date": days_ago(40), "expected_release_date": days_ago(40) + timedelta(10)}
YOUNG = {"date_of_birth": birthday(20), "asr_framework_applied": False}

#: (item, state) → a detainee (and policy) in that state.
CASES: dict[tuple[str, str], tuple[DetaineeInputs, Policy]] = {
    ("C01", "true"): (detainee(no_residence_status=True), Policy()),
    ("C01", "false"): (detainee(), Policy()),
    ("C01", "unknown"): (detainee(no_residence_status=None), Policy()),
    ("C02", "true"): (detainee(recidivism_risk="low"), Policy()),
    ("C02", "false"): (detainee(), Policy()),
    ("C02", "unknown"): (detainee(risc_date=None), Policy()),
    ("C03", "true"): (without_iris_row(), Policy()),
    ("C03", "false"): (detainee(), Policy()),
    ("C03", "off"): (without_iris_row(), OFF),
    ("C04", "true"): (detainee(**SHORT), Policy()),
    ("C04", "false"): (detainee(), Policy()),
    ("C04", "unknown"): (detainee(expected_release_date=None), Policy()),
    ("C04", "off"): (detainee(**SHORT), OFF),
    ("C05", "true"): (detainee(advice_requested=True), Policy()),
    ("C05", "false"): (detainee(), Policy()),
    ("C05", "unknown"): (detainee(advice_requested=None), Policy()),
    ("C05", "out_of_phase"): (sentenced(advice_requested=True), Policy()),
    ("C06", "true"): (detainee(**YOUNG), Policy()),
    ("C06", "false"): (detainee(), Policy()),
    ("C06", "unknown"): (detainee(date_of_birth=None, asr_framework_applied=None), Policy()),
    ("C06", "out_of_phase"): (sentenced(**YOUNG), Policy()),
    ("C07", "true"): (detainee(supervision_after_detention=True), Policy()),
    ("C07", "false"): (detainee(), Policy()),
    ("C07", "unknown"): (detainee(supervision_after_detention=None), Policy()),
    ("C08", "true"): (detainee(article_43_3_placement=True), Policy()),
    ("C08", "false"): (detainee(), Policy()),
    ("C08", "unknown"): (detainee(article_43_3_placement=None), Policy()),
    ("C09", "true"): (detainee(tbs_imposed=True), Policy()),
    ("C09", "false"): (detainee(), Policy()),
    ("C09", "unknown"): (detainee(tbs_imposed=None), Policy()),
    ("C10", "true"): (detainee(outflow_care_authorisation=True), Policy()),
    ("C10", "false"): (detainee(), Policy()),
    ("C10", "unknown"): (detainee(outflow_care_authorisation=None), Policy()),
    ("T1", "true"): (detainee(scil_lvb_indication=True), Policy()),
    ("T1", "false"): (detainee(), Policy()),
    ("T1", "unknown"): (detainee(scil_lvb_indication=None), Policy()),
    ("T2", "true"): (detainee(offence_article="art. 287 Sr"), Policy()),
    ("T2", "false"): (detainee(), Policy()),
    ("T2", "unknown"): (detainee(offence_article=None), Policy()),
    ("T3", "true"): (detainee(recidivism_risk="high"), Policy()),
    ("T3", "false"): (detainee(), Policy()),
    ("T3", "unknown"): (detainee(risc_date=None), Policy()),
    ("T4", "true"): (detainee(criminogenic_factors=("housing", "drugs", "alcohol")), Policy()),
    ("T4", "false"): (detainee(), Policy()),
    ("T4", "unknown"): (detainee(criminogenic_factors=None), Policy()),
    ("T5", "true"): (detainee(date_of_birth=birthday(22)), Policy()),
    ("T5", "false"): (detainee(), Policy()),
    ("T5", "unknown"): (detainee(date_of_birth=None), Policy()),
}


@contextmanager
def placeholders_must_be_filled() -> Iterator[None]:
    """Make a sentence with a placeholder that has no value fail instead of showing '?'."""

    def missing(self: _Lenient, key: str) -> str:
        raise AssertionError(f"sentence placeholder {{{key}}} has no value")

    with mock.patch.object(_Lenient, "__missing__", missing):
        yield


def explanation(
    record: DetaineeInputs, rules: Policy | None = None, as_of: date = AS_OF
) -> Explanation:
    rules = rules or Policy()
    return explain(record, score_one(record, rules, as_of), rules, as_of)


def sentence_of(item: str, language: str, record: DetaineeInputs, rules: Policy) -> str:
    found = explanation(record, rules)
    with placeholders_must_be_filled():
        lines = (
            found.criterion_sentences(language)  # type: ignore[arg-type]
            if item.startswith("C")
            else found.tier_sentences(language)  # type: ignore[arg-type]
        )
    ids = [c.id for c in AUTOMATED] if item.startswith("C") else [t.id for t in TIERS]
    return lines[ids.index(item)]


def test_every_criterion_and_tier_state_has_a_case() -> None:
    expected = {(c.id, s) for c in AUTOMATED for s in ("true", "false")}
    expected |= {(c.id, "unknown") for c in AUTOMATED if c.id != "C03"}
    expected |= {(c.id, "off") for c in AUTOMATED if c.switchable}
    expected |= {(c.id, "out_of_phase") for c in AUTOMATED if c.phase == "remand"}
    expected |= {(t.id, s) for t in TIERS for s in ("true", "false", "unknown")}
    assert set(CASES) == expected


@pytest.mark.parametrize(("item", "item_state"), list(CASES))
def test_explanation_has_a_dutch_and_an_english_sentence_for_every_state(
    item: str, item_state: str
) -> None:
    record, rules = CASES[(item, item_state)]
    assert str(score_one(record, rules)[f"state_{item}"]) == item_state
    dutch = sentence_of(item, "nl", record, rules)
    english = sentence_of(item, "en", record, rules)
    for sentence in (dutch, english):
        name, _, text = sentence.partition(f" ({item}): ")
        assert name and text.strip(), sentence
        assert "{" not in text and "?" not in text, sentence
    assert dutch != english


def test_explanation_form_of_the_decisive_criterion() -> None:
    found = explanation(sentenced(supervision_after_detention=True))
    assert "Toezicht na detentie (C07): ja → prioriteit (beslissend)" in found.sentences("nl")
    assert "Supervision after detention (C07): yes → priority (decisive)" in found.sentences("en")


@pytest.mark.parametrize(
    ("record", "decisive"),
    [
        (detainee(**SHORT, latest_information_date=None, risc_date=None), "C04"),
        (detainee(no_residence_status=True, isd_imposed=True), "C01"),
        (sentenced(outflow_care_authorisation=True, supervision_after_detention=True), "C07"),
        (detainee(intake_date=days_ago(3), advice_requested=True), "C05"),
    ],
)
def test_explanation_marks_exactly_the_decisive_criterion(
    record: DetaineeInputs, decisive: str
) -> None:
    found = explanation(record)
    for language, word in (("nl", "(beslissend)"), ("en", "(decisive)")):
        marked = [s for s in found.criterion_sentences(language) if word in s]  # type: ignore[arg-type]
        assert len(marked) == 1
        assert f"({decisive}): " in marked[0]


def test_explanation_of_weighing_marks_no_criterion_decisive() -> None:
    found = explanation(detainee())
    assert found.decisive is None
    assert not any("beslissend" in s for s in found.sentences("nl"))
    assert found.sentences("nl")[0].startswith("professionele weging: ")
    assert found.sentences("en")[0].startswith("professional weighing: ")


def test_explanation_names_the_band_of_an_open_question() -> None:
    found = explanation(sentenced(no_residence_status=None, supervision_after_detention=True))
    assert (
        "Geen verblijfsstatus (C01): onbekend — als dit waar blijkt → geen prioriteit"
        in found.sentences("nl")
    )
    assert (
        "No residence status (C01): unknown — if this turns out true → no priority"
        in found.sentences("en")
    )


def test_explanation_names_c07_as_open_question_when_c10_decides() -> None:
    record = sentenced(outflow_care_authorisation=True, supervision_after_detention=None)
    c07 = sentence_of("C07", "nl", record, Policy())
    assert c07.endswith("als dit waar blijkt → prioriteit")
    c10 = sentence_of("C10", "en", record, Policy())
    assert c10.endswith("→ no priority (decisive)")


def test_explanation_of_not_yet_gives_the_day_and_the_provisional_band() -> None:
    found = explanation(sentenced(intake_date=days_ago(20), supervision_after_detention=True))
    assert found.band == "not_yet"
    assert found.sentences("nl")[0] == (
        "nog niet geprioriteerd: dag 20 van 21; voorlopig prioriteit — Toezicht na detentie (C07)"
    )
    assert found.sentences("en")[0].startswith("not yet prioritised: day 20 of 21; provisionally")


def test_explanation_of_a_switched_off_criterion_names_the_policy_version() -> None:
    record, rules = CASES[("C03", "off")]
    assert sentence_of("C03", "nl", record, rules).endswith("uitgeschakeld in beleid v2")
    assert sentence_of("C03", "en", record, rules).endswith("switched off in policy v2")


def test_explanation_of_no_probation_information_gives_the_reason() -> None:
    assert "geen dossier" in sentence_of("C03", "nl", without_iris_row(), Policy())
    old = detainee(latest_information_date=days_ago(400), risc_date=None)
    assert "400" in sentence_of("C03", "en", old, Policy())


def test_explanation_shows_the_missing_intake_date_warning() -> None:
    found = explanation(detainee(intake_date=None))
    assert found.sentences("nl")[-1] == "⚠ datum binnenkomst ontbreekt"
    assert found.sentences("en")[-1] == "⚠ intake date missing"


def test_explanation_profile_sentence_names_the_unknown_signals() -> None:
    found = explanation(detainee(protective_factors=None))
    assert found.profile_sentence("nl").startswith("1 van 5")
    assert "beschermende factoren" in found.profile_sentence("nl")
    assert found.profile_sentence("en").startswith("1 of 5")


def test_explanation_agrees_with_the_result_it_explains() -> None:
    record = detainee(advice_requested=True, no_residence_status=None)
    result = score_one(record)
    found = explain(record, result, Policy(), AS_OF)
    assert (found.band, found.provisional_band, found.decisive) == (
        result["band"],
        result["provisional_band"],
        result["decisive"],
    )
    assert [line.state for line in found.criteria] == [result[f"state_{c.id}"] for c in AUTOMATED]


@settings(max_examples=25, deadline=None)
@given(populations(AS_OF, max_size=6), policies())
def test_explanation_sentences_are_always_filled_in(
    records: list[DetaineeInputs], rules: Policy
) -> None:
    results = score_all(records, rules)
    by_skn = {r.skn: r for r in records}
    with placeholders_must_be_filled():
        for _, row in results.iterrows():
            found = explain(by_skn[row["skn"]], row.to_dict(), rules, AS_OF)
            for language in ("nl", "en"):
                lines: list[Any] = [
                    *found.sentences(language),  # type: ignore[arg-type]
                    *found.tier_sentences(language),  # type: ignore[arg-type]
                    *found.weighing_sentences(language),  # type: ignore[arg-type]
                    found.profile_sentence(language),  # type: ignore[arg-type]
                ]
                assert all(isinstance(line, str) and line for line in lines)


def test_change_signal_names_the_criteria_that_changed_and_the_band_move() -> None:
    before = score_one(detainee(advice_requested=True))
    after = score_one(detainee(advice_requested=False))
    states = [f"state_{c.id}" for c in AUTOMATED]
    signal = describe_change(
        {s: str(before[s]) for s in states},
        {s: str(after[s]) for s in states},
        before["band"],
        after["band"],
        "nl",
    )
    assert signal == "Lopende adviesvraag (C05): waar → niet waar; aanhouden → professionele weging"
