"""Real-browser fixtures: one Debian Chromium per session, pages that record errors and requests."""

from __future__ import annotations

import functools
import http.server
import importlib.util
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from chronicle.models import Timeline
from chronicle.rendering import Format, render, write_embed_assets

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
TIMELINEJS = (
    ROOT / "tests" / "browser" / "node_vendor" / "node_modules" / "@knight-lab" / "timelinejs"
)


@pytest.fixture(scope="session")
def render_5000() -> ModuleType:
    """benchmarks/render_5000.py as a module (a script, not a package): synthetic timelines of
    events of every size."""
    spec = importlib.util.spec_from_file_location(
        "render_5000", ROOT / "benchmarks" / "render_5000.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder is a browser test."""
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright, once per session (skips when it is missing)."""
    if not CHROMIUM.exists():
        pytest.skip(
            "/usr/bin/chromium is missing: install Debian's chromium (apt-get install chromium)"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright (Python) is not installed: pip install '.[test]'")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@dataclass
class Watched:
    """A page with everything it did wrong: console errors, script errors, dialogs, requests."""

    page: Any
    context: Any
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        """No console error, no script error, no dialog, no request beyond what was allowed."""
        assert self.console_errors == []
        assert self.page_errors == []
        assert self.dialogs == []
        assert self.outside_requests == []


@pytest.fixture()
def open_page(browser: Any) -> Iterator[Any]:
    """Open a URL in a fresh context that blocks and records every request not allowed."""
    contexts: list[Any] = []

    def _open(
        url: str,
        *,
        allow: tuple[str, ...] = ("file:", "data:"),
        width: int = 1024,
        height: int = 800,
        wait_ready: str | None = ".chronicle[data-ready]",
        **context_options: Any,
    ) -> Watched:
        context = browser.new_context(
            viewport={"width": width, "height": height}, **context_options
        )
        contexts.append(context)
        page = context.new_page()
        watched = Watched(page=page, context=context)

        def route(request_route: Any) -> None:
            request_url = request_route.request.url
            if request_url.startswith(allow):
                request_route.continue_()
            else:
                watched.outside_requests.append(request_url)
                request_route.abort()

        context.route("**/*", route)
        page.on(
            "console",
            lambda msg: watched.console_errors.append(msg.text) if msg.type == "error" else None,
        )
        page.on("pageerror", lambda exc: watched.page_errors.append(str(exc)))

        def on_dialog(dialog: Any) -> None:
            watched.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.goto(url)
        if wait_ready:
            page.wait_for_selector(wait_ready, state="attached", timeout=10_000)
        return watched

    yield _open
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory, sample_timeline: Timeline) -> Path:
    """The sample rendered as page, JSON, TimelineJS, plus the embed assets and a host page."""
    folder = tmp_path_factory.mktemp("site")
    (folder / "timeline.html").write_text(render(sample_timeline, Format.HTML), encoding="utf-8")
    (folder / "timeline.json").write_text(render(sample_timeline, Format.JSON), encoding="utf-8")
    (folder / "timelinejs.json").write_text(
        render(sample_timeline, Format.TIMELINEJS), encoding="utf-8"
    )
    write_embed_assets(folder)
    (folder / "embed.html").write_text(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Embed host</title>"
        "<link rel='stylesheet' href='chronicle-embed.css'></head><body><main>"
        "<h1>A newsroom page</h1><div data-chronicle='timeline.json'></div></main>"
        "<script src='chronicle-embed.js'></script></body></html>",
        encoding="utf-8",
    )
    return folder


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static file handler that does not log every request."""

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet."""


@pytest.fixture(scope="session")
def serve() -> Iterator[Any]:
    """Serve a folder on 127.0.0.1 from a thread; returns its base URL."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def _serve(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield _serve
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def screenshot() -> Any:
    """Save a page's screenshot under test-artifacts/ (gitignored) as NAME.png."""

    def _shoot(page: Any, name: str, *, full_page: bool = True) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        if hasattr(page, "goto"):  # a page; a locator has no full_page option
            # Off-screen events are not painted (content-visibility: auto): paint them all.
            page.evaluate(
                "document.querySelectorAll('.event')"
                ".forEach(e => e.style.contentVisibility = 'visible')"
            )
            page.screenshot(path=str(path), full_page=full_page)
        else:
            page.screenshot(path=str(path))
        return path

    return _shoot
