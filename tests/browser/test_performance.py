"""A 5,000-event page: under 5 MB, every event listed, search and filters wired in Chromium.

How fast it becomes interactive is a figure `benchmarks/render_5000.py` prints (target: under
2 s); no test here is timed, so a loaded machine cannot fail it.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from chronicle.rendering import Format, render

pytestmark = pytest.mark.browser

MAX_BYTES = 5_000_000


def test_5000_events_small_and_wired(
    open_page: Any, tmp_path: Path, render_5000: ModuleType
) -> None:
    """File under 5 MB; all 5,000 events listed; a search narrows them; no console error."""
    timeline = render_5000.synthetic_timeline(5000)
    html = render(timeline, Format.HTML)
    assert len(html.encode("utf-8")) < MAX_BYTES
    path = tmp_path / "big.html"
    path.write_text(html, encoding="utf-8")
    watched = open_page(path.as_uri(), width=1280, height=900)
    timings = render_5000.measure_in_page(watched.page)
    watched.assert_clean()
    print(f"5,000 events: {len(html.encode('utf-8'))} bytes, timings {timings} (not asserted)")
    assert watched.page.locator("li.event").count() == 5000
    assert 0 < timings["shown_after_search"] < 5000
