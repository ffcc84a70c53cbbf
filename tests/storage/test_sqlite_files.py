"""Building a new SQLite database beside its target and moving it into place when complete."""

from __future__ import annotations

from pathlib import Path

from storage import open_database, published_policy
from storage.sqlite_files import build_aside, sqlite_file


def test_sqlite_file_names_the_file_of_an_sqlite_url_only(tmp_path: Path) -> None:
    assert sqlite_file(f"sqlite:///{tmp_path / 'som.db'}") == tmp_path / "som.db"
    assert sqlite_file("sqlite://") is None
    assert sqlite_file("sqlite:///:memory:") is None
    assert sqlite_file("postgresql://postgres@127.0.0.1:5432/som") is None


def test_only_a_new_sqlite_file_is_built_aside(tmp_path: Path) -> None:
    existing = tmp_path / "som.db"
    existing.write_bytes(b"")
    assert build_aside(f"sqlite:///{existing}") is None
    assert build_aside("postgresql://postgres@127.0.0.1:5432/som") is None
    assert build_aside(f"sqlite:///{tmp_path / 'new' / 'som.db'}") is not None


def test_building_aside_starts_from_a_fresh_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "data" / "som.db"
    target.parent.mkdir()
    for leftover in ("som.db.partial", "som.db.partial-wal", "som.db.partial-shm"):
        (target.parent / leftover).write_bytes(b"half a demo")
    aside = build_aside(f"sqlite:///{target}")
    assert aside is not None
    assert aside.partial == target.parent / "som.db.partial"
    assert sorted(path.name for path in target.parent.iterdir()) == []


def test_a_completed_database_moves_into_place_as_one_file(tmp_path: Path) -> None:
    target = tmp_path / "data" / "som.db"
    aside = build_aside(f"sqlite:///{target}")
    assert aside is not None
    database = open_database(aside.url)
    try:
        published_policy(database)
    finally:
        database.dispose()
    assert not target.exists(), "nothing is in place before the database is complete"
    aside.complete()
    assert sorted(path.name for path in target.parent.iterdir()) == ["som.db"]
    reopened = open_database(f"sqlite:///{target}")
    try:
        assert published_policy(reopened).version == "default"
    finally:
        reopened.dispose()
