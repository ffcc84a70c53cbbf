"""Issue 8: a corpus of hostile feed files run through `som score` as a subprocess. Each case
has its expected exit status and a line its standard error must hold; no standard error may
hold a traceback, and the good rows of a rejected-row case are still scored."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from som_process import json_output, som_score

AS_OF = "2026-11-29"
HEADER = "skn,name,pi,phase"
GOOD = "1,Jan,Sittard,remand"


def csv(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join((header, *rows)) + "\n").encode()


def json_feed(*objects: str) -> bytes:
    return ("[" + ", ".join(objects) + "]").encode()


OBJ = '"pi": "Sittard", "phase": "remand"'


@dataclass(frozen=True)
class Case:
    dji: bytes
    status: int
    stderr: str
    #: The skns that must still be scored (rejected-row cases only).
    scored: tuple[str, ...] = ()
    iris: bytes | None = None
    env: dict[str, str] = field(default_factory=dict)
    suffix: str = ".csv"


CORPUS: dict[str, Case] = {
    "quote open to the end of the file": Case(
        csv(GOOD, '2,"Piet,Sittard,remand', "3,Klaas,Sittard,remand"),
        2,
        "dji.csv: the quote opened on line 3 is not closed before the end of the file",
    ),
    "quote that would swallow rows": Case(
        csv('1,"Jan,Sittard,remand', "2,Piet,Sittard,remand", '3,Klaas",Sittard,remand'),
        3,
        "dji row 1: line 2: a quote opened on this line is not closed where its cell should end",
        scored=("2", "3"),
    ),
    "notes with line breaks": Case(
        csv('1,"Jan\nJansen",Sittard,remand', "2,Piet,Sittard,remand"),
        0,
        "notice: dji: 1 row(s) hold line breaks inside quoted cells: row 1 (lines 2–3)",
    ),
    "mixed delimiters": Case(
        csv(GOOD, "2;Piet;Sittard;remand"),
        3,
        "dji row 2: mixed delimiters: the header is separated by ',' but this row also by ';'",
        scored=("1",),
    ),
    "too many fields": Case(
        csv(GOOD, "2,Piet,Sittard,remand,x"),
        3,
        "dji row 2: the row has 5 fields where the header has 4",
        scored=("1",),
    ),
    "stray windows-1252 line": Case(
        csv(GOOD).replace(b"Jan", "Zoë".encode("cp1252")) + "2,Noël,Sittard,remand\n".encode(),
        0,
        "notice: dji: 1 row(s) not valid UTF-8, read as Windows-1252: row 1",
    ),
    "bom and windows-1252 body": Case(
        b"\xef\xbb\xbf" + "skn;name;pi;phase\r\n1;Zoë;Sittard;remand\r\n".encode("cp1252"),
        0,
        "notice: dji: 1 row(s) not valid UTF-8, read as Windows-1252: row 1",
    ),
    "utf-16": Case(csv(GOOD).decode().encode("utf-16"), 2, "not a CSV or JSON text file"),
    "xlsx": Case(b"PK\x03\x04\x14\x00\x06\x00" + bytes(200), 2, "not a CSV or JSON text file"),
    "random binary": Case(
        bytes((i * 7919 + 13) % 256 for i in range(4096)), 2, "not a CSV or JSON text file"
    ),
    "empty file": Case(b"", 2, "the file is empty (a header row is required)"),
    "header only": Case(csv(), 0, ""),
    "missing required column": Case(
        csv("1,Jan,Sittard", header="skn,name,pi"), 2, "missing required column 'phase'"
    ),
    "skn with a formula": Case(
        csv(GOOD, "=HYPERLINK(1),Piet,Sittard,remand"),
        3,
        "dji row 2, column skn: '=HYPERLINK(1)' is not a valid skn: the character '='",
        scored=("1",),
    ),
    "skn with a space inside": Case(
        csv(GOOD, "2 3,Piet,Sittard,remand"),
        3,
        "dji row 2, column skn: '2 3' is not a valid skn: a space (U+0020) at position 2",
        scored=("1",),
    ),
    "skn with a zero-width space": Case(
        csv(GOOD, "\u200b2,Piet,Sittard,remand"),
        3,
        "an invisible character (U+200B) at position 1",
        scored=("1",),
    ),
    "skn with a control character": Case(
        csv(GOOD, "2\x1b[2J,Piet,Sittard,remand"),
        3,
        "a control character (U+001B) at position 2",
        scored=("1",),
    ),
    "skn too long": Case(
        csv(GOOD, "9" * 40 + ",Piet,Sittard,remand"),
        3,
        "dji row 2, column skn: the cell is 40 characters long; at most 32 are accepted",
        scored=("1",),
    ),
    "nul byte in a name": Case(
        csv(GOOD, "2,Pi\x00et,Sittard,remand"),
        3,
        "dji row 2, column name: the cell holds a NUL character",
        scored=("1",),
    ),
    "duplicate skn": Case(
        csv(GOOD, "1,Piet,Sittard,remand"),
        3,
        "dji row 2, column skn: duplicate skn '1' (first in row 1)",
        scored=("1",),
    ),
    "megabyte note": Case(
        csv(GOOD, "2,Piet,Sittard,remand", header=HEADER)
        .replace(b"Piet,Sittard,remand", b"Piet,Sittard,remand," + b"x" * 1_000_000)
        .replace(HEADER.encode(), (HEADER + ",cm_notes").encode()),
        3,
        "dji row 2, column cm_notes: the cell is 1,000,000 characters long; at most 10,000",
        scored=("1",),
    ),
    "file over the size limit": Case(
        csv(GOOD), 2, "bytes, over the limit of 20 bytes", env={"SOM_FEED_MAX_BYTES": "20"}
    ),
    "bad size setting": Case(
        csv(GOOD),
        2,
        "SOM_FEED_MAX_BYTES: 'lots' is not a positive",
        env={"SOM_FEED_MAX_BYTES": "lots"},
    ),
    "json NaN": Case(
        json_feed(f'{{"skn": "1", {OBJ}}}', f'{{"skn": "2", {OBJ}, "name": NaN}}'),
        3,
        "dji row 2, column name: NaN is not a number JSON allows",
        scored=("1",),
        suffix=".json",
    ),
    "json Infinity": Case(
        json_feed(f'{{"skn": "1", {OBJ}}}', f'{{"skn": "2", {OBJ}, "name": -Infinity}}'),
        3,
        "dji row 2, column name: -Infinity is not a number JSON allows",
        scored=("1",),
        suffix=".json",
    ),
    "json nested value": Case(
        json_feed(f'{{"skn": "1", {OBJ}}}', f'{{"skn": "2", {OBJ}, "name": {{"a": 1}}}}'),
        3,
        "dji row 2, column name: a JSON object is not a cell value",
        scored=("1",),
        suffix=".json",
    ),
    "json keys differing in case": Case(
        json_feed(f'{{"skn": "1", {OBJ}}}', f'{{"skn": "2", "SKN": "3", {OBJ}}}'),
        3,
        "dji row 2: keys 'skn' and 'SKN' differ only in case or spaces",
        scored=("1",),
        suffix=".json",
    ),
    "json excessive nesting": Case(
        ("[" * 100_000 + "]" * 100_000).encode(),
        2,
        "dji.json: the JSON is nested too deeply to read",
        suffix=".json",
    ),
    "json not an array": Case(
        b'{"skn": "1"}', 2, "dji.json: JSON must be an array of objects", suffix=".json"
    ),
    "json broken": Case(b'[{"skn": "1",', 2, "dji.json: not valid JSON", suffix=".json"),
    "iris quote open to the end": Case(
        csv(GOOD),
        2,
        "iris.csv: the quote opened on line 2 is not closed",
        iris=b'skn,rw_notes\n1,"open note\n',
    ),
    "iris bad skn": Case(
        csv(GOOD),
        3,
        "iris row 1, column skn: '1;2' is not a valid skn",
        scored=("1",),
        iris=b'skn;rw_notes\n"1;2";x\n',
    ),
}


@pytest.mark.parametrize("case", CORPUS.values(), ids=CORPUS.keys())
def test_hostile_feed_gives_its_exit_status_and_message_without_a_traceback(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in case.env.items():
        monkeypatch.setenv(name, value)
    dji = tmp_path / f"dji{case.suffix}"
    dji.write_bytes(case.dji)
    arguments: list[str | Path] = ["--dji", dji, "--as-of", AS_OF, "--format", "json"]
    if case.iris is not None:
        iris = tmp_path / "iris.csv"
        iris.write_bytes(case.iris)
        arguments += ["--iris", iris]
    process = som_score(*arguments)
    assert "Traceback" not in process.stderr
    assert process.returncode == case.status, process.stderr
    assert case.stderr in process.stderr
    if case.status in (0, 3):
        scored = [d["skn"] for d in json_output(process)["detainees"]]
        assert set(case.scored) <= set(scored)
    else:
        assert process.stdout == ""
