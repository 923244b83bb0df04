"""axe-core (through axe-playwright-python) in the same Chromium: no serious or critical issue."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


@pytest.mark.parametrize(("scheme", "width"), [("light", 1024), ("dark", 1024), ("light", 375)])
def test_axe_finds_no_serious_violation(
    open_page: Any, site: Path, scheme: str, width: int
) -> None:
    """WCAG 2.1 A/AA and best-practice rules: nothing serious or critical, in both schemes."""
    from axe_playwright_python.sync_playwright import Axe

    watched = open_page(
        (site / "timeline.html").as_uri(), bypass_csp=True, color_scheme=scheme, width=width
    )
    page = watched.page
    # Paint every event so contrast is checked everywhere, and open the disclosures.
    page.evaluate(
        "document.querySelectorAll('.event').forEach(e => e.style.contentVisibility = 'visible');"
        "document.querySelectorAll('details').forEach(d => d.open = true)"
    )
    results = Axe().run(page, options=AXE_OPTIONS)
    violations = results.response["violations"]
    ARTIFACTS.mkdir(exist_ok=True)
    report = ARTIFACTS / f"axe-{scheme}-{width}.json"
    report.write_text(json.dumps(violations, indent=2), encoding="utf-8")
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} x{len(v['nodes'])}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


def test_axe_on_the_examples_page(open_page: Any, tmp_path: Path) -> None:
    """Issue 5's acceptance: the examples' page, built by the whole pipeline, passes axe."""
    from axe_playwright_python.sync_playwright import Axe

    from chronicle.ingest import read_paths
    from chronicle.pipeline import build_timeline
    from chronicle.rendering import Format, render

    examples = Path(__file__).resolve().parents[2] / "examples"
    if not examples.is_dir():
        pytest.skip("examples/ is missing")
    articles, skipped = read_paths([str(examples)], tz=None, published=None, strict=False)
    timeline = build_timeline(articles, skipped=skipped)
    page_path = tmp_path / "examples.html"
    page_path.write_text(render(timeline, Format.HTML), encoding="utf-8")
    watched = open_page(page_path.as_uri(), bypass_csp=True)
    watched.page.evaluate(
        "document.querySelectorAll('.event').forEach(e => e.style.contentVisibility = 'visible');"
        "document.querySelectorAll('details').forEach(d => d.open = true)"
    )
    violations = Axe().run(watched.page, options=AXE_OPTIONS).response["violations"]
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "axe-examples.json").write_text(json.dumps(violations, indent=2), encoding="utf-8")
    serious = [v["id"] for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == []
    assert watched.page.locator(".chronicle-events li.event").count() == len(timeline.entries)
    # #10: the background ("in recent years") stands in its own section before the dates
    assert timeline.background
    assert watched.page.locator(".background li.event").count() == len(timeline.background)
    watched.assert_clean()
