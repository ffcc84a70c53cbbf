"""The audit key: the secret that seals SOM's evidence chains, kept outside the database.

Whoever holds only the database cannot recompute a seal: every link is an HMAC-SHA256 under this
key. SOM looks for it, in this order:

1. the environment variable `SOM_AUDIT_KEY` (64 hex digits, or any text of 32 characters or
   more, taken as UTF-8);
2. the key file named by `SOM_AUDIT_KEY_FILE`;
3. the key file `audit.key` beside the SQLite database file (`data/audit.key` for
   `data/som.db`), or `data/audit.key` under the working directory for PostgreSQL.

Without a key SOM still reads, but refuses to write evidence (`AuditKeyMissing`): a chain is
never extended unkeyed.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

from storage.errors import StorageError
from storage.sqlite_files import sqlite_file

KEY_VARIABLE = "SOM_AUDIT_KEY"
KEY_FILE_VARIABLE = "SOM_AUDIT_KEY_FILE"
KEY_FILE_NAME = "audit.key"
DEFAULT_KEY_FILE = Path("data") / KEY_FILE_NAME
#: The shortest key SOM accepts, in bytes.
MINIMUM_KEY_BYTES = 32


class AuditKeyMissing(StorageError):
    """No usable audit key: evidence cannot be sealed, so nothing was written."""


def key_file_path(url: str) -> Path:
    """Where the key file is looked for with this database URL (see the module docstring)."""
    configured = os.environ.get(KEY_FILE_VARIABLE, "").strip()
    if configured:
        return Path(configured)
    database_file = sqlite_file(url)
    if database_file is not None:
        return database_file.parent / KEY_FILE_NAME
    return DEFAULT_KEY_FILE


def find_audit_key(url: str) -> bytes | None:
    """The audit key for this database URL, or None when none is configured.

    A key that is configured but unusable (too short, an unreadable file) raises
    `AuditKeyMissing` naming where it was found: a broken key is never taken for no key.
    """
    configured = os.environ.get(KEY_VARIABLE, "")
    if configured.strip():
        return parse_key(configured, KEY_VARIABLE)
    path = key_file_path(url)
    if not path.exists():
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise AuditKeyMissing(f"audit key file {path}: cannot be read ({error})") from error
    return parse_key(text, f"audit key file {path}")


def require_audit_key(url: str) -> bytes:
    """The audit key for this database URL; `AuditKeyMissing` with what to do when there is none."""
    key = find_audit_key(url)
    if key is None:
        raise AuditKeyMissing(
            f"no audit key: set {KEY_VARIABLE} or put a key in {key_file_path(url)} "
            f"(or name the file in {KEY_FILE_VARIABLE}); evidence cannot be sealed, "
            "nothing was written"
        )
    return key


def parse_key(text: str, where: str) -> bytes:
    """A key from its text: hexadecimal when it is, else the text itself as UTF-8."""
    stripped = text.strip()
    try:
        key = bytes.fromhex(stripped)
    except ValueError:
        key = stripped.encode("utf-8")
    if len(key) < MINIMUM_KEY_BYTES:
        raise AuditKeyMissing(
            f"{where}: the audit key is too short ({len(key)} bytes; at least "
            f"{MINIMUM_KEY_BYTES}: 64 hex digits or {MINIMUM_KEY_BYTES} characters)"
        )
    return key


def create_key_file(path: Path) -> None:
    """Write a new random key (64 hex digits) to `path`, readable by its owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(secrets.token_hex(MINIMUM_KEY_BYTES) + "\n")


def ensure_audit_key(url: str) -> Path | None:
    """Make a local key file for this database when no key is configured; returns its path,
    or None when a key already existed (`som demo` uses this, and says so)."""
    if find_audit_key(url) is not None:
        return None
    path = key_file_path(url)
    create_key_file(path)
    return path


def key_id(key: bytes) -> str:
    """A short public name of a key (16 hex digits), so a checkpoint says which key signed it
    without revealing it."""
    return hmac.new(key, b"som audit key id", hashlib.sha256).hexdigest()[:16]
