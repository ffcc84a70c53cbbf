"""`som audit replay` (som_cli.replay_command): exit 0 when every assessment reproduces, 1 with
the differences listed, 2 for bad arguments. Called through its own `configure`d parser."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator

import pytest
from sqlalchemy import text
from storage_feeds import dji, import_rows, iris, newest

from som_cli import replay_command
from storage import Database
from storage.connect import open_database


def _replay(*arguments: str) -> int:
    parser = argparse.ArgumentParser(prog="som audit replay")
    replay_command.configure(parser)
    return replay_command.run(parser.parse_args(list(arguments)))


@pytest.fixture
def imported(database_url: str) -> Iterator[tuple[str, Database]]:
    database = open_database(database_url)
    import_rows(database, [dji("1000001"), dji("1000002")], [iris("1000001")])
    try:
        yield database_url, database
    finally:
        database.dispose()


def _forge_band(database: Database, assessment_id: int) -> None:
    with database.engine.begin() as connection:
        if database.is_sqlite:
            connection.execute(text("DROP TRIGGER assessments_refuse_update"))
        else:
            connection.execute(text("SET LOCAL session_replication_role = replica"))
        connection.execute(
            text(f"UPDATE assessments SET band = 'priority' WHERE id = {assessment_id}")
        )


def test_replay_exits_0_when_every_assessment_reproduces(
    imported: tuple[str, Database], capsys: pytest.CaptureFixture[str]
) -> None:
    url, _ = imported
    assert _replay("--database", url) == 0
    out = capsys.readouterr().out
    assert "replayed 2 assessments" in out and "2 reproduced, 0 differ" in out


def test_replay_exits_1_and_lists_a_forged_band(
    imported: tuple[str, Database], capsys: pytest.CaptureFixture[str]
) -> None:
    url, database = imported
    _, assessment_id, band = newest(database, "1000002")
    assert band != "priority"
    _forge_band(database, assessment_id)

    assert _replay("--database", url) == 1
    out = capsys.readouterr().out
    assert "1 differ" in out
    [line] = [line for line in out.splitlines() if line.startswith(str(assessment_id))]
    assert line.split() == [str(assessment_id), "1000002", "band", "priority", band]

    assert _replay("--database", url, "--format", "json") == 1
    document = json.loads(capsys.readouterr().out)
    assert document["ok"] is False
    assert document["differences"] == [
        {
            "assessment_id": assessment_id,
            "skn": "1000002",
            "field": "band",
            "stored": "priority",
            "recomputed": band,
        }
    ]


def test_replay_rejects_an_unknown_format_with_exit_2() -> None:
    with pytest.raises(SystemExit) as exit_info:
        _replay("--format", "xml")
    assert exit_info.value.code == 2


def test_replay_rejects_a_malformed_database_url_with_exit_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _replay("--database", "not a url at all") == 2
    assert "is not a database URL" in capsys.readouterr().err
