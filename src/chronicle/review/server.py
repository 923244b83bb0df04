"""Start the review app: bind, print the address with its token at once, serve until stopped."""

from __future__ import annotations

import contextlib
import secrets
import socket
import sys
import webbrowser
from collections.abc import Callable
from pathlib import Path

from chronicle.errors import UsageError
from chronicle.limits import MAX_UPLOAD_BYTES
from chronicle.review.app import Settings, create_app
from chronicle.review.security import BodyLimit, Guard, is_loopback, is_wildcard
from chronicle.store import Store


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``:``port`` (0: a free port); UsageError when it cannot."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise UsageError(
            f"--host {host}: not an address of this machine ({exc.strerror})"
        ) from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise UsageError(
            f"--host {host} --port {port}: cannot listen there ({exc.strerror}); "
            "choose another --port (0 picks a free one)"
        ) from None
    sock.set_inheritable(True)
    return sock


def address(host: str, port: int) -> str:
    """``http://HOST:PORT`` with IPv6 addresses in brackets."""
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}"


def serve(
    store: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    open_browser: bool = False,
    max_article_bytes: int | None = None,
    warn: Callable[[str], None] = lambda line: print(line, file=sys.stderr, flush=True),
) -> None:
    """Serve the review of ``store`` until interrupted; the URL with its token first on stdout."""
    import uvicorn

    Store(store).close()  # a missing or foreign file is one line now, before anything listens
    if not is_loopback(host):
        warn(
            f"chronicle: warning: --host {host} is not this machine's loopback: anyone who can "
            "reach it and learns the address with its token can change the story"
        )
    sock = bind(host, port)
    bound = sock.getsockname()[1]
    token = secrets.token_urlsafe(32)
    settings = Settings(store=store)
    if max_article_bytes is not None:
        settings = Settings(store=store, max_article_bytes=max_article_bytes)
    app = Guard(
        BodyLimit(create_app(settings), MAX_UPLOAD_BYTES + 1_000_000),
        token=token,
        host=host,
        port=bound,
    )
    url = f"{address(host if not is_wildcard(host) else '127.0.0.1', bound)}/?token={token}"
    sys.stdout.write(url + "\n")
    sys.stdout.flush()
    warn(f"chronicle: reviewing {store} at {url.split('?')[0]} (Ctrl-C stops)")
    if open_browser:
        webbrowser.open(url)
    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        server_header=False,
        date_header=False,
        lifespan="off",
        timeout_graceful_shutdown=3,
    )
    with contextlib.suppress(KeyboardInterrupt):
        uvicorn.Server(config).run(sockets=[sock])
    sock.close()
