"""`som score` exit statuses (feeds.md): 0 every row accepted; 3 some rows rejected, the rest
still scored; 2 usage error, unreadable file, missing required column, bad policy, bad --as-of.
Also `--as-of`, `--policy` and the committed sample feeds.

Each exit status is checked end to end in a subprocess; further variations of the same case run
`som_cli.main.main` in this process (`som_score_in_process`) to keep the suite fast."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from som_process import (
    AS_OF,
    DJI_HEADER,
    FRESH_IRIS,
    IRIS_HEADER,
    REPO,
    Capture,
    Row,
    bands,
    json_output,
    som_score,
    som_score_in_process,
    write_feed,
)

REJECTION_LINE = re.compile(r"^(dji|iris) row [1-9][0-9]*(, column [a-z0-9_]+)?: .+$")


def detainee(skn: str, **cells: str) -> Row:
    return {
        "skn": skn,
        "pi": "Arnhem",
        "phase": "sentenced",
        "intake_date": "2026-01-01",
        "expected_release_date": "2027-06-01",
        **cells,
    }


def rejection_lines(stderr: str) -> list[str]:
    """Standard error without notices (unknown columns, orphan iris rows)."""
    return [line for line in stderr.splitlines() if line.strip() and not line.startswith("notice")]


# --- exit 0 and exit 3 ------------------------------------------------------------------------


def test_all_rows_accepted_exits_0(tmp_path: Path) -> None:
    odd_skn = "A-12_é."  # every kind of character an skn may hold (issue 8 rejects the rest)
    dji = write_feed(tmp_path / "dji.csv", [detainee("1"), detainee(odd_skn)], DJI_HEADER)
    iris = write_feed(tmp_path / "iris.csv", [{"skn": "1", **FRESH_IRIS}], IRIS_HEADER)
    process = som_score("--dji", dji, "--iris", iris, "--as-of", AS_OF, "--format", "json")
    assert process.returncode == 0, process.stderr
    assert rejection_lines(process.stderr) == []
    assert bands(json_output(process)) == {"1": "weighing", odd_skn: "no_priority"}


def test_rejected_rows_exit_3_with_one_stderr_line_each_and_the_rest_scored(
    tmp_path: Path,
) -> None:
    dji_rows = [
        detainee("1", supervision_after_detention="ja"),
        detainee("2", intake_date="31-02-2026"),
        detainee("3"),
        detainee("1"),
        detainee("4", phase=""),
    ]
    iris_rows = [
        {"skn": "1", **FRESH_IRIS},
        {"skn": "3", **FRESH_IRIS, "recidivism_risk": "sometimes"},
    ]
    dji = write_feed(tmp_path / "dji.csv", dji_rows, DJI_HEADER)
    iris = write_feed(tmp_path / "iris.csv", iris_rows, IRIS_HEADER)
    process = som_score("--dji", dji, "--iris", iris, "--as-of", AS_OF, "--format", "json")

    assert process.returncode == 3, process.stderr
    lines = rejection_lines(process.stderr)
    assert all(REJECTION_LINE.match(line) for line in lines), lines
    assert "dji row 2, column intake_date: '31-02-2026' is not a date" in lines
    assert any(line.startswith("dji row 4, column skn: ") for line in lines)
    assert any(line.startswith("dji row 5, column phase: ") for line in lines)
    assert any(line.startswith("iris row 2, column recidivism_risk: 'sometimes'") for line in lines)
    assert len(lines) == 4
    # The accepted rows are still scored and written; 3 lost its iris row (C03 fires).
    document = json_output(process)
    assert bands(document) == {"1": "priority", "3": "no_priority"}
    assert [d["decisive"] for d in document["detainees"]] == ["C07", "C03"]


def test_row_with_too_many_fields_exits_3(tmp_path: Path, capsys: Capture) -> None:
    dji = tmp_path / "dji.csv"
    dji.write_text(
        "skn,pi,phase,intake_date\n1,Vught,remand,2026-01-01\n2,Vught,remand,2026-01-01,x,y\n",
        encoding="utf-8",
    )
    process = som_score_in_process(capsys, "--dji", dji, "--as-of", AS_OF, "--format", "json")
    assert process.returncode == 3
    (line,) = rejection_lines(process.stderr)
    assert REJECTION_LINE.match(line) and line.startswith("dji row 2")
    assert list(bands(json_output(process))) == ["1"]


def test_orphan_iris_row_is_a_notice_and_exits_0(tmp_path: Path, capsys: Capture) -> None:
    dji = write_feed(tmp_path / "dji.csv", [detainee("1")], DJI_HEADER)
    iris_rows = [{"skn": "1", **FRESH_IRIS}, {"skn": "8888888", **FRESH_IRIS}]
    iris = write_feed(tmp_path / "iris.csv", iris_rows, IRIS_HEADER)
    process = som_score_in_process(capsys, "--dji", dji, "--iris", iris, "--as-of", AS_OF)
    assert process.returncode == 0, process.stderr
    assert "8888888" in process.stderr
    assert rejection_lines(process.stderr) == []
    assert list(bands(json_output(process))) == ["1"]


def test_unknown_column_is_a_notice_and_exits_0(tmp_path: Path, capsys: Capture) -> None:
    dji = tmp_path / "dji.csv"
    dji.write_text("skn,pi,phase,afdeling\n1,Vught,remand,B2\n", encoding="utf-8")
    process = som_score_in_process(capsys, "--dji", dji, "--as-of", AS_OF, "--format", "json")
    assert process.returncode == 0, process.stderr
    assert "afdeling" in process.stderr
    assert list(bands(json_output(process))) == ["1"]


# --- exit 2 -----------------------------------------------------------------------------------


def assert_refused(process: subprocess.CompletedProcess[str], *named: str) -> None:
    """Exit 2, standard error naming each of `named`, no traceback and nothing on stdout."""
    assert process.returncode == 2, process.stderr
    assert all(name in process.stderr for name in named), process.stderr
    assert "Traceback" not in process.stderr
    assert process.stdout == ""


def test_missing_dji_file_exits_2_naming_the_file(tmp_path: Path) -> None:
    assert_refused(som_score("--dji", tmp_path / "nowhere.csv", "--as-of", AS_OF), "nowhere.csv")


def test_missing_iris_file_exits_2_naming_the_file(tmp_path: Path, capsys: Capture) -> None:
    dji = write_feed(tmp_path / "dji.csv", [detainee("1")], DJI_HEADER)
    missing = tmp_path / "iris_missing.csv"
    process = som_score_in_process(capsys, "--dji", dji, "--iris", missing, "--as-of", AS_OF)
    assert process.returncode == 2
    assert "iris_missing.csv" in process.stderr
    assert "Traceback" not in process.stderr


def test_missing_required_column_exits_2_naming_file_and_column(tmp_path: Path) -> None:
    dji = tmp_path / "dji_no_phase.csv"
    dji.write_text("skn,pi,intake_date\n1,Vught,2026-01-01\n", encoding="utf-8")
    assert_refused(som_score("--dji", dji, "--as-of", AS_OF), "dji_no_phase.csv", "phase")


def test_iris_without_skn_column_exits_2(tmp_path: Path, capsys: Capture) -> None:
    dji = write_feed(tmp_path / "dji.csv", [detainee("1")], DJI_HEADER)
    iris = tmp_path / "iris_no_skn.csv"
    iris.write_text("rw_name,advice_requested\nIlse,ja\n", encoding="utf-8")
    process = som_score_in_process(capsys, "--dji", dji, "--iris", iris, "--as-of", AS_OF)
    assert process.returncode == 2
    assert "iris_no_skn.csv" in process.stderr and "skn" in process.stderr


def test_empty_dji_file_exits_2(tmp_path: Path, capsys: Capture) -> None:
    dji = tmp_path / "empty.csv"
    dji.write_bytes(b"")
    process = som_score_in_process(capsys, "--dji", dji, "--as-of", AS_OF)
    assert process.returncode == 2
    assert "empty.csv" in process.stderr


def test_missing_dji_option_exits_2(tmp_path: Path) -> None:
    process = som_score("--as-of", AS_OF)
    assert process.returncode == 2
    assert "--dji" in process.stderr


def test_bad_as_of_exits_2(tmp_path: Path) -> None:
    dji = write_feed(tmp_path / "dji.csv", [detainee("1")], DJI_HEADER)
    process = som_score("--dji", dji, "--as-of", "2026-02-31")
    assert process.returncode == 2
    assert "--as-of" in process.stderr
    assert "Traceback" not in process.stderr
    assert process.stdout == ""


@pytest.mark.parametrize("as_of", ["29/11/2026", "tomorrow", "2026-11", "2026-13-01", ""])
def test_other_bad_as_of_values_exit_2(tmp_path: Path, capsys: Capture, as_of: str) -> None:
    dji = write_feed(tmp_path / "dji.csv", [detainee("1")], DJI_HEADER)
    process = som_score_in_process(capsys, "--dji", dji, "--as-of", as_of)
    assert process.returncode == 2
    assert "--as-of" in process.stderr
    assert process.stdout == ""


def write_policy(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "policy.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_bad_policy_exits_2_naming_the_key(tmp_path: Path) -> None:
    dji = write_feed(tmp_path / "dji.csv", [detainee("1")], DJI_HEADER)
    policy = write_policy(tmp_path, "screening_dag = 21\n")
    process = som_score("--dji", dji, "--policy", policy, "--as-of", AS_OF)
    assert process.returncode == 2
    assert "screening_dag" in process.stderr
    assert "Traceback" not in process.stderr
    assert process.stdout == ""


@pytest.mark.parametrize(
    ("policy", "key"),
    [
        ('screening_day = "21"\n', "screening_day"),
        ("short_stay_days = 2.5\n", "short_stay_days"),
        ("[criteria]\nshort_stay = 1\n", "short_stay"),
        ("[criteria]\nc05 = false\n", "c05"),
        ("[tiers]\nviolence = true\n", "violence"),
        ('split_weighing = "yes"\n', "split_weighing"),
        ("young_adult_age = 18\n", "young_adult_age"),
        ('violence_articles = ["300"]\n', "violence_articles"),
        ("version = 3\n", "version"),
    ],
)
def test_policy_with_wrong_type_or_unknown_key_exits_2_naming_the_key(
    tmp_path: Path, capsys: Capture, policy: str, key: str
) -> None:
    dji = write_feed(tmp_path / "dji.csv", [detainee("1")], DJI_HEADER)
    path = write_policy(tmp_path, policy)
    process = som_score_in_process(capsys, "--dji", dji, "--policy", path, "--as-of", AS_OF)
    assert process.returncode == 2
    assert key in process.stderr
    assert process.stdout == ""


@pytest.mark.parametrize("content", [None, "version = \n"], ids=["missing-file", "not-toml"])
def test_unreadable_policy_exits_2(tmp_path: Path, capsys: Capture, content: str | None) -> None:
    dji = write_feed(tmp_path / "dji.csv", [detainee("1")], DJI_HEADER)
    path = tmp_path / "policy.toml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    process = som_score_in_process(capsys, "--dji", dji, "--policy", path, "--as-of", AS_OF)
    assert process.returncode == 2
    assert "policy.toml" in process.stderr


def test_unknown_format_is_a_usage_error(tmp_path: Path, capsys: Capture) -> None:
    dji = write_feed(tmp_path / "dji.csv", [detainee("1")], DJI_HEADER)
    process = som_score_in_process(capsys, "--dji", dji, "--format", "xml")
    assert process.returncode == 2


# --- --as-of and --policy change the result ---------------------------------------------------


def test_as_of_day_20_is_not_yet_and_day_21_is_scored(tmp_path: Path) -> None:
    dji = write_feed(
        tmp_path / "dji.csv",
        [detainee("1", intake_date="2026-11-01", supervision_after_detention="ja")],
        DJI_HEADER,
    )
    day_20 = json_output(som_score("--dji", dji, "--as-of", "2026-11-21", "--format", "json"))
    day_21 = json_output(som_score("--dji", dji, "--as-of", "2026-11-22", "--format", "json"))
    (before,) = day_20["detainees"]
    (after,) = day_21["detainees"]
    assert (day_20["as_of"], day_21["as_of"]) == ("2026-11-21", "2026-11-22")
    decided = ("band", "provisional_band", "decisive")
    assert [before[key] for key in decided] == ["not_yet", "priority", "C07"]
    assert [after[key] for key in decided] == ["priority", "priority", "C07"]


def test_as_of_accepts_the_dutch_date_form(tmp_path: Path, capsys: Capture) -> None:
    dji = write_feed(tmp_path / "dji.csv", [detainee("1")], DJI_HEADER)
    process = som_score_in_process(capsys, "--dji", dji, "--as-of", "22-11-2026")
    assert process.returncode == 0, process.stderr
    assert json_output(process)["as_of"] == "2026-11-22"


def test_policy_switching_off_short_stay_changes_the_band(tmp_path: Path) -> None:
    dji = write_feed(
        tmp_path / "dji.csv", [detainee("1", expected_release_date="2026-01-20")], DJI_HEADER
    )
    iris = write_feed(tmp_path / "iris.csv", [{"skn": "1", **FRESH_IRIS}], IRIS_HEADER)
    policy = write_policy(tmp_path, 'version = "zonder-c04"\n\n[criteria]\nshort_stay = false\n')

    default = som_score("--dji", dji, "--iris", iris, "--as-of", AS_OF, "--format", "json")
    switched = som_score(
        "--dji", dji, "--iris", iris, "--policy", policy, "--as-of", AS_OF, "--format", "json"
    )
    assert (default.returncode, switched.returncode) == (0, 0), switched.stderr
    (before,) = json_output(default)["detainees"]
    (after,) = json_output(switched)["detainees"]
    assert (before["band"], before["decisive"], before["fired"]) == ("no_priority", "C04", ["C04"])
    assert (after["band"], after["decisive"]) == ("weighing", None)
    assert "C04" not in after["fired"] and "C04" not in after["unknown"]
    assert json_output(default)["policy_version"] == "default"
    assert json_output(switched)["policy_version"] == "zonder-c04"


def test_policy_tiers_count_in_the_tier_score(tmp_path: Path, capsys: Capture) -> None:
    dji = write_feed(tmp_path / "dji.csv", [detainee("1", scil_lvb_indication="ja")], DJI_HEADER)
    iris = write_feed(tmp_path / "iris.csv", [{"skn": "1", **FRESH_IRIS}], IRIS_HEADER)
    policy = write_policy(tmp_path, "[tiers]\nlvb = true\n")
    default = som_score_in_process(capsys, "--dji", dji, "--iris", iris, "--as-of", AS_OF)
    with_tier = som_score_in_process(
        capsys, "--dji", dji, "--iris", iris, "--policy", policy, "--as-of", AS_OF
    )
    (before,) = json_output(default)["detainees"]
    (after,) = json_output(with_tier)["detainees"]
    assert (before["tiers"], before["tier_score"]) == (["T1"], 0)
    assert (after["tiers"], after["tier_score"]) == (["T1"], 1)
    assert before["band"] == after["band"] == "weighing"


# --- the committed sample feeds ---------------------------------------------------------------

SAMPLE = REPO / "fixtures" / "sample"


def sample(name: str) -> Path:
    path = SAMPLE / name
    assert path.exists(), f"{path} is missing (rewrite it: python -m fixtures.generate --sample)"
    return path


@pytest.fixture(scope="module")
def english_sample() -> subprocess.CompletedProcess[str]:
    return som_score("--dji", sample("dji.csv"), "--iris", sample("iris.csv"), "--as-of", AS_OF)


def test_sample_feeds_score_with_exit_0(english_sample: subprocess.CompletedProcess[str]) -> None:
    assert english_sample.returncode == 0, english_sample.stderr
    assert rejection_lines(english_sample.stderr) == []
    assert len(json_output(english_sample)["detainees"]) > 0


def test_sample_dutch_excel_feed_scores_like_the_english_one(
    english_sample: subprocess.CompletedProcess[str],
) -> None:
    dutch = som_score(
        "--dji", sample("dji_excel_nl.csv"), "--iris", sample("iris.csv"), "--as-of", AS_OF
    )
    assert dutch.returncode == 0, dutch.stderr
    assert json_output(dutch) == json_output(english_sample)
