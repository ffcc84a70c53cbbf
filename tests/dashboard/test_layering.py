"""The dashboard renders what storage hands it: no screen module reads the rules or the feeds."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path
from types import ModuleType

import pytest

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard"

#: Modules that decide or explain bands, or parse feeds: storage's business, never a screen's.
RULES_AND_FEEDS = ("scoring.engine", "scoring.explain", "scoring.order", "scoring.rules", "feeds")


def imported_modules(path: Path) -> list[str]:
    """Every module `path` imports, and for `from package import name` the module `name` is
    defined in (`from scoring import dashboard_order` is an import of `scoring.order`)."""
    modules = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            modules += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module is not None and node.level == 0:
            modules.append(node.module)
            modules += [_origin(node.module, alias.name) for alias in node.names]
    return modules


def _origin(module: str, name: str) -> str:
    """The module that defines `module.name` (a submodule, or where a re-export comes from)."""
    try:
        value = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return f"{module}.{name}"
    if isinstance(value, ModuleType):
        return value.__name__
    return str(getattr(value, "__module__", None) or module)


def within(module: str, packages: tuple[str, ...]) -> bool:
    return any(module == package or module.startswith(f"{package}.") for package in packages)


DASHBOARD_MODULES = sorted(DASHBOARD.rglob("*.py"))


@pytest.mark.parametrize(
    "path", DASHBOARD_MODULES, ids=[str(p.relative_to(DASHBOARD)) for p in DASHBOARD_MODULES]
)
def test_no_dashboard_module_imports_the_engine_explanation_order_rules_or_feeds(
    path: Path,
) -> None:
    found = [m for m in imported_modules(path) if within(m, RULES_AND_FEEDS)]
    assert not found, f"dashboard/{path.relative_to(DASHBOARD)} imports {found}: ask storage.views"


@pytest.mark.parametrize(
    "path", DASHBOARD_MODULES, ids=[str(p.relative_to(DASHBOARD)) for p in DASHBOARD_MODULES]
)
def test_no_dashboard_module_handles_the_database_library(path: Path) -> None:
    found = [m for m in imported_modules(path) if within(m, ("sqlalchemy", "psycopg", "sqlite3"))]
    assert not found, f"dashboard/{path.relative_to(DASHBOARD)} imports {found}: storage's job"


def test_the_import_scan_sees_rules_behind_a_package_re_export(tmp_path: Path) -> None:
    module = tmp_path / "screen.py"
    module.write_text(
        "from scoring import dashboard_order\nimport feeds.columns\n"
        "from scoring.vocabulary import Language\n"
    )
    found = [m for m in imported_modules(module) if within(m, RULES_AND_FEEDS)]
    assert found == ["scoring.order", "feeds.columns"]
