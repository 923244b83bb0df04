"""The embed fits its host page (issue #15): the host's colours, inline JSON, file:// advice."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

_HOST = (
    "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Host</title>"
    "<link rel='stylesheet' href='chronicle-embed.css'><style>{style}</style></head><body><main>"
    "<h1>A newsroom page</h1>{body}</main><script src='chronicle-embed.js'></script></body></html>"
)
_PLAIN = "<div data-chronicle='timeline.json'></div>"
_BACKGROUND = "getComputedStyle(document.querySelector('[data-chronicle]')).backgroundColor"


def _host(site: Path, name: str, body: str, style: str = "") -> str:
    (site / name).write_text(_HOST.format(style=style, body=body), encoding="utf-8")
    return name


def _luminance(rgb: str) -> float:
    """0-255 luminance of a CSS rgb()/rgba() colour."""
    parts = rgb[rgb.index("(") + 1 : rgb.rindex(")")].split(",")
    red, green, blue = (float(part) for part in parts[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


@pytest.mark.parametrize(
    ("style", "body", "expected"),
    [
        ("", _PLAIN, "light"),
        ("body{background:#101820;color:#eee}", _PLAIN, "dark"),
        ("", "<div data-chronicle='timeline.json' data-theme='dark'></div>", "dark"),
        (":root{color-scheme:light dark}", _PLAIN, "dark"),
    ],
    ids=["light-host", "dark-host", "told-dark", "host-follows-os"],
)
def test_embed_follows_its_host_not_only_the_os(
    open_page: Any, site: Path, serve: Any, style: str, body: str, expected: str
) -> None:
    """The reader's OS is dark in every case; the embed is dark only where the host is."""
    name = _host(site, f"host-{len(style)}-{len(body)}.html", body, style)
    base = serve(site)
    watched = open_page(base + name, allow=(base,), color_scheme="dark")
    theme = watched.page.locator("[data-chronicle]").get_attribute("data-theme")
    assert theme == expected
    luminance = _luminance(watched.page.evaluate(_BACKGROUND))
    assert (luminance < 128) == (expected == "dark")
    watched.assert_clean()


def test_inline_json_works_from_a_file(open_page: Any, site: Path) -> None:
    """data-chronicle="#id" reads JSON from the page itself: no fetch, so file:// works."""
    doc = json.loads((site / "timeline.json").read_text("utf-8"))
    inline = json.dumps(doc).replace("</", "<\\/")
    body = (
        f"<script type='application/json' id='timeline-data'>{inline}</script>"
        "<div data-chronicle='#timeline-data'></div>"
    )
    name = _host(site, "inline.html", body)
    watched = open_page((site / name).as_uri())
    shown = len(doc["events"]) + len(doc["background"])
    assert watched.page.locator("li.event").count() == shown
    watched.assert_clean()


def test_a_fetch_from_file_explains_what_to_do(open_page: Any, site: Path) -> None:
    name = _host(site, "from-file.html", "<div data-chronicle='timeline.json'></div>")
    watched = open_page((site / name).as_uri(), wait_ready=None)
    holder = watched.page.locator("[data-chronicle]")
    watched.page.wait_for_function(
        "!document.querySelector('[data-chronicle]').hasAttribute('aria-busy')"
    )
    text = holder.inner_text()
    assert "could not be loaded" in text
    assert "python3 -m http.server" in text and 'data-chronicle="#timeline-data"' in text
