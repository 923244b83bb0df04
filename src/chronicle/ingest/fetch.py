"""Reading an article from an http(s) address: ``chronicle build https://…``.

urllib3 (already installed with trafilatura, and one of the most used HTTP clients)
fetches the page; nothing else in chronicle touches the network, and nothing is
fetched unless the user gives a URL as an input.
"""

from __future__ import annotations

from urllib.parse import urljoin

from chronicle import __version__
from chronicle.errors import InputError

CONNECT_SECONDS = 10.0
READ_SECONDS = 30.0
MAX_REDIRECTS = 5
CHUNK = 64 * 1024


def fetch(url: str, *, max_bytes: int) -> tuple[bytes, str, str]:
    """The body of ``url`` (at most ``max_bytes``), the final URL after redirects, and its
    content type; InputError naming the URL when it cannot be had."""
    import urllib3

    if not url.lower().startswith(("http://", "https://")):
        raise InputError(f"{url}: only http and https addresses are fetched")
    pool = urllib3.PoolManager(
        headers={"User-Agent": f"chronicle/{__version__} (+timeline builder)"},
        timeout=urllib3.Timeout(connect=CONNECT_SECONDS, read=READ_SECONDS),
        retries=urllib3.Retry(total=2, redirect=MAX_REDIRECTS, backoff_factor=0.2),
    )
    try:
        response = pool.request("GET", url, preload_content=False)
        try:
            if response.status >= 400:
                raise InputError(
                    f"{url}: the server answered {response.status} {response.reason or ''}".rstrip()
                    + "; check the address, or save the page and pass the file"
                )
            data = _read_capped(response, url, max_bytes)
            final = urljoin(url, response.geturl() or url)
            kind = response.headers.get("Content-Type", "")
        finally:
            response.release_conn()
    except urllib3.exceptions.HTTPError as exc:
        reason = getattr(exc, "reason", None) or exc
        raise InputError(
            f"{url}: could not be fetched ({_one_line(reason)}); check the address and the "
            "connection, or save the page and pass the file"
        ) from None
    return data, str(final), kind


def _read_capped(response: object, url: str, max_bytes: int) -> bytes:
    """The response body, refusing more than ``max_bytes``."""
    parts: list[bytes] = []
    size = 0
    for chunk in response.stream(CHUNK):  # type: ignore[attr-defined]
        size += len(chunk)
        if size > max_bytes:
            raise InputError(
                f"{url}: larger than {max_bytes // 1_000_000} MB; save the article's text "
                "and pass the file"
            )
        parts.append(chunk)
    return b"".join(parts)


def _one_line(reason: object) -> str:
    """An exception's text on one short line."""
    text = " ".join(str(reason).split())
    return text if len(text) <= 160 else text[:157] + "..."
