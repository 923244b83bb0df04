"""``chronicle review`` in a real Chromium: the editing flow end to end, keyboard only, axe-core,
and hostile article text that runs nothing."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette", reason="the review extra: pip install '.[review]'")

from chronicle.rendering.document import build_document
from chronicle.store import Store
from test_review import Running, copy_store, example_store, start

pytestmark = pytest.mark.browser
__all__ = ["example_store"]  # the store fixture, shared with tests/test_review.py

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


@pytest.fixture()
def running(example_store: Path, tmp_path: Path) -> Iterator[Running]:
    """A review server over a fresh copy of the examples' store."""
    server = start(copy_store(example_store, tmp_path))
    yield server
    server.stop()


def _open(open_page: Any, server: Running, **options: Any) -> Any:
    """The review opened from its printed address (the token becomes the cookie)."""
    return open_page(server.url, allow=(server.base,), **options)


def _ids(page: Any) -> list[str]:
    """The ids of the entries with review tools, in page order."""
    ids: list[str] = page.eval_on_selector_all(
        "li.event:has(.review-tools)", "items => items.map(e => e.id)"
    )
    return ids


def _sheet(store: Path) -> dict[str, dict[str, str]]:
    with Store(store) as opened:
        text = opened.export_sheet()
    return {row["id"]: row for row in csv.DictReader(io.StringIO(text.lstrip("\ufeff")))}


def test_the_editing_flow_end_to_end(open_page: Any, running: Running, tmp_path: Path) -> None:
    """Open, hide one, change a date, rewrite a headline, merge two, add an event, publish."""
    store = tmp_path / "story.db"
    watched = _open(open_page, running)
    page = watched.page
    assert "token=" not in page.url  # the token went into the cookie
    hidden, dated, merged, target = _ids(page)[:4]

    page.click(f"[id='{hidden}'] .review-tools button[value='hide']")
    page.wait_for_selector(".review-done")
    assert page.locator(f"[id='{hidden}']").count() == 0

    page.goto(f"{running.base}/e/{dated}")
    page.fill("#new_date", "2015-11-14")
    page.fill("#new_headline", "Rewritten by the desk")
    page.click("form[action$='/edit'] button[type='submit']")
    page.wait_for_selector(".review-done")

    page.goto(f"{running.base}/e/{merged}")
    page.fill("#find", target)
    page.press("#find", "Enter")
    page.click("form[action$='/merge'] button")
    page.wait_for_selector(".review-done")

    page.goto(f"{running.base}/add")
    page.fill("#new_date", "2015-12-02")
    page.fill("#new_headline", "The desk's own event")
    page.click("main button[type='submit']")
    page.wait_for_selector(".review-done")

    out = tmp_path / "published"
    out.mkdir()
    page.goto(f"{running.base}/publish")
    page.fill("#folder", str(out))
    page.check("#every")
    page.click("main button[type='submit']")
    page.wait_for_selector(".review-done")
    watched.assert_clean()

    with Store(store) as opened:
        machine = build_document(opened.machine())
    published = json.loads((out / "timeline.json").read_text(encoding="utf-8"))
    before = {e["id"]: e for e in machine["events"]}
    after = {e["id"]: e for e in published["events"]}
    own = [i for i in after if i not in before]
    assert set(after) == set(before) - {hidden, merged} | set(own) and len(own) == 1
    assert after[own[0]]["headline"] == "The desk's own event"
    assert after[dated]["headline"] == "Rewritten by the desk"
    assert after[dated]["date"]["value"] == "2015-11-14"
    assert merged in after[target]["aliases"]
    for entry_id in set(after) - {dated, target, *own}:  # nothing else changed
        assert after[entry_id]["headline"] == before[entry_id]["headline"]
        assert after[entry_id]["date"] == before[entry_id]["date"]
    html = (out / "timeline.html").read_text(encoding="utf-8")
    assert "Rewritten by the desk" in html and "The desk&#39;s own event" in html
    assert (out / "timelinejs.json").is_file()

    running.stop()  # a restart keeps everything
    again = start(store)
    try:
        page = _open(open_page, again).page
        assert page.locator(f"[id='{hidden}']").count() == 0
        assert page.locator(f"[id='{merged}']").count() == 0
        assert "Rewritten by the desk" in page.content()
    finally:
        again.stop()
    rows = _sheet(store)  # the sheet export lists the web's edits
    assert rows[hidden]["action"] == "hide"
    assert rows[dated]["new_date"] == "2015-11-14"
    assert rows[dated]["new_headline"] == "Rewritten by the desk"
    assert rows[merged]["action"] == f"merge-into:{target}"
    assert rows[own[0]]["action"] == "add"


def _tab_to(page: Any, selector: str, limit: int = 3000) -> None:
    """Press Tab until the focused element matches ``selector``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => !!document.activeElement?.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_every_action_by_keyboard_alone(open_page: Any, running: Running, tmp_path: Path) -> None:
    store = tmp_path / "story.db"
    watched = _open(open_page, running)
    page = watched.page
    ids = _ids(page)
    pinned, hidden, edited, merged, target = ids[0], ids[1], ids[2], ids[3], ids[4]

    def enter() -> None:
        with page.expect_navigation():
            page.keyboard.press("Enter")

    _tab_to(page, f"[id='{pinned}'] button[value='pin']")
    enter()
    _tab_to(page, f"[id='{pinned}'] button[value='feature']")
    enter()
    _tab_to(page, f"[id='{hidden}'] button[value='hide']")
    enter()
    _tab_to(page, f"[id='{edited}'] .review-tools a")
    enter()
    _tab_to(page, "#new_headline")
    page.keyboard.press("Control+A")
    page.keyboard.type("Typed at the keyboard")
    _tab_to(page, "#group")
    page.keyboard.type("Aftermath")
    enter()
    _tab_to(page, "a[href^='/#']")  # back to the timeline
    enter()
    _tab_to(page, f"[id='{merged}'] .review-tools a")
    enter()
    _tab_to(page, "#find")
    page.keyboard.type(target)
    enter()
    _tab_to(page, "form[action$='/merge'] button")
    enter()
    split_from = page.url.rsplit("/", 1)[1]  # the target, now with the merged entry's sources
    _tab_to(page, "form[action$='/split'] button")
    enter()
    _tab_to(page, "a[href='/add']")
    enter()
    _tab_to(page, "#new_date")
    page.keyboard.type("2016-01-05")
    _tab_to(page, "#new_headline")
    page.keyboard.type("Keyboard event")
    enter()
    _tab_to(page, "a[href='/changes']")
    enter()
    _tab_to(page, "button[value='unhide']")
    enter()
    _tab_to(page, ".review-undo button")  # undo the unhide
    enter()
    watched.assert_clean()

    with Store(store) as opened:
        kept = {c.entry: c for c in opened.corrections()}
    assert kept[pinned].pin and kept[pinned].feature
    assert kept[hidden].hide
    assert kept[edited].headline == "Typed at the keyboard" and kept[edited].group == "Aftermath"
    assert kept[merged].merge_into == target
    assert kept[split_from].splits
    assert [c.headline for c in kept.values() if c.add] == ["Keyboard event"]


@pytest.mark.parametrize(("scheme", "width"), [("light", 1024), ("dark", 1024), ("light", 375)])
def test_axe_finds_no_violation(open_page: Any, running: Running, scheme: str, width: int) -> None:
    """Every review page, with corrections, a message and a search shown: 0 violations."""
    from axe_playwright_python.sync_playwright import Axe

    ids = [i for i in _ids(_open(open_page, running).page)]
    running.request("POST", f"/e/{ids[0]}/mark", form={"do": "hide"})
    running.request("POST", f"/e/{ids[1]}/mark", form={"do": "pin"})
    running.request("POST", f"/e/{ids[2]}/edit", form={"new_date": "2015-11"})
    watched = _open(open_page, running, bypass_csp=True, color_scheme=scheme, width=width)
    page = watched.page
    pages = ["/", f"/e/{ids[2]}?find=paris", "/changes", "/add", "/articles", "/publish"]
    found: dict[str, list[str]] = {}
    for path in pages:
        page.goto(running.base + path)
        if path == "/add":  # a refused action's message, too
            page.fill("#new_date", "2015-02-30")
            page.fill("#new_headline", "x")
            page.click("main button[type='submit']")
            page.wait_for_selector(".review-error")
        page.evaluate(
            "document.querySelectorAll('.event').forEach(e => e.style.contentVisibility = "
            "'visible'); document.querySelectorAll('details').forEach(d => d.open = true)"
        )
        violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        found[path] = [f"{v['id']}: {v['help']} x{len(v['nodes'])}" for v in violations]
    assert found == {path: [] for path in pages}


HOSTILE = """---
title: "<img src=x onerror=alert(1)> Bridge <script>alert(2)</script>"
published: 2020-05-04T09:00:00+00:00
url: "javascript:alert(3)"
---
The old bridge <script>alert(4)</script> closed on Friday <img src=x onerror=alert(5)> after
inspectors found cracks. Read more at <a href="javascript:alert(6)">this link</a>.
On 1 May the council <svg onload=alert(7)> voted to rebuild it, officials said on Monday.
"""


def test_hostile_article_text_is_inert(open_page: Any, tmp_path: Path, example_store: Path) -> None:
    from chronicle.ingest import read_paths

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "hostile.md").write_text(HOSTILE, encoding="utf-8")
    store = copy_store(example_store, tmp_path)
    articles, _ = read_paths([str(tmp_path / "in")], tz=None, published=None, strict=True)
    with Store(store) as opened:
        opened.add(articles)
    server = start(store)
    try:
        watched = _open(open_page, server)
        page = watched.page
        hostile = page.eval_on_selector_all(
            "li.event:has(.review-tools)",
            "items => items.filter(e => e.textContent.includes('alert(')).map(e => e.id)",
        )
        assert hostile, "the hostile article made no entry"
        for path in ["/", f"/e/{hostile[0]}", "/changes", "/articles"]:
            page.goto(server.base + path)
            page.wait_for_timeout(300)
        page.goto(f"{server.base}/e/{hostile[0]}")
        page.fill("#new_headline", "<img src=y onerror=alert(8)>")
        page.click("form[action$='/edit'] button[type='submit']")
        page.wait_for_selector(".review-done")
        page.wait_for_timeout(300)
        assert page.locator("script").count() == 1  # the app's own script only
        assert page.locator("img, svg, [onerror], [onload], a[href^='javascript']").count() == 0
        watched.assert_clean()
    finally:
        server.stop()


def test_enter_in_the_search_box_changes_nothing(
    open_page: Any, running: Running, tmp_path: Path
) -> None:
    """The list's buttons share one form: Enter in the search filters, and submits nothing."""
    watched = _open(open_page, running)
    page = watched.page
    shown = len(_ids(page))
    page.fill(".chronicle-tools input[type=search]", "paris")
    page.press(".chronicle-tools input[type=search]", "Enter")
    page.wait_for_timeout(500)
    assert page.url.rstrip("/") == running.base
    assert 0 < page.locator("li.event:not([hidden])").count() < shown
    with Store(tmp_path / "story.db") as opened:
        assert opened.corrections() == [] and opened.steps() == []
    watched.assert_clean()
