"""Fuzzing the public entry points with hostile and careless input (issue 14).

Reading text in every format, tagging, building and rendering every format: a
ChronicleError (one line) is the only way out. The budget is fixed for CI (2,000
cases, derandomised: the same cases every run); ``benchmarks/fuzz.py`` runs the same
cases by the hundred thousand over both cores.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from fuzzcases import FORMATS, Case, cases, run_case

BUDGET = {"text": 500, "markdown": 400, "json": 450, "jsonl": 300, "html": 350}  # 2,000


@pytest.mark.parametrize("fmt", FORMATS)
def test_entry_points_survive_hostile_input(fmt: str) -> None:
    @settings(
        max_examples=BUDGET[fmt],
        deadline=None,
        derandomize=True,
        database=None,
        phases=(Phase.explicit, Phase.generate, Phase.shrink),
        suppress_health_check=list(HealthCheck),
    )
    @given(cases(fmt))
    def check(case: Case) -> None:
        run_case(case)

    check()
