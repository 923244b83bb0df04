"""Issue 5's floor: a 5,000-event page under 5 MB that is interactive within 2 s in Chromium."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from chronicle.rendering import Format, render

pytestmark = pytest.mark.browser

MAX_BYTES = 5_000_000
MAX_READY_MS = 2000


def test_5000_events_small_and_fast(
    open_page: Any, tmp_path: Path, render_5000: ModuleType
) -> None:
    """File under 5 MB; search, filters and count wired in under 2 s; one search is quick."""
    timeline = render_5000.synthetic_timeline(5000)
    html = render(timeline, Format.HTML)
    assert len(html.encode("utf-8")) < MAX_BYTES
    path = tmp_path / "big.html"
    path.write_text(html, encoding="utf-8")
    # Best of three loads: one page load on a shared 2-core machine is noisy.
    runs = []
    for _ in range(3):
        watched = open_page(path.as_uri(), width=1280, height=900)
        runs.append(render_5000.measure_in_page(watched.page))
        watched.assert_clean()
        if runs[-1]["ready_ms"] < MAX_READY_MS:
            break
    timings = min(runs, key=lambda run: run["ready_ms"])
    print(f"5,000 events: {len(html.encode('utf-8'))} bytes, timings {timings}")
    assert watched.page.locator("li.event").count() == 5000
    assert timings["ready_ms"] < MAX_READY_MS, timings
    assert timings["search_ms"] < 500, timings
    assert 0 < timings["shown_after_search"] < 5000
