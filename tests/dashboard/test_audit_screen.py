"""The audit page (issue 12): the auditor filters the overrides and decisions of the demo,
reads one override's detail, sees the analytics with the criteria most overruled, takes the
list away as a file — the download logged — verifies every record and replays assessments, in
Dutch and English. AppTest on the demo database as `auditor`."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
from screens import no_exceptions, unescaped
from streamlit.testing.v1 import AppTest

from dashboard.formatting import format_count
from dashboard.i18n import catalogue
from dashboard.language import LANGUAGE_KEY
from scoring.version import rules_version
from scoring.vocabulary import BAND_ORDER
from storage.access_log import access_entries
from storage.audit_analytics import audit_analytics
from storage.audit_views import override_list
from storage.connect import open_database

TEXTS = catalogue("nl")
ENGLISH = catalogue("en")
ALTER_FIRST_OVERRIDE = "UPDATE overrides SET justification = 'Zomaar.' WHERE id = 1"


@pytest.fixture
def audit(app_as: Callable[[str], AppTest]) -> AppTest:
    """The audit page, signed in as the auditor."""
    at = app_as("auditor")
    at.run()
    at.switch_page("screens/audit.py").run()
    no_exceptions(at)
    return at


def _texts_on(at: AppTest) -> str:
    parts = [*at.title, *at.subheader, *at.caption, *at.markdown, *at.info, *at.error]
    return "\n".join(str(part.value) for part in parts)


def _stored_overrides(url: str) -> int:
    database = open_database(url)
    try:
        return len(override_list(database))
    finally:
        database.dispose()


def _section(at: AppTest, section: str) -> AppTest:
    at.radio(key="audit_section").set_value(section).run()
    no_exceptions(at)
    return at


def _click(at: AppTest, label: object) -> AppTest:
    next(button for button in at.button if button.label == str(label)).click().run()
    no_exceptions(at)
    return at


def _entries(url: str, event: str) -> list[dict[str, object]]:
    database = open_database(url)
    try:
        entries = access_entries(database, event=event)
    finally:
        database.dispose()
    return [{**row, "detail": json.loads(row["detail"])} for row in entries.to_dict("records")]


def _tampered(url: str, tables: tuple[str, ...], *statements: str) -> None:
    """Edit the demo database behind the append-only guards' back, as a superuser could."""
    from storage.database import create_database_engine
    from tests.storage.tampering import tamper

    engine = create_database_engine(url)
    try:
        tamper(engine, tables, *statements)
    finally:
        engine.dispose()


def _checkpoint_stored(url: str) -> None:
    """What the operator does with `som audit checkpoint`."""
    from storage.integrity import database_audit_key, make_checkpoint

    database = open_database(url)
    try:
        make_checkpoint(database, database_audit_key(database))
    finally:
        database.dispose()


def test_the_auditor_sees_every_override(audit: AppTest, demo_database: str) -> None:
    assert str(TEXTS("audit.title")) in _texts_on(audit)
    count = _stored_overrides(demo_database)
    assert count > 0, "the demo holds overrides"
    table = audit.dataframe[0]
    assert len(table.value) == count


def test_the_analytics_section_shows_the_criteria_most_overruled(audit: AppTest) -> None:
    _section(audit, "analytics")
    assert str(TEXTS("audit.most_overruled")) in _texts_on(audit)
    assert audit.get("plotly_chart"), "the analytics are drawn"
    assert not audit.dataframe, "the list is not drawn with the analytics"


def test_the_analytics_name_flag_reasons_and_break_down_per_prison_user_and_policy(
    audit: AppTest, demo_database: str
) -> None:
    _section(audit, "analytics")
    shown = _texts_on(audit)
    for title in (
        "audit.by_criterion_prison",
        "audit.by_prison",
        "audit.by_user",
        "audit.by_policy",
    ):
        assert str(TEXTS(title)) in shown
    database = open_database(demo_database)
    try:
        figures = audit_analytics(database)
    finally:
        database.dispose()
    most = audit.table[0].value
    flagged_words = most[str(TEXTS("audit.columns.flagged"))].tolist()
    expected = [
        ", ".join(str(TEXTS(f"audit.flag_reasons.{r}")) for r in reasons.split(",") if r)
        for reasons in figures.most_overruled["flag_reasons"]
    ]
    assert [unescaped(w) for w in flagged_words] == expected
    pairs = audit.table[1].value
    overruled = figures.by_criterion_prison[figures.by_criterion_prison["overridden"] > 0]
    assert len(pairs) == len(overruled)
    rates = [float(unescaped(r).rstrip("%")) for r in pairs[str(TEXTS("audit.columns.rate"))]]
    assert rates == sorted(rates, reverse=True)
    per_prison = audit.table[2].value
    prisons = per_prison[str(TEXTS("audit.columns.pi"))].tolist()
    assert prisons == figures.by_prison["pi"].tolist()
    overridden = per_prison[str(TEXTS("audit.columns.overridden"))].tolist()
    assert [int(n) for n in overridden] == figures.by_prison["overridden"].tolist()


def test_a_filter_narrows_the_list(audit: AppTest) -> None:
    direction = next(box for box in audit.selectbox if box.key == "audit_direction")
    direction.select("up").run()
    no_exceptions(audit)
    table = audit.dataframe[0]
    assert set(table.value[str(TEXTS("audit.list_columns.direction"))]) <= {
        str(TEXTS("audit.direction_values.up"))
    }


def test_an_unknown_criterion_is_named_not_a_traceback(audit: AppTest) -> None:
    box = next(box for box in audit.text_input if box.key == "audit_decisive")
    box.input("C99").run()
    assert not audit.exception
    expected = str(
        TEXTS("audit.errors.decisive", found="C99", first="C01", last="C10", none="none")
    )
    assert [str(error.value) for error in audit.error] == [expected]


def test_a_period_ending_before_it_starts_is_named_in_dutch_dates(audit: AppTest) -> None:
    from datetime import date

    audit.date_input(key="audit_since").set_value(date(2026, 3, 10)).run()
    audit.date_input(key="audit_until").set_value(date(2026, 3, 1)).run()
    assert [str(error.value) for error in audit.error] == [
        str(TEXTS("audit.errors.period", first="10-03-2026", last="01-03-2026"))
    ]


def test_the_detail_shows_the_justification(audit: AppTest) -> None:
    assert str(TEXTS("audit.justification")) in _texts_on(audit)


def test_a_download_is_prepared_and_logged(audit: AppTest, demo_database: str) -> None:
    prepare = str(TEXTS("audit.prepare", format="CSV"))
    next(button for button in audit.button if button.label == prepare).click().run()
    no_exceptions(audit)
    database = open_database(demo_database)
    try:
        entry = access_entries(database, event="export").iloc[0]
    finally:
        database.dispose()
    assert entry["user_name"] == "auditor"
    detail = json.loads(entry["detail"])
    assert (detail["export"], detail["format"], detail["out"]) == ("overrides", "csv", "download")


def test_a_case_manager_has_no_audit_page(app: AppTest) -> None:
    app.run()
    try:
        app.switch_page("screens/audit.py").run()
    except Exception as refused:  # AppTest refuses a page that is not in the navigation
        assert "audit" in str(refused)
        return
    assert str(TEXTS("audit.title")) not in _texts_on(app)


def test_a_semicolon_pseudonymised_download_is_logged_with_its_options(
    audit: AppTest, demo_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOM_PSEUDONYM_KEY", "een-geheime-sleutel-voor-onderzoek")
    audit.radio(key="audit_delimiter").set_value(";").run()
    audit.toggle(key="audit_pseudonymise").set_value(True).run()
    _click(audit, TEXTS("audit.prepare", format="CSV"))
    [entry] = _entries(demo_database, "export")
    detail = entry["detail"]
    assert isinstance(detail, dict)
    assert (detail["delimiter"], detail["pseudonymised"]) == (";", True)


def test_a_pseudonymised_download_without_a_key_says_so_and_exports_nothing(
    audit: AppTest, demo_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOM_PSEUDONYM_KEY", raising=False)
    audit.toggle(key="audit_pseudonymise").set_value(True).run()
    _click(audit, TEXTS("audit.prepare", format="JSON"))
    assert [str(error.value) for error in audit.error] == [
        str(TEXTS("audit.no_pseudonym_key", variable="SOM_PSEUDONYM_KEY"))
    ]
    assert _entries(demo_database, "export") == []


def test_verify_on_the_page_finds_the_demo_intact_and_is_logged(
    audit: AppTest, demo_database: str
) -> None:
    _section(audit, "proof")
    _click(audit, TEXTS("audit.proof.verify"))
    chains = audit.table[0].value
    assert set(chains[str(TEXTS("audit.proof.columns.state"))]) == {str(TEXTS("audit.proof.ok"))}
    assert str(TEXTS("audit.chains.overrides")) in set(
        chains[str(TEXTS("audit.proof.columns.chain"))]
    )
    # The demo stores no checkpoint: unaltered, but a removed tail is not ruled out.
    assert [str(w.value) for w in audit.warning] == [
        str(TEXTS("audit.proof.unaltered_unanchored", chains=len(chains)))
    ]
    assert not audit.success
    [entry] = _entries(demo_database, "verify")
    assert entry["user_name"] == "auditor"
    assert isinstance(entry["detail"], dict) and entry["detail"]["intact"] is True


def test_verify_on_the_page_names_an_altered_override_in_english(
    audit: AppTest, demo_database: str
) -> None:
    _tampered(demo_database, ("overrides",), ALTER_FIRST_OVERRIDE)
    audit.radio(key=LANGUAGE_KEY).set_value("en").run()
    _section(audit, "proof")
    _click(audit, ENGLISH("audit.proof.verify"))
    chains = audit.table[0].value.set_index(str(ENGLISH("audit.proof.columns.chain")))
    row = chains.loc[str(ENGLISH("audit.chains.overrides"))]
    assert row[str(ENGLISH("audit.proof.columns.state"))] == str(ENGLISH("audit.proof.bad"))
    expected = ENGLISH(
        "audit.problems.altered", chain=ENGLISH.texts["audit.chains.overrides"], record=1
    )
    assert row[str(ENGLISH("audit.proof.columns.first_problem"))] == str(expected)
    assert audit.error, "the page says the records are not intact"


def test_replay_every_assessment_of_the_demo_reproduces(audit: AppTest, demo_database: str) -> None:
    _section(audit, "proof")
    _click(audit, TEXTS("audit.proof.replay_all"))
    [summary] = [str(s.value) for s in audit.success]
    [entry] = _entries(demo_database, "replay")
    detail = entry["detail"]
    assert isinstance(detail, dict) and detail["replayed"] == detail["reproduced"] > 300
    count = format_count(int(detail["replayed"]), TEXTS)  # type: ignore[call-overload]
    assert summary == str(
        TEXTS(
            "audit.proof.replay_summary",
            replayed=count,
            version=rules_version(),
            reproduced=count,
            differ="0",
        )
    )


def test_replay_one_detainee_from_the_page(audit: AppTest, demo_database: str) -> None:
    skn = str(audit.dataframe[0].value[str(TEXTS("audit.list_columns.skn"))].iloc[0])
    _section(audit, "proof")
    audit.text_input(key="audit_replay_skn").input(skn).run()
    no_exceptions(audit)
    _click(audit, TEXTS("audit.proof.replay_one"))
    [said] = [str(s.value) for s in audit.success]
    assert skn in said
    [entry] = _entries(demo_database, "replay")
    assert entry["skn"] == skn
    assert isinstance(entry["detail"], dict) and entry["detail"]["status"] == "reproduced"


def test_an_unknown_skn_to_replay_is_named(audit: AppTest) -> None:
    _section(audit, "proof")
    audit.text_input(key="audit_replay_skn").input("0000000").run()
    assert [str(i.value) for i in audit.info] == [
        str(TEXTS("audit.proof.unknown_skn", skn="0000000"))
    ]


def test_the_override_detail_replays_the_assessment_it_was_made_on(
    audit: AppTest, demo_database: str
) -> None:
    _click(audit, TEXTS("audit.proof.replay_override"))
    [said] = [str(s.value) for s in audit.success]
    chosen = audit.selectbox(key="audit_detail").value
    [entry] = _entries(demo_database, "replay")
    assert entry["detail"]["status"] == "reproduced"  # type: ignore[index]
    database = open_database(demo_database)
    try:
        from storage.audit_checks import override_assessment

        assessment = override_assessment(database, int(chosen))
    finally:
        database.dispose()
    assert entry["detail"]["assessment_id"] == assessment  # type: ignore[index]
    assert str(assessment) in said


def test_the_list_speaks_the_page_s_language_with_dutch_times(audit: AppTest) -> None:
    table = audit.dataframe[0].value
    assert str(TEXTS("audit.list_columns.automated_band")) in table.columns
    recorded = table[str(TEXTS("audit.list_columns.created_at"))].tolist()
    assert all(re.fullmatch(r"\d{2}-\d{2}-\d{4} \d{2}:\d{2}", moment) for moment in recorded)
    bands = set(table[str(TEXTS("audit.list_columns.band"))])
    assert bands <= {TEXTS.band(band) for band in BAND_ORDER}


def test_the_analytics_are_prepared_as_a_file_and_logged(
    audit: AppTest, demo_database: str
) -> None:
    _section(audit, "analytics")
    _click(audit, TEXTS("audit.prepare_analytics_csv"))
    [entry] = _entries(demo_database, "export")
    detail = entry["detail"]
    assert isinstance(detail, dict)
    assert (detail["export"], detail["table"], detail["out"]) == (
        "analytics",
        "most_overruled",
        "download",
    )
    assert audit.get("download_button"), "the prepared file is offered"


def test_the_verification_report_is_offered_as_the_command_s_json(audit: AppTest) -> None:
    _section(audit, "proof")
    assert not audit.get("download_button")
    _click(audit, TEXTS("audit.proof.verify"))
    assert audit.get("download_button"), "the report is offered once made"


def test_with_a_stored_checkpoint_the_page_says_complete_and_unaltered(
    audit: AppTest, demo_database: str
) -> None:
    _checkpoint_stored(demo_database)
    _section(audit, "proof")
    _click(audit, TEXTS("audit.proof.verify"))
    chains = audit.table[0].value
    assert [str(s.value) for s in audit.success] == [
        str(TEXTS("audit.proof.intact", chains=len(chains)))
    ]


def test_a_removed_newest_decision_marks_the_decisions_row_bad(
    audit: AppTest, demo_database: str
) -> None:
    _checkpoint_stored(demo_database)
    newest = "(SELECT max(id) FROM decisions)"
    _tampered(
        demo_database,
        ("decisions", "chain_links"),
        f"DELETE FROM chain_links WHERE table_name = 'decisions' AND record_id = {newest}",
        f"DELETE FROM decisions WHERE id = {newest}",
    )
    _section(audit, "proof")
    _click(audit, TEXTS("audit.proof.verify"))
    chains = audit.table[0].value.set_index(str(TEXTS("audit.proof.columns.chain")))
    row = chains.loc[str(TEXTS("audit.chains.decisions"))]
    assert row[str(TEXTS("audit.proof.columns.state"))] == str(TEXTS("audit.proof.bad"))
    first = unescaped(row[str(TEXTS("audit.proof.columns.first_problem"))])
    assert first.startswith(str(TEXTS("audit.chains.decisions")))
    # The checkpoint it was found against is named in the page's words, by number.
    assert unescaped(str(TEXTS("audit.proof.stored_checkpoint", number=1))) in first


def test_the_monthly_chart_names_months_as_the_page_writes_dates(audit: AppTest) -> None:
    _section(audit, "analytics")
    figures = [json.loads(chart.proto.spec) for chart in audit.get("plotly_chart")]
    title = str(TEXTS("audit.time_chart"))
    [monthly] = [f for f in figures if f["layout"]["title"]["text"] == title]
    months = monthly["data"][0]["x"]
    assert months and all(re.fullmatch(r"\d{2}-\d{4}", month) for month in months)
    assert monthly["layout"]["xaxis"]["type"] == "category"


def test_after_verify_an_altered_override_is_marked_in_the_list_and_its_detail(
    audit: AppTest, demo_database: str
) -> None:
    _tampered(demo_database, ("overrides",), ALTER_FIRST_OVERRIDE)
    _section(audit, "proof")
    _click(audit, TEXTS("audit.proof.verify"))
    _section(audit, "records")
    table = audit.dataframe[0].value
    marks = dict(
        zip(
            table[str(TEXTS("audit.list_columns.override_id"))],
            table[str(TEXTS("audit.list_columns.in_doubt"))],
            strict=True,
        )
    )
    assert marks[1] == str(TEXTS("audit.in_doubt"))
    assert {mark for number, mark in marks.items() if number != 1} == {""}
    audit.selectbox(key="audit_detail").set_value(1).run()
    assert str(TEXTS("audit.detail_in_doubt")) in [str(e.value) for e in audit.error]


def test_a_detainee_looked_up_to_replay_is_logged_once_not_on_every_rerun(
    audit: AppTest, demo_database: str
) -> None:
    skn = str(audit.dataframe[0].value[str(TEXTS("audit.list_columns.skn"))].iloc[0])
    _section(audit, "proof")
    audit.text_input(key="audit_replay_skn").input(skn).run()
    _click(audit, TEXTS("audit.proof.replay_one"))
    audit.run()
    searches = [e for e in _entries(demo_database, "search") if e["skn"] == skn]
    assert len(searches) == 1
