"""A page view never re-scores: with bands older than today the screens say a refresh is due."""

from __future__ import annotations

from datetime import timedelta

from screens import no_exceptions, open_detainee, open_list, unescaped
from streamlit.testing.v1 import AppTest

from dashboard import data
from dashboard.formatting import format_date
from dashboard.i18n import catalogue
from storage.listing import list_current_admissions
from storage.rescoring import needs_rescore, rescore

DUTCH = catalogue("nl")
ENGLISH = catalogue("en")


def scored_yesterday() -> str:
    """Score the demo population at yesterday, so today's re-score is due; the date in words."""
    yesterday = data.today() - timedelta(days=1)
    rescore(data.database(), yesterday)
    return format_date(yesterday, DUTCH)


def test_a_fresh_database_shows_no_refresh_notice(app: AppTest) -> None:
    open_list(app)
    no_exceptions(app)
    notice = DUTCH("common.refreshing", as_of=format_date(data.today(), DUTCH))
    assert notice not in [info.value for info in app.info]


def test_the_list_says_the_bands_are_being_refreshed_and_leaves_them_alone(app: AppTest) -> None:
    yesterday = scored_yesterday()
    open_list(app)
    no_exceptions(app)
    assert DUTCH("common.refreshing", as_of=yesterday) in [info.value for info in app.info]
    caption = unescaped(app.caption[0].value)
    assert yesterday in caption, "the list names the date its bands hold for"
    assert needs_rescore(data.database(), data.today()), "showing the list did not re-score"


def test_the_detainee_page_says_the_bands_are_being_refreshed_in_english(app: AppTest) -> None:
    yesterday = data.today() - timedelta(days=1)
    scored_yesterday()
    skn = list_current_admissions(data.database())["skn"].iloc[0]
    app.session_state["language"] = "en"
    open_detainee(app, skn)
    no_exceptions(app)
    notice = ENGLISH("common.refreshing", as_of=format_date(yesterday, ENGLISH))
    assert notice in [info.value for info in app.info]
    assert needs_rescore(data.database(), data.today())
