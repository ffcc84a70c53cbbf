"""Re-scoring every current admission with the published policy, and keeping only real changes.

A new assessment is written only when the result, the policy version, the input version or the
rules version differs from the admission's newest assessment, so a daily run does not pile up
copies. A band that differs from the previous assessment's band raises a signal.

Each run that scored the whole population is logged in `scoring_runs` with its `as_of`, policy
and rules version. While the newest run has the same three, only admissions whose input changed
since (or that are new) need scoring: the engine is deterministic in (inputs, policy, as_of) for
one version of the rules, so the others cannot have changed. That is what makes a re-import of
unchanged files cheap. New rules (`scoring.version.rules_version`) make every stored assessment
outdated: the next run re-scores everyone and rewrites every assessment, even where the band
stays the same, so each stored result names the rules that computed it.

`daily_rescore` is the one re-score SOM runs by itself: at the start of `som serve` (and each
midnight while it serves) and on `som rescore`. Pages only read; they ask `needs_rescore`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, select

from scoring import score
from scoring.version import rules_version
from storage import clock
from storage.bulk import Progress, allocate_ids, insert_rows
from storage.codec import encode_results, frame_from_records, records_from_documents
from storage.current import (
    CurrentVersion,
    LatestAssessment,
    any_assessment_outdated,
    current_documents,
    current_versions,
    latest_assessments,
    version_documents,
)
from storage.database import Database
from storage.policy_versions import PublishedPolicy, current_policy, ensure_published_policy
from storage.schema import assessments, scoring_runs
from storage.signals import BandChange, create_signals


@dataclass(frozen=True)
class RescoreSummary:
    """What a re-scoring run did."""

    as_of: date
    policy_version: str
    rules_version: str
    scored: int
    assessments_written: int
    signals_created: int


def rescore(
    database: Database,
    as_of: date,
    *,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> RescoreSummary:
    """Score every current admission at `as_of` with the published policy; store what changed."""
    with database.write() as connection:
        return rescore_admissions(connection, as_of, now or datetime.now(UTC), progress=progress)


def daily_rescore(
    database: Database,
    as_of: date | None = None,
    *,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> RescoreSummary:
    """The daily re-score: every current admission at `as_of` (default: today in the Netherlands).

    `som serve` runs it at start and `som rescore` on demand; a page never does. Cheap when
    nothing changed since the last run of the same day, policy and rules.
    """
    return rescore(database, as_of or clock.today(), now=now, progress=progress)


def needs_rescore(database: Database, as_of: date) -> bool:
    """Whether the stored assessments are older than `as_of`, from another policy, or computed
    by other rules than the running code's (then the dashboard says the bands are being
    refreshed until `daily_rescore` has run)."""
    current_rules = rules_version()
    with database.read() as connection:
        policy = current_policy(connection)
        run = _last_run(connection)
        if policy is None or run != (as_of, policy.policy_id, current_rules):
            return True
        return any_assessment_outdated(connection, current_rules)


def rescore_admissions(
    connection: Connection,
    as_of: date,
    now: datetime,
    *,
    progress: Progress | None = None,
    known_records: Mapping[int, dict[str, Any]] | None = None,
    known_versions: list[CurrentVersion] | None = None,
) -> RescoreSummary:
    """Re-score inside an open write transaction (used by import and policy publication too).

    `known_records` maps input version ids to their JSON-ready records, and `known_versions`
    lists the current versions, when the caller has them at hand (the import does): that saves
    reading and decoding them again.
    """
    policy = ensure_published_policy(connection)
    rules = rules_version()
    whole_population = _last_run(connection) != (as_of, policy.policy_id, rules)
    versions = known_versions if known_versions is not None else current_versions(connection)
    latest = latest_assessments(connection)
    if whole_population:
        to_score = versions
    else:
        to_score = [v for v in versions if _outdated(v, latest, policy.policy_id, rules)]
    if progress is not None:
        progress("scoring", 0, len(to_score))
    records = _records(connection, to_score, known_records or {})
    written, signals = _score_and_store(
        connection, to_score, records, latest, policy, rules, as_of, now, progress
    )
    if whole_population or written:
        connection.execute(
            scoring_runs.insert().values(
                ran_at=now,
                as_of=as_of,
                policy_id=policy.policy_id,
                rules_version=rules,
                scored=len(to_score),
                assessments_written=written,
                signals_created=signals,
            )
        )
    return RescoreSummary(as_of, policy.version, rules, len(to_score), written, signals)


def _records(
    connection: Connection,
    versions: list[CurrentVersion],
    known: Mapping[int, dict[str, Any]],
) -> list[dict[str, Any]]:
    missing = [v.version_id for v in versions if v.version_id not in known]
    if len(missing) > len(versions) // 2:
        stored = current_documents(connection)
    else:
        stored = version_documents(connection, missing)
    wanted = [i for i in missing if i in stored]
    decoded = dict(zip(wanted, records_from_documents([stored[i] for i in wanted]), strict=True))
    return [known.get(v.version_id) or decoded[v.version_id] for v in versions]


def _outdated(
    version: CurrentVersion, latest: dict[int, LatestAssessment], policy_id: int, rules: str
) -> bool:
    """Whether the admission's newest assessment is missing or was made on other inputs, with
    another policy or by other rules."""
    previous = latest.get(version.admission_id)
    return (
        previous is None
        or previous.input_version_id != version.version_id
        or previous.policy_id != policy_id
        or previous.rules_version != rules
    )


def _score_and_store(
    connection: Connection,
    versions: list[CurrentVersion],
    records: list[dict[str, Any]],
    latest: dict[int, LatestAssessment],
    policy: PublishedPolicy,
    rules: str,
    as_of: date,
    now: datetime,
    progress: Progress | None,
) -> tuple[int, int]:
    if not versions:
        return 0, 0
    policy_id = policy.policy_id
    results = score(frame_from_records(records), policy.policy, as_of).sort_index()
    encoded = encode_results(results)
    rows = []
    changes: list[BandChange] = []
    for version, result in zip(versions, encoded, strict=True):
        previous = latest.get(version.admission_id)
        if (
            previous is not None
            and previous.result_fingerprint == result.result_fingerprint
            and not _outdated(version, latest, policy_id, rules)
        ):
            continue
        rows.append(
            {
                "id": 0,
                "admission_id": version.admission_id,
                "input_version_id": version.version_id,
                "policy_id": policy_id,
                "rules_version": rules,
                "as_of": as_of,
                "created_at": now,
                **result.columns(),
            }
        )
        if previous is not None and previous.band != result.band:
            changes.append(
                BandChange(
                    admission_id=version.admission_id,
                    old_assessment_id=previous.assessment_id,
                    old_band=previous.band,
                    new_band=result.band,
                    new_states_json=result.states_json,
                )
            )
    ids = allocate_ids(connection, assessments, len(rows))
    for row, new_id in zip(rows, ids, strict=True):
        row["id"] = new_id
    insert_rows(connection, assessments, rows, stage="assessments", progress=progress)
    new_ids = {row["admission_id"]: new_id for row, new_id in zip(rows, ids, strict=True)}
    created = create_signals(connection, changes, new_ids, now)
    return len(rows), created


def _last_run(connection: Connection) -> tuple[date, int, str] | None:
    """(as_of, policy id, rules version) of the newest scoring run."""
    row = connection.execute(
        select(scoring_runs.c.as_of, scoring_runs.c.policy_id, scoring_runs.c.rules_version)
        .order_by(scoring_runs.c.id.desc())
        .limit(1)
    ).first()
    return None if row is None else (row.as_of, int(row.policy_id), str(row.rules_version))
