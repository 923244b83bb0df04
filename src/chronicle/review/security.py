"""The review server's guard: checks every request before any route sees it.

Any web page the editor visits can send requests to a server on the editor's machine, so:

1. **Host** must name the server (the bound address, ``localhost`` or a loopback address; any
   IP address when bound to all interfaces). A page of ``evil.example`` whose name was made to
   point at 127.0.0.1 (DNS rebinding) sends ``Host: evil.example`` and is refused.
2. Every request but GET and HEAD must carry an **Origin** equal to the server's own
   (``http://`` + its Host): a form another site posts here (CSRF) is refused.
3. The **token** printed with the address must come with every request: as ``?token=`` (the
   first visit, which sets an HttpOnly, SameSite=Strict cookie and redirects to the address
   without it), as the cookie, or as an ``Authorization: token ...`` header (scripts).

A refused request gets 403 and a one-line reason, whatever its path.
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl, urlencode

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

SAFE_METHODS = frozenset({"GET", "HEAD"})
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1)."""
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def is_wildcard(host: str) -> bool:
    """True for an address that binds every interface (0.0.0.0, ::)."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        return False


def _is_ip(name: str) -> bool:
    """True when ``name`` is an IP address literal (no name a DNS answer could rebind)."""
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def split_host(value: str) -> tuple[str, int | None] | None:
    """(name, port) of a Host header (``[::1]:8000`` for IPv6); None when malformed."""
    value = value.strip().lower()
    if not value:
        return None
    if value.startswith("["):
        name, bracket, rest = value[1:].partition("]")
        if not bracket or (rest and not rest.startswith(":")):
            return None
        port_text = rest[1:] if rest else ""
    else:
        name, colon, port_text = value.rpartition(":")
        if not colon:
            name, port_text = value, ""
        elif ":" in name:  # an IPv6 address without brackets: no port in it
            return None
    if port_text:
        if not port_text.isdigit() or len(port_text) > 5:
            return None
        return name, int(port_text)
    return name, None


class Guard:
    """ASGI middleware: Host, Origin and token checks in front of the whole app."""

    def __init__(self, app: App, *, token: str, host: str, port: int) -> None:
        self.app = app
        self.token = token
        self.port = port
        self.cookie = f"chronicle-review-{port}"
        bound = host.strip("[]").lower()
        self.any_ip = is_wildcard(bound)
        self.names = {bound} | (set(LOOPBACK_NAMES) if is_loopback(bound) else set())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Refuse with 403 what fails a check; pass the rest on."""
        if scope["type"] == "lifespan":
            await self.app(scope, receive, send)
            return
        if scope["type"] != "http":
            return  # no websockets: the connection is closed unanswered
        headers = _headers(scope)
        host = headers.get("host", "")
        if not self.host_ok(host):
            await _refuse(send, "unknown Host header; open the address chronicle review printed")
            return
        method = scope["method"]
        if method not in SAFE_METHODS and headers.get("origin") != f"http://{host}":
            await _refuse(send, "request from another site (Origin); nothing was changed")
            return
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        if self.token_ok(query.get("token")) and method in SAFE_METHODS:
            await self._enter(scope, query, send)
            return
        if not (self.token_ok(_cookie(headers, self.cookie)) or self.token_ok(_bearer(headers))):
            await _refuse(
                send, "no access token; open the address with ?token= that chronicle review printed"
            )
            return
        await self.app(scope, receive, send)

    def host_ok(self, value: str) -> bool:
        """True when a Host header names this server."""
        parts = split_host(value)
        if parts is None:
            return False
        name, port = parts
        if port is not None and port != self.port:
            return False
        if port is None and self.port != 80:
            return False
        return name in self.names or (self.any_ip and _is_ip(name))

    def token_ok(self, given: str | None) -> bool:
        """True when ``given`` is this server's token (compared in constant time)."""
        return given is not None and hmac.compare_digest(given.encode(), self.token.encode())

    async def _enter(self, scope: Scope, query: dict[str, str], send: Send) -> None:
        """The first visit: set the cookie, and send to the same address without the token."""
        rest = urlencode({k: v for k, v in query.items() if k != "token"})
        location = scope.get("path", "/") + (f"?{rest}" if rest else "")
        cookie = f"{self.cookie}={self.token}; Path=/; HttpOnly; SameSite=Strict"
        await send(
            {
                "type": "http.response.start",
                "status": 303,
                "headers": [
                    (b"location", location.encode("latin-1", "replace")),
                    (b"set-cookie", cookie.encode("latin-1")),
                    (b"cache-control", b"no-store"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"content-length", b"0"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": b""})


def _headers(scope: Scope) -> dict[str, str]:
    """The request's headers by lower-case name (the first of repeated ones)."""
    found: dict[str, str] = {}
    for name, value in scope.get("headers", []):
        found.setdefault(name.decode("latin-1").lower(), value.decode("latin-1"))
    return found


def _cookie(headers: dict[str, str], name: str) -> str | None:
    """The value of cookie ``name``, or None."""
    for part in headers.get("cookie", "").split(";"):
        key, equals, value = part.strip().partition("=")
        if equals and key == name:
            return value
    return None


def _bearer(headers: dict[str, str]) -> str | None:
    """The token of an ``Authorization: token ...`` header, or None."""
    scheme, _, value = headers.get("authorization", "").partition(" ")
    return value.strip() if scheme.lower() in ("token", "bearer") else None


async def _refuse(send: Send, reason: str) -> None:
    """403 with a one-line reason."""
    await _answer(send, 403, f"Forbidden: {reason}")


async def _answer(send: Send, status: int, reason: str) -> None:
    """A plain-text answer of one line."""
    body = f"{status} {reason}\n".encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"cache-control", b"no-store"),
                (b"x-content-type-options", b"nosniff"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class TooLarge(Exception):
    """A request body over the server's bound (raised while the body is read)."""


class BodyLimit:
    """ASGI middleware: :class:`TooLarge` from ``receive`` once a body grows past ``limit``
    bytes, so no request makes the server read or keep more (the app answers 413)."""

    def __init__(self, app: App, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on with its body counted."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise TooLarge
            return message

        await self.app(scope, counted, send)
