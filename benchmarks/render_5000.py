"""Render a 5,000-event timeline as HTML; report its size and time to interactive in Chromium.

    python benchmarks/render_5000.py [--events 5000] [--output out/bench.html] [--json]

Time to interactive is measured in headless Debian Chromium (/usr/bin/chromium) as the time from
navigation start until the page script has finished wiring search and filters (the
``chronicle-ready`` performance mark), plus the time one search takes to update the list.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from chronicle.models import (
    Article,
    Entry,
    Event,
    Granularity,
    Mention,
    Timeline,
    Timex,
    TimexType,
    TzSource,
    When,
)
from chronicle.rendering import Format, render

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WORDS = (
    "council",
    "minister",
    "police",
    "court",
    "election",
    "storm",
    "river",
    "bridge",
    "report",
    "vote",
    "budget",
    "strike",
    "hospital",
    "school",
    "market",
    "company",
    "union",
    "protest",
    "airport",
    "ministry",
    "mayor",
    "senate",
    "treaty",
    "inquiry",
    "flood",
    "fire",
    "harbour",
    "station",
    "museum",
    "festival",
    "league",
    "ruling",
    "contract",
)
ZONES = ("Asia/Hong_Kong", "America/New_York", "Europe/Paris", "UTC", "Asia/Kolkata")


def _sentence(rng: random.Random, words: int) -> str:
    """A sentence of ``words`` plain words."""
    chosen = [rng.choice(WORDS) for _ in range(words)]
    return " ".join(chosen).capitalize()


def _when(rng: random.Random, day: date) -> When:
    """A date of a random precision around ``day``."""
    kind = rng.random()
    if kind < 0.7:
        return When(TimexType.DATE, day.isoformat(), Granularity.DAY, day, day, None, "why")
    if kind < 0.85:
        first = day.replace(day=1)
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        return When(TimexType.DATE, f"{day:%Y-%m}", Granularity.MONTH, first, last, None, "why")
    if kind < 0.95:
        first = day - timedelta(days=day.weekday())
        week = f"{first.isocalendar()[0]}-W{first.isocalendar()[1]:02d}"
        return When(
            TimexType.DATE, week, Granularity.WEEK, first, first + timedelta(days=6), None, "why"
        )
    first, last = date(day.year, 1, 1), date(day.year, 12, 31)
    return When(TimexType.DATE, str(day.year), Granularity.YEAR, first, last, "APPROX", "why")


def synthetic_timeline(events: int = 5000, articles: int = 60, seed: int = 5000) -> Timeline:
    """A timeline of ``events`` entries from ``articles`` articles, 1-3 sources each."""
    rng = random.Random(seed)
    start = date(2010, 1, 1)
    pieces: list[Article] = []
    for number in range(articles):
        published = datetime(2020, 1, 1, 12, tzinfo=ZoneInfo(ZONES[number % len(ZONES)]))
        pieces.append(
            Article(
                id=f"a{number:03d}",
                source=f"corpus/a{number:03d}.txt",
                title=_sentence(rng, 8),
                published=published + timedelta(days=number),
                tz_source=TzSource.TEXT,
                text="",
                url=f"https://news.example.com/{number}" if number % 3 else None,
                publisher=f"Publisher {number % 7}",
            )
        )
    entries = []
    for number in range(events):
        day = start + timedelta(days=rng.randrange(365 * 12))
        when = _when(rng, day)
        sources = []
        for index in range(rng.choice((1, 1, 1, 2, 3))):  # 1.6 sources an event
            article = rng.choice(pieces)
            quote = f"{_sentence(rng, rng.randrange(14, 28))} on {day:%d %B %Y}."
            offset = number * 400 + index * 200
            mention_text = f"on {day:%d %B %Y}"
            position = quote.index(mention_text)
            mention = Mention(
                offset + position, offset + position + len(mention_text), mention_text, "x"
            )
            explained = When(
                when.type,
                when.value,
                when.granularity,
                when.start,
                when.end,
                when.mod,
                f"{mention_text} → {when.value}: the date as written, {day:%a %d %b %Y}",
            )
            sources.append(
                Event(
                    id=f"s{number}-{index}",
                    article_id=article.id,
                    timex=Timex(mention, explained),
                    sentence=quote,
                    sentence_start=offset,
                    sentence_end=offset + len(quote),
                    headline=quote[:60],
                )
            )
        entries.append(
            Entry(
                id=f"e{number:05d}",
                when=when,
                headline=_sentence(rng, rng.randrange(6, 11)),
                text=sources[0].sentence,  # as merge does: the text is a source's sentence
                events=tuple(sources),
                importance=rng.random(),
            )
        )
    return Timeline(
        title=f"Benchmark: {events} events",
        generated=datetime(2026, 1, 1, tzinfo=UTC),
        articles=tuple(pieces),
        entries=tuple(entries),
    )


def measure_in_page(page: Any) -> dict[str, float]:
    """Timings of a page already opened: ms to DOMContentLoaded, ready, load, and one search."""
    page.wait_for_selector(".chronicle[data-ready]", state="attached")
    page.wait_for_function("performance.getEntriesByType('navigation')[0].loadEventEnd > 0")
    timings: dict[str, float] = page.evaluate(
        """() => {
          const nav = performance.getEntriesByType('navigation')[0];
          const ready = performance.getEntriesByName('chronicle-ready')[0];
          return {dom_content_loaded_ms: nav.domContentLoadedEventEnd,
                  ready_ms: ready.startTime, load_ms: nav.loadEventEnd};
        }"""
    )
    timings["search_ms"] = page.evaluate(
        """() => {
          const input = document.querySelector('.chronicle-tools input[type=search]');
          input.value = 'harbour flood';
          const t0 = performance.now();
          input.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter'}));
          return performance.now() - t0;
        }"""
    )
    timings["shown_after_search"] = page.locator("li.event:not([hidden])").count()
    return timings


def measure_page(path: Path) -> dict[str, float]:
    """Open the page in headless Chromium and measure it (see measure_in_page)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(path.resolve().as_uri(), wait_until="load")
        timings = measure_in_page(page)
        browser.close()
    return timings


def main(argv: list[str] | None = None) -> int:
    """Generate, render, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--output", type=Path, default=None, help="keep the page here")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = parser.parse_args(argv)

    timeline = synthetic_timeline(args.events)
    began = time.perf_counter()
    html = render(timeline, Format.HTML)
    render_ms = (time.perf_counter() - began) * 1000
    with tempfile.TemporaryDirectory() as folder:
        path = args.output or Path(folder) / "bench.html"
        path.write_text(html, encoding="utf-8")
        result: dict[str, Any] = {
            "events": args.events,
            "sources": sum(len(e.events) for e in timeline.entries),
            "bytes": len(html.encode("utf-8")),
            "render_ms": round(render_ms, 1),
        }
        result.update({k: round(v, 1) for k, v in measure_page(path).items()})
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(
            f"{result['events']} events, {result['sources']} sources: "
            f"{result['bytes'] / 1e6:.2f} MB, rendered in {result['render_ms']:.0f} ms; "
            f"Chromium: DOMContentLoaded {result['dom_content_loaded_ms']:.0f} ms, "
            f"interactive {result['ready_ms']:.0f} ms, load {result['load_ms']:.0f} ms, "
            f"one search {result['search_ms']:.0f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
