"""The bundled examples built end to end equal their golden outputs, byte for byte.

A refactoring that should change nothing (settings, word lists, splitting functions) is checked
here: ``pytest --update-goldens`` rewrites the files when a change of output is meant.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import pytest

import chronicle
from chronicle.models import Timeline

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden"
GENERATED = datetime(2026, 1, 1, tzinfo=UTC)  # the build time, fixed so the output is stable


@pytest.fixture(scope="module")
def examples() -> Timeline:
    """The examples folder built with the default options, its build time fixed."""
    timeline = chronicle.build([ROOT / "examples"])
    return dataclasses.replace(timeline, generated=GENERATED)


@pytest.mark.parametrize("fmt", ["json", "md"])
def test_examples_match_golden(examples: Timeline, update_goldens: bool, fmt: str) -> None:
    """``examples/`` renders to tests/golden/examples.<fmt> exactly."""
    output = chronicle.render(examples, fmt)
    golden = GOLDEN / f"examples.{fmt}"
    if update_goldens:
        golden.write_bytes(output.encode("utf-8"))
    assert output == golden.read_bytes().decode("utf-8")
