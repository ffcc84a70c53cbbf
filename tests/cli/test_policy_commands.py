"""`som policy` and `som capacity`, end to end in real processes (som_process.SomForkServer), on
SQLite and PostgreSQL: export and import round trip, refusals that name the key with exit 2,
publishing with a note, readable differences, capacity history (issue 11, items 2, 4 and 5)."""

from __future__ import annotations

import getpass
import json
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from som_process import SomForkServer

from feeds.reference import policy_toml
from scoring.policy import RANGES, VERSION_MAX_LENGTH, Policy, parse_policy

Run = subprocess.CompletedProcess[str]


@pytest.fixture
def som(som_fork: SomForkServer, database_url: str):  # type: ignore[no-untyped-def]
    """`som ARGS --database URL` in a process of its own."""

    def run(*args: str | Path) -> Run:
        return som_fork.run(*args, "--database", database_url)

    return run


def _file(tmp_path: Path, text: str, name: str = "policy.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_export_then_import_gives_back_the_identical_policy(som, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    exported = som("policy", "export")
    assert exported.returncode == 0, exported.stderr
    assert parse_policy(exported.stdout) == Policy()
    changed = exported.stdout.replace("screening_day = 21", "screening_day = 14")
    imported = som("policy", "import", _file(tmp_path, changed), "--note", "Eerder", "--name", "v2")
    assert imported.returncode == 0, imported.stderr
    again = som("policy", "export", "--version", "v2")
    assert parse_policy(again.stdout) == Policy(version="v2", screening_day=14)
    reimported = som("policy", "import", _file(tmp_path, again.stdout, "v2.toml"), "--note", "x")
    assert reimported.returncode == 0, reimported.stderr
    assert som("policy", "export", "--version", "v2").stdout == again.stdout


versions = st.text(
    st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=VERSION_MAX_LENGTH
).filter(str.strip)


@given(
    version=versions,
    screening_day=st.integers(*RANGES["screening_day"]),
    articles=st.lists(st.integers(*RANGES["violence_articles"]), max_size=5),
    split=st.booleans(),
)
def test_every_policy_reads_back_from_its_policy_file_unchanged(
    version: str, screening_day: int, articles: list[int], split: bool
) -> None:
    policy = Policy(
        version=version,
        screening_day=screening_day,
        violence_articles=tuple(articles),
        split_weighing=split,
    )
    assert parse_policy(policy_toml(policy, "a comment")) == policy


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("screening_day = 400\n", "screening_day"),
        ("young_adult_age = [23, 18]\n", "young_adult_age"),
        ("[tiers]\ngeweld = true\n", "tiers.geweld"),
        ("violence_articles = [300, 1200]\n", "violence_articles"),
    ],
)
def test_importing_a_bad_policy_file_names_the_key_exits_2_and_stores_nothing(
    som, tmp_path: Path, text: str, key: str
) -> None:  # type: ignore[no-untyped-def]
    path = _file(tmp_path, 'version = "fout"\n' + text)
    done = som("policy", "import", path, "--note", "proef")
    assert done.returncode == 2
    assert f"policy key '{key}'" in done.stderr and str(path) in done.stderr
    assert "Traceback" not in done.stderr
    assert som("policy", "show", "--version", "fout").returncode == 2


def test_a_file_that_is_not_toml_or_not_there_exits_2(som, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    broken = som("policy", "import", _file(tmp_path, "screening_day = \n"), "--note", "x")
    assert broken.returncode == 2 and "not valid TOML" in broken.stderr
    missing = som("policy", "import", tmp_path / "nergens.toml", "--note", "x")
    assert missing.returncode == 2 and "cannot read" in missing.stderr


def test_a_file_named_like_a_published_version_with_other_settings_is_refused(
    som, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    som("policy", "show")
    done = som("policy", "import", _file(tmp_path, "screening_day = 14\n"), "--note", "Eerder")
    assert done.returncode == 2
    assert "name: version 'default' is already published with other settings" in done.stderr


def test_publish_needs_a_note_and_makes_a_new_version_by_the_operating_system_user(
    som, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    som("policy", "import", _file(tmp_path, 'version = "v2"\nscreening_day = 14\n'), "--note", "x")
    assert som("policy", "publish").returncode == 2  # --note is required
    assert som("policy", "publish", "--note", "  ").returncode == 2
    assert "v2" not in som("policy", "history").stdout
    done = som("policy", "publish", "--note", "Eerder screenen", "--as-of", "2026-11-29")
    assert done.returncode == 0, done.stderr
    assert "published version v2" in done.stdout
    lines = som("policy", "history").stdout.splitlines()
    assert lines[1].split()[3:] == ["v2", getpass.getuser(), "Eerder", "screenen"]
    assert lines[2].split()[3] == "default"
    shown = som("policy", "show").stdout
    assert "screening_day = 14" in shown and "Eerder screenen" in shown


def test_publishing_a_draft_that_does_not_exist_exits_2(som) -> None:  # type: ignore[no-untyped-def]
    done = som("policy", "publish", "--draft", "nergens", "--note", "waarom")
    assert done.returncode == 2 and "no policy draft named 'nergens'" in done.stderr


def test_diff_shows_each_changed_key_with_both_values(som, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = 'version = "geweld"\nscreening_day = 14\n[tiers]\nviolence_offence = true\n'
    som("policy", "import", _file(tmp_path, text), "--note", "Geweld eerst")
    lines = som("policy", "diff", "published", "geweld").stdout.splitlines()
    assert [line.split() for line in lines] == [
        ["key", "published", "geweld"],
        ["screening_day", "21", "14"],
        ["tiers.violence_offence", "off", "on"],
    ]
    same = som("policy", "diff", "default", "published")
    assert same.stdout.strip() == "default and published have the same settings"
    assert som("policy", "diff", "published", "nergens").returncode == 2


def test_capacity_set_keeps_the_history_and_show_gives_the_newest(som) -> None:  # type: ignore[no-untyped-def]
    assert som("capacity", "set", "Arnhem", "12", "--note", "Begroting 2026").returncode == 0
    assert som("capacity", "set", "Vught", "8", "--note", "Begroting 2026").returncode == 0
    assert som("capacity", "set", "Arnhem", "9", "--note", "Verlof").returncode == 0
    current = json.loads(som("capacity", "show", "--format", "json").stdout)
    assert [(c["pi"], c["weekly_cases"]) for c in current] == [("Arnhem", 9), ("Vught", 8)]
    assert current[0]["set_by"] == getpass.getuser()
    history = json.loads(som("capacity", "show", "--history", "--format", "json").stdout)
    assert [(c["pi"], c["weekly_cases"], c["note"]) for c in history] == [
        ("Arnhem", 9, "Verlof"),
        ("Vught", 8, "Begroting 2026"),
        ("Arnhem", 12, "Begroting 2026"),
    ]


def test_a_capacity_out_of_range_or_without_a_note_exits_2(som) -> None:  # type: ignore[no-untyped-def]
    done = som("capacity", "set", "Arnhem", "-3", "--note", "x")
    assert done.returncode == 2 and "weekly_cases: must be from 0 to" in done.stderr
    assert som("capacity", "set", "Arnhem", "drie", "--note", "x").returncode == 2
    assert som("capacity", "set", "Arnhem", "3", "--note", " ").returncode == 2
    assert "no capacity recorded yet" in som("capacity", "show").stdout
