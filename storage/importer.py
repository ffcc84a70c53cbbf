"""`som import`: apply parsed feeds to the database in one transaction.

For each accepted `dji` row (one detainee):
- no current admission for the skn → a new admission (a *re-admission* when the detainee was
  inside before), with input version 1;
- a current admission whose newest input version has the same fingerprint → nothing changes;
- a changed record whose `intake_date` is later than the stored one → the detainee left and came
  back: the old admission is closed ('readmitted') and a new one starts, screened anew;
- any other change → a new input version of the same admission;
- no current admission, but the detainee's newest admission was released because a feed no
  longer listed them, and the row has the same `intake_date` → the stay never ended: that
  admission *resumes*, with its overrides and decisions (a new input version when the data
  changed); the release it undoes is kept in `resumptions`.

A current admission whose skn is not in the feed is marked released ('absent_from_feed'), never
deleted — unless its row was in the file but rejected (`kept_skns`): then its stored data stay.
Without an `iris` file the stored probation part of each record is kept: the two feeds come from
different systems and need not arrive together.

Everything, including the re-scoring that follows, runs in one write transaction: an error
part-way leaves the database exactly as it was. Re-importing the same files writes nothing.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, select

from feeds import FeedResult
from storage.access_log import log_access
from storage.actor import SYSTEM
from storage.bulk import IN_CHUNK, Progress, allocate_ids, chunks, insert_rows
from storage.codec import (
    IRIS_PART,
    changed_feeds,
    fingerprint,
    input_document,
    input_records,
)
from storage.current import (
    CurrentVersion,
    ReleasedVersion,
    current_versions,
    released_versions,
    version_documents,
)
from storage.database import Database
from storage.errors import MassReleaseRefused
from storage.policy_versions import ensure_published_policy
from storage.rescoring import RescoreSummary, rescore_admissions
from storage.schema import admissions, detainees, imports, input_versions, resumptions


@dataclass(frozen=True)
class ImportSummary:
    """What an import did (counts of detainees unless said otherwise)."""

    import_id: int | None
    as_of: date
    dji_rows: int
    iris_rows: int
    accepted_rows: int
    rejected_rows: int
    new_admissions: int
    readmissions: int
    changed: int
    unchanged: int
    released: int
    kept_rejected: int
    rescore: RescoreSummary
    #: Admissions released, per prison.
    released_by_prison: dict[str, int] = field(default_factory=dict)
    #: Released admissions that resumed: the detainee is back with the same intake date.
    resumed: int = 0
    #: True when nothing was written: the counts say what the import would do.
    dry_run: bool = False

    @property
    def changed_anything(self) -> bool:
        """Whether the import added or closed anything (a re-import of the same files does not)."""
        return self.import_id is not None


@dataclass
class _Plan:
    new: list[int]
    readmitted: list[int]
    changed: list[tuple[int, str]]
    unchanged: int
    released: list[CurrentVersion]
    #: Released admissions that resume: position, the admission, changed feeds (None: same data).
    resumed: list[tuple[int, ReleasedVersion, str | None]]
    #: Releases per prison, and the current admissions of each prison before the import.
    released_by_prison: dict[str, int]
    current_by_prison: dict[str, int]

    def mass_releases(self) -> dict[str, tuple[int, int]]:
        """Prisons that would lose more than half of their current admissions: (released, of)."""
        return {
            prison: (count, self.current_by_prison[prison])
            for prison, count in sorted(self.released_by_prison.items())
            if 2 * count > self.current_by_prison[prison]
        }

    @property
    def empty(self) -> bool:
        return not (self.new or self.readmitted or self.changed or self.released or self.resumed)


def import_feeds(
    database: Database,
    feed: FeedResult,
    *,
    dji_file: str,
    iris_file: str | None,
    as_of: date,
    kept_skns: Collection[str] = frozenset(),
    kept_probation_skns: Collection[str] = frozenset(),
    now: datetime | None = None,
    progress: Progress | None = None,
    allow_mass_release: bool = False,
    dry_run: bool = False,
) -> ImportSummary:
    """Apply parsed feeds and re-score every current admission, all in one transaction.

    `iris_file` None means no probation feed was given: stored probation data are kept.
    `kept_skns` are detainees whose `dji` row was rejected; they are not marked released.
    `kept_probation_skns` are detainees whose `iris` row was rejected: their stored probation
    data stay (a bad cell must not read as "probation knows nothing").
    Only prisons with rows in the feed have admissions released; an import that would release
    more than half of one prison's current admissions raises `MassReleaseRefused` (nothing is
    written) unless `allow_mass_release`. `dry_run` does everything in the transaction, then
    rolls it back: the summary says what the import would do, nothing is written.
    """
    moment = now or datetime.now(UTC)
    frame = feed.inputs.reset_index(drop=True)
    records = input_records(frame)
    try:
        with database.write() as connection:
            summary = _apply(
                connection,
                feed,
                records,
                dji_file=dji_file,
                iris_file=iris_file,
                as_of=as_of,
                kept_skns=kept_skns,
                kept_probation_skns=kept_probation_skns,
                moment=moment,
                progress=progress,
                allow_mass_release=allow_mass_release,
            )
            if dry_run:
                raise _DryRun(summary)  # leaves the transaction: everything is rolled back
            detail = {
                "dji_file": dji_file,
                "iris_file": iris_file,
                "accepted": summary.accepted_rows,
                "rejected": summary.rejected_rows,
                "new": summary.new_admissions,
                "resumed": summary.resumed,
                "released": summary.released,
            }
            if summary.changed_anything:  # a re-import of the same files writes nothing at all
                log_access(connection, SYSTEM, "import", detail=detail, now=moment)
    except _DryRun as done:
        return replace(done.summary, dry_run=True)
    return summary


class _DryRun(Exception):
    def __init__(self, summary: ImportSummary) -> None:
        self.summary = summary


def _apply(
    connection: Connection,
    feed: FeedResult,
    records: list[dict[str, Any]],
    *,
    dji_file: str,
    iris_file: str | None,
    as_of: date,
    kept_skns: Collection[str],
    kept_probation_skns: Collection[str],
    moment: datetime,
    progress: Progress | None,
    allow_mass_release: bool,
) -> ImportSummary:
    ensure_published_policy(connection)
    current = {version.skn: version for version in current_versions(connection)}
    if iris_file is None:
        _keep_stored_probation_part(connection, records, current)
    elif kept_probation_skns:
        _keep_stored_probation_part(connection, records, current, set(kept_probation_skns))
    documents = [input_document(record) for record in records]
    fingerprints = [fingerprint(document) for document in documents]
    plan = _plan(connection, records, fingerprints, current, kept_skns)
    if not allow_mass_release and plan.mass_releases():
        raise MassReleaseRefused(plan.mass_releases())
    import_id, returning = None, 0
    version_ids = [
        current[record["skn"]].version_id if record["skn"] in current else 0 for record in records
    ]
    if not plan.empty:
        import_id, returning = _write(
            connection,
            plan,
            feed,
            records,
            documents,
            fingerprints,
            current,
            version_ids,
            dji_file=dji_file,
            iris_file=iris_file,
            as_of=as_of,
            now=moment,
            progress=progress,
        )
    rescored = rescore_admissions(
        connection,
        as_of,
        moment,
        progress=progress,
        known_records=dict(zip(version_ids, records, strict=True)),
        # Nothing written: the current versions are still the ones read above.
        known_versions=list(current.values()) if plan.empty else None,
    )
    kept = sum(1 for skn in set(kept_skns) if skn in current)
    return ImportSummary(
        import_id=import_id,
        as_of=as_of,
        dji_rows=feed.dji_rows,
        iris_rows=feed.iris_rows,
        accepted_rows=len(records),
        rejected_rows=len(feed.rejections),
        new_admissions=len(plan.new) + len(plan.readmitted),
        readmissions=len(plan.readmitted) + returning,
        changed=len(plan.changed),
        unchanged=plan.unchanged,
        released=len(plan.released),
        kept_rejected=kept,
        rescore=rescored,
        released_by_prison=plan.released_by_prison,
        resumed=len(plan.resumed),
    )


def _keep_stored_probation_part(
    connection: Connection,
    records: list[dict[str, Any]],
    current: dict[str, CurrentVersion],
    only: set[str] | None = None,
) -> None:
    """Put the stored probation fields back into `records` (all, or the skns in `only`)."""
    chosen = [r for r in records if r["skn"] in current and (only is None or r["skn"] in only)]
    stored = version_documents(connection, [current[r["skn"]].version_id for r in chosen])
    for record in chosen:
        version = current.get(record["skn"])
        if version is not None:
            old = json.loads(stored[version.version_id])
            record.update({name: old.get(name) for name in IRIS_PART})


def _plan(
    connection: Connection,
    records: list[dict[str, Any]],
    fingerprints: list[str],
    current: dict[str, CurrentVersion],
    kept_skns: Collection[str],
) -> _Plan:
    absent: list[int] = []
    candidates: list[int] = []
    unchanged = 0
    for position, record in enumerate(records):
        version = current.get(record["skn"])
        if version is None:
            absent.append(position)
        elif version.fingerprint == fingerprints[position]:
            unchanged += 1
        else:
            candidates.append(position)
    new, resumed = _resuming(connection, records, fingerprints, absent)
    stored = version_documents(
        connection, [current[records[p]["skn"]].version_id for p in candidates]
    )
    readmitted: list[int] = []
    changed: list[tuple[int, str]] = []
    for position in candidates:
        old = json.loads(stored[current[records[position]["skn"]].version_id])
        if _is_readmission(old, records[position]):
            readmitted.append(position)
        else:
            changed.append((position, changed_feeds(old, records[position])))
    in_feed = {record["skn"] for record in records}
    kept = set(kept_skns)
    gone = [v for skn, v in current.items() if skn not in in_feed and skn not in kept]
    # Only the prisons the feed speaks for lose the detainees it no longer lists: a feed of one
    # prison, or one that holds no rows at all, releases nobody elsewhere.
    covered = {record["pi"] for record in records}
    gone_documents = version_documents(connection, [v.version_id for v in gone])
    prison_of = {v.skn: json.loads(gone_documents[v.version_id]).get("pi") for v in gone}
    released = [v for v in gone if prison_of[v.skn] in covered]
    inside: Counter[str] = Counter(record["pi"] for record in records if record["skn"] in current)
    inside.update(prison_of[v.skn] for v in released)
    by_prison = Counter(prison_of[v.skn] for v in released)
    return _Plan(
        new, readmitted, changed, unchanged, released, resumed, dict(by_prison), dict(inside)
    )


def _resuming(
    connection: Connection,
    records: list[dict[str, Any]],
    fingerprints: list[str],
    absent: list[int],
) -> tuple[list[int], list[tuple[int, ReleasedVersion, str | None]]]:
    """Split the rows without a current admission into new admissions and resumed ones."""
    released = released_versions(connection, [records[p]["skn"] for p in absent])
    stored = version_documents(connection, [v.version_id for v in released.values()])
    new: list[int] = []
    resumed: list[tuple[int, ReleasedVersion, str | None]] = []
    for position in absent:
        record = records[position]
        version = released.get(record["skn"])
        old = None if version is None else json.loads(stored[version.version_id])
        if version is None or old is None or not _same_stay(old, record):
            new.append(position)
        elif version.fingerprint == fingerprints[position]:
            resumed.append((position, version, None))
        else:
            resumed.append((position, version, changed_feeds(old, record)))
    return new, resumed


def _same_stay(old: dict[str, Any], new: dict[str, Any]) -> bool:
    # Only a known intake date can show that a stay went on: without one, a return is a new stay.
    intake = old.get("intake_date")
    return bool(intake) and intake == new.get("intake_date")


def _is_readmission(old: dict[str, Any], new: dict[str, Any]) -> bool:
    # A later intake date means a new stay. An earlier or removed date is a correction of the
    # same stay (the prison system fixing a typo), so it stays one admission.
    old_intake, new_intake = old.get("intake_date"), new.get("intake_date")
    return bool(old_intake and new_intake and new_intake > old_intake)


def _write(
    connection: Connection,
    plan: _Plan,
    feed: FeedResult,
    records: list[dict[str, Any]],
    documents: list[str],
    fingerprints: list[str],
    current: dict[str, CurrentVersion],
    version_ids: list[int],
    *,
    dji_file: str,
    iris_file: str | None,
    as_of: date,
    now: datetime,
    progress: Progress | None,
) -> tuple[int, int]:
    """Write the plan; returns the import id and how many new admissions are of detainees who
    were inside before (released, now back). Fills in `version_ids` of new versions."""
    import_id = int(
        connection.execute(
            imports.insert().values(
                imported_at=now,
                as_of=as_of,
                dji_file=dji_file,
                iris_file=iris_file,
                dji_rows=feed.dji_rows,
                iris_rows=feed.iris_rows,
                rejected_rows=len(feed.rejections),
                new_admissions=len(plan.new) + len(plan.readmitted),
                changed_admissions=len(plan.changed),
                released_admissions=len(plan.released),
                resumed_admissions=len(plan.resumed),
            )
        ).inserted_primary_key[0]  # type: ignore[index]
    )
    absent_ids = [v.admission_id for v in plan.released]
    _release(connection, absent_ids, "absent_from_feed", import_id, now)
    readmitted_ids = [current[records[p]["skn"]].admission_id for p in plan.readmitted]
    _release(connection, readmitted_ids, "readmitted", import_id, now)
    _resume(connection, [version for _, version, _ in plan.resumed], import_id, now)

    starting = plan.new + plan.readmitted
    detainee_ids = _detainee_ids(connection, [records[p]["skn"] for p in starting], now, progress)
    admission_ids = allocate_ids(connection, admissions, len(starting))
    insert_rows(
        connection,
        admissions,
        [
            {
                "id": admission_id,
                "detainee_id": detainee_ids.ids[records[p]["skn"]],
                "admitted_at": now,
                "admitted_import_id": import_id,
            }
            for admission_id, p in zip(admission_ids, starting, strict=True)
        ],
        stage="admissions",
        progress=progress,
    )
    resumed_changed = [(p, v, feeds) for p, v, feeds in plan.resumed if feeds is not None]
    positions = [*starting, *(p for p, _ in plan.changed), *(p for p, _, _ in resumed_changed)]
    new_version_ids = allocate_ids(connection, input_versions, len(positions))
    versions = [
        _version_row(admission_id, 1, "new", documents[p], fingerprints[p], import_id, now)
        for admission_id, p in zip(admission_ids, starting, strict=True)
    ]
    for position, feeds_changed in plan.changed:
        version = current[records[position]["skn"]]
        versions.append(
            _version_row(
                version.admission_id,
                version.version + 1,
                feeds_changed,
                documents[position],
                fingerprints[position],
                import_id,
                now,
            )
        )
    for position, released, feeds_changed in resumed_changed:
        versions.append(
            _version_row(
                released.admission_id,
                released.version + 1,
                feeds_changed,
                documents[position],
                fingerprints[position],
                import_id,
                now,
            )
        )
    for position, released, feeds in plan.resumed:
        if feeds is None:
            version_ids[position] = released.version_id
    for row, version_id, position in zip(versions, new_version_ids, positions, strict=True):
        row["id"] = version_id
        version_ids[position] = version_id
    insert_rows(connection, input_versions, versions, stage="input versions", progress=progress)
    returning = sum(1 for p in plan.new if records[p]["skn"] in detainee_ids.returning)
    return import_id, returning


@dataclass
class _DetaineeIds:
    ids: dict[str, int]
    returning: set[str]


def _detainee_ids(
    connection: Connection, skns: list[str], now: datetime, progress: Progress | None
) -> _DetaineeIds:
    known: dict[str, int] = {}
    for batch in chunks(skns, IN_CHUNK):
        query = select(detainees.c.skn, detainees.c.id).where(detainees.c.skn.in_(batch))
        known.update({str(skn): int(id_) for skn, id_ in connection.execute(query)})
    missing = [skn for skn in skns if skn not in known]
    new_ids = allocate_ids(connection, detainees, len(missing))
    insert_rows(
        connection,
        detainees,
        [
            {"id": id_, "skn": skn, "first_seen_at": now}
            for id_, skn in zip(new_ids, missing, strict=True)
        ],
        stage="detainees",
        progress=progress,
    )
    return _DetaineeIds({**known, **dict(zip(missing, new_ids, strict=True))}, set(known))


def _release(
    connection: Connection, admission_ids: list[int], reason: str, import_id: int, now: datetime
) -> None:
    for batch in chunks(admission_ids, IN_CHUNK):
        connection.execute(
            admissions.update()
            .where(admissions.c.id.in_(batch))
            .values(released_at=now, released_import_id=import_id, release_reason=reason)
        )


def _resume(
    connection: Connection, released: list[ReleasedVersion], import_id: int, now: datetime
) -> None:
    """Undo the release of each admission, keeping the release undone in `resumptions`."""
    if not released:
        return
    ids = allocate_ids(connection, resumptions, len(released))
    insert_rows(
        connection,
        resumptions,
        [
            {
                "id": id_,
                "admission_id": version.admission_id,
                "released_at": version.released_at,
                "released_import_id": version.released_import_id,
                "release_reason": version.release_reason,
                "resumed_at": now,
                "resumed_import_id": import_id,
            }
            for id_, version in zip(ids, released, strict=True)
        ],
        stage="resumptions",
    )
    for batch in chunks([version.admission_id for version in released], IN_CHUNK):
        connection.execute(
            admissions.update()
            .where(admissions.c.id.in_(batch))
            .values(released_at=None, released_import_id=None, release_reason=None)
        )


def _version_row(
    admission_id: int,
    version: int,
    feeds_changed: str,
    document: str,
    content_fingerprint: str,
    import_id: int,
    now: datetime,
) -> dict[str, Any]:
    return {
        "id": 0,
        "admission_id": admission_id,
        "version": version,
        "fingerprint": content_fingerprint,
        "changed_feeds": feeds_changed,
        "inputs_json": document,
        "created_at": now,
        "import_id": import_id,
    }
