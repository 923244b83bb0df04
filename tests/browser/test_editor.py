"""The editor's work in a real Chromium: old ids lead to their event, the embed shows the same."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_page import _NORMALISED_EVENTS

from chronicle.edits import correction
from chronicle.ingest import read_paths
from chronicle.models import Timeline
from chronicle.pipeline import build_timeline
from chronicle.rendering import Format, render, write_embed_assets

pytestmark = pytest.mark.browser

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def corrected(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Timeline, dict[str, str]]:
    """The examples with an editor's merge, date, group, feature and own event, as a site."""
    articles, _ = read_paths([str(EXAMPLES)], tz=None, published=None, strict=True)
    machine = build_timeline(articles).entries
    single = [e for e in machine if len(e.events) == 1]
    merged, target, dated = single[0], single[1], single[2]
    roles = {"merged": merged.id, "target": target.id, "dated": dated.id}
    corrections = [
        correction(merged.id, {"action": f"merge-into:{target.id}"}),
        correction(dated.id, {"action": "feature", "new_date": "2015-11", "note": "checked"}),
        correction(target.id, {"group": "Background"}),
        correction(
            "e-00000000ed17",
            {
                "action": "add",
                "new_date": "2015-11-27",
                "new_headline": "Homage at Les Invalides",
                "media_url": "https://example.org/invalides.jpg",
                "media_credit": "Example Press",
                "link": "https://example.org/homage",
            },
        ),
    ]
    timeline = build_timeline(articles, corrections=corrections)
    machine_merged = next(e for e in timeline.entries if e.aliases and e.id != target.id)
    roles["holder"], roles["alias"] = machine_merged.id, machine_merged.aliases[0]
    folder = tmp_path_factory.mktemp("editor-site")
    (folder / "timeline.html").write_text(render(timeline, Format.HTML), encoding="utf-8")
    (folder / "timeline.json").write_text(render(timeline, Format.JSON), encoding="utf-8")
    write_embed_assets(folder)
    (folder / "embed.html").write_text(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Embed host</title>"
        "<link rel='stylesheet' href='chronicle-embed.css'></head><body><main>"
        "<div data-chronicle='timeline.json'></div></main>"
        "<script src='chronicle-embed.js'></script></body></html>",
        encoding="utf-8",
    )
    return folder, timeline, roles


_LANDED = """() => ({hash: location.hash.slice(1),
  target: document.querySelector(':target') ? document.querySelector(':target').id : null,
  top: document.getElementById(location.hash.slice(1)).getBoundingClientRect().top,
  height: window.innerHeight})"""


@pytest.mark.parametrize("old", ["merged", "alias"])
def test_an_old_id_leads_to_its_event(
    open_page: Any, corrected: tuple[Path, Timeline, dict[str, str]], old: str
) -> None:
    folder, _, roles = corrected
    now = roles["target"] if old == "merged" else roles["holder"]
    watched = open_page((folder / "timeline.html").as_uri() + "#" + roles[old], width=375)
    page = watched.page
    page.wait_for_timeout(800)
    landed = page.evaluate(_LANDED)
    assert landed["hash"] == now and landed["target"] == now
    assert 0 <= landed["top"] < landed["height"] / 2
    watched.assert_clean()


def test_the_embed_shows_the_editors_work_as_the_page_does(
    open_page: Any, serve: Any, corrected: tuple[Path, Timeline, dict[str, str]]
) -> None:
    folder, timeline, roles = corrected
    base = serve(folder)
    page_view = open_page(base + "timeline.html", allow=(base,))
    embed_view = open_page(base + "embed.html#" + roles["merged"], allow=(base,))
    page_events = page_view.page.locator("main").evaluate(_NORMALISED_EVENTS)
    embed_events = embed_view.page.locator("[data-chronicle]").evaluate(_NORMALISED_EVENTS)
    assert len(page_events) == len(timeline.entries) + len(timeline.background)
    assert embed_events == page_events
    own = embed_view.page.locator("#e-00000000ed17")
    assert "added by the editor" in (own.text_content() or "")  # off screen: not laid out
    assert own.locator(".media a").get_attribute("href") == "https://example.org/invalides.jpg"
    dated = embed_view.page.locator(f"#{roles['dated']}")
    assert "date corrected by the editor" in (dated.text_content() or "")
    embed_view.page.wait_for_timeout(600)
    assert embed_view.page.evaluate("location.hash") == "#" + roles["target"]
    page_view.assert_clean()
    embed_view.assert_clean()
