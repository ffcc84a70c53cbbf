"""Generated documentation must match its source, so it cannot drift."""

from pathlib import Path

from feeds.reference import feeds_markdown
from scoring.fields import feed_columns
from scoring.reference import criteria_markdown

ROOT = Path(__file__).resolve().parent.parent


def test_criteria_reference_is_generated_from_the_catalogue() -> None:
    committed = (ROOT / "docs" / "criteria.md").read_text(encoding="utf-8")
    assert committed == criteria_markdown(), (
        "docs/criteria.md is out of date with scoring/catalogue/: run `som docs` "
        "(or `make docs`) and review the change"
    )


def test_feed_reference_is_generated_from_the_field_catalogue() -> None:
    committed = (ROOT / "docs" / "feeds.md").read_text(encoding="utf-8")
    assert committed == feeds_markdown(), (
        "docs/feeds.md is out of date with scoring/fields.py: run `som docs` "
        "(or `make docs`) and review the change"
    )


def test_feed_reference_names_every_column_of_both_feeds() -> None:
    text = feeds_markdown()
    for feed in ("dji", "iris"):
        for field in feed_columns(feed):
            assert f"| `{field.name}` |" in text
