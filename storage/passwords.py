"""Passwords: argon2id hashes, and the rule for a password SOM accepts.

A password has at least 12 characters and is not a common one: not a well-known password or a
word with a few digits or symbols around it, not one or two characters repeated, not the
account's own name.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH: Final = 12

#: argon2id with the library's recommended cost (about 50 ms and 64 MiB per check).
_HASHER: Final = PasswordHasher()

#: Words that make a password common once digits and symbols are taken off (a data file).
_COMMON_CORES: Final[frozenset[str]] = frozenset(
    line.strip()
    for line in (Path(__file__).parent / "common_passwords.txt").read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)
_SEQUENCES: Final = ("0123456789", "abcdefghijklmnopqrstuvwxyz", "qwertyuiopasdfghjklzxcvbnm")


def password_problem(password: str, account_name: str = "") -> str | None:
    """Why `password` is refused, in a sentence; `None` when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return f"a password needs at least {MIN_LENGTH} characters (this one has {len(password)})"
    lowered = password.lower()
    core = re.sub(r"[^a-z]", "", lowered)
    if core in _COMMON_CORES or len(set(lowered)) <= 2 or _is_sequence(lowered):
        return "this password is too common; choose a longer sentence or random words"
    name = account_name.strip().lower()
    if name and (name in lowered or re.sub(r"[^a-z]", "", name) == core):
        return "a password may not contain the account's name"
    return None


def _is_sequence(text: str) -> bool:
    plain = re.sub(r"[^a-z0-9]", "", text)
    return len(plain) >= MIN_LENGTH - 2 and any(
        plain in run or plain in run[::-1] for run in (s * 3 for s in _SEQUENCES)
    )


def hash_password(password: str) -> str:
    """The argon2id hash to store."""
    return _HASHER.hash(password)


def password_matches(stored_hash: str | None, password: str) -> bool:
    """Whether `password` matches the stored hash (an account without one never matches)."""
    if not stored_hash:
        _HASHER.hash(password)  # the same work either way: timing does not tell accounts apart
        return False
    try:
        return _HASHER.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False
