"""The errors the storage service raises; each says what was wrong and where."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from sqlalchemy.exc import SQLAlchemyError


class StorageError(Exception):
    """Base class of every error the storage service raises on purpose."""


class MassReleaseRefused(StorageError):
    """An import that would release more than half of a prison's current admissions.

    A partial or damaged feed must not empty a prison silently: `releases` maps each such
    prison to (admissions it would release, its current admissions). Nothing was written.
    """

    def __init__(self, releases: Mapping[str, tuple[int, int]]) -> None:
        self.releases = dict(releases)
        counts = "; ".join(f"{pi}: {n} of {total}" for pi, (n, total) in self.releases.items())
        super().__init__(
            f"the feed would release more than half of a prison's detainees ({counts}); "
            "nothing was imported — check the feed, or repeat with --allow-mass-release"
        )


class ValidationFailed(StorageError):
    """Input that cannot be stored; `errors` maps each field name to what is wrong with it.

    The dashboard shows each message next to its field; `str(error)` lists them all.
    """

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors: dict[str, str] = dict(errors)
        super().__init__("; ".join(f"{field}: {message}" for field, message in self.errors.items()))


class StaleAssessment(ValidationFailed):
    """The override or decision was made on an assessment that is no longer the newest one."""

    def __init__(self, assessment_id: int, newest_id: int) -> None:
        self.assessment_id = assessment_id
        self.newest_id = newest_id
        super().__init__(
            {
                "assessment_id": (
                    f"assessment {assessment_id} is no longer current: the detainee was scored "
                    f"again (assessment {newest_id}); review the new result and try again"
                )
            }
        )


class NotFound(StorageError):
    """A record that was asked for by id does not exist."""


class DatabaseUnavailable(StorageError):
    """The database could not be reached or refused a statement; `kind` names the driver's error.

    Storage raises this in place of the database library's own errors, so callers (the
    screens) handle storage's errors only.
    """

    def __init__(self, cause: Exception) -> None:
        self.kind = type(cause).__name__
        super().__init__(f"the database failed ({self.kind}): {cause}")


@contextmanager
def database_errors_translated() -> Iterator[None]:
    """Raise `DatabaseUnavailable` for any error of the database library inside the block."""
    try:
        yield
    except SQLAlchemyError as error:
        raise DatabaseUnavailable(error) from error
