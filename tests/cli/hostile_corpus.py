"""Issue 8: the corpus of hostile feed files, one table run through both `som score`
(test_hostile_feeds.py) and `som import` on SQLite and PostgreSQL (test_hostile_import.py).

Each case is a `dji` file (and maybe an `iris` file) with its expected exit status (0 every row
accepted, 3 some rows rejected, 2 the file refused), a text its standard error must hold, and the
skns that must come through: scored by `som score`, current admissions after `som import`.
The spec's edge cases (feeds.md) stand beside the attacks of issue 8.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

AS_OF = "2026-11-29"
HEADER = "skn,name,pi,phase"
GOOD = "1,Jan,Sittard,remand"
#: A rejected row's line on standard error (and a row of the import's rejects report).
REJECTION_LINE = re.compile(r"^(dji|iris) row (\d+)\b", re.MULTILINE)
#: Characters that no standard error may hold: a feed must not drive the operator's terminal.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def csv(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join((header, *rows)) + "\n").encode()


def json_feed(*objects: str) -> bytes:
    return ("[" + ", ".join(objects) + "]").encode()


OBJ = '"pi": "Sittard", "phase": "remand"'


@dataclass(frozen=True)
class Case:
    dji: bytes
    status: int
    #: A text the standard error of both commands must hold (`som score` and `som import`
    #: word feed problems alike; a refused file's message starts with the command's name).
    stderr: str
    #: Exactly the skns scored by `som score` and current after `som import` (empty database).
    accepted: tuple[str, ...] = ()
    iris: bytes | None = None
    env: dict[str, str] = field(default_factory=dict)
    suffix: str = ".csv"

    def write_feeds(self, directory: Path) -> list[str | Path]:
        """Write the case's files to `directory`; the `--dji` (and `--iris`) arguments."""
        dji = directory / f"dji{self.suffix}"
        dji.write_bytes(self.dji)
        arguments: list[str | Path] = ["--dji", dji]
        if self.iris is not None:
            iris = directory / "iris.csv"
            iris.write_bytes(self.iris)
            arguments += ["--iris", iris]
        return arguments


def check_stderr(case: Case, process: subprocess.CompletedProcess[str], command: str) -> None:
    """Status, message, no traceback and no control character; a refused file names the
    command; an accepted file names no rejected row."""
    assert "Traceback" not in process.stderr
    assert process.returncode == case.status, process.stderr
    assert case.stderr in process.stderr
    assert not CONTROL.search(process.stderr), repr(process.stderr)
    if case.status == 2:
        assert f"som {command}: " in process.stderr
    if case.status == 0:
        assert not REJECTION_LINE.search(process.stderr), process.stderr


def rejected_rows(stderr: str) -> set[tuple[str, int]]:
    """(feed, row) of every rejected row named on standard error."""
    return {(feed, int(row)) for feed, row in REJECTION_LINE.findall(stderr)}


def bad_row(row: str, stderr: str) -> Case:
    """A `dji` file with one good row (skn 1) and one row rejected with `stderr`."""
    return Case(csv(GOOD, row), 3, stderr, accepted=("1",))


def good_rows(dji: bytes, *accepted: str, notice: str = "", iris: bytes | None = None) -> Case:
    """A file whose rows are all accepted (status 0), maybe with a notice on standard error."""
    return Case(dji, 0, notice, accepted=accepted, iris=iris)


def refused(dji: bytes, stderr: str, suffix: str = ".csv", iris: bytes | None = None) -> Case:
    """A file refused as a whole (status 2): nothing scored, nothing imported."""
    return Case(dji, 2, stderr, iris=iris, suffix=suffix)


def bad_iris_row(iris: str, stderr: str) -> Case:
    """One good `dji` row (skn 1); an `iris` file of which a row is rejected with `stderr`."""
    return Case(csv(GOOD), 3, stderr, accepted=("1",), iris=iris.encode())


def bad_json_object(extra: str, stderr: str) -> Case:
    """A JSON `dji` feed: a good object (skn 1) and one with `extra` (skn 2) rejected."""
    objects = json_feed(f'{{"skn": "1", {OBJ}}}', f'{{"skn": "2", {OBJ}, {extra}}}')
    return Case(objects, 3, stderr, accepted=("1",), suffix=".json")


def one_column(column: str, good: str, bad: str, stderr: str) -> Case:
    """A `dji` file with an extra `column`: `good` in row 1, `bad` (rejected) in row 2."""
    dji = csv(f"{GOOD},{good}", f"2,Piet,Sittard,remand,{bad}", header=f"{HEADER},{column}")
    return Case(dji, 3, stderr, accepted=("1",))


INTAKE = f"{HEADER},intake_date"
SKN_RULE = "an skn is 1–32 letters, digits, '-', '_' or '.'"
MEGABYTE_NOTE = csv(
    f"{GOOD},", "2,Piet,Sittard,remand," + "x" * 1_000_000, header=HEADER + ",cm_notes"
)

CORPUS: dict[str, Case] = {
    # The attacks of issue 8.
    "quote open to the end of the file": refused(
        csv(GOOD, '2,"Piet,Sittard,remand', "3,Klaas,Sittard,remand"),
        "dji.csv: the quote opened on line 3 is not closed before the end of the file",
    ),
    "quote that would swallow rows": Case(
        csv('1,"Jan,Sittard,remand', "2,Piet,Sittard,remand", '3,Klaas",Sittard,remand'),
        3,
        "dji row 1: line 2: a quote opened on this line is not closed where its cell should end",
        accepted=("2", "3"),
    ),
    "notes with line breaks": good_rows(
        csv('1,"Jan\nJansen",Sittard,remand', "2,Piet,Sittard,remand"),
        *("1", "2"),
        notice="notice: dji: 1 row(s) hold line breaks inside quoted cells: row 1 (lines 2–3)",
    ),
    "mixed delimiters": bad_row(
        "2;Piet;Sittard;remand",
        "dji row 2: mixed delimiters: the header is separated by ',' but this row also by ';'",
    ),
    "too many fields": bad_row(
        "2,Piet,Sittard,remand,x", "dji row 2: the row has 5 fields where the header has 4"
    ),
    "stray windows-1252 line": good_rows(
        csv(GOOD).replace(b"Jan", "Zoë".encode("cp1252")) + "2,Noël,Sittard,remand\n".encode(),
        *("1", "2"),
        notice="notice: dji: 1 row(s) not valid UTF-8, read as Windows-1252: row 1",
    ),
    "bom and windows-1252 body": good_rows(
        b"\xef\xbb\xbf" + "skn;name;pi;phase\r\n1;Zoë;Sittard;remand\r\n".encode("cp1252"),
        "1",
        notice="notice: dji: 1 row(s) not valid UTF-8, read as Windows-1252: row 1",
    ),
    "utf-16": refused(csv(GOOD).decode().encode("utf-16"), "not a CSV or JSON text file"),
    "xlsx": refused(b"PK\x03\x04\x14\x00\x06\x00" + bytes(200), "not a CSV or JSON text file"),
    "random binary": refused(
        bytes((i * 7919 + 13) % 256 for i in range(4096)), "not a CSV or JSON text file"
    ),
    "empty file": refused(b"", "the file is empty (a header row is required)"),
    "header only": good_rows(csv()),
    "missing required column": refused(
        csv("1,Jan,Sittard", header="skn,name,pi"), "dji.csv: missing required column 'phase'"
    ),
    "skn with a formula": bad_row(
        "=HYPERLINK(1),Piet,Sittard,remand",
        "dji row 2, column skn: '=HYPERLINK(1)' is not a valid skn: the character '='",
    ),
    "skn with a space inside": bad_row(
        "2 3,Piet,Sittard,remand",
        "dji row 2, column skn: '2 3' is not a valid skn: a space (U+0020) at position 2",
    ),
    "skn with a zero-width space": bad_row(
        "\u200b2,Piet,Sittard,remand", "an invisible character (U+200B) at position 1"
    ),
    "skn with a control character": bad_row(
        "2\x1b[2J,Piet,Sittard,remand", "a control character (U+001B) at position 2"
    ),
    "skn too long": bad_row(
        "9" * 40 + ",Piet,Sittard,remand",
        "dji row 2, column skn: the cell is 40 characters long; at most 32 are accepted",
    ),
    "nul byte in a name": bad_row(
        "2,Pi\x00et,Sittard,remand", "dji row 2, column name: the cell holds a NUL character"
    ),
    "duplicate skn": bad_row(
        "1,Piet,Sittard,remand", "dji row 2, column skn: duplicate skn '1' (first in row 1)"
    ),
    "megabyte note": Case(
        MEGABYTE_NOTE,
        3,
        "dji row 2, column cm_notes: the cell is 1,000,000 characters long; at most 10,000",
        accepted=("1",),
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
    "json NaN": bad_json_object(
        '"name": NaN', "dji row 2, column name: NaN is not a number JSON allows"
    ),
    "json Infinity": bad_json_object(
        '"name": -Infinity', "dji row 2, column name: -Infinity is not a number JSON allows"
    ),
    "json nested value": bad_json_object(
        '"name": {"a": 1}', "dji row 2, column name: a JSON object is not a cell value"
    ),
    "json keys differing in case": bad_json_object(
        '"SKN": "3"', "dji row 2: keys 'skn' and 'SKN' differ only in case or spaces"
    ),
    "json excessive nesting": refused(
        ("[" * 100_000 + "]" * 100_000).encode(),
        "dji.json: the JSON is nested too deeply to read",
        suffix=".json",
    ),
    "json not an array": refused(
        b'{"skn": "1"}', "dji.json: JSON must be an array of objects", suffix=".json"
    ),
    "json broken": refused(b'[{"skn": "1",', "dji.json: not valid JSON", suffix=".json"),
    "iris quote open to the end": refused(
        csv(GOOD),
        "iris.csv: the quote opened on line 2 is not closed",
        iris=b'skn,rw_notes\n1,"open note\n',
    ),
    "iris bad skn": bad_iris_row(
        'skn;rw_notes\n"1;2";x\n', "iris row 1, column skn: '1;2' is not a valid skn"
    ),
    # The edge cases of the spec (feeds.md) and of the skn rule.
    "duplicate skn in iris": bad_iris_row(
        "skn,rw_notes\n1,x\n1,y\n", "iris row 2, column skn: duplicate skn '1' (first in row 1)"
    ),
    "iris row for an skn not in dji": good_rows(
        csv(GOOD),
        "1",
        notice="notice: iris row 2: skn '9' is not in the dji feed; skipped",
        iris=b"skn,rw_notes\n1,x\n9,y\n",
    ),
    "empty required cell": bad_row(
        "2,Piet,,remand", "dji row 2, column pi: missing required value"
    ),
    "empty skn": bad_row(",Piet,Sittard,remand", "dji row 2, column skn: missing required value"),
    "unknown phase": bad_row(
        "2,Piet,Sittard,freed",
        "dji row 2, column phase: 'freed' is not a phase (remand/sentenced)",
    ),
    "unknown in a required vocabulary column": bad_row(
        "2,Piet,Sittard,onbekend", "dji row 2, column phase: 'onbekend': a known value is required"
    ),
    "unknown boolean": one_column(
        "tbs_imposed", "ja", "maybe", "dji row 2, column tbs_imposed: 'maybe' is not a boolean"
    ),
    "unknown level": bad_iris_row(
        "skn,recidivism_risk\n1,extreme\n",
        "iris row 1, column recidivism_risk: 'extreme' is not a level (low/medium/high)",
    ),
    "unknown criminogenic factor": bad_iris_row(
        "skn,criminogenic_factors\n1,housing|gambling\n",
        "iris row 1, column criminogenic_factors: 'gambling' is not a criminogenic factor",
    ),
    "impossible date": one_column(
        "intake_date",
        "2026-01-01",
        "31-02-2026",
        "dji row 2, column intake_date: '31-02-2026' is not a date",
    ),
    "date in another format": one_column(
        "intake_date",
        "2026-01-01",
        "2026/01/01",
        "dji row 2, column intake_date: '2026/01/01' is not a date",
    ),
    # feeds.md sets no bound on dates: an intake date after --as-of is read as given.
    "date in the future": good_rows(
        csv(f"{GOOD},2026-01-01", "2,Piet,Sittard,remand,2099-01-01", header=INTAKE), "1", "2"
    ),
    "iris header only": good_rows(csv(GOOD), "1", iris=b"skn,rw_notes\n"),
    "iris without its skn column": refused(
        csv(GOOD), "iris.csv: missing required column 'skn'", iris=b"rw_notes\nx\n"
    ),
    "unknown extra column": good_rows(
        csv(f"{GOOD},red", header=f"{HEADER},colour"),
        "1",
        notice="notice: dji: unknown column 'colour' ignored",
    ),
    "utf-8 bom": good_rows(b"\xef\xbb\xbf" + csv(GOOD), "1"),
    "crlf line ends": good_rows(
        csv(GOOD, "2,Piet,Sittard,remand").replace(b"\n", b"\r\n"), "1", "2"
    ),
    "empty line between rows": good_rows(
        csv(GOOD, "", "3,Piet,Sittard,remand"),
        *("1", "3"),
        notice="notice: dji: 1 empty row(s) skipped (row 2)",
    ),
    "json empty array": Case(b"[]", 0, "", suffix=".json"),
    "nul byte in skn": bad_row(
        "2\x003,Piet,Sittard,remand",
        "dji row 2, column skn: '2\\x003' is not a valid skn: a control character (U+0000) at "
        f"position 2; {SKN_RULE}",
    ),
    "skn of 33 characters": bad_row(
        "9" * 33 + ",Piet,Sittard,remand",
        "dji row 2, column skn: the cell is 33 characters long; at most 32 are accepted",
    ),
    "skn of 32 characters": good_rows(csv(GOOD, "9" * 32 + ",Piet,Sittard,remand"), "1", "9" * 32),
    "skn with a right-to-left override": bad_row(
        "2\u202e3,Piet,Sittard,remand",
        "dji row 2, column skn: '2\\u202e3' is not a valid skn: an invisible character (U+202E)",
    ),
    "skn starting with a plus": bad_row(
        "+31,Piet,Sittard,remand",
        "column skn: '+31' is not a valid skn: the character '+' (a spreadsheet formula "
        "character) at position 1",
    ),
    "skn starting with an at sign": bad_row(
        "@SUM(1),Piet,Sittard,remand", "column skn: '@SUM(1)' is not a valid skn: the character '@'"
    ),
    # '-' is one of the skn's characters (feeds.md); exports write such a cell as text.
    "skn starting with a minus": good_rows(csv(GOOD, "-2,Piet,Sittard,remand"), "1", "-2"),
    "name over the text cap": bad_row(
        "2," + "P" * 201 + ",Sittard,remand",
        "dji row 2, column name: the cell is 201 characters long; at most 200 are accepted",
    ),
    "escape sequence in an unknown column": good_rows(
        csv(f"{GOOD},x", header=f"{HEADER},\x1b[2Jevil"),
        "1",
        notice="notice: dji: unknown column '[2jevil' ignored",
    ),
    "escape sequence in a column given twice": refused(
        csv(f"{GOOD},x,y", header=f"{HEADER},\x1b[2J,\x1b[2J"),
        "dji.csv: column '[2j' appears twice in the header",
    ),
}

#: One case of each exit status, run in a new Python (`python -m som_cli.main`) as well: what
#: the tests see through the fork server (som_process.SomForkServer) is what an operator sees.
FRESH = (
    "quote that would swallow rows",
    "iris row for an skn not in dji",
    "file over the size limit",
)
