"""The detainee page for two people at one table (issue 10, item 4): band, reason, override and
the current decision at the top; one current decision, earlier ones as history; actions in
tabs, each confirmation inside the tab of the action."""

from __future__ import annotations

import pandas as pd
from screens import field, no_exceptions, open_detainee, submit, unescaped
from streamlit.testing.v1 import AppTest

from dashboard import data
from dashboard.i18n import catalogue
from storage.actor import Actor
from storage.choices import DECISION_SHORT_LABELS
from storage.decisions import record_decision
from storage.listing import list_current_admissions
from storage.overrides import record_override
from storage.records import detainee_record, find_admission

DUTCH = catalogue("nl")
WORKER = Actor("Bram Reclassering", "probation_worker")
WHY = "Samen gewogen in het MDO: de casemanager maakt zich zorgen."


def weighing_detainee() -> pd.Series:
    """A named detainee in the weighing band without override or decision."""
    rows = list_current_admissions(data.database())
    chosen = rows[
        (rows["band"] == "weighing")
        & rows["override_id"].isna()
        & rows["decision"].isna()
        & rows["name"].notna()
    ]
    return chosen.iloc[0]


def newest_assessment(skn: str) -> tuple[int, int]:
    database = data.database()
    admission = find_admission(database, skn)
    assert admission is not None
    latest = detainee_record(database, admission).latest_assessment
    assert latest is not None
    return admission, latest.assessment_id


def decide(skn: str, option: str, explanation: str) -> None:
    admission, assessment = newest_assessment(skn)
    record_decision(
        data.database(),
        admission,
        assessment,
        option,
        explanation,
        WORKER,
        partner_name="Anna de Vries",
    )


def top(at: AppTest) -> list[str]:
    """What the main area shows above the columns, one text per element (boxes flattened)."""
    shown: list[str] = []
    for child in at.main.children.values():
        if child.type == "flex_container" and any(
            grandchild.type == "column" for grandchild in child.children.values()
        ):
            break  # the columns: explanation tabs and action tabs
        shown.append(unescaped(str(getattr(child, "value", ""))))
        shown.extend(unescaped(m.value) for m in getattr(child, "markdown", []))
    return shown


def tab(at: AppTest, label: str):  # type: ignore[no-untyped-def]
    (found,) = [t for t in at.tabs if t.label == label]
    return found


def band_row(at: AppTest) -> str:
    """The HTML line of badges under the title."""
    return unescaped(next(m.value for m in at.markdown if 'class="som-band"' in m.value))


def test_the_outcome_of_the_current_decision_stands_beside_the_band(app: AppTest) -> None:
    person = weighing_detainee()
    decide(person["skn"], "no_priority", "Samen besloten: geen inzet in de PI.")
    open_detainee(app, person["skn"])
    no_exceptions(app)
    row = band_row(app)
    band_at = row.index(DUTCH.band("weighing"))
    outcome_at = row.index(f"— besluit: {DECISION_SHORT_LABELS['no_priority'].nl}")
    assert band_at < outcome_at, "the outcome follows the band on the same line"
    assert "(Bram Reclassering &amp; Anna de Vries, " in row


def test_a_weighing_detainee_without_a_decision_says_it_awaits_one(app: AppTest) -> None:
    person = weighing_detainee()
    open_detainee(app, person["skn"])
    assert unescaped(DUTCH("detainee_page.awaiting")) in band_row(app)


def test_the_top_holds_band_reason_and_the_override_in_force_before_the_tabs(
    app: AppTest,
) -> None:
    person = weighing_detainee()
    admission, assessment = newest_assessment(person["skn"])
    record_override(data.database(), admission, assessment, "priority", "cm_concern", WHY, WORKER)
    decide(person["skn"], "probation_prepare_supervision", "Toezicht voorbereiden.")
    open_detainee(app, person["skn"])
    no_exceptions(app)
    above = top(app)
    # The band row comes first; the override box repeats the band it set.
    badges = next(text for text in above if 'class="som-band"' in text)
    assert DUTCH.band("priority") in badges and DUTCH.band("weighing") in badges
    assert DECISION_SHORT_LABELS["probation_prepare_supervision"].nl in badges
    assert any(text.startswith("**Waarom:**") for text in above)
    assert any(WHY in text for text in above), "the override's justification is at the top"


def test_with_two_decisions_only_the_latest_is_current_and_the_earlier_is_history(
    app: AppTest,
) -> None:
    person = weighing_detainee()
    decide(person["skn"], "request_advice", "Eerst een reclasseringsadvies aanvragen.")
    decide(person["skn"], "no_priority", "Advies is binnen: geen inzet in de PI.")
    open_detainee(app, person["skn"])
    no_exceptions(app)
    lines = [unescaped(m.value) for m in tab(app, DUTCH("detainee_page.tab_records")).markdown]
    current_at = lines.index(f"**{DUTCH('detainee_page.current_decision')}**")
    earlier_at = lines.index(f"**{DUTCH('detainee_page.earlier_decisions')}**")
    between = " ".join(lines[current_at + 1 : earlier_at])
    after = " ".join(lines[earlier_at + 1 :])
    assert "geen inzet in de PI" in between and "reclasseringsadvies" not in between
    assert "reclasseringsadvies" in after and "geen inzet in de PI" not in after
    assert DECISION_SHORT_LABELS["no_priority"].nl in band_row(app)
    assert DECISION_SHORT_LABELS["request_advice"].nl not in band_row(app)


def test_the_confirmation_of_an_override_appears_inside_the_override_tab(
    signed_in_app: AppTest,
) -> None:
    person = weighing_detainee()
    at = open_detainee(signed_in_app, person["skn"])
    at.selectbox(key=field(at, "override", "band")).select("priority")
    at.selectbox(key=field(at, "override", "reason")).select("cm_concern")
    at.text_area(key=field(at, "override", "justification")).input(WHY)
    submit(at, DUTCH("override.submit"))
    no_exceptions(at)
    saved = DUTCH("override.saved")
    assert [s.value for s in tab(at, DUTCH("detainee_page.tab_override")).success] == [saved]
    assert [s.value for s in at.success] == [saved], "shown once, in the tab only"
    # The next run (any click) no longer shows it.
    at.run()
    assert [s.value for s in at.success] == []


def test_the_withdraw_tab_stays_and_says_when_there_is_nothing_to_withdraw(app: AppTest) -> None:
    person = weighing_detainee()
    open_detainee(app, person["skn"])
    withdraw = tab(app, DUTCH("detainee_page.tab_withdraw"))
    assert [c.value for c in withdraw.caption] == [DUTCH("detainee_page.nothing_to_withdraw")]
    assert DUTCH("withdraw.submit") not in [button.label for button in app.button]


def test_a_reader_sees_the_records_tab_and_no_action_tabs(app_as) -> None:  # type: ignore[no-untyped-def]
    person = weighing_detainee()
    decide(person["skn"], "no_priority", "Samen besloten: geen inzet in de PI.")
    auditor = open_detainee(app_as("auditor"), person["skn"])
    no_exceptions(auditor)
    labels = [t.label for t in auditor.tabs]
    assert DUTCH("detainee_page.tab_records") in labels
    assert DUTCH("detainee_page.tab_override") not in labels
    assert DUTCH("detainee_page.reader") in [c.value for c in auditor.caption]


def test_the_outcome_beside_the_band_reads_in_english_too(app: AppTest) -> None:
    person = weighing_detainee()
    decide(person["skn"], "no_priority", "Decided together: no probation in the prison.")
    app.query_params["lang"] = "en"
    open_detainee(app, person["skn"])
    no_exceptions(app)
    english = catalogue("en")
    row = band_row(app)
    assert row.index(english.band("weighing")) < row.index(
        f"— decision: {DECISION_SHORT_LABELS['no_priority'].en}"
    )
    assert english("detainee_page.tab_records") in [t.label for t in app.tabs]
