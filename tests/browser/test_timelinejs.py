"""The TimelineJS output in the real TimelineJS 3 (npm @knight-lab/timelinejs), served locally."""

from __future__ import annotations

import dataclasses
import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from chronicle.models import Granularity, Timeline, TimexType, When
from chronicle.rendering import Format, render

pytestmark = pytest.mark.browser

DIST = (
    Path(__file__).resolve().parent
    / "node_vendor"
    / "node_modules"
    / "@knight-lab"
    / "timelinejs"
    / "dist"
)

HOST = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>TimelineJS</title>
<link rel="stylesheet" href="css/timeline.css"></head><body>
<div id="timeline-embed" style="width: 100%; height: 640px"></div>
<script src="js/timeline.js"></script>
<script>
fetch("timelinejs.json").then((r) => r.json()).then((data) => {
  window.tlErrors = [];
  window.tl = new TL.Timeline("timeline-embed", data, {
    script_path: new URL("js/", location.href).href, font: null, theme: null,
    ga_measurement_id: null, hash_bookmark: false,
  });
  window.tl.on("loaded", () => { window.tlLoaded = true; });
});
</script></body></html>"""


def _with_times(timeline: Timeline) -> Timeline:
    """The sample with a clock time (9.20pm) and a part of day (late afternoon) as dates."""
    day = date(2015, 11, 13)
    dates = {
        "e-attacks": When(TimexType.TIME, "2015-11-13T21:20", Granularity.DAY, day, day, None, ""),
        "e-stadium": When(TimexType.TIME, "2015-11-13TAF", Granularity.DAY, day, day, "END", ""),
    }
    entries = tuple(
        dataclasses.replace(e, when=dates[e.id]) if e.id in dates else e for e in timeline.entries
    )
    return dataclasses.replace(timeline, entries=entries)


@pytest.mark.parametrize("variant", ["sample", "times of day"])
def test_timelinejs_output_loads_in_timelinejs(
    open_page: Any,
    site: Path,
    serve: Any,
    screenshot: Any,
    tmp_path: Path,
    sample_timeline: Timeline,
    variant: str,
) -> None:
    """No error, one slide per dated event plus the title slide, markers for every event."""
    if not (DIST / "js" / "timeline.js").is_file():
        pytest.skip(
            "TimelineJS is not installed: npm install --prefix tests/browser/node_vendor "
            "@knight-lab/timelinejs@3"
        )
    shutil.copytree(DIST / "js", tmp_path / "js")
    shutil.copytree(DIST / "css", tmp_path / "css")
    if variant == "sample":
        shutil.copy(site / "timelinejs.json", tmp_path / "timelinejs.json")
    else:
        data = render(_with_times(sample_timeline), Format.TIMELINEJS)
        (tmp_path / "timelinejs.json").write_text(data, encoding="utf-8")
    (tmp_path / "index.html").write_text(HOST, encoding="utf-8")
    slides = json.loads((tmp_path / "timelinejs.json").read_text(encoding="utf-8"))["events"]
    expected = len(slides)
    base = serve(tmp_path)
    watched = open_page(base + "index.html", allow=(base,), wait_ready=None, width=1100)
    page = watched.page
    page.wait_for_function("window.tlLoaded === true", timeout=15_000)
    page.wait_for_timeout(300)
    assert page.evaluate("window.tl.config.messages.errors") == []
    assert page.locator(".tl-slide").count() == expected + 1
    assert page.locator(".tl-timemarker").count() == expected
    assert page.locator(".tl-headline-title").first.inner_text() == "Paris, November 2015"
    if variant != "sample":
        dates = page.locator(".tl-headline-date").all_inner_texts()
        assert any("9:20" in text for text in dates), dates  # the clock time is shown
        assert "13 November 2015, late afternoon" in dates, dates
    page.locator(".tl-slidenav-next").first.click()
    page.wait_for_timeout(800)
    screenshot(page, f"timelinejs-{variant.replace(' ', '-')}", full_page=False)
    assert page.locator("img[src='x']").count() == 0
    watched.assert_clean()
