"""`som policy whatif DRAFT.toml`, end to end in real processes on SQLite and PostgreSQL: it
agrees with `som score --policy` on the same feeds under each policy, stores nothing, and a bad
draft file is refused with the key named and exit 2 (issue 11, item 5)."""

from __future__ import annotations

import subprocess
from collections import Counter
from pathlib import Path

import pytest
from som_process import AS_OF, REPO, SomForkServer, bands, json_output

from feeds.reference import policy_toml
from scoring.policy import Policy
from scoring.vocabulary import BAND_ORDER

Run = subprocess.CompletedProcess[str]
SAMPLE = REPO / "fixtures" / "sample"
FEEDS = ("--dji", SAMPLE / "dji.csv", "--iris", SAMPLE / "iris.csv")
#: Switches C03 and C04 off, screens after 14 days, counts two tiers and splits weighing.
DRAFT = Policy(
    version="ruimer",
    screening_day=14,
    split_weighing=True,
    criteria={"no_probation_information": False, "short_stay": False},  # type: ignore[arg-type]
    tiers={"violence_offence": True, "high_risk": True},  # type: ignore[arg-type]
)


@pytest.fixture
def som(som_fork: SomForkServer, database_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    """`som ARGS --database URL` in a process of its own, on a database holding the sample."""

    def run(*args: str | Path) -> Run:
        return som_fork.run(*args, "--database", database_url)

    done = run("import", *FEEDS, "--as-of", AS_OF, "--report-dir", tmp_path / "reports")
    assert done.returncode == 0, done.stderr
    return run


def _file(tmp_path: Path, text: str, name: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_whatif_agrees_with_som_score_under_each_policy(  # type: ignore[no-untyped-def]
    som, som_fork: SomForkServer, tmp_path: Path
) -> None:
    draft = _file(tmp_path, policy_toml(DRAFT), "draft.toml")
    published = _file(tmp_path, policy_toml(Policy()), "published.toml")
    done = som("policy", "whatif", draft, "--as-of", AS_OF, "--format", "json")
    assert done.returncode == 0, done.stderr
    document = json_output(done)

    def scored(policy_file: Path) -> dict[str, str]:
        arguments = ("--as-of", AS_OF, "--policy", policy_file, "--format", "json")
        run = som_fork.run("score", *FEEDS, *arguments)
        assert run.returncode == 0, run.stderr
        return bands(json_output(run))

    before, after = scored(published), scored(draft)
    for side, result in (("published", before), ("draft", after)):
        counted = Counter(result.values())
        assert document["counts"][side] == {band: counted[band] for band in BAND_ORDER}
    moved = {(m["skn"], m["from"], m["to"]) for m in document["moved"]}
    assert moved == {(skn, before[skn], after[skn]) for skn in before if before[skn] != after[skn]}
    assert moved, "the draft should move someone in the sample"
    assert document["population"] == len(before)
    assert document["versions"] == {"published": "default", "draft": "ruimer"}


def test_whatif_stores_nothing(som, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    draft = _file(tmp_path, policy_toml(DRAFT), "draft.toml")
    before = som("policy", "history").stdout
    assert som("policy", "whatif", draft, "--as-of", AS_OF).returncode == 0
    assert som("policy", "history").stdout == before
    exported = som("policy", "export")
    assert "screening_day = 21" in exported.stdout


def test_whatif_table_shows_each_band_under_both_policies(som, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    draft = _file(tmp_path, policy_toml(DRAFT), "draft.toml")
    done = som("policy", "whatif", draft, "--as-of", AS_OF)
    assert done.returncode == 0, done.stderr
    for band in BAND_ORDER:
        assert any(line.startswith(band) for line in done.stdout.splitlines()), band
    assert "Movers:" in done.stdout


def test_whatif_draws_cut_lines_at_the_recorded_capacity(som, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert som("capacity", "set", "Sittard", "2", "--note", "twee per week").returncode == 0
    draft = _file(tmp_path, policy_toml(DRAFT), "draft.toml")
    document = json_output(som("policy", "whatif", draft, "--as-of", AS_OF, "--format", "json"))
    line = document["cut_lines"]["draft"]["Sittard"]
    assert line["capacity"] == 2
    assert line["above"] == min(2, line["awaiting"])
    assert line["above"] + line["below"] == line["awaiting"]


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("screening_day = -1\n", "screening_day"),
        ("[tiers]\nviolence = true\n", "violence"),
        ("split_weighing = 'ja'\n", "split_weighing"),
    ],
)
def test_a_bad_draft_file_is_refused_naming_the_key(  # type: ignore[no-untyped-def]
    som, tmp_path: Path, text: str, named: str
) -> None:
    done = som("policy", "whatif", _file(tmp_path, text, "bad.toml"), "--as-of", AS_OF)
    assert done.returncode == 2
    assert named in done.stderr and "Traceback" not in done.stderr


def test_a_missing_draft_file_and_a_bad_date_exit_2(som, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    missing = som("policy", "whatif", tmp_path / "nope.toml")
    assert missing.returncode == 2 and "nope.toml" in missing.stderr
    draft = _file(tmp_path, policy_toml(DRAFT), "draft.toml")
    bad_day = som("policy", "whatif", draft, "--as-of", "gisteren")
    assert bad_day.returncode == 2 and "--as-of" in bad_day.stderr


def test_publish_says_how_many_moved_as_many_as_the_whatif_listed(  # type: ignore[no-untyped-def]
    som, tmp_path: Path
) -> None:
    draft = _file(tmp_path, policy_toml(DRAFT), "draft.toml")
    preview = json_output(som("policy", "whatif", draft, "--as-of", AS_OF, "--format", "json"))
    assert som("policy", "import", draft, "--note", "ruimer").returncode == 0
    done = som("policy", "publish", "--note", "Ruimer screenen", "--as-of", AS_OF)
    assert done.returncode == 0, done.stderr
    population, moved = preview["population"], len(preview["moved"])
    assert f"{population} current admissions re-scored, {moved} moved" in done.stdout
