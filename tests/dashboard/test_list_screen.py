"""The triage list screen, driven through AppTest on the demo database."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from dashboard_accounts import PASSWORD, signed_in_as
from screens import band_of, counts_on_screen, list_table, markers_of, no_exceptions, open_list
from streamlit.testing.v1 import AppTest

from dashboard import data
from dashboard.i18n import catalogue
from dashboard.panels.triage_panels import TABLE_KEY
from scoring.catalogue import AUTOMATED
from scoring.explain import NO_CRITERION
from scoring.policy import Policy, TierSwitches
from scoring.vocabulary import BAND_RANK
from storage.accounts import add_account
from storage.actor import Actor
from storage.connect import open_database
from storage.listing import list_current_admissions
from storage.policies import publish_policy

DUTCH = catalogue("nl")


def shown_bands(table) -> list[str]:  # type: ignore[no-untyped-def]
    return [band_of(cell) for cell in table["band"]]


def test_the_list_shows_every_current_admission_in_effective_order(app: AppTest) -> None:
    open_list(app)
    no_exceptions(app)
    table = list_table(app)
    stored = list_current_admissions(data.database())
    assert len(table) == len(stored) > 300
    assert table["skn"].tolist() == stored["skn"].tolist()
    ranks = [BAND_RANK[band] for band in shown_bands(table)]
    assert ranks == sorted(ranks), "rows are grouped by effective band, in band order"


def test_an_override_moves_the_row_and_keeps_the_automated_band_visible(app: AppTest) -> None:
    table = list_table(open_list(app))
    overridden = table[table["automated_band"] != ""]
    assert len(overridden) > 0, "the demo holds active overrides"
    for _, row in overridden.iterrows():
        assert DUTCH.band(band_of(row["band"])) != row["automated_band"]
        assert {"override", "stale_override"} & set(markers_of(row["markers"]))


def test_every_row_names_its_decisive_criterion_in_words(app: AppTest) -> None:
    table = list_table(open_list(app))
    decisive = list_current_admissions(data.database()).set_index("skn")["decisive"]
    words = {c.id: f"{c.name.nl} ({c.id})" for c in AUTOMATED}
    decided = 0
    for skn, reason in zip(table["skn"], table["reason"], strict=True):
        criterion = decisive[skn]
        if pd.isna(criterion):
            assert NO_CRITERION.nl in reason, f"{skn}: {reason!r}"
            assert not re.search(r"\(C\d\d\)", reason), f"{skn}: {reason!r}"
        else:
            decided += 1
            assert words[criterion] in reason, f"{skn}: {reason!r} does not name {criterion}"
    assert 0 < decided < len(table), "the demo has rows with and without a deciding criterion"


def test_the_counts_per_band_add_up_to_the_rows(app: AppTest) -> None:
    table = list_table(open_list(app))
    counts = counts_on_screen(app)
    assert list(counts) == [DUTCH.band(band) for band in BAND_RANK]
    for band in BAND_RANK:
        assert counts[DUTCH.band(band)] == shown_bands(table).count(band)
    assert sum(counts.values()) == len(table)


@pytest.mark.parametrize(
    ("widget", "value", "column", "expected"),
    [
        ("filter_prisons", ["Arnhem"], "pi", {"Arnhem"}),
        ("filter_phases", ["sentenced"], "phase", {"veroordeeld"}),
    ],
)
def test_prison_and_phase_filters_keep_only_matching_rows(
    app: AppTest, widget: str, value: list[str], column: str, expected: set[str]
) -> None:
    everyone = list_table(open_list(app))
    app.multiselect(key=widget).set_value(value).run()
    narrowed = list_table(app)
    assert 0 < len(narrowed) < len(everyone)
    assert set(narrowed[column]) == expected


def test_the_band_filter_narrows_the_rows_but_not_the_counts(app: AppTest) -> None:
    open_list(app)
    counts_before = counts_on_screen(app)
    app.multiselect(key="filter_bands").set_value(["priority", "defer"]).run()
    narrowed = list_table(app)
    assert set(shown_bands(narrowed)) == {"priority", "defer"}
    assert len(narrowed) == counts_before["prioriteit"] + counts_before["aanhouden"]
    assert counts_on_screen(app) == counts_before


def test_the_counts_follow_the_prison_filter(app: AppTest) -> None:
    open_list(app)
    app.multiselect(key="filter_prisons").set_value(["Vught"]).run()
    assert sum(counts_on_screen(app).values()) == len(list_table(app))


def test_free_text_finds_a_detainee_by_skn_or_by_name(app: AppTest) -> None:
    everyone = list_table(open_list(app))
    named = everyone[everyone["name"] != ""].iloc[5]
    app.text_input(key="filter_search").input(named["skn"][2:6]).run()
    assert named["skn"] in list_table(app)["skn"].tolist()
    surname = named["name"].split()[-1]
    app.text_input(key="filter_search").input(surname.upper()).run()
    found = list_table(app)
    assert named["skn"] in found["skn"].tolist()
    assert all(surname.lower() in name.lower() for name in found["name"])


def test_only_signals_and_only_open_questions(app: AppTest) -> None:
    open_list(app)
    app.toggle(key="filter_only_signals").set_value(True).run()
    with_signals = list_table(app)
    assert len(with_signals) > 0
    assert all("signal" in markers_of(cell) for cell in with_signals["markers"])
    app.toggle(key="filter_only_signals").set_value(False)
    app.toggle(key="filter_only_open_questions").set_value(True).run()
    open_questions = list_table(app)
    assert len(open_questions) > 0
    assert all("open_question" in markers_of(cell) for cell in open_questions["markers"])


def test_filters_that_match_nobody_say_so(app: AppTest) -> None:
    open_list(app)
    app.text_input(key="filter_search").input("no such detainee").run()
    assert [info.value for info in app.info] == [DUTCH("list.empty")]


def test_choosing_a_row_opens_that_detainee(app: AppTest) -> None:
    table = list_table(open_list(app))
    chosen = table.iloc[3]
    app.session_state[TABLE_KEY] = {"selection": {"rows": [3], "columns": [], "cells": []}}
    app.run()
    no_exceptions(app)
    assert app.query_params["skn"] == chosen["skn"]
    assert app.title[0].value.replace("\\", "") == (chosen["name"] or DUTCH("detainee.no_name"))


def test_with_split_weighing_and_tiers_the_list_shows_first_and_if_time(app: AppTest) -> None:
    policy = Policy(
        version="split-test",
        split_weighing=True,
        tiers=TierSwitches(high_risk=True, multi_problem=True, young_adult=True),
    )
    publish_policy(
        data.database(), policy, Actor("Carla Capaciteit", "capacity_manager"), "test split"
    )
    table = list_table(open_list(app))
    bands = set(shown_bands(table))
    assert {"weighing_first", "weighing_if_time"} <= bands
    assert "weighing" not in bands
    assert "tier_score" in table.columns
    first = table[[band == "weighing_first" for band in shown_bands(table)]]
    assert (first["tier_score"] >= 1).all()
    assert DUTCH.band("weighing_first") in counts_on_screen(app)


def test_an_empty_database_says_how_to_fill_it(
    app_on: Callable[[str], AppTest], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    database = open_database(url)
    add_account(database, "cm.leeg", "case_manager", password=PASSWORD, prisons=("Sittard",))
    database.dispose()
    at = signed_in_as(app_on(url), url, "cm.leeg").run()
    no_exceptions(at)
    assert [info.value for info in at.info] == [DUTCH("list.no_data")]


def test_an_unreachable_database_gives_a_message_not_a_traceback(
    app_on: Callable[[str], AppTest],
) -> None:
    at = app_on("postgresql://nobody@127.0.0.1:9/som").run()
    at.text_input(key="sign_in_name").input("cm.sittard")
    at.text_input(key="sign_in_password").input(PASSWORD)
    at.button[0].click().run()
    no_exceptions(at)
    (message,) = [error.value for error in at.error]
    assert message.startswith("SOM kan de database nu niet lezen (OperationalError)")


def test_filters_survive_a_visit_to_a_detainee(app: AppTest) -> None:
    everyone = list_table(open_list(app))
    app.multiselect(key="filter_prisons").set_value(["Arnhem"]).run()
    app.session_state[TABLE_KEY] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    app.run()
    assert app.query_params["skn"] == list_table_skn_of_arnhem(everyone)
    app.switch_page("screens/triage.py").run()
    assert app.multiselect(key="filter_prisons").value == ["Arnhem"]
    assert set(list_table(app)["pi"]) == {"Arnhem"}


def list_table_skn_of_arnhem(everyone) -> str:  # type: ignore[no-untyped-def]
    return str(everyone[everyone["pi"] == "Arnhem"]["skn"].iloc[0])
