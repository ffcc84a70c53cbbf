"""`som score` end to end: the stdout JSON of feeds.md, the csv and table formats, and the
dashboard order of SOM.md ("Order of the list").

The JSON run is a subprocess; the other formats and feed forms run `som_cli.main.main` in this
process and are compared with it."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from som_process import (
    AS_OF,
    DJI_HEADER,
    FRESH_IRIS,
    IRIS_HEADER,
    REPO,
    SOM_SCORE,
    Capture,
    Row,
    json_output,
    som_score,
    som_score_in_process,
    write_feed,
)

from scoring.version import rules_version
from tests.contract import DETAINEE_KEYS

LONG_STAY: Row = {"expected_release_date": "2027-06-01", "scil_lvb_indication": "nee"}


def dji(skn: str, phase: str, intake: str, **cells: str) -> Row:
    return {
        "skn": skn,
        "pi": "Sittard",
        "phase": phase,
        "intake_date": intake,
        **LONG_STAY,
        **cells,
    }


#: Hand-made detainees, each with the band the rules of SOM.md section 5 give on 2026-11-29.
POPULATION: list[tuple[Row, Row | None, str, str | None]] = [
    # (dji row, iris row or None, band, decisive)
    (
        dji("2000001", "sentenced", "2026-03-01", supervision_after_detention="ja"),
        FRESH_IRIS,
        "priority",
        "C07",
    ),
    (
        dji("2000002", "sentenced", "2026-02-01", article_43_3_placement="ja"),
        FRESH_IRIS,
        "priority",
        "C08",
    ),
    (dji("2000003", "sentenced", "2026-01-15"), FRESH_IRIS, "weighing", None),
    (dji("2000004", "sentenced", ""), FRESH_IRIS, "weighing", None),
    (dji("2000005", "sentenced", "2026-01-15"), FRESH_IRIS, "weighing", None),
    (
        dji("2000006", "remand", "2026-04-01", date_of_birth="1980-01-01"),
        {**FRESH_IRIS, "advice_requested": "ja"},
        "defer",
        "C05",
    ),
    (dji("2000007", "sentenced", "2026-11-20"), FRESH_IRIS, "not_yet", None),
    (
        dji("2000008", "sentenced", "2026-05-01", no_residence_status="ja"),
        FRESH_IRIS,
        "no_priority",
        "C01",
    ),
    (dji("2000009", "sentenced", "2026-05-01"), None, "no_priority", "C03"),
    (dji("1999999", "sentenced", "2026-06-01", isd_imposed="ja"), FRESH_IRIS, "no_priority", "C09"),
]
#: Bands in order; within a band tier score (all 0 here), intake oldest first (unknown last),
#: then skn.
DASHBOARD_ORDER = [
    "2000002",
    "2000001",
    "2000003",
    "2000005",
    "2000004",
    "2000006",
    "2000007",
    "2000008",
    "2000009",
    "1999999",
]

BANDS = {"priority", "weighing", "defer", "not_yet", "no_priority"}
AUTOMATED = [f"C{n:02d}" for n in range(1, 11)]
TIERS = [f"T{n}" for n in range(1, 6)]


def write_population(directory: Path) -> tuple[Path, Path]:
    dji_rows = [row for row, _, _, _ in POPULATION]
    iris_rows = [{"skn": row["skn"], **iris} for row, iris, _, _ in POPULATION if iris]
    return (
        write_feed(directory / "dji.csv", dji_rows, DJI_HEADER),
        write_feed(directory / "iris.csv", iris_rows, IRIS_HEADER),
    )


@pytest.fixture(scope="module")
def population_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return write_population(tmp_path_factory.mktemp("population"))


@pytest.fixture(scope="module")
def json_run(population_files: tuple[Path, Path]) -> subprocess.CompletedProcess[str]:
    dji_path, iris_path = population_files
    return som_score("--dji", dji_path, "--iris", iris_path, "--as-of", AS_OF, "--format", "json")


def test_valid_feeds_exit_0_with_one_json_object(
    json_run: subprocess.CompletedProcess[str],
) -> None:
    assert json_run.returncode == 0, json_run.stderr
    document = json_output(json_run)
    assert list(document) == ["as_of", "policy_version", "rules_version", "detainees"]
    assert document["as_of"] == AS_OF
    assert document["policy_version"] == "default"
    assert isinstance(document["detainees"], list)


def test_json_detainee_objects_have_the_documented_keys_and_types(
    json_run: subprocess.CompletedProcess[str],
) -> None:
    for detainee in json_output(json_run)["detainees"]:
        assert list(detainee) == DETAINEE_KEYS
        assert isinstance(detainee["skn"], str)
        assert detainee["band"] in BANDS
        assert detainee["provisional_band"] in BANDS - {"not_yet"}
        assert detainee["decisive"] is None or detainee["decisive"] in AUTOMATED
        for key in ("fired", "unknown"):
            assert all(item in AUTOMATED for item in detainee[key])
            assert detainee[key] == sorted(detainee[key]), "ascending"
        assert all(item in TIERS for item in detainee["tiers"])
        assert detainee["tiers"] == sorted(detainee["tiers"])
        for question in detainee["open_questions"]:
            assert list(question) == ["criterion", "band"]
            assert question["criterion"] in AUTOMATED
            assert question["band"] in BANDS
        assert type(detainee["tier_score"]) is int
        assert list(detainee["weighing_profile"]) == ["signals", "known"]
        assert all(type(v) is int for v in detainee["weighing_profile"].values())
        assert 0 <= detainee["weighing_profile"]["signals"] <= 5
        assert 0 <= detainee["weighing_profile"]["known"] <= 5
        assert all(isinstance(w, str) for w in detainee["warnings"])
        if detainee["band"] != "not_yet":
            assert detainee["provisional_band"] == detainee["band"]
        if detainee["decisive"] is not None:
            assert detainee["decisive"] in detainee["fired"]


def test_json_bands_of_hand_made_detainees(json_run: subprocess.CompletedProcess[str]) -> None:
    by_skn = {d["skn"]: d for d in json_output(json_run)["detainees"]}
    for row, _, band, decisive in POPULATION:
        detainee = by_skn[row["skn"]]
        assert (detainee["band"], detainee["decisive"]) == (band, decisive), row["skn"]


def test_json_details_of_hand_made_detainees(json_run: subprocess.CompletedProcess[str]) -> None:
    by_skn = {d["skn"]: d for d in json_output(json_run)["detainees"]}
    assert by_skn["2000003"]["fired"] == []
    assert by_skn["2000003"]["unknown"] == []
    assert by_skn["2000003"]["open_questions"] == []
    # Without intake date the stay is unknown (C04): an open question towards no_priority.
    assert by_skn["2000004"]["unknown"] == ["C04"]
    assert by_skn["2000004"]["open_questions"] == [{"criterion": "C04", "band": "no_priority"}]
    assert by_skn["2000004"]["warnings"] != []
    # Not yet: screened 9 days after intake; the provisional band is what the steps give.
    assert by_skn["2000007"]["provisional_band"] == "weighing"
    # No probation record: C03 fires.
    assert "C03" in by_skn["2000009"]["fired"]
    assert by_skn["1999999"]["fired"] == ["C09"]


def test_json_detainees_are_in_dashboard_order(json_run: subprocess.CompletedProcess[str]) -> None:
    order = [d["skn"] for d in json_output(json_run)["detainees"]]
    assert order == DASHBOARD_ORDER


def test_default_format_is_json_when_stdout_is_not_a_terminal(
    population_files: tuple[Path, Path], json_run: subprocess.CompletedProcess[str]
) -> None:
    dji_path, iris_path = population_files
    process = som_score("--dji", dji_path, "--iris", iris_path, "--as-of", AS_OF)
    assert process.returncode == 0, process.stderr
    assert json_output(process) == json_output(json_run)


def test_default_format_is_table_on_a_terminal(
    population_files: tuple[Path, Path], capsys: Capture
) -> None:
    pty = pytest.importorskip("pty")
    dji_path, iris_path = population_files
    table = som_score_in_process(
        capsys, "--dji", dji_path, "--iris", iris_path, "--as-of", AS_OF, "--format", "table"
    )
    controller, terminal = pty.openpty()
    try:
        process = subprocess.Popen(
            [*SOM_SCORE, "--dji", str(dji_path), "--iris", str(iris_path), "--as-of", AS_OF],
            cwd=REPO,
            stdout=terminal,
            stderr=subprocess.DEVNULL,
        )
        os.close(terminal)
        chunks = []
        while True:
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # the terminal is closed once the process has ended
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert process.wait(timeout=60) == 0
    finally:
        os.close(controller)
    shown = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
    assert shown == table.stdout


def test_csv_format_has_one_row_per_detainee_in_dashboard_order(
    population_files: tuple[Path, Path], json_run: subprocess.CompletedProcess[str], capsys: Capture
) -> None:
    dji_path, iris_path = population_files
    process = som_score_in_process(
        capsys, "--dji", dji_path, "--iris", iris_path, "--as-of", AS_OF, "--format", "csv"
    )
    assert process.returncode == 0, process.stderr
    rows = list(csv.DictReader(io.StringIO(process.stdout)))
    assert [row["skn"] for row in rows] == DASHBOARD_ORDER
    detainees = json_output(json_run)["detainees"]
    for row, detainee in zip(rows, detainees, strict=True):
        assert row["band"] == detainee["band"]
        assert row["provisional_band"] == detainee["provisional_band"]
        assert row["decisive"] == (detainee["decisive"] or "")
        assert int(row["tier_score"]) == detainee["tier_score"]


def test_table_format_is_readable_text_with_every_detainee(
    population_files: tuple[Path, Path], capsys: Capture
) -> None:
    dji_path, iris_path = population_files
    process = som_score_in_process(
        capsys, "--dji", dji_path, "--iris", iris_path, "--as-of", AS_OF, "--format", "table"
    )
    assert process.returncode == 0, process.stderr
    with pytest.raises(json.JSONDecodeError):
        json.loads(process.stdout)
    lines = process.stdout.splitlines()
    for row, _, band, _ in POPULATION:
        (line,) = [line for line in lines if row["skn"] in line.split()]
        assert band in line.split()
    positions = [
        next(i for i, line in enumerate(lines) if skn in line.split()) for skn in DASHBOARD_ORDER
    ]
    assert positions == sorted(positions)


def test_json_feeds_score_like_csv_feeds(
    tmp_path: Path, json_run: subprocess.CompletedProcess[str], capsys: Capture
) -> None:
    def as_json(row: Row) -> dict[str, Any]:
        return {key: value for key, value in row.items() if value != ""}

    dji_items = [as_json(row) for row, _, _, _ in POPULATION]
    iris_items = [{"skn": row["skn"], **iris} for row, iris, _, _ in POPULATION if iris]
    (tmp_path / "dji.json").write_text(json.dumps(dji_items), encoding="utf-8")
    (tmp_path / "iris.json").write_text(json.dumps(iris_items), encoding="utf-8")
    process = som_score_in_process(
        capsys, "--dji", tmp_path / "dji.json", "--iris", tmp_path / "iris.json", "--as-of", AS_OF
    )
    assert process.returncode == 0, process.stderr
    assert json_output(process) == json_output(json_run)


def test_dutch_excel_feeds_score_like_the_english_ones(
    tmp_path: Path, json_run: subprocess.CompletedProcess[str], capsys: Capture
) -> None:
    dutch = {"sentenced": "veroordeeld", "remand": "preventief", "ja": "ja", "nee": "nee"}

    def dutch_date(text: str) -> str:
        if not text:
            return text
        year, month, day = text.split("-")
        return f"{int(day)}-{month}-{year}"

    dji_rows = []
    for row, _, _, _ in POPULATION:
        converted = {k: dutch.get(v, v) for k, v in row.items()}
        converted["name"] = "Zoë Daniëls-Çelik"
        for column in ("intake_date", "expected_release_date", "date_of_birth"):
            if column in converted:
                converted[column] = dutch_date(converted[column])
        dji_rows.append(converted)
    iris_rows = [
        {
            "skn": row["skn"],
            **iris,
            "recidivism_risk": "matig",
            "latest_information_date": dutch_date(iris["latest_information_date"]),
            "risc_date": dutch_date(iris["risc_date"]),
        }
        for row, iris, _, _ in POPULATION
        if iris
    ]
    dji_path = write_feed(
        tmp_path / "dji.csv", dji_rows, DJI_HEADER, delimiter=";", encoding="cp1252"
    )
    iris_path = write_feed(
        tmp_path / "iris.csv", iris_rows, IRIS_HEADER, delimiter=";", encoding="cp1252"
    )
    assert "ë".encode("cp1252") in dji_path.read_bytes()
    process = som_score_in_process(capsys, "--dji", dji_path, "--iris", iris_path, "--as-of", AS_OF)
    assert process.returncode == 0, process.stderr
    assert json_output(process) == json_output(json_run)


def test_tier_score_orders_a_band_before_intake_date(tmp_path: Path, capsys: Capture) -> None:
    # Both in weighing; 2 has the later intake but holds T1 (LVB), switched on with T5.
    dji_rows = [
        dji("1", "sentenced", "2026-01-01", scil_lvb_indication="nee"),
        dji("2", "sentenced", "2026-03-01", scil_lvb_indication="ja"),
        dji("3", "sentenced", "2026-02-01", scil_lvb_indication="ja", date_of_birth="2006-01-01"),
    ]
    iris_rows = [{"skn": row["skn"], **FRESH_IRIS} for row in dji_rows]
    dji_path = write_feed(tmp_path / "dji.csv", dji_rows, DJI_HEADER)
    iris_path = write_feed(tmp_path / "iris.csv", iris_rows, IRIS_HEADER)
    policy = tmp_path / "policy.toml"
    policy.write_text("split_weighing = true\n[tiers]\nlvb = true\nyoung_adult = true\n", "utf-8")
    process = som_score_in_process(
        capsys, "--dji", dji_path, "--iris", iris_path, "--policy", policy, "--as-of", AS_OF
    )
    assert process.returncode == 0, process.stderr
    detainees = json_output(process)["detainees"]
    assert [(d["skn"], d["band"], d["tier_score"]) for d in detainees] == [
        ("3", "weighing", 2),
        ("2", "weighing", 1),
        ("1", "weighing", 0),
    ]
    assert [d["tiers"] for d in detainees] == [["T1", "T5"], ["T1"], []]


def test_json_names_the_rules_version_beside_as_of_and_policy_version(
    json_run: subprocess.CompletedProcess[str],
) -> None:
    document = json_output(json_run)
    assert list(document)[:3] == ["as_of", "policy_version", "rules_version"]
    assert document["rules_version"] == rules_version()
