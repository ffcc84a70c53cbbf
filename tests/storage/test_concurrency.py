"""Concurrent writers: 20 professionals record overrides at once — on the same admission and on
different ones — while an import re-scores one of them. Every override is either stored or
refused as made on a stale assessment; none is lost or duplicated; the chain still verifies."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from storage_feeds import dji, import_rows, iris, newest, override_to_priority

from storage import (
    Actor,
    Database,
    StaleAssessment,
    detainee_record,
    verify_chain,
)
from storage.schema import overrides

WRITERS = 20
SHARED = "1000000"


def test_twenty_concurrent_overrides_are_each_stored_or_refused_as_stale(
    database: Database,
) -> None:
    skns = [SHARED] + [f"10000{i:02d}" for i in range(1, WRITERS // 2 + 1)]
    import_rows(database, [dji(skn) for skn in skns], [iris(skn) for skn in skns])
    targets = [newest(database, SHARED)[:2]] * (WRITERS // 2) + [
        newest(database, skn)[:2] for skn in skns[1:]
    ]
    start = threading.Barrier(WRITERS + 1)

    def write(number: int) -> tuple[str, int | None]:
        admission_id, assessment_id = targets[number]
        start.wait()
        try:
            override_id = override_to_priority(
                database,
                admission_id,
                assessment_id,
                f"Zorg nummer {number:02d}: geen woning na detentie.",
                Actor(f"Casemanager {number:02d}", "case_manager"),
            )
        except StaleAssessment:
            return "stale", None
        return "stored", override_id

    def rescore_shared_admission() -> None:
        start.wait()
        changed = [
            dji(skn, cm_notes="advies is binnen") if skn == SHARED else dji(skn) for skn in skns
        ]
        import_rows(database, changed, [iris(skn) for skn in skns])

    with ThreadPoolExecutor(max_workers=WRITERS + 1) as pool:
        importer = pool.submit(rescore_shared_admission)
        outcomes = list(pool.map(write, range(WRITERS)))
        importer.result()

    stored_ids = [override_id for outcome, override_id in outcomes if outcome == "stored"]
    refused = [number for number, (outcome, _) in enumerate(outcomes) if outcome == "stale"]
    assert len(stored_ids) + len(refused) == WRITERS
    assert all(number < WRITERS // 2 for number in refused), "only the shared admission changed"
    with database.read() as connection:
        in_database = [row.id for row in connection.execute(overrides.select())]
    assert sorted(in_database) == sorted(stored_ids)
    assert len(set(stored_ids)) == len(stored_ids)
    shared_record = detainee_record(database, targets[0][0])
    assert len(shared_record.overrides) == WRITERS // 2 - len(refused)
    report = verify_chain(database)
    assert report.ok, report.problems
    assert report.checked["overrides"] == len(stored_ids)
    # Whatever the interleaving was, the shared assessment the writers saw is superseded now:
    # one more override on it is refused, so the stale path is always exercised.
    with pytest.raises(StaleAssessment):
        override_to_priority(
            database,
            targets[0][0],
            targets[0][1],
            "Te laat: de gegevens zijn intussen bijgewerkt.",
            Actor("Laatkomer", "case_manager"),
        )
