"""The HTML page in a real Chromium: clean load, keyboard, filters, layout, hostile text, embed."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from chronicle.models import Timeline
from chronicle.rendering import Format, render

HOSTILE_SCRIPT = "<script>alert(1)</script>"
HOSTILE_IMG = "<img src=x onerror=alert(1)>"

pytestmark = pytest.mark.browser

# Every element as markup without whitespace-only text nodes, to compare page and embed.
_NORMALISED_EVENTS = """(root) => Array.from(root.querySelectorAll('li.event')).map((li) => {
  const copy = li.cloneNode(true);
  const walker = document.createTreeWalker(copy, NodeFilter.SHOW_TEXT);
  const blank = [];
  while (walker.nextNode()) { if (!walker.currentNode.data.trim()) blank.push(walker.currentNode); }
  blank.forEach((node) => node.remove());
  return copy.outerHTML;
})"""


def _doc(site: Path) -> dict[str, Any]:
    """The sample's JSON document."""
    result: dict[str, Any] = json.loads((site / "timeline.json").read_text(encoding="utf-8"))
    return result


def _visible_events(page: Any) -> int:
    """How many events are not hidden."""
    return int(page.locator(".chronicle-events li.event:not([hidden])").count())


def test_page_loads_with_no_error_and_no_request(
    open_page: Any, site: Path, screenshot: Any
) -> None:
    """Zero console errors, zero script errors, zero requests beyond the file itself."""
    watched = open_page((site / "timeline.html").as_uri())
    screenshot(watched.page, "page-wide")
    watched.assert_clean()
    assert watched.page.title() == "Paris, November 2015"


def test_page_shows_every_event_of_the_json(open_page: Any, site: Path) -> None:
    """One li.event per JSON event, same ids, same order; ids deep-link."""
    doc = _doc(site)
    watched = open_page((site / "timeline.html").as_uri())
    ids = watched.page.eval_on_selector_all(
        ".chronicle-events li.event", "els => els.map(e => e.id)"
    )
    assert ids == [event["id"] for event in doc["events"]]
    background = watched.page.eval_on_selector_all(
        ".background li.event", "els => els.map(e => e.id)"
    )
    assert background == [event["id"] for event in doc["background"]] != []
    assert watched.page.locator(".chronicle-count").inner_text() == f"Showing all {len(ids)} events"
    watched.page.goto((site / "timeline.html").as_uri() + "#e-strikes")
    assert watched.page.evaluate("document.querySelector(':target').id") == "e-strikes"


def test_keyboard_reaches_every_event_and_source_link(open_page: Any, site: Path) -> None:
    """Tab alone visits each event's headline link and each source link, with visible focus."""
    doc = _doc(site)
    watched = open_page((site / "timeline.html").as_uri())
    page = watched.page
    reached: set[str] = set()
    outlines: set[str] = set()
    for _ in range(400):
        page.keyboard.press("Tab")
        info = page.evaluate(
            """() => { const a = document.activeElement;
              return {href: a.getAttribute('href'), event: a.closest('li.event')?.id || null,
                      source: !!a.closest('.sources li'), tag: a.tagName,
                      outline: getComputedStyle(a).outlineStyle}; }"""
        )
        if info["tag"] == "BODY" and reached:
            break
        if info["tag"] == "A":
            outlines.add(info["outline"])
            if info["source"]:
                reached.add(f"source:{info['event']}:{info['href']}")
            elif info["event"]:
                reached.add(f"event:{info['event']}")
    links = {a["id"]: a["link"] for a in doc["articles"]}
    for event in doc["events"]:
        assert f"event:{event['id']}" in reached
        for source in event["sources"]:
            if links[source["article"]]:
                assert f"source:{event['id']}:{links[source['article']]}" in reached
    assert outlines == {"solid"}


def test_search_and_source_filter_update_the_count(open_page: Any, site: Path) -> None:
    """Search narrows the list, the source filter too, and the live count follows."""
    doc = _doc(site)
    total = len(doc["events"])
    watched = open_page((site / "timeline.html").as_uri())
    page = watched.page
    count = page.locator(".chronicle-count")
    assert count.get_attribute("aria-live") == "polite"
    page.get_by_label("Search events").fill("raqqa")
    page.get_by_label("Search events").press("Enter")
    assert count.inner_text() == f"Showing 1 of {total} events"
    assert _visible_events(page) == 1
    assert page.locator(".chronicle-events li.event:not([hidden])").get_attribute("id") == (
        "e-strikes"
    )
    assert page.locator("section.year:not([hidden])").count() == 1
    page.get_by_label("Search events").fill("")
    page.get_by_label("Search events").press("Enter")
    assert _visible_events(page) == total

    page.get_by_text("Filter by source").click()
    page.get_by_role("checkbox", name="City in mourning as climate summit plans go ahead").uncheck()
    expected = sum(
        1 for e in doc["events"] if any(s["article"] != "paris-desk" for s in e["sources"])
    )
    page.wait_for_function(
        "n => document.querySelectorAll('.chronicle-events li.event:not([hidden])').length === n",
        arg=expected,
    )
    assert count.inner_text() == f"Showing {expected} of {total} events"
    page.get_by_role("button", name="Clear all").click()
    assert _visible_events(page) == 0
    assert count.inner_text() == f"Showing 0 of {total} events"
    page.get_by_role("button", name="Select all").click()
    assert count.inner_text() == f"Showing all {total} events"
    watched.assert_clean()


def _search(page: Any, query: str) -> list[str]:
    """Search the page; the ids of the events left showing."""
    page.get_by_label("Search events").fill(query)
    page.get_by_label("Search events").press("Enter")
    return list(
        page.eval_on_selector_all(
            ".chronicle-events li.event:not([hidden])", "els => els.map(e => e.id)"
        )
    )


def test_search_looks_only_at_what_readers_see(open_page: Any, site: Path) -> None:
    """Date labels, headlines, text, quotes and source titles match; hidden explanations do not."""
    doc = _doc(site)
    watched = open_page((site / "timeline.html").as_uri())
    page = watched.page
    explained = [e["id"] for e in doc["events"] if "publish date" in e["date"]["explanation"]]
    assert explained  # the sample's explanations say "the publish date"; nothing visible does
    assert _search(page, "publish date") == []
    assert _search(page, "day unknown") == []  # screen-reader precision notes
    assert _search(page, "why this date") == []
    assert _search(page, "week of 9") == ["e-rooms"]  # the date label
    assert _search(page, "french jets strike") == ["e-strikes"]  # the headline
    assert _search(page, "siege of the concert hall ended") != []  # a quote
    with_desk = [
        e["id"] for e in doc["events"] if any(s["article"] == "paris-desk" for s in e["sources"])
    ]
    assert _search(page, "city in mourning") == with_desk  # a source title
    watched.assert_clean()


@pytest.mark.parametrize("width", [320, 375])
def test_no_horizontal_scroll_on_phones(
    open_page: Any, site: Path, screenshot: Any, width: int
) -> None:
    """At phone widths nothing sticks out sideways."""
    watched = open_page((site / "timeline.html").as_uri(), width=width, height=740)
    page = watched.page
    page.get_by_text("Filter by source").click()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"page-{width}px")


def test_hostile_article_text_stays_text(open_page: Any, site: Path, screenshot: Any) -> None:
    """Script tags, onerror images and javascript: links from articles show as text, run nothing."""
    watched = open_page((site / "timeline.html").as_uri())
    page = watched.page
    page.locator("#e-stadium details summary").first.click()
    headline = page.locator("#e-stadium h3").inner_text()
    assert HOSTILE_SCRIPT in headline and HOSTILE_IMG in headline
    assert HOSTILE_SCRIPT in page.locator("#e-stadium blockquote").inner_text()
    assert page.locator("img").count() == 0
    assert page.locator("script").count() == 1
    assert page.locator("[onerror]").count() == 0
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    assert all(h.startswith(("#", "https://")) for h in hrefs), hrefs
    assert "javascript:alert(1)" in page.locator("#e-stadium .text").inner_text()
    screenshot(page.locator("#e-stadium"), "hostile-event", full_page=False)
    page.wait_for_timeout(200)
    watched.assert_clean()


def test_dark_and_print_render(open_page: Any, site: Path, screenshot: Any) -> None:
    """The dark scheme and the print stylesheet apply (screenshots for a person to look at)."""
    watched = open_page((site / "timeline.html").as_uri(), color_scheme="dark")
    page = watched.page
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(20, 20, 20)"
    screenshot(page, "page-dark")
    page.emulate_media(media="print", color_scheme="light")
    assert page.locator(".chronicle-tools").is_hidden()
    screenshot(page, "page-print")
    watched.assert_clean()


def test_embed_renders_the_same_events_as_the_page(
    open_page: Any, site: Path, serve: Any, screenshot: Any
) -> None:
    """chronicle-embed.js builds the page's markup from the JSON, in any host page."""
    base = serve(site)
    page_view = open_page(base + "timeline.html", allow=(base,))
    embed_view = open_page(base + "embed.html", allow=(base,))
    page_events = page_view.page.locator("main").evaluate(_NORMALISED_EVENTS)
    embed_events = embed_view.page.locator("[data-chronicle]").evaluate(_NORMALISED_EVENTS)
    doc = _doc(site)
    assert len(embed_events) == len(doc["background"]) + len(doc["events"])  # background first
    assert embed_events == page_events
    years_page = page_view.page.locator(".year-heading").all_inner_texts()
    assert embed_view.page.locator(".year-heading").all_inner_texts() == years_page
    embed_view.page.get_by_label("Search events").fill("raqqa")
    embed_view.page.get_by_label("Search events").press("Enter")
    assert _visible_events(embed_view.page) == 1
    screenshot(embed_view.page, "embed")
    page_view.assert_clean()
    embed_view.assert_clean()


def test_page_reads_well_without_script(open_page: Any, site: Path, screenshot: Any) -> None:
    """Scripts off: every event, source and explanation is there; the tools stay out of the way."""
    doc = _doc(site)
    watched = open_page(
        (site / "timeline.html").as_uri(), java_script_enabled=False, wait_ready=None
    )
    page = watched.page
    assert page.locator(".chronicle-events li.event").count() == len(doc["events"])
    assert page.locator(".background li.event").count() == len(doc["background"])
    assert page.locator(".chronicle-tools").is_hidden()
    assert page.locator(".chronicle-count").inner_text() == f"{len(doc['events'])} events"
    page.locator("#e-strikes summary").click()
    assert "Sunday" in page.locator("#e-strikes details").inner_text()
    screenshot(page, "page-no-script")
    watched.assert_clean()


def test_page_in_a_sandboxed_iframe_opens_articles_in_a_new_tab(
    open_page: Any, site: Path, serve: Any
) -> None:
    """The README's iframe snippet: the page runs in the frame; article links leave the frame."""
    (site / "frame.html").write_text(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Host</title></head>"
        "<body><main><iframe src='timeline.html' title='Timeline' width='900' height='600' "
        "sandbox='allow-scripts allow-popups allow-popups-to-escape-sandbox'></iframe>"
        "</main></body></html>",
        encoding="utf-8",
    )
    base = serve(site)
    watched = open_page(base + "frame.html", allow=(base,), wait_ready=None)
    frame = watched.page.frame_locator("iframe")
    frame.locator(".chronicle[data-ready]").wait_for(state="attached")
    link = frame.locator("#e-strikes .sources a").first
    with watched.context.expect_page() as popup:
        link.click()
    popup.value.wait_for_load_state()
    assert watched.outside_requests == [
        "https://www.example.com/news/world/paris-attacks?id=1&ref=feed"
    ]
    assert watched.page.frames[1].url == base + "timeline.html"
    assert watched.console_errors == [] and watched.page_errors == []


_CHAR_LEFT = """([selector, needle]) => {
  const root = document.querySelector(selector);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const at = walker.currentNode.data.indexOf(needle);
    if (at >= 0) {
      const range = document.createRange();
      range.setStart(walker.currentNode, at);
      range.setEnd(walker.currentNode, at + needle.length);
      return range.getBoundingClientRect().left;
    }
  }
  return null;
}"""


def test_bidi_controls_do_not_reorder_the_page(
    open_page: Any, sample_timeline: Timeline, tmp_path: Path, screenshot: Any
) -> None:
    """A U+202E in a headline or a quote, closed or not: the words still read left to right."""
    entry = sample_timeline.entries[3]
    event = dataclasses.replace(
        entry.events[0], sentence="French jets \u202estruck Raqqa on Sunday, officials said."
    )
    title = "\u0627\u0644\u0623\u062e\u0628\u0627\u0631 2015"  # an Arabic title ending in digits
    article = dataclasses.replace(sample_timeline.articles[0], title=title, url=None)
    timeline = dataclasses.replace(
        sample_timeline,
        articles=(article,),
        entries=(
            dataclasses.replace(
                entry, headline="A \u202eoverride\u202c LTR \u202etext", text="", events=(event,)
            ),
        ),
    )
    path = tmp_path / "bidi.html"
    path.write_text(render(timeline, Format.HTML), encoding="utf-8")
    watched = open_page(path.as_uri())
    page = watched.page
    item = f"#{entry.id}"
    left = lambda selector, needle: page.evaluate(_CHAR_LEFT, [selector, needle])  # noqa: E731
    assert left(f"{item} h3", "A") < left(f"{item} h3", "override") < left(f"{item} h3", "text")
    assert left(f"{item} h3", "overr") < left(f"{item} h3", "ide")  # not shown as "edirrevo"
    assert left(f"{item} blockquote", "struck") < left(f"{item} blockquote", "officials")
    # The right-to-left title is isolated: the publish date after it stays after it.
    assert left(f"{item} .sources p", title.split()[0]) < left(f"{item} .sources p", "16 Nov")
    assert (
        page.evaluate(f"getComputedStyle(document.querySelector('{item} h3')).unicodeBidi")
        == "plaintext"
    )
    screenshot(page.locator(item), "bidi-event", full_page=False)
    watched.assert_clean()
