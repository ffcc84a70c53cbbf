"""The what-if computations over a loaded population (work in progress)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from scoring.policy import Policy


def compute_what_if(
    population: Any, published: Policy, draft: Policy, as_of: date, capacities: Mapping[str, int]
) -> Any:
    raise NotImplementedError("what-if computation is being written")
