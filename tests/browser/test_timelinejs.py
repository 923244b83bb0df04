"""The TimelineJS output in the real TimelineJS 3 (npm @knight-lab/timelinejs), served locally."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

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


def test_timelinejs_output_loads_in_timelinejs(
    open_page: Any, site: Path, serve: Any, screenshot: Any, tmp_path: Path
) -> None:
    """No error, one slide per dated event plus the title slide, markers for every event."""
    if not (DIST / "js" / "timeline.js").is_file():
        pytest.skip(
            "TimelineJS is not installed: npm install --prefix tests/browser/node_vendor "
            "@knight-lab/timelinejs@3"
        )
    shutil.copytree(DIST / "js", tmp_path / "js")
    shutil.copytree(DIST / "css", tmp_path / "css")
    shutil.copy(site / "timelinejs.json", tmp_path / "timelinejs.json")
    (tmp_path / "index.html").write_text(HOST, encoding="utf-8")
    expected = len(json.loads((site / "timelinejs.json").read_text(encoding="utf-8"))["events"])
    base = serve(tmp_path)
    watched = open_page(base + "index.html", allow=(base,), wait_ready=None, width=1100)
    page = watched.page
    page.wait_for_function("window.tlLoaded === true", timeout=15_000)
    page.wait_for_timeout(300)
    assert page.evaluate("window.tl.config.messages.errors") == []
    assert page.locator(".tl-slide").count() == expected + 1
    assert page.locator(".tl-timemarker").count() == expected
    assert page.locator(".tl-headline-title").first.inner_text() == "Paris, November 2015"
    page.locator(".tl-slidenav-next").first.click()
    page.wait_for_timeout(800)
    screenshot(page, "timelinejs", full_page=False)
    assert page.locator("img[src='x']").count() == 0
    watched.assert_clean()
