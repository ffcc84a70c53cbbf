"""Generated documentation must match its source, so it cannot drift."""

import subprocess
import sys
from pathlib import Path

from feeds.reference import feeds_markdown, policy_example
from scoring.fields import feed_columns
from scoring.policy import Policy, parse_policy
from scoring.reference import criteria_markdown
from som_cli.docs import generated_documents

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


def test_policy_example_is_generated_and_reads_back_as_the_default_policy() -> None:
    committed = (ROOT / "docs" / "policy.example.toml").read_text(encoding="utf-8")
    assert committed == policy_example(), "docs/policy.example.toml is stale: run `som docs`"
    assert parse_policy(committed) == Policy()


def test_som_score_accepts_the_policy_example(tmp_path: Path) -> None:
    process = subprocess.run(
        [
            sys.executable,
            "-m",
            "som_cli.main",
            "score",
            "--dji",
            str(ROOT / "fixtures" / "sample" / "dji.csv"),
            "--policy",
            str(ROOT / "docs" / "policy.example.toml"),
            "--as-of",
            "2026-11-29",
            "--format",
            "json",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert process.returncode == 0, process.stderr


def test_the_generated_documents_are_all_committed() -> None:
    for name, text in generated_documents().items():
        assert (ROOT / "docs" / name).read_text(encoding="utf-8") == text, name
