"""Differential test: the columnar engine and the plain per-row loop of `bench/naive.py` are two
independent readings of SOM.md section 5; on random populations they must agree field by field
and in order.
"""

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from support import as_of_dates, policies, populations

from scoring import inputs_frame, result_records, score
from scoring.inputs import frame_rows

NAIVE = Path(__file__).resolve().parents[2] / "bench" / "naive.py"


def _load_naive() -> ModuleType:
    # The reference scorer is part of the repository: without it these tests fail, never skip.
    assert NAIVE.exists(), f"{NAIVE} is missing: the per-row reference scorer must be there"
    spec = importlib.util.spec_from_file_location("som_bench_naive", NAIVE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert hasattr(module, "score_rows"), f"{NAIVE} has no score_rows()"
    return module


naive = _load_naive()


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
    reference = naive.score_rows(frame_rows(frame), rules, as_of)
    assert [r["skn"] for r in engine] == [r["skn"] for r in reference]
    for ours, theirs in zip(engine, reference, strict=True):
        assert ours == theirs
