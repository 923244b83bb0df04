"""``chronicle review`` over a big story: how soon the review page is interactive.

    python benchmarks/review_5000.py [--events 5000] [--repeat 3] [--work DIR]

Makes a store of ``--events`` synthetic events of ``render_5000.py`` (each article's events
stored as its own results, so nothing is tagged; merge joins many of them: 5,000 events give
about 2,150 entries, 14,000 about 2,560), starts ``chronicle review STORE --port 0`` and prints:

* the first page's server time (the machine's timeline built once, then kept) and a later one's;
* time to interactive in headless Debian Chromium (/usr/bin/chromium): navigation start until
  the page script has wired search and filters (its ``chronicle-ready`` mark), best of
  ``--repeat``;
* one edit (POST, then the page again), best of ``--repeat``.

Prints figures, never asserts.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from chronicle.models import Article, Event  # noqa: E402
from chronicle.store import Store  # noqa: E402
from test_review import start  # noqa: E402  (the tests' way to start and talk to the server)


def _render_5000() -> object:
    """benchmarks/render_5000.py as a module (its synthetic timeline)."""
    spec = importlib.util.spec_from_file_location(
        "render_5000", ROOT / "benchmarks" / "render_5000.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_store(path: Path, events: int) -> None:
    """A store whose articles hold the synthetic timeline's events as their own results."""
    timeline = _render_5000().synthetic_timeline(events)  # type: ignore[attr-defined]
    by_article: dict[str, list[Event]] = {}
    for entry in timeline.entries:
        for event in entry.events:
            by_article.setdefault(event.article_id, []).append(event)
    articles: list[Article] = []
    for article in timeline.articles:
        own = by_article.get(article.id, [])
        text = " ".join(e.sentence for e in own) or article.title
        articles.append(
            Article(
                id=article.id,
                source=article.source,
                title=article.title,
                published=article.published,
                tz_source=article.tz_source,
                text=text,
                url=article.url,
                publisher=article.publisher,
            )
        )
    with Store(path, create=True) as store:
        store.add(articles, process=lambda a: ([], by_article.get(a.id, [])))


def main(argv: list[str] | None = None) -> int:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None)
    options = parser.parse_args(argv)
    work = options.work or Path(tempfile.mkdtemp(prefix="review-bench-"))
    store = work / f"story-{options.events}.db"
    if not store.exists():
        started = time.perf_counter()
        make_store(store, options.events)
        print(f"store made in {time.perf_counter() - started:.1f} s")
    with Store(store) as opened:
        entries = len(opened.machine().entries)
    print(f"{entries:,} entries in the story")
    running = start(store)
    try:
        for label in ("first page (machine timeline built)", "later page"):
            started = time.perf_counter()
            status, _, page = running.request("GET", "/")
            seconds = time.perf_counter() - started
            print(f"{label}: {seconds:.2f} s server, {len(page) / 1e6:.1f} MB, status {status}")
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page()
            page.goto(running.url, timeout=300_000)
            interactive = []
            for _ in range(options.repeat):
                page.goto(running.base + "/", timeout=300_000)
                page.wait_for_selector(".chronicle[data-ready]", state="attached", timeout=300_000)
                interactive.append(
                    page.evaluate(
                        "performance.getEntriesByName('chronicle-ready')[0]?.startTime ?? -1"
                    )
                    / 1000
                )
            print(f"time to interactive: {min(interactive):.2f} s (best of {options.repeat})")
            first = page.eval_on_selector("li.event:has(.review-tools)", "e => e.id")
            edits = []
            for n in range(options.repeat):
                page.goto(running.base + "/", timeout=300_000)
                page.wait_for_selector(".chronicle[data-ready]", state="attached", timeout=300_000)
                started = time.perf_counter()
                button = page.locator(f"[id='{first}'] .review-tools button[name='do']").nth(
                    1 + n % 2
                )
                button.click()
                page.wait_for_selector(".review-done", timeout=300_000)
                edits.append(time.perf_counter() - started)
            print(f"one edit, page back: {min(edits):.2f} s (best of {options.repeat})")
            browser.close()
    finally:
        running.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
