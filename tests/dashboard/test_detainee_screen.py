"""The detainee page: what it shows, and overrides, withdrawals, decisions and signals."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest
from screens import (
    band_of,
    errors,
    field,
    list_table,
    markers_of,
    no_exceptions,
    open_detainee,
    open_list,
    submit,
    unescaped,
)
from streamlit.testing.v1 import AppTest

from dashboard import data
from dashboard.forms import DECISIONS
from dashboard.i18n import catalogue
from scoring.fields import FIELD_BY_NAME, GROUP_BY_KEY
from scoring.policy import Policy
from scoring.vocabulary import BAND_RANK
from storage.actor import Actor
from storage.choices import DECISION_SHORT_LABELS
from storage.listing import list_current_admissions
from storage.overrides import withdraw_override
from storage.policies import publish_policy
from storage.records import detainee_record, find_admission

DUTCH = catalogue("nl")
GOOD_REASON = "Casemanager maakt zich zorgen over de thuissituatie na het laatste bezoek."


def current() -> pd.DataFrame:
    return list_current_admissions(data.database())


def plain_detainee() -> pd.Series:
    """A detainee in the priority band without override, signal or decision."""
    rows = current()
    chosen = rows[
        (rows["band"] == "priority")
        & rows["override_id"].isna()
        & (rows["unseen_signals"] == 0)
        & rows["decision"].isna()
        & rows["name"].notna()
    ]
    return chosen.iloc[0]


def stored(skn: str):  # type: ignore[no-untyped-def]
    database = data.database()
    admission = find_admission(database, skn)
    assert admission is not None
    return detainee_record(database, admission)


def fill_override(at: AppTest, band: str | None, reason: str | None, text: str) -> None:
    if band is not None:
        at.selectbox(key=field(at, "override", "band")).select(band)
    if reason is not None:
        at.selectbox(key=field(at, "override", "reason")).select(reason)
    at.text_area(key=field(at, "override", "justification")).input(text)


def test_the_page_shows_both_parts_of_the_form_grouped_as_on_paper(app: AppTest) -> None:
    person = plain_detainee()
    open_detainee(app, person["skn"])
    no_exceptions(app)
    assert app.title[0].value.replace("\\", "") == person["name"]
    markdown = [unescaped(m.value) for m in app.markdown]
    assert f"#### {DUTCH('detainee.part_1')}" in markdown
    assert f"#### {DUTCH('detainee.part_2')}" in markdown
    for group in ("person", "detention", "checkboxes", "case_manager", "information", "risk"):
        assert f"**{GROUP_BY_KEY[group].title.nl}**" in markdown
    labels = {label for table in app.table for label in table.value.index}
    wanted = {FIELD_BY_NAME["intake_date"].label.nl, FIELD_BY_NAME["recidivism_risk"].label.nl}
    assert wanted <= labels


def test_the_explanation_lists_every_criterion_with_state_and_marks_the_decisive_one(
    app: AppTest,
) -> None:
    person = plain_detainee()
    open_detainee(app, person["skn"])
    criteria = app.table[0].value
    assert len(criteria) == 10
    names = criteria[DUTCH("explanation.criterion")].tolist()
    assert [name.split("(")[-1][:3] for name in names] == [f"C{i:02d}" for i in range(1, 11)]
    decisive = [name for name in names if "★" in name]
    assert len(decisive) == 1 and person["decisive"] in decisive[0]
    states = set(criteria[DUTCH("explanation.state")].str.split("\u00a0", n=1).str[1])
    assert states <= {"waar", "niet\u00a0waar", "onbekend", "uitgeschakeld", "buiten\u00a0fase"}
    markdown = unescaped(" ".join(m.value for m in app.markdown))
    assert DUTCH("explanation.open_questions") in markdown
    assert DUTCH("explanation.profile") in markdown
    assert "(C11)" in markdown and "(C17)" in markdown


def test_an_unknown_skn_says_so_and_offers_the_search(app: AppTest) -> None:
    open_detainee(app, "0000000")
    no_exceptions(app)
    assert errors(app) == [DUTCH("detainee.not_found", skn="0000000")]
    assert app.text_input(key="finder_search") is not None


def test_the_search_without_an_skn_finds_and_opens_a_detainee(app: AppTest) -> None:
    person = plain_detainee()
    app.run()
    app.switch_page("screens/detainee.py").run()
    app.text_input(key="finder_search").input(person["skn"]).run()
    app.button(key=f"finder_{person['skn']}").click().run()
    no_exceptions(app)
    assert app.query_params["skn"] == person["skn"]
    assert app.title[0].value.replace("\\", "") == person["name"]


@pytest.mark.parametrize(
    ("band", "reason", "text", "field_error"),
    [
        (None, "cm_concern", GOOD_REASON, "forms.errors.band"),
        ("weighing", None, GOOD_REASON, "forms.errors.reason_category"),
        ("weighing", "cm_concern", "  te kort  ", "forms.errors.justification"),
    ],
    ids=["no band", "no reason", "too short"],
)
def test_an_invalid_override_shows_the_error_in_place_and_stores_nothing(
    signed_in_app: AppTest, band: str | None, reason: str | None, text: str, field_error: str
) -> None:
    person = plain_detainee()
    open_detainee(signed_in_app, person["skn"])
    fill_override(signed_in_app, band, reason, text)
    submit(signed_in_app, DUTCH("override.submit"))
    no_exceptions(signed_in_app)
    expected = DUTCH(field_error, minimum=20, count=len(text.strip()))
    assert errors(signed_in_app) == [expected]
    assert stored(person["skn"]).overrides == []
    # What was typed stays, so the user can fix it.
    assert (
        signed_in_app.text_area(key=field(signed_in_app, "override", "justification")).value == text
    )


def test_an_auditor_reads_a_detainee_but_gets_no_override_or_decision_form(
    app_as: Callable[[str], AppTest],
) -> None:
    auditor = app_as("auditor")
    person = plain_detainee()
    open_detainee(auditor, person["skn"])
    no_exceptions(auditor)
    labels = [button.label for button in auditor.button]
    assert DUTCH("override.submit") not in labels and DUTCH("decision.submit") not in labels


def overridden(at: AppTest, band: str, reason: str) -> pd.Series:
    """A plain detainee, opened, whose band the user overrode to `band` for `reason`."""
    person = plain_detainee()
    open_detainee(at, person["skn"])
    fill_override(at, band, reason, GOOD_REASON)
    submit(at, DUTCH("override.submit"))
    return person


def test_a_valid_override_is_recorded_with_the_user_and_appears_on_the_list(
    signed_in_app: AppTest,
) -> None:
    person = overridden(signed_in_app, "no_priority", "capacity")
    no_exceptions(signed_in_app)
    assert errors(signed_in_app) == []
    assert [s.value for s in signed_in_app.success] == [DUTCH("override.saved")]
    assert (
        signed_in_app.text_area(key=field(signed_in_app, "override", "justification")).value == ""
    )

    (override,) = stored(person["skn"]).overrides
    assert (override.band, override.reason_category, override.justification) == (
        "no_priority",
        "capacity",
        GOOD_REASON,
    )
    assert (override.user_name, override.user_role) == ("Anna de Vries", "case_manager")
    assert override.automated_band == "priority"

    table = list_table(open_list(signed_in_app))
    row = table[table["skn"] == person["skn"]].iloc[0]
    assert band_of(row["band"]) == "no_priority"
    assert row["automated_band"] == DUTCH.band("priority")
    assert "override" in markers_of(row["markers"])
    priority_rows = [band_of(band) == "priority" for band in table["band"]]
    assert table.index[table["skn"] == person["skn"]][0] > max(
        i for i, is_priority in enumerate(priority_rows) if is_priority
    ), "the row moved down to the no-priority group"


def test_withdrawing_an_override_needs_a_reason_and_restores_the_automated_band(
    signed_in_app: AppTest,
) -> None:
    person = overridden(signed_in_app, "defer", "new_information")

    signed_in_app.text_area(key=field(signed_in_app, "withdraw", "justification")).input("kort")
    submit(signed_in_app, DUTCH("withdraw.submit"))
    assert errors(signed_in_app) == [DUTCH("forms.errors.justification", minimum=20, count=4)]
    assert [o.kind for o in stored(person["skn"]).overrides] == ["override"]

    signed_in_app.text_area(key=field(signed_in_app, "withdraw", "justification")).input(
        "Advies is binnen; de automatische band klopt weer."
    )
    submit(signed_in_app, DUTCH("withdraw.submit"))
    no_exceptions(signed_in_app)
    assert [s.value for s in signed_in_app.success] == [DUTCH("withdraw.saved")]
    record = stored(person["skn"])
    assert [o.kind for o in record.overrides] == ["override", "withdrawal"]
    assert record.overrides[1].user_name == "Anna de Vries"
    assert record.active_override is None

    table = list_table(open_list(signed_in_app))
    row = table[table["skn"] == person["skn"]].iloc[0]
    assert band_of(row["band"]) == "priority"
    assert row["automated_band"] == ""


def test_a_decision_is_recorded_with_who_and_shown_on_page_and_list(
    signed_in_app: AppTest,
) -> None:
    person = plain_detainee()
    open_detainee(signed_in_app, person["skn"])
    submit(signed_in_app, DUTCH("decision.submit"))
    assert set(errors(signed_in_app)) == {
        DUTCH("forms.errors.option"),
        DUTCH("forms.errors.explanation"),
    }
    assert stored(person["skn"]).decisions == []

    signed_in_app.selectbox(key=field(signed_in_app, "decision", "option")).select(DECISIONS[3])
    signed_in_app.text_area(key=field(signed_in_app, "decision", "explanation")).input(
        "Toezicht voorbereiden met RW."
    )
    signed_in_app.text_input(key=field(signed_in_app, "decision", "partner")).input(
        "Bram Reclassering"
    )
    submit(signed_in_app, DUTCH("decision.submit"))
    no_exceptions(signed_in_app)
    assert [s.value for s in signed_in_app.success] == [DUTCH("decision.saved")]
    (decision,) = stored(person["skn"]).decisions
    assert (decision.option, decision.partner_name, decision.user_name, decision.user_role) == (
        DECISIONS[3],
        "Bram Reclassering",
        "Anna de Vries",
        "case_manager",
    )
    assert any("Toezicht voorbereiden met RW" in m.value for m in signed_in_app.markdown)

    table = list_table(open_list(signed_in_app))
    row = table[table["skn"] == person["skn"]].iloc[0]
    assert row["decision"] == DECISION_SHORT_LABELS[DECISIONS[3]].nl


def test_a_new_signal_shows_what_changed_and_can_be_marked_seen(signed_in_app: AppTest) -> None:
    rows = current()
    person = rows[rows["unseen_signals"] > 0].iloc[0]
    unseen = {s.signal_id for s in stored(person["skn"]).signals if s.seen_at is None}
    open_detainee(signed_in_app, person["skn"])
    warnings = [w.value for w in signed_in_app.warning]
    assert any(w.startswith(DUTCH("signals.changed", when="")[:20]) and "→" in w for w in warnings)
    signed_in_app.button(key="mark_signals_seen").click().run()
    no_exceptions(signed_in_app)
    assert [s.value for s in signed_in_app.success] == [DUTCH("signals.marked")]
    signals = stored(person["skn"]).signals
    assert all(s.seen_at is not None for s in signals)
    # Signals a demo colleague saw earlier keep their name; the ones unseen until now get ours.
    assert {(s.seen_by, s.seen_role) for s in signals if s.signal_id in unseen} == {
        ("Anna de Vries", "case_manager")
    }
    table = list_table(open_list(signed_in_app))
    row = table[table["skn"] == person["skn"]].iloc[0]
    assert "signal" not in markers_of(row["markers"])


def test_a_stale_override_asks_for_review_and_shows_what_changed(app: AppTest) -> None:
    rows = current()
    person = rows[rows["override_stale"]].iloc[0]
    open_detainee(app, person["skn"])
    no_exceptions(app)
    assert DUTCH("override.stale") in [w.value for w in app.warning]
    changes = app.table[0].value
    assert list(changes.columns) == [
        DUTCH("history.field"),
        DUTCH("history.before"),
        DUTCH("history.after"),
    ]
    assert len(changes) >= 1


def test_the_history_shows_assessments_and_input_versions(app: AppTest) -> None:
    rows = current()
    person = rows[rows["input_version"] > 1].iloc[0]
    open_detainee(app, person["skn"])
    (history,) = [
        frame.value for frame in app.dataframe if DUTCH("history.band") in frame.value.columns
    ]
    assert len(history) >= 1
    assert set(history[DUTCH("history.band")]) <= {DUTCH.band(b) for b in BAND_RANK}
    titles = [m.value for m in app.markdown if m.value.startswith("**Versie ")]
    assert len(titles) == int(person["input_version"])


def test_an_override_on_a_result_that_changed_meanwhile_is_refused_until_seen(
    signed_in_app: AppTest,
) -> None:
    person = plain_detainee()
    open_detainee(signed_in_app, person["skn"])
    # Meanwhile a capacity manager publishes a policy: everyone is scored again.
    publish_policy(
        data.database(),
        Policy(version="strenger", short_stay_days=35),
        Actor("Carla Capaciteit", "capacity_manager"),
        "korter verblijf telt zwaarder",
    )
    fill_override(signed_in_app, "weighing", "cm_concern", GOOD_REASON)
    submit(signed_in_app, DUTCH("override.submit"))
    assert errors(signed_in_app) == [DUTCH("forms.errors.stale_assessment")]
    assert stored(person["skn"]).overrides == []

    # The page now shows the new result; the same form, submitted again, is stored on it.
    submit(signed_in_app, DUTCH("override.submit"))
    assert errors(signed_in_app) == []
    (override,) = stored(person["skn"]).overrides
    assert override.policy_version == "strenger"


def test_withdrawing_an_override_a_colleague_already_withdrew_is_refused(
    signed_in_app: AppTest,
) -> None:
    rows = current()
    person = rows[rows["override_id"].notna() & ~rows["override_stale"]].iloc[0]
    open_detainee(signed_in_app, person["skn"])
    withdraw_override(
        data.database(),
        int(person["override_id"]),
        "Collega trekt de override in na het MDO van vandaag.",
        Actor("Bram Reclassering", "probation_worker"),
    )
    signed_in_app.text_area(key=field(signed_in_app, "withdraw", "justification")).input(
        "Ik trek de override in, de situatie is veranderd."
    )
    submit(signed_in_app, DUTCH("withdraw.submit"))
    assert errors(signed_in_app) == [DUTCH("forms.errors.override_changed")]
    withdrawals = [o for o in stored(person["skn"]).overrides if o.kind == "withdrawal"]
    assert [w.user_name for w in withdrawals][-1:] == ["Bram Reclassering"]


def test_after_a_withdrawal_the_withdrawal_form_is_gone(signed_in_app: AppTest) -> None:
    rows = current()
    person = rows[rows["override_id"].notna() & ~rows["override_stale"]].iloc[0]
    open_detainee(signed_in_app, person["skn"])
    signed_in_app.text_area(key=field(signed_in_app, "withdraw", "justification")).input(
        "Ik trek de override in, de situatie is veranderd."
    )
    submit(signed_in_app, DUTCH("withdraw.submit"))
    assert [s.value for s in signed_in_app.success] == [DUTCH("withdraw.saved")]
    assert DUTCH("withdraw.submit") not in [button.label for button in signed_in_app.button]


def test_a_sittard_case_manager_opens_an_arnhem_detainee_only_with_a_logged_reason(
    app_as: Callable[[str], AppTest],
) -> None:
    rows = current()
    person = rows[rows["pi"] == "Arnhem"].iloc[0]
    at = app_as("cm.sittard")
    open_detainee(at, person["skn"])
    no_exceptions(at)
    assert [h.value for h in at.subheader] == [DUTCH("identity.outside_heading", pi="Arnhem")]
    assert person["name"] not in " ".join(title.value for title in at.title)
    at.text_area[0].input("Overplaatsing naar Sittard wordt voorbereid.")
    submit(at, DUTCH("identity.outside_open"))
    no_exceptions(at)
    assert any(person["name"] in title.value for title in at.title)
    assert DUTCH("override.submit") not in [button.label for button in at.button]
    log = data.access_log(actor=Actor("test", "auditor"), skn=person["skn"])
    events = list(zip(log["event"], log["outcome"], log["user_name"], strict=True))
    assert ("view_detainee", "refused", "cm.sittard") in events
    assert ("access_outside_prison", "ok", "cm.sittard") in events


def test_the_decision_partner_is_picked_from_the_other_role_with_access_or_marked_typed(
    signed_in_app: AppTest,
) -> None:
    rows = current()
    person = rows[(rows["pi"] == "Sittard") & rows["decision"].isna()].iloc[0]
    open_detainee(signed_in_app, person["skn"])
    partners = signed_in_app.selectbox(key=field(signed_in_app, "decision", "partner_account"))
    assert list(partners.options) == ["rw.sittard"]  # probation workers with access to Sittard
    partners.select("rw.sittard")
    signed_in_app.selectbox(key=field(signed_in_app, "decision", "option")).select(DECISIONS[3])
    signed_in_app.text_area(key=field(signed_in_app, "decision", "explanation")).input(
        "Samen besproken in het MDO."
    )
    submit(signed_in_app, DUTCH("decision.submit"))
    no_exceptions(signed_in_app)
    assert stored(person["skn"]).decisions[-1].partner_name == "rw.sittard"
    bodies = " ".join(m.value for m in signed_in_app.markdown)
    assert unescaped(DUTCH("decision.with", name="rw.sittard")) in unescaped(bodies)
    assert unescaped(DUTCH("decision.with_typed", name="rw.sittard")) not in unescaped(bodies)


def test_a_typed_decision_partner_is_marked_as_without_an_account(signed_in_app: AppTest) -> None:
    person = plain_detainee()
    open_detainee(signed_in_app, person["skn"])
    signed_in_app.selectbox(key=field(signed_in_app, "decision", "option")).select(DECISIONS[3])
    signed_in_app.text_area(key=field(signed_in_app, "decision", "explanation")).input(
        "Samen besproken in het MDO."
    )
    signed_in_app.text_input(key=field(signed_in_app, "decision", "partner")).input("Bram Buiten")
    submit(signed_in_app, DUTCH("decision.submit"))
    bodies = unescaped(" ".join(m.value for m in signed_in_app.markdown))
    assert unescaped(DUTCH("decision.with_typed", name="Bram Buiten")) in bodies


def test_a_second_users_override_after_the_first_is_refused_naming_who_recorded_what(
    app: AppTest, app_as: Callable[[str], AppTest]
) -> None:
    rows = current()
    person = rows[
        (rows["pi"] == "Sittard") & (rows["band"] == "weighing") & rows["override_id"].isna()
    ].iloc[0]
    worker = open_detainee(app_as("rw.sittard"), person["skn"])  # both pages loaded first
    open_detainee(app, person["skn"])
    fill_override(app, "priority", "cm_concern", GOOD_REASON)
    submit(app, DUTCH("override.submit"))
    assert [s.value for s in app.success] == [DUTCH("override.saved")]

    fill_override(worker, "defer", "capacity", GOOD_REASON)
    submit(worker, DUTCH("override.submit"))
    no_exceptions(worker)
    (message,) = errors(worker)
    assert "Anna de Vries" in unescaped(message) and "prioriteit" in unescaped(message)
    assert [o.band for o in stored(person["skn"]).overrides] == ["priority"]
    # The page now shows the colleague's override: a second, informed attempt is stored.
    fill_override(worker, "defer", "capacity", GOOD_REASON)
    submit(worker, DUTCH("override.submit"))
    assert [o.band for o in stored(person["skn"]).overrides] == ["priority", "defer"]
