"""Deep links: page.html#<event id> lands on the event, below the sticky year heading."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from chronicle.rendering import Format, render

pytestmark = pytest.mark.browser

VIEWPORTS = [(1200, 700), (375, 700)]

# Where the target stands: its top, the bottom of its section's (sticky) year heading, the viewport.
_WHERE = """(id) => {
  const target = document.getElementById(id);
  const heading = target.closest('section').querySelector('.year-heading');
  return {top: target.getBoundingClientRect().top,
          headingBottom: heading.getBoundingClientRect().bottom,
          height: window.innerHeight, targeted: document.querySelector(':target') === target};
}"""


@pytest.fixture(scope="module")
def long_page(
    tmp_path_factory: pytest.TempPathFactory, render_5000: ModuleType
) -> tuple[Path, list[str]]:
    """A 400-event page (long enough that estimated heights of unrendered events matter)."""
    timeline = render_5000.synthetic_timeline(400)
    html = render(timeline, Format.HTML)
    path = tmp_path_factory.mktemp("deep") / "long.html"
    path.write_text(html, encoding="utf-8")
    ids = [entry.id for entry in timeline.entries]
    return path, ids


def _assert_lands(where: dict[str, Any], label: str, *, targeted: bool = True) -> None:
    """The target's top is inside the viewport and not under the sticky year heading."""
    assert where["targeted"] or not targeted, label
    assert where["headingBottom"] <= where["top"] < where["height"] - 40, (label, where)
    assert where["top"] <= where["headingBottom"] + 40, (label, where)  # at the top, not just seen


@pytest.mark.parametrize(("width", "height"), VIEWPORTS)
@pytest.mark.parametrize("place", [0.4, 0.85])
def test_deep_link_lands_on_the_event(
    open_page: Any,
    long_page: tuple[Path, list[str]],
    screenshot: Any,
    width: int,
    height: int,
    place: float,
) -> None:
    """page.html#id: the event is at the top of the viewport, its date under the year heading."""
    path, ids = long_page
    document_ids = sorted(ids)  # any event will do; the page's order is by date
    target = document_ids[int(len(document_ids) * place)]
    watched = open_page(f"{path.as_uri()}#{target}", width=width, height=height)
    page = watched.page
    page.wait_for_timeout(800)
    _assert_lands(page.evaluate(_WHERE, target), f"{width}px, {target}, after load")
    page.wait_for_timeout(700)  # and it stays there: nothing laid out later pushes it away
    _assert_lands(page.evaluate(_WHERE, target), f"{width}px, {target}, later")
    if place == 0.4:
        screenshot(page, f"deep-link-{width}px", full_page=False)
    watched.assert_clean()


def test_deep_link_in_the_sample_and_by_hash_change(open_page: Any, site: Path) -> None:
    """Small pages too, and a later change of the fragment (a link elsewhere) also lands."""
    watched = open_page((site / "timeline.html").as_uri() + "#e-summit", width=375, height=700)
    page = watched.page
    page.wait_for_timeout(500)
    _assert_lands(page.evaluate(_WHERE, "e-summit"), "sample #e-summit")
    page.evaluate("location.hash = '#e-charlie'")
    page.wait_for_timeout(600)
    _assert_lands(page.evaluate(_WHERE, "e-charlie"), "sample #e-charlie after hashchange")
    watched.assert_clean()


def test_deep_link_into_an_embed(open_page: Any, site: Path, serve: Any) -> None:
    """The embed script builds the events from JSON after load, then lands on the fragment."""
    base = serve(site)
    watched = open_page(base + "embed.html#e-summit", allow=(base,), width=375, height=700)
    page = watched.page
    page.wait_for_timeout(600)
    # Built after the fragment was read, the event is not :target, but the page still goes there.
    _assert_lands(page.evaluate(_WHERE, "e-summit"), "embed #e-summit", targeted=False)
    watched.assert_clean()
