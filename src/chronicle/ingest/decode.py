"""Bytes to text, refusing what is not text: empty, binary, or not UTF-8.

chronicle reads UTF-8 only (a UTF-8 or UTF-16 byte-order mark is honoured, and
an HTML page may declare another charset). Guessing a legacy encoding such as
cp1252 would silently turn some bytes into the wrong letters, and the dates
and names in an article are exactly what must not change, so a file that is
not UTF-8 is refused with the fix: re-save it as UTF-8.
"""

from __future__ import annotations

import codecs
import re

from chronicle.errors import InputError

_SNIFF = 8192
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_HTML_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def read_bytes(path: str) -> bytes:
    """The bytes of ``path``, with an unreadable file as one clear InputError."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a file") from None
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; check the path") from None
    except PermissionError:
        raise InputError(
            f"{path}: cannot read it (permission denied); check its permissions"
        ) from None
    except OSError as exc:
        raise InputError(
            f"{path}: cannot read it ({exc.strerror or exc}); check the file"
        ) from None


def decode(data: bytes, source: str, *, html: bool = False) -> str:
    """Text of ``data``: UTF-8 (BOM allowed), UTF-16 with a BOM, or a page's declared charset."""
    if not data.strip():
        raise InputError(f"{source}: empty file; give it a headline, a publish date and a body")
    if data.lstrip()[:5] == b"%PDF-":
        raise InputError(
            f"{source}: a PDF, which chronicle does not read yet; save the article as text "
            "or HTML (or paste its text into a .txt file) and pass that"
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _check_text(data.decode("utf-16"), source)
        except UnicodeDecodeError:
            raise _not_utf8(source, None) from None
    if b"\x00" in data[:_SNIFF]:
        raise _binary(source)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        declared = _declared_charset(data) if html else None
        if declared is None:
            raise _not_utf8(source, exc) from None
        try:
            text = data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            raise _not_utf8(source, exc) from None
    return _check_text(text, source)


def _check_text(text: str, source: str) -> str:
    """Refuse text that is mostly control characters (a binary file that happens to decode)."""
    head = text[:_SNIFF]
    if head and len(_CONTROL.findall(head)) > max(8, len(head) // 20):
        raise _binary(source)
    if not text.strip():
        raise InputError(f"{source}: empty file; give it a headline, a publish date and a body")
    return text


def _declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag near its top, if Python knows it."""
    match = _HTML_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _binary(source: str) -> InputError:
    """The error for a file that is not text at all."""
    return InputError(
        f"{source}: binary file, not text; give an article as .txt, .md, .json, .jsonl or .html"
    )


def _not_utf8(source: str, exc: UnicodeDecodeError | None) -> InputError:
    """The error for text in another encoding, naming the first bad byte."""
    where = ""
    if exc is not None:
        bad = exc.object[exc.start : exc.start + 1]
        where = f" (byte 0x{bad.hex()} at offset {exc.start})"
    return InputError(f"{source}: not UTF-8 text{where}; re-save it as UTF-8")
