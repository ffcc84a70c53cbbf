"""Which way storage's imports point: no module of `storage` imports one that imports it back,
and the CLI leaves database files and SQL to storage."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _imports(path: Path) -> set[str]:
    """Every module named by an import anywhere in the file (inside functions too)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _storage_graph() -> dict[str, set[str]]:
    modules = {
        f"storage.{path.stem}": path
        for path in (REPO / "storage").glob("*.py")
        if path.stem != "__init__"
    }
    return {name: _imports(path) & set(modules) for name, path in modules.items()}


def _cycle_through(graph: dict[str, set[str]], start: str) -> list[str] | None:
    """A path of imports that leads from `start` back to `start`, if there is one."""
    paths = [[start]]
    seen: set[str] = set()
    while paths:
        path = paths.pop()
        for following in sorted(graph[path[-1]]):
            if following == start:
                return [*path, start]
            if following not in seen:
                seen.add(following)
                paths.append([*path, following])
    return None


def test_no_storage_module_imports_one_that_imports_it_back() -> None:
    graph = _storage_graph()
    cycles = [cycle for name in sorted(graph) if (cycle := _cycle_through(graph, name))]
    assert cycles == [], " ; ".join(" → ".join(cycle) for cycle in cycles)


def test_rescoring_does_not_depend_on_publishing_policies() -> None:
    graph = _storage_graph()
    assert "storage.policies" not in graph["storage.rescoring"]
    assert "storage.rescoring" in graph["storage.policies"]


def test_the_cli_opens_no_database_file_and_writes_no_sql() -> None:
    for path in sorted((REPO / "som_cli").glob("*.py")):
        imported = _imports(path)
        assert "sqlite3" not in imported, f"{path.name} uses sqlite3: storage owns database files"
        raw = {name for name in imported if name.startswith("sqlalchemy")} - {
            "sqlalchemy.exc",
            "sqlalchemy.exc.SQLAlchemyError",
        }
        assert raw == set(), f"{path.name} imports {sorted(raw)}: storage owns the SQL"
