"""The wheel carries everything chronicle reads at run time."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import chronicle
from chronicle.resources import template_dir

ROOT = Path(__file__).resolve().parents[1]


def test_templates_found() -> None:
    assert (template_dir() / "timeline.html.j2").is_file()


def test_installed_copy_uses_bundled_templates() -> None:
    package = Path(chronicle.__file__).resolve().parent
    if package.is_relative_to(ROOT / "src"):
        pytest.skip("editable install: templates come from the source tree")
    assert template_dir() == package / "templates"


def test_wheel_contains_templates_rules_and_schema(tmp_path: Path) -> None:
    pytest.importorskip("hatchling")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    wheel = next(tmp_path.glob("chronicle_timeline-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "chronicle/templates/timeline.html.j2" in names
    assert "chronicle/rules/en.toml" in names
    assert "chronicle/schema/timeline-2.schema.json" in names
    assert "chronicle/schema/timeline-1.schema.json" in names
    assert "chronicle/static/chronicle-embed.js" in names
