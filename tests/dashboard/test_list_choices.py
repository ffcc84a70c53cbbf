"""The list as a person comes back to it: the decision column and filter, a click on any cell,
the filters and language kept with the account and in the address."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest
import streamlit as st
from dashboard_accounts import DEFAULT_ACCOUNT, PASSWORD
from screens import list_table, no_exceptions, open_list
from streamlit.testing.v1 import AppTest

from dashboard import data
from dashboard.formatting import format_count
from dashboard.i18n import catalogue
from dashboard.language import LANGUAGE_KEY, LANGUAGE_PARAMETER
from dashboard.panels.triage_panels import TABLE_KEY
from dashboard.triage import NO_DECISION
from storage import detainee_record, find_admission
from storage.accounts import sign_in
from storage.choices import DECISION_SHORT_LABELS
from storage.listing import list_current_admissions
from storage.overrides import record_override
from storage.preferences import preference, remember

DUTCH, ENGLISH = catalogue("nl"), catalogue("en")


def decided() -> dict[str, str]:
    """SKN → current decision of the demo detainees that have one."""
    stored = list_current_admissions(data.database())
    with_one = stored[stored["decision"].notna()]
    return dict(zip(with_one["skn"], with_one["decision"], strict=True))


def test_a_row_shows_the_current_decisions_outcome(app: AppTest) -> None:
    table = list_table(open_list(app)).set_index("skn")
    outcomes = decided()
    assert outcomes, "the demo data hold decisions"
    for skn, option in outcomes.items():
        assert table.loc[skn, "decision"] == DECISION_SHORT_LABELS[option].nl
    assert set(table.drop(index=list(outcomes))["decision"]) == {""}


def test_the_decision_filter_keeps_the_rows_with_that_outcome(app: AppTest) -> None:
    outcomes = decided()
    option = sorted(outcomes.values())[0]
    open_list(app).multiselect(key="filter_decisions").set_value([option]).run()
    shown = list_table(app)
    assert sorted(shown["skn"]) == sorted(s for s, o in outcomes.items() if o == option)


def test_the_decision_filter_no_decision_yet_leaves_out_every_decided_row(app: AppTest) -> None:
    everyone = list_table(open_list(app))
    app.multiselect(key="filter_decisions").set_value([NO_DECISION]).run()
    shown = list_table(app)
    assert len(shown) == len(everyone) - len(decided())
    assert not set(shown["skn"]) & set(decided())


def test_a_click_on_the_name_opens_that_detainee(app: AppTest) -> None:
    table = list_table(open_list(app))
    chosen = table.iloc[2]
    app.session_state[TABLE_KEY] = {
        "selection": {"rows": [], "columns": [], "cells": [[2, "name"]]}
    }
    app.run()
    no_exceptions(app)
    assert app.query_params["skn"] == chosen["skn"]


def test_the_list_view_comes_back_for_the_same_account_in_a_new_session(
    app: AppTest, app_as: Callable[[str], AppTest]
) -> None:
    open_list(app).toggle(key="filter_screening_this_week").set_value(True).run()
    app.multiselect(key="filter_prisons").set_value(["Arnhem"]).run()
    again = open_list(app_as(DEFAULT_ACCOUNT))
    assert again.toggle(key="filter_screening_this_week").value is True
    assert again.multiselect(key="filter_prisons").value == ["Arnhem"]
    someone_else = open_list(app_as("cm.sittard"))
    assert someone_else.toggle(key="filter_screening_this_week").value is False


def test_a_kept_filter_that_no_longer_fits_is_left_at_its_default(
    app_as: Callable[[str], AppTest], demo_database: str
) -> None:
    actor = sign_in(data.database(), DEFAULT_ACCOUNT, PASSWORD)
    remember(
        data.database(),
        actor,
        "list_view",
        {"prisons": ["Nergens"], "only_signals": "yes", "bands": ["priority"], "gone": True},
    )
    at = open_list(app_as(DEFAULT_ACCOUNT))
    no_exceptions(at)
    assert at.multiselect(key="filter_prisons").value == []
    assert at.toggle(key="filter_only_signals").value is False
    assert at.multiselect(key="filter_bands").value == ["priority"]


def test_the_chosen_language_is_kept_with_the_account(
    app: AppTest, app_as: Callable[[str], AppTest]
) -> None:
    open_list(app).radio(key=LANGUAGE_KEY).set_value("en").run()
    actor = sign_in(data.database(), DEFAULT_ACCOUNT, PASSWORD)
    assert preference(data.database(), actor, "language") == "en"
    again = open_list(app_as(DEFAULT_ACCOUNT))
    no_exceptions(again)
    assert again.title[0].value == ENGLISH("list.title")


def test_the_language_travels_in_the_address(app: AppTest) -> None:
    open_list(app)
    assert app.query_params[LANGUAGE_PARAMETER] == "nl"
    app.radio(key=LANGUAGE_KEY).set_value("en").run()
    assert app.query_params[LANGUAGE_PARAMETER] == "en"


def test_a_link_with_lang_en_opens_the_sign_in_page_in_english(anonymous_app: AppTest) -> None:
    anonymous_app.query_params[LANGUAGE_PARAMETER] = "en"
    anonymous_app.run()
    no_exceptions(anonymous_app)
    assert anonymous_app.title[0].value == ENGLISH("identity.heading")


def test_the_address_language_wins_over_the_accounts(
    app: AppTest, app_as: Callable[[str], AppTest]
) -> None:
    open_list(app).radio(key=LANGUAGE_KEY).set_value("en").run()
    linked = app_as(DEFAULT_ACCOUNT)
    linked.query_params[LANGUAGE_PARAMETER] = "nl"
    open_list(linked)
    assert linked.title[0].value == DUTCH("list.title")


def test_an_unknown_lang_in_the_address_is_ignored(anonymous_app: AppTest) -> None:
    anonymous_app.query_params[LANGUAGE_PARAMETER] = "<script>"
    anonymous_app.run()
    no_exceptions(anonymous_app)
    assert anonymous_app.title[0].value == DUTCH("identity.heading")


def choose_cell(app: AppTest, row: int) -> None:
    app.session_state[TABLE_KEY] = {
        "selection": {"rows": [], "columns": [], "cells": [[row, "skn"]]}
    }
    app.run()


def back_to_list(app: AppTest) -> pd.DataFrame:
    app.switch_page("screens/triage.py").run()
    no_exceptions(app)
    return list_table(app)


def test_coming_back_from_a_detainee_the_list_starts_at_that_row(app: AppTest) -> None:
    everyone = list_table(open_list(app))
    chosen = everyone.iloc[200]["skn"]
    choose_cell(app, 200)
    assert app.query_params["skn"] == chosen
    shown = back_to_list(app)
    assert shown.iloc[0]["skn"] == chosen
    assert list(shown["skn"]) == list(everyone["skn"].iloc[200:])
    total = format_count(len(everyone), DUTCH)
    rows = DUTCH("list.rows", first="201", last=total, total=total)
    assert rows in [caption.value for caption in app.caption]
    app.button(key="list_previous").click().run()
    assert list(list_table(app)["skn"]) == list(everyone["skn"])


def test_a_row_an_override_moved_out_of_the_filters_stays_on_top_with_a_notice(
    app: AppTest,
) -> None:
    open_list(app).multiselect(key="filter_bands").set_value(["weighing"]).run()
    chosen = list_table(app).iloc[0]["skn"]
    choose_cell(app, 0)
    admission_id = find_admission(data.database(), chosen)
    assert admission_id is not None
    latest = detainee_record(data.database(), admission_id).latest_assessment
    assert latest is not None
    assessment_id = latest.assessment_id
    record_override(
        data.database(),
        admission_id,
        assessment_id,
        "priority",
        "other",
        "MDO: voorrang wegens de afspraken van vandaag",
        sign_in(data.database(), DEFAULT_ACCOUNT, PASSWORD),
    )
    st.cache_resource.clear()  # written beside this process: the kept list would wait 15 s
    shown = back_to_list(app)
    assert shown.iloc[0]["skn"] == chosen
    notice = DUTCH("list.moved", skn=chosen, band=DUTCH.band("priority"))
    assert notice in [info.value for info in app.info]
    app.multiselect(key="filter_bands").set_value(["weighing", "defer"]).run()
    assert chosen not in set(list_table(app)["skn"])
    assert notice not in [info.value for info in app.info]


@pytest.mark.parametrize(
    ("order", "key"),
    [("newest", "days_since_intake"), ("screening_day", "screening_in_days")],
)
def test_the_list_orders_by_days_since_intake_or_screening_day(
    app: AppTest, order: str, key: str
) -> None:
    open_list(app).selectbox(key="filter_order").set_value(order).run()
    anna = sign_in(data.database(), DEFAULT_ACCOUNT, PASSWORD)
    stored = data.triage_list(anna).frame.set_index("skn")
    shown = list_table(app)["skn"]
    values = stored.loc[list(shown), key]
    known = values.dropna().abs() if order == "screening_day" else values.dropna()
    assert known.is_monotonic_increasing
    assert values.isna().sum() == 0 or values.iloc[-1:].isna().all()
