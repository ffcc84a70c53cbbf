"""The audit page's proofs as service functions: only auditors may run them, each is logged in
the access log with what it found, and they report what `som audit verify` / `replay` report."""

from __future__ import annotations

import json

import pytest
from storage_feeds import CASE_MANAGER, dji, import_rows, iris, newest, override_and_decide

from storage import Database
from storage.access_log import access_entries
from storage.actor import Actor
from storage.audit_checks import (
    ASSESSMENT_COLUMNS,
    assessments_of,
    override_assessment,
    replay_every,
    replay_one,
    verify_records,
)
from storage.errors import NotFound, ValidationFailed
from storage.integrity import database_audit_key, make_checkpoint
from storage.permissions import NotPermitted
from tests.storage.tampering import tamper

AUDITOR = Actor("Anna Audit", "auditor")


@pytest.fixture
def evidence(database: Database) -> Database:
    import_rows(database, [dji("1000001"), dji("1000002")], [iris("1000001"), iris("1000002")])
    override_and_decide(database, "1000001")
    return database


def _logged(database: Database, event: str) -> list[dict[str, object]]:
    entries = access_entries(database, event=event)
    return [json.loads(detail) for detail in entries["detail"]]


@pytest.mark.parametrize(
    "check",
    [
        lambda db, actor: verify_records(db, actor=actor),
        lambda db, actor: replay_every(db, actor=actor),
        lambda db, actor: replay_one(db, 1, actor=actor),
        lambda db, actor: assessments_of(db, "1000001", actor=actor),
        lambda db, actor: override_assessment(db, 1, actor=actor),
    ],
    ids=["verify", "replay_every", "replay_one", "assessments_of", "override_assessment"],
)
def test_audit_checks_are_for_auditors_only(evidence: Database, check: object) -> None:
    with pytest.raises(NotPermitted):
        check(evidence, CASE_MANAGER)  # type: ignore[operator]


def test_verify_records_reports_intact_chains_and_logs_it(evidence: Database) -> None:
    report = verify_records(evidence, actor=AUDITOR)
    assert report.ok
    [detail] = _logged(evidence, "verify")
    assert detail["intact"] is True and detail["bad_chains"] == []
    assert detail["chains"] == len(report.chains)


def test_verify_records_names_the_altered_chain_in_the_log(evidence: Database) -> None:
    tamper(evidence.engine, ("overrides",), "UPDATE overrides SET band = 'no_priority'")
    report = verify_records(evidence, actor=AUDITOR)
    assert not report.ok
    assert [(p.chain, p.record_id, p.kind) for p in report.problems] == [
        ("overrides", 1, "altered")
    ]
    [detail] = _logged(evidence, "verify")
    assert detail["intact"] is False and detail["bad_chains"] == ["overrides"]


def test_verify_records_checks_the_uploaded_checkpoint(evidence: Database) -> None:
    copy = make_checkpoint(evidence, database_audit_key(evidence))
    newest_override = "SELECT max(id) FROM overrides"
    tamper(
        evidence.engine,
        ("overrides", "chain_links"),
        f"DELETE FROM chain_links WHERE table_name = 'overrides' "
        f"AND record_id = ({newest_override})",
        f"DELETE FROM overrides WHERE id = ({newest_override})",
    )
    report = verify_records(evidence, actor=AUDITOR, checkpoint_text=copy, checkpoint_name="kopie")
    kinds = {(p.chain, p.kind) for p in report.checkpoint_problems}
    assert ("overrides", "tail_missing") in kinds
    assert any("kopie" in p.message for p in report.checkpoint_problems)
    [detail] = _logged(evidence, "verify")
    assert detail["checkpoint_file"] == "kopie" and detail["intact"] is False


def test_verify_records_refuses_an_upload_that_is_no_checkpoint(evidence: Database) -> None:
    with pytest.raises(ValidationFailed) as refused:
        verify_records(evidence, actor=AUDITOR, checkpoint_text="{nope", checkpoint_name="x.json")
    assert "x.json" in refused.value.errors["checkpoint"]
    entries = access_entries(evidence, event="verify")
    assert entries["outcome"].tolist() == ["refused"]
    assert json.loads(entries["detail"][0])["checkpoint_file"] == "x.json"


def test_replay_one_compares_the_assessment_and_logs_the_detainee(evidence: Database) -> None:
    _, assessment_id, _ = newest(evidence, "1000002")
    result = replay_one(evidence, assessment_id, actor=AUDITOR)
    assert result.status == "reproduced" and result.skn == "1000002"
    entries = access_entries(evidence, event="replay")
    assert entries["skn"].tolist() == ["1000002"]
    assert json.loads(entries["detail"][0]) == {
        "assessment_id": assessment_id,
        "status": "reproduced",
    }


def test_replay_one_of_an_altered_band_differs(evidence: Database) -> None:
    _, assessment_id, band = newest(evidence, "1000002")
    forged = "priority" if band != "priority" else "no_priority"
    tamper(
        evidence.engine,
        ("assessments",),
        f"UPDATE assessments SET band = '{forged}' WHERE id = {assessment_id}",
    )
    result = replay_one(evidence, assessment_id, actor=AUDITOR)
    assert result.status == "differs"
    assert [(f.field, f.stored, f.recomputed) for f in result.differences] == [
        ("band", forged, band)
    ]


def test_replay_every_counts_and_logs(evidence: Database) -> None:
    report = replay_every(evidence, actor=AUDITOR)
    assert report.ok and report.replayed == report.reproduced > 0
    [detail] = _logged(evidence, "replay")
    assert detail["replayed"] == report.replayed and detail["assessments"] == "all"


def test_assessments_of_lists_a_detainees_assessments_newest_first(evidence: Database) -> None:
    _, assessment_id, band = newest(evidence, "1000001")
    listed = assessments_of(evidence, "1000001", actor=AUDITOR)
    assert tuple(listed.columns) == ASSESSMENT_COLUMNS
    assert listed["assessment_id"].iloc[0] == assessment_id
    assert listed["band"].iloc[0] == band
    assert listed["assessment_id"].is_monotonic_decreasing


def test_assessments_of_an_unknown_skn_is_not_found(evidence: Database) -> None:
    with pytest.raises(NotFound):
        assessments_of(evidence, "9999999", actor=AUDITOR)


def test_override_assessment_is_the_one_it_was_made_on(evidence: Database) -> None:
    _, assessment_id, _ = newest(evidence, "1000001")
    assert override_assessment(evidence, 1, actor=AUDITOR) == assessment_id
    with pytest.raises(NotFound):
        override_assessment(evidence, 99, actor=AUDITOR)


def test_looking_a_detainee_up_to_replay_is_logged_found_or_not(evidence: Database) -> None:
    assessments_of(evidence, "1000001", actor=AUDITOR)
    with pytest.raises(NotFound):
        assessments_of(evidence, "9999999", actor=AUDITOR)
    entries = access_entries(evidence, event="search")
    assert entries["skn"].tolist() == ["9999999", "1000001"]  # newest first
    assert [json.loads(d)["purpose"] for d in entries["detail"]] == ["replay", "replay"]
