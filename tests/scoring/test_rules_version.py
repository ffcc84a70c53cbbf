"""The rules version: a fingerprint of the code that decides bands (scoring/version.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

import scoring
from scoring.version import (
    RULES_VERSION_LENGTH,
    WORDING_FILES,
    rules_fingerprint,
    rules_sources,
    rules_version,
    som_version,
)

REPO = Path(__file__).resolve().parents[2]
PACKAGE = Path(scoring.__file__).resolve().parent


@pytest.fixture
def scoring_copy(tmp_path: Path) -> Path:
    """A copy of the scoring package's files, to change without touching the real one."""
    copy = tmp_path / "scoring"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def _version_of(root: Path) -> str:
    return rules_fingerprint(rules_sources(root), som_version())


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_rules_version_is_a_short_hex_digest() -> None:
    version = rules_version()
    assert len(version) == RULES_VERSION_LENGTH
    assert int(version, 16) >= 0


def test_rules_version_is_the_same_in_other_processes() -> None:
    script = "from scoring.version import rules_version; print(rules_version())"
    seen = set()
    for seed in ("1", "2"):  # str hashing differs between these; the fingerprint must not
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", script],
            cwd=REPO,
            env=environment,
            capture_output=True,
            text=True,
            check=True,
        )
        seen.add(done.stdout.strip())
    assert seen == {rules_version()}


def test_rules_version_covers_engine_rules_catalogue_vocabulary_policy_and_inputs() -> None:
    assert set(rules_sources()) >= {
        "engine.py",
        "rules.py",
        "population.py",
        "order.py",
        "vocabulary.py",
        "policy.py",
        "inputs.py",
        "catalogue/criteria.py",
        "catalogue/tiers.py",
        "catalogue/weighing.py",
        "catalogue/types.py",
    }


def test_explanations_and_output_writers_are_not_part_of_the_rules_version() -> None:
    assert {"explain.py", "text.py", "reference.py", "results.py"} <= WORDING_FILES
    assert not set(rules_sources()) & WORDING_FILES


def test_a_copy_of_the_rules_has_the_running_rules_version(scoring_copy: Path) -> None:
    assert _version_of(scoring_copy) == rules_version()


def test_changing_a_rule_changes_the_rules_version(scoring_copy: Path) -> None:
    _append(scoring_copy / "rules.py", "\n# C04 now counts from the hearing date\n")
    assert _version_of(scoring_copy) != rules_version()


def test_changing_the_catalogue_changes_the_rules_version(scoring_copy: Path) -> None:
    _append(scoring_copy / "catalogue" / "criteria.py", "\n")
    assert _version_of(scoring_copy) != rules_version()


def test_a_new_scoring_module_counts_as_rules(scoring_copy: Path) -> None:
    (scoring_copy / "fields.py").write_text('"""A new field catalogue."""\n', encoding="utf-8")
    assert _version_of(scoring_copy) != rules_version()


def test_rewording_an_explanation_keeps_the_rules_version(scoring_copy: Path) -> None:
    _append(scoring_copy / "explain.py", "\n# a clearer sentence for C05\n")
    _append(scoring_copy / "results.py", "\n")
    assert _version_of(scoring_copy) == rules_version()


def test_line_endings_and_file_order_do_not_change_the_rules_version() -> None:
    sources = {"rules.py": "a = 1\nb = 2\n", "engine.py": "c = 3\n"}
    windows = {"engine.py": "c = 3\r\n", "rules.py": "a = 1\r\nb = 2\r\n"}
    assert rules_fingerprint(windows, "0.1.0") == rules_fingerprint(sources, "0.1.0")


def test_moving_text_between_files_changes_the_rules_version() -> None:
    together = {"rules.py": "a = 1\nb = 2\n", "engine.py": ""}
    apart = {"rules.py": "a = 1\n", "engine.py": "b = 2\n"}
    assert rules_fingerprint(together, "0.1.0") != rules_fingerprint(apart, "0.1.0")


def test_a_new_som_version_changes_the_rules_version() -> None:
    sources = rules_sources()
    assert rules_fingerprint(sources, "0.1.0") != rules_fingerprint(sources, "0.2.0")


def test_som_version_is_the_package_version_of_pyproject() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert som_version() == metadata.version("som") == project["version"]
