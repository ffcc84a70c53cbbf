"""Generated documentation must match its source, so it cannot drift."""

from pathlib import Path

from scoring.reference import criteria_markdown

ROOT = Path(__file__).resolve().parent.parent


def test_criteria_reference_is_generated_from_the_catalogue() -> None:
    committed = (ROOT / "docs" / "criteria.md").read_text(encoding="utf-8")
    assert committed == criteria_markdown(), (
        "docs/criteria.md is out of date with scoring/catalogue/: run `som docs` "
        "(or `make docs`) and review the change"
    )
