"""Differential test: the columnar engine and the plain per-row loop of `bench/naive.py` are two
independent readings of SOM.md section 5; on random populations they must agree field by field
and in order.
"""

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import as_of_dates, policies, populations

from scoring import inputs_frame, result_records, score
from scoring.inputs import frame_rows

NAIVE = Path(__file__).resolve().parents[2] / "bench" / "naive.py"


def _load_naive() -> ModuleType | None:
    if not NAIVE.exists():
        return None
    spec = importlib.util.spec_from_file_location("som_bench_naive", NAIVE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module if hasattr(module, "score_rows") else None


naive = _load_naive()
pytestmark = pytest.mark.skipif(
    naive is None, reason="bench/naive.py with score_rows() does not exist yet"
)


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[Any, ...]:
    as_of = draw(as_of_dates)
    return draw(populations(as_of, max_size=12)), draw(policies()), as_of


@settings(max_examples=40, deadline=None)
@given(scenarios())
def test_engine_agrees_with_the_per_row_reference(scenario: tuple[Any, ...]) -> None:
    records, rules, as_of = scenario
    frame = inputs_frame(records)
    engine = result_records(score(frame, rules, as_of))
    assert naive is not None
    reference = naive.score_rows(frame_rows(frame), rules, as_of)
    assert [r["skn"] for r in engine] == [r["skn"] for r in reference]
    for ours, theirs in zip(engine, reference, strict=True):
        assert ours == theirs
