"""Queries for what is current: admissions still inside, their newest input version and their
newest assessment. Shared by import, re-scoring, the list and the detail page."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, FromClause, ScalarSelect, Select, func, select

from storage.bulk import IN_CHUNK, chunks
from storage.schema import admissions, assessments, detainees, input_versions


@dataclass(frozen=True)
class CurrentVersion:
    """A current admission and its newest input version."""

    admission_id: int
    detainee_id: int
    skn: str
    version_id: int
    version: int
    fingerprint: str


@dataclass(frozen=True)
class ReleasedVersion(CurrentVersion):
    """A detainee's newest admission, released because a feed no longer listed them, and its
    newest input version: the admission a return with the same intake date resumes."""

    released_at: datetime
    released_import_id: int | None
    release_reason: str


@dataclass(frozen=True)
class LatestAssessment:
    """The newest assessment of an admission (the states only when asked for)."""

    assessment_id: int
    admission_id: int
    input_version_id: int
    policy_id: int
    rules_version: str
    band: str
    result_fingerprint: str


def newest_version_id(admission_column: ColumnElement[int]) -> ScalarSelect[int]:
    """Correlated subquery: the id of the newest input version of an admission."""
    return _newest_id(input_versions.alias("newest_version"), admission_column)


def newest_assessment_id(admission_column: ColumnElement[int]) -> ScalarSelect[int]:
    """Correlated subquery: the id of the newest assessment of an admission."""
    return _newest_id(assessments.alias("newest_assessment"), admission_column)


def _newest_id(inner: FromClause, admission_column: ColumnElement[int]) -> ScalarSelect[int]:
    return (
        select(func.max(inner.c.id))
        .where(inner.c.admission_id == admission_column)
        .correlate_except(inner)
        .scalar_subquery()
    )


def current_admissions_query(*columns: Any) -> Select[Any]:
    """Every admission not released, joined to its detainee and its newest input version:
    `columns` are picked from `admissions`, `detainees`, `input_versions` and what callers join."""
    return (
        select(admissions.c.id, admissions.c.detainee_id, detainees.c.skn, *columns)
        .select_from(admissions)
        .join(detainees, detainees.c.id == admissions.c.detainee_id)
        .join(input_versions, input_versions.c.id == newest_version_id(admissions.c.id))
        .where(admissions.c.released_at.is_(None))
    )


def current_versions(connection: Connection) -> list[CurrentVersion]:
    """Every admission not released, with its newest input version, in admission order."""
    query = current_admissions_query(
        input_versions.c.id, input_versions.c.version, input_versions.c.fingerprint
    ).order_by(admissions.c.id)
    return [CurrentVersion(*row) for row in connection.execute(query).all()]


def released_versions(connection: Connection, skns: Iterable[str]) -> dict[str, ReleasedVersion]:
    """For each skn whose newest admission was released as absent from a feed: that admission
    and its newest input version, keyed by skn."""
    later = admissions.alias("later")
    is_newest = ~(
        select(later.c.id)
        .where(later.c.detainee_id == admissions.c.detainee_id, later.c.id > admissions.c.id)
        .exists()
    )
    found: dict[str, ReleasedVersion] = {}
    for batch in chunks(list(skns), IN_CHUNK):
        query = (
            select(
                admissions.c.id,
                admissions.c.detainee_id,
                detainees.c.skn,
                input_versions.c.id,
                input_versions.c.version,
                input_versions.c.fingerprint,
                admissions.c.released_at,
                admissions.c.released_import_id,
                admissions.c.release_reason,
            )
            .select_from(admissions)
            .join(detainees, detainees.c.id == admissions.c.detainee_id)
            .join(input_versions, input_versions.c.id == newest_version_id(admissions.c.id))
            .where(detainees.c.skn.in_(batch), admissions.c.release_reason == "absent_from_feed")
            .where(is_newest)
        )
        found.update({row[2]: ReleasedVersion(*row) for row in connection.execute(query).all()})
    return found


def latest_assessments(connection: Connection) -> dict[int, LatestAssessment]:
    """The newest assessment of every current admission that has one, keyed by admission id."""
    query = (
        select(
            assessments.c.id,
            assessments.c.admission_id,
            assessments.c.input_version_id,
            assessments.c.policy_id,
            assessments.c.rules_version,
            assessments.c.band,
            assessments.c.result_fingerprint,
        )
        .select_from(admissions)
        .join(assessments, assessments.c.id == newest_assessment_id(admissions.c.id))
        .where(admissions.c.released_at.is_(None))
    )
    return {row[1]: LatestAssessment(*row) for row in connection.execute(query).all()}


def any_assessment_outdated(connection: Connection, rules_version: str) -> bool:
    """Whether the newest assessment of some current admission was computed by other rules."""
    query = (
        select(assessments.c.id)
        .select_from(admissions)
        .join(assessments, assessments.c.id == newest_assessment_id(admissions.c.id))
        .where(admissions.c.released_at.is_(None), assessments.c.rules_version != rules_version)
        .limit(1)
    )
    return connection.execute(query).first() is not None


def version_documents(connection: Connection, version_ids: Iterable[int]) -> dict[int, str]:
    """The stored input documents of the given versions, keyed by version id."""
    return _texts_by_id(connection, input_versions.c.id, input_versions.c.inputs_json, version_ids)


def current_documents(connection: Connection) -> dict[int, str]:
    """The newest input document of every current admission, keyed by version id."""
    query = (
        select(input_versions.c.id, input_versions.c.inputs_json)
        .select_from(admissions)
        .join(input_versions, input_versions.c.id == newest_version_id(admissions.c.id))
        .where(admissions.c.released_at.is_(None))
    )
    return {int(row[0]): str(row[1]) for row in connection.execute(query).all()}


def assessment_states(connection: Connection, assessment_ids: Iterable[int]) -> dict[int, str]:
    """The stored state documents of the given assessments, keyed by assessment id."""
    return _texts_by_id(connection, assessments.c.id, assessments.c.states_json, assessment_ids)


def _texts_by_id(
    connection: Connection,
    id_column: ColumnElement[int],
    text_column: ColumnElement[str],
    ids: Iterable[int],
) -> dict[int, str]:
    """`text_column` of the rows with the given ids, keyed by id, asked for in chunks."""
    texts: dict[int, str] = {}
    for batch in chunks(sorted(set(ids)), IN_CHUNK):
        query = select(id_column, text_column).where(id_column.in_(batch))
        texts.update({int(row[0]): str(row[1]) for row in connection.execute(query).all()})
    return texts
