"""Checks of command-line arguments that run before any work, so a bad argument fails first
(exit 2) instead of after an import has committed."""

from __future__ import annotations

import os
from pathlib import Path


def directory_problem(directory: Path) -> str | None:
    """Why `directory` cannot be created or written to, or None when it can."""
    if directory.exists():
        if not directory.is_dir():
            return f"{directory} exists and is not a folder"
        if not os.access(directory, os.W_OK | os.X_OK):
            return f"{directory} is not writable"
        return None
    parent = directory.absolute().parent
    while not parent.exists():
        parent = parent.parent
    if not parent.is_dir():
        return f"{directory} cannot be created: {parent} is not a folder"
    if not os.access(parent, os.W_OK | os.X_OK):
        return f"{directory} cannot be created: {parent} is not writable"
    return None
