"""The rules version: a fingerprint of the code that decides bands, stored with every result.

The fingerprint is a short SHA-256 digest over SOM's version and the source text of every file of
the `scoring` package that can change a result — the engine, the rules, the population facts, the
list order, the catalogue, the vocabularies, the policy and the input model — so a stored result
says which rules computed it, and a change of rules makes the stored results outdated.

Left out, on purpose, are the modules that only *word* or *format* a result: the explanations
(`explain.py`), the bilingual text class (`text.py`), the generated criteria reference
(`reference.py`) and the `som score` JSON writer (`results.py`). Stored assessments keep the
states that decided them, not sentences; the dashboard words them with the code it runs, so a
reworded sentence changes no stored result and needs no re-scoring of the whole population.
Everything else is in by default: a new module in `scoring/` counts as rules until it is listed
here as wording, because re-scoring too often costs a little time and re-scoring too rarely
shows wrong bands. (The catalogue modules hold sentences beside the rules they explain; they are
in, so rewording a catalogue sentence re-scores once.)

The digest reads the files as text with newlines normalised, in sorted order of their path inside
the package, so it is the same on every machine and in every process.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Mapping
from functools import cache
from importlib import metadata, resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Final

#: Files of the `scoring` package that only word or format results (see the module docstring).
WORDING_FILES: Final = frozenset(
    {"explain.py", "reference.py", "results.py", "text.py", "version.py"}
)
#: Kinds of file that ship in the package and may hold rules (code and declarative data).
RULE_FILE_SUFFIXES: Final = (".py", ".toml", ".ini")
#: SOM's version when neither the installed package nor a checkout's pyproject.toml tells it.
UNKNOWN_SOM_VERSION: Final = "0+unknown"
#: Length of the rules version in hex digits (64 bits: collisions are not a practical concern).
RULES_VERSION_LENGTH: Final = 16
_DISTRIBUTION: Final = "som"


def rules_version() -> str:
    """The rules version of the running code, e.g. '3f9a0c4d2b7e8a61' (computed once)."""
    return _running_rules_version()


def rules_fingerprint(sources: Mapping[str, str], som_version: str) -> str:
    """The rules version of the given sources (path inside `scoring` → text) and SOM version.

    The order of `sources` does not matter, and neither do Windows or old-Mac line endings.
    """
    digest = hashlib.sha256()
    digest.update(f"som {som_version}\n".encode())
    for path in sorted(sources):
        text = sources[path].replace("\r\n", "\n").replace("\r", "\n")
        digest.update(f"{path}\0{text}\0".encode())
    return digest.hexdigest()[:RULES_VERSION_LENGTH]


def rules_sources(root: Traversable | None = None) -> dict[str, str]:
    """The text of every rules file under `root` (default: the installed `scoring` package),
    keyed by its '/'-separated path inside the package."""
    package = root if root is not None else resources.files("scoring")
    found: dict[str, str] = {}
    _collect(package, "", found)
    return found


def som_version() -> str:
    """SOM's package version: from the installed metadata, else a checkout's pyproject.toml."""
    try:
        return metadata.version(_DISTRIBUTION)
    except metadata.PackageNotFoundError:
        pass
    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    try:
        project = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
    except (OSError, tomllib.TOMLDecodeError):
        return UNKNOWN_SOM_VERSION
    version = project.get("version") if isinstance(project, dict) else None
    return version if isinstance(version, str) and version else UNKNOWN_SOM_VERSION


@cache
def _running_rules_version() -> str:
    return rules_fingerprint(rules_sources(), som_version())


def _collect(folder: Traversable, prefix: str, found: dict[str, str]) -> None:
    for entry in folder.iterdir():
        path = f"{prefix}{entry.name}"
        if entry.is_dir():
            if entry.name != "__pycache__" and not entry.name.startswith("."):
                _collect(entry, f"{path}/", found)
        elif path not in WORDING_FILES and entry.name.endswith(RULE_FILE_SUFFIXES):
            found[path] = entry.read_text(encoding="utf-8")
