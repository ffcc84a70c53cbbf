"""Integrity you can prove: every piece of evidence is sealed into a keyed chain, and every
tampering — behind the append-only triggers' back — is named by `verify` with its record."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from storage_feeds import CASE_MANAGER, dji, import_rows, iris, newest, override_and_decide

from storage import (
    Database,
    record_decision,
    verify_chain,
    withdraw_override,
)
from storage.access_log import access_entries
from storage.audit_key import AuditKeyMissing, key_id, parse_key
from storage.integrity import (
    CheckpointInvalid,
    checkpoint_signature,
    database_audit_key,
    make_checkpoint,
    parse_checkpoint,
    seal,
    verify,
)
from storage.migrate import downgrade_to, upgrade_to_head
from storage.seal import CHAIN_NAMES, seal_pending
from tests.storage.tampering import tamper

KEY = parse_key("5e" * 32, "test")
OTHER_KEY = parse_key("a7" * 32, "test")


@pytest.fixture
def evidence(database: Database) -> Database:
    """Two detainees imported (default policy published, assessed), one override, one
    decision: a piece of evidence in every chain."""
    import_rows(database, [dji("1000001"), dji("1000002")], [iris("1000001"), iris("1000002")])
    override_and_decide(database, "1000001")
    return database


def _tamper(database: Database, tables: tuple[str, ...], *statements: str) -> None:
    tamper(database.engine, tables, *statements)


def _first(database: Database, table: str) -> int:
    with database.read() as connection:
        return int(connection.execute(text(f"SELECT min(id) FROM {table}")).scalar_one())


def _last(database: Database, table: str) -> int:
    with database.read() as connection:
        return int(connection.execute(text(f"SELECT max(id) FROM {table}")).scalar_one())


def _bad(database: Database, **checkpoint: object) -> list[tuple[str, int | None, str]]:
    report = verify(database, KEY, **checkpoint)  # type: ignore[arg-type]
    return [(p.chain, p.record_id, p.kind) for p in report.problems]


def test_every_piece_of_evidence_is_sealed_and_verifies(evidence: Database) -> None:
    report = verify(evidence, KEY)
    assert report.ok, report.problems
    links = {chain.name: chain.links for chain in report.chains}
    assert set(links) == set(CHAIN_NAMES)
    assert all(links[name] > 0 for name in CHAIN_NAMES), links
    assert links["overrides"] == 1
    assert links["decisions"] == 1
    assert links["detainees"] == 2
    assert all(chain.rows == chain.links for chain in report.chains)


def test_altered_override_is_named(evidence: Database) -> None:
    _tamper(evidence, ("overrides",), "UPDATE overrides SET band = 'no_priority' WHERE id = 1")
    assert _bad(evidence) == [("overrides", 1, "altered")]


def test_altered_withdrawal_is_named(evidence: Database) -> None:
    withdrawal = withdraw_override(evidence, 1, "De zorgen zijn weggenomen.", CASE_MANAGER)
    _tamper(
        evidence,
        ("overrides",),
        f"UPDATE overrides SET justification = 'Zomaar.' WHERE id = {withdrawal}",
    )
    assert _bad(evidence) == [("overrides", withdrawal, "altered")]


def test_altered_stored_checkpoint_is_reported(evidence: Database) -> None:
    make_checkpoint(evidence, KEY)
    _tamper(evidence, ("checkpoints",), "UPDATE checkpoints SET signature = '0' WHERE id = 1")
    assert _bad(evidence) == [("checkpoint", None, "checkpoint_signature")]


def test_altered_decision_is_named(evidence: Database) -> None:
    _tamper(evidence, ("decisions",), "UPDATE decisions SET option = 'no_priority' WHERE id = 1")
    assert _bad(evidence) == [("decisions", 1, "altered")]


def test_altered_assessment_band_is_named(evidence: Database) -> None:
    target = _last(evidence, "assessments")
    _tamper(evidence, ("assessments",), f"UPDATE assessments SET band = 'x' WHERE id = {target}")
    assert _bad(evidence) == [("assessments", target, "altered")]


def test_altered_input_flag_is_named(evidence: Database) -> None:
    target = _first(evidence, "input_versions")
    with evidence.read() as connection:
        inputs = json.loads(
            connection.execute(
                text(f"SELECT inputs_json FROM input_versions WHERE id = {target}")
            ).scalar_one()
        )
    flag = next(name for name, value in inputs.items() if isinstance(value, bool) or value is None)
    inputs[flag] = not inputs[flag]
    changed = json.dumps(inputs).replace("'", "''")
    _tamper(
        evidence,
        ("input_versions",),
        f"UPDATE input_versions SET inputs_json = '{changed}' WHERE id = {target}",
    )
    assert _bad(evidence) == [("input_versions", target, "altered")]


def test_altered_policy_value_is_named(evidence: Database) -> None:
    with evidence.read() as connection:
        document = connection.execute(
            text("SELECT document_json FROM policies WHERE id = 1")
        ).scalar_one()
    changed = document.replace("21", "28", 1)
    assert changed != document
    _tamper(
        evidence,
        ("policies",),
        f"UPDATE policies SET document_json = '{changed.replace(chr(39), chr(39) * 2)}' "
        "WHERE id = 1",
    )
    assert _bad(evidence) == [("policies", 1, "altered")]


def test_admission_moved_to_another_detainee_is_named(evidence: Database) -> None:
    admission_id, _, _ = newest(evidence, "1000001")
    other = 2 if admission_id == 1 else 1
    _tamper(evidence, (), f"UPDATE admissions SET detainee_id = {other} WHERE id = {admission_id}")
    assert _bad(evidence) == [("admissions", admission_id, "altered")]


def test_release_of_an_admission_is_not_tampering(evidence: Database) -> None:
    import_rows(evidence, [dji("1000002")], [iris("1000002")])  # 1000001 is released
    assert verify(evidence, KEY).ok


def test_deleted_record_whose_seal_remains_is_named(evidence: Database) -> None:
    _tamper(evidence, ("decisions",), "DELETE FROM decisions WHERE id = 1")
    assert _bad(evidence) == [("decisions", 1, "missing_record")]


def test_deleted_newest_record_is_named_against_a_checkpoint(evidence: Database) -> None:
    document = parse_checkpoint(make_checkpoint(evidence, KEY))
    newest_access = _last(evidence, "access_log")
    _tamper(
        evidence,
        ("decisions", "access_log", "chain_links", "checkpoints"),
        "DELETE FROM decisions WHERE id = 1",
        "DELETE FROM chain_links WHERE table_name = 'decisions'",
        f"DELETE FROM access_log WHERE id = {newest_access}",
        f"DELETE FROM chain_links WHERE table_name = 'access_log' AND record_id = {newest_access}",
        "DELETE FROM checkpoints",
    )
    # The chain alone cannot see a tail removed together with its seals ...
    assert verify(evidence, KEY).ok
    # ... the checkpoint the operator kept can.
    assert _bad(evidence, checkpoint=document) == [
        ("decisions", 1, "tail_missing"),
        ("access_log", newest_access, "tail_missing"),
    ]


def test_stored_checkpoint_reveals_a_removed_tail(evidence: Database) -> None:
    make_checkpoint(evidence, KEY)
    _tamper(
        evidence,
        ("decisions", "chain_links"),
        "DELETE FROM decisions WHERE id = 1",
        "DELETE FROM chain_links WHERE table_name = 'decisions'",
    )
    assert _bad(evidence) == [("decisions", 1, "tail_missing")]


def test_chain_recomputed_with_another_key_is_detected(evidence: Database) -> None:
    document = parse_checkpoint(make_checkpoint(evidence, KEY))
    _tamper(
        evidence,
        ("overrides", "chain_links"),
        "UPDATE overrides SET justification = 'Toch maar niet.' WHERE id = 1",
        "DELETE FROM chain_links WHERE table_name = 'overrides'",
    )
    with evidence.engine.begin() as connection:  # the attacker re-seals, without SOM's key
        assert seal_pending(connection, "", OTHER_KEY) == 1
    problems = _bad(evidence, checkpoint=document)
    assert problems[0] == ("overrides", 1, "altered")
    assert ("overrides", 1, "checkpoint_mismatch") in problems


def test_altered_checkpoint_has_a_bad_signature(evidence: Database) -> None:
    document = parse_checkpoint(make_checkpoint(evidence, KEY))
    document["chains"]["decisions"]["length"] = 0
    report = verify(evidence, KEY, checkpoint=document)
    assert [p.kind for p in report.problems] == ["checkpoint_signature"]


def test_checkpoint_signed_with_another_key_proves_nothing(evidence: Database) -> None:
    document = parse_checkpoint(make_checkpoint(evidence, KEY))
    document["key_id"] = key_id(OTHER_KEY)
    document["signature"] = checkpoint_signature(OTHER_KEY, document)
    report = verify(evidence, KEY, checkpoint=document)
    assert not report.ok
    assert {p.kind for p in report.problems} == {"checkpoint_signature"}


def test_row_inserted_without_seal_is_named(evidence: Database) -> None:
    newest_access = _last(evidence, "access_log")
    with evidence.engine.begin() as connection:  # straight into the table, past SOM
        connection.execute(
            text(
                "INSERT INTO access_log (id, at, event, outcome, user_name, user_role, detail) "
                f"VALUES ({newest_access + 1}, '2026-11-29 12:00:00.000000', 'view_list', 'ok', "
                "'x', 'auditor', '')"
            )
        )
    assert _bad(evidence) == [("access_log", newest_access + 1, "not_sealed_yet")]


@pytest.fixture
def without_key(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No key in the environment and no key file."""
    monkeypatch.delenv("SOM_AUDIT_KEY")
    monkeypatch.setenv("SOM_AUDIT_KEY_FILE", str(tmp_path / "no-such.key"))
    yield


def test_without_a_key_evidence_is_not_written(evidence: Database, without_key: None) -> None:
    admission_id, assessment_id, _ = newest(evidence, "1000002")
    with pytest.raises(AuditKeyMissing, match="no audit key: set SOM_AUDIT_KEY"):
        record_decision(
            evidence, admission_id, assessment_id, "no_priority", "Geen prioriteit.", CASE_MANAGER
        )
    with evidence.read() as connection:
        assert connection.execute(text("SELECT count(*) FROM decisions")).scalar_one() == 1


def test_key_file_is_used_when_no_variable_is_set(
    evidence: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("SOM_AUDIT_KEY")
    key_file = tmp_path / "audit.key"
    key_file.write_text("5e" * 32 + "\n", encoding="utf-8")
    monkeypatch.setenv("SOM_AUDIT_KEY_FILE", str(key_file))
    admission_id, assessment_id, _ = newest(evidence, "1000002")
    record_decision(
        evidence, admission_id, assessment_id, "no_priority", "Geen prioriteit.", CASE_MANAGER
    )
    assert verify(evidence, KEY).ok


def test_the_page_finds_the_same_key_as_the_commands(evidence: Database) -> None:
    assert database_audit_key(evidence) == KEY


def test_too_short_a_key_is_refused() -> None:
    with pytest.raises(AuditKeyMissing, match="too short"):
        parse_key("geheim", "SOM_AUDIT_KEY")


def test_rows_stored_before_the_keyed_chains_are_sealed_by_seal(evidence: Database) -> None:
    downgrade_to(evidence, "0005")
    upgrade_to_head(evidence)
    report = verify(evidence, KEY)
    assert {p.kind for p in report.problems} == {"not_sealed_yet"}
    assert seal(evidence, KEY) > 0
    assert verify(evidence, KEY).ok
    assert verify_chain(evidence).ok  # the older unkeyed chain is still intact too


def test_checkpoint_is_logged_and_covers_its_own_log_entry(evidence: Database) -> None:
    document = parse_checkpoint(make_checkpoint(evidence, KEY))
    newest_entry = _last(evidence, "access_log")
    assert document["chains"]["access_log"]["last_record_id"] == newest_entry
    entries = access_entries(evidence, event="checkpoint")
    assert entries["id"].tolist() == [newest_entry]
    assert verify(evidence, KEY, checkpoint=document).ok


def test_a_removed_tail_marks_its_chain_bad_in_the_report(evidence: Database) -> None:
    document = parse_checkpoint(make_checkpoint(evidence, KEY))
    newest_decision = _last(evidence, "decisions")
    _tamper(
        evidence,
        ("decisions", "chain_links"),
        f"DELETE FROM chain_links WHERE table_name = 'decisions' AND record_id = {newest_decision}",
        f"DELETE FROM decisions WHERE id = {newest_decision}",
    )
    report = verify(evidence, KEY, checkpoint=document)
    assert "decisions" in report.bad_chains
    [decisions] = [chain for chain in report.chains if chain.name == "decisions"]
    assert decisions.ok, "the chain itself is whole: only the checkpoint sees the gap"
    first = report.first_problem_of(decisions)
    assert first is not None and first.kind == "tail_missing"
    assert report.problem_count_of(decisions) >= 1


def test_a_checkpoint_nested_too_deeply_is_invalid_not_a_crash() -> None:
    with pytest.raises(CheckpointInvalid, match="nested too deeply"):
        parse_checkpoint("[" * 100_000 + "]" * 100_000)


def test_a_checkpoint_saved_with_a_byte_order_mark_is_the_same(evidence: Database) -> None:
    text = make_checkpoint(evidence, KEY)
    assert parse_checkpoint("\ufeff" + text) == parse_checkpoint(text)


def test_a_stored_checkpoint_altered_into_no_json_is_named_invalid(evidence: Database) -> None:
    make_checkpoint(evidence, KEY)
    _tamper(evidence, ("checkpoints",), "UPDATE checkpoints SET document_json = '{' WHERE id = 1")
    assert _bad(evidence) == [("checkpoint", 1, "checkpoint_invalid")]
