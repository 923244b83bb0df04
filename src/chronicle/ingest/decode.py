"""Bytes to text, refusing what is not text: empty, binary, or not UTF-8.

chronicle reads UTF-8 only (a UTF-8 or UTF-16 byte-order mark is honoured, and
an HTML page may declare another charset). Guessing a legacy encoding such as
cp1252 would silently turn some bytes into the wrong letters, and the dates
and names in an article are exactly what must not change, so a file that is
not UTF-8 is refused with the fix: re-save it as UTF-8. One exception: a saved
UTF-8 page whose few stray bytes all sit inside scripts, style sheets or comments
(a mangled tracking snippet) is read, since no reader shows those parts.
"""

from __future__ import annotations

import codecs
import gzip
import os
import re
import sys
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import BinaryIO, cast

from chronicle.errors import InputError
from chronicle.files import not_regular
from chronicle.limits import DEFAULT_MAX_ARTICLE_BYTES, MB, size_label

STDIN_SOURCE = "<stdin>"
_SNIFF = 8192
_CHUNK = 1 << 20
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Parts of a page no reader shows; a stray non-UTF-8 byte there changes no word of the article.
_UNSHOWN = re.compile(rb"<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->", re.I | re.S)
_MAX_STRAY = 16  # more bad bytes than this is another encoding, not a stray byte
_HTML_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
GZIP = ".gz"  # a file ending so is read through gzip; the ending before it tells the format
_GZIP_ERRORS = (gzip.BadGzipFile, EOFError, zlib.error)


def is_gzip(path: str) -> bool:
    """True for a gzip-compressed input (``news.jsonl.gz``, ``story.txt.gz``)."""
    return path.lower().endswith(GZIP)


def inner_name(path: str) -> str:
    """``path`` without a ``.gz`` ending (the name of what is compressed)."""
    return path[: -len(GZIP)] if is_gzip(path) else path


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_ARTICLE_BYTES) -> bytes:
    """The bytes of ``path`` (a regular file of at most ``max_bytes``), or one clear InputError.

    A ``.gz`` file is decompressed, and the cap applies to what it holds: never more than
    ``max_bytes + 1`` bytes of it are in memory (a gzip bomb is refused, not expanded).
    """
    with _open_input(path, max_bytes) as handle:
        data = _gzip_checked(path, handle.read, max_bytes + 1)
    if len(data) > max_bytes:
        raise too_large(_decompressed(path), max_bytes)
    return data


def read_stdin(max_bytes: int = DEFAULT_MAX_ARTICLE_BYTES) -> bytes:
    """Standard input, at most ``max_bytes`` of it (one article), or one clear InputError."""
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise too_large(STDIN_SOURCE, max_bytes)
    return data


def iter_lines(
    path: str, max_bytes: int = DEFAULT_MAX_ARTICLE_BYTES, *, offset: int = 0, first: int = 1
) -> Iterator[tuple[int, bytes | InputError]]:
    """(number, bytes) of each line of ``path``, streamed, never the whole file in memory.

    A line over ``max_bytes`` comes as its InputError instead of its bytes (read past,
    never kept): a bad line does not sink the file. A binary file is refused whole.
    ``offset`` (a line start, from :func:`line_chunks`) and ``first`` (its line number)
    start the reading further into the file. A ``.gz`` file is read decompressed (offsets
    count decompressed bytes); damaged or cut-off gzip data comes as one InputError after
    the lines before it, and ends the reading.
    """
    with _open_input(path, None) as handle:
        if offset:
            handle.seek(offset)  # gzip data: decompressed up to there (it cannot seek)
        number = first - 1
        while True:
            try:
                line = handle.readline(max_bytes + 1)
            except _GZIP_ERRORS as exc:
                yield number + 1, damaged_gzip(path, exc)
                return
            if not line:
                return
            number += 1
            if number == 1 and b"\x00" in line[:_SNIFF]:
                raise _binary(path)
            if len(line) <= max_bytes or line.endswith(b"\n"):
                yield number, line
                continue
            try:
                while line and not line.endswith(b"\n"):
                    line = handle.readline(_CHUNK)  # the rest of the long line, dropped
            except _GZIP_ERRORS as exc:
                yield number, damaged_gzip(path, exc)
                return
            yield number, too_large(f"{_decompressed(path)} line {number}", max_bytes)


def decoded_lines(
    path: str, max_bytes: int = DEFAULT_MAX_ARTICLE_BYTES, *, offset: int = 0, first: int = 1
) -> Iterator[tuple[int, str | InputError]]:
    """(number, text) of each line of a UTF-8 file, streamed (see :func:`iter_lines`); a line
    that is not UTF-8 comes as its InputError."""
    for number, line in iter_lines(path, max_bytes, offset=offset, first=first):
        if isinstance(line, InputError):
            yield number, line
            continue
        if number == 1:
            if line.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                raise InputError(f"{path}: UTF-16 text; JSON Lines are UTF-8, re-save it as UTF-8")
            line = line.removeprefix(codecs.BOM_UTF8)
        try:
            yield number, line.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield number, _not_utf8(f"{path} line {number}", exc)


@dataclass(frozen=True, slots=True)
class LineChunk:
    """Consecutive lines of a file: where they start, and the items (non-blank lines) in them."""

    offset: int  # byte offset of the first line
    first: int  # its line number (1-based)
    lines: int  # how many lines
    before: int  # non-blank lines of the file before the chunk
    items: int  # non-blank lines in the chunk


def line_chunks(path: str, items: int) -> Iterator[LineChunk]:
    """The file cut into chunks of ``items`` non-blank lines each, streamed (bytes, never a whole
    line over 1 MB in memory); InputError when the file cannot be opened.

    A ``.gz`` file is cut by its decompressed bytes; where its data is damaged or cut off,
    the last chunk counts one more line, so that the reader of that chunk reports it.
    """
    with _open_input(path, None) as handle:
        offset = start = lines = seen = inside = 0
        first = number = 1
        blank = True
        while True:
            try:
                piece = handle.readline(_CHUNK)
            except _GZIP_ERRORS:
                lines, inside, blank = lines + 1, inside + 1, True  # read (and reported) there
                break
            if not piece:
                break
            offset += len(piece)
            blank = blank and not piece.strip()
            if not piece.endswith(b"\n"):
                continue  # the rest of a long line follows
            lines += 1
            number += 1
            if not blank:
                inside += 1
            blank = True
            if inside == items:
                yield LineChunk(start, first, lines, seen, inside)
                start, first, seen, lines, inside = offset, number, seen + inside, 0, 0
        if not blank:  # a last line without its line break
            lines, inside = lines + 1, inside + 1
        if inside:
            yield LineChunk(start, first, lines, seen, inside)


def too_large(source: str, max_bytes: int, size: int | None = None) -> InputError:
    """The error for an article over the size cap, with the way to raise the cap."""
    if size is None:
        return InputError(
            f"{source}: over the {size_label(max_bytes)} limit per article; "
            "split it, or pass a larger --max-article-size"
        )
    wanted = -(-size // MB) * MB  # whole megabytes, rounded up
    return InputError(
        f"{source}: {size_label(size)}, over the {size_label(max_bytes)} limit per article; "
        f"split it, or pass --max-article-size {size_label(wanted).replace(' ', '')}"
    )


def damaged_gzip(path: str, exc: BaseException) -> InputError:
    """The error for gzip data that cannot be read to its end (damaged or cut off)."""
    reason = "cut off before its end" if isinstance(exc, EOFError) else str(exc) or "damaged"
    return InputError(f"{path}: unreadable gzip data ({reason}); check the file, or re-compress it")


def _decompressed(path: str) -> str:
    """How a size-capped input is named: a gzip file by what it holds once decompressed."""
    return f"{path} (decompressed)" if is_gzip(path) else path


def _gzip_checked(path: str, read: Callable[[int], bytes], size: int) -> bytes:
    """``read(size)``, with damaged gzip data as one InputError naming ``path``."""
    try:
        return read(size)
    except _GZIP_ERRORS as exc:
        raise damaged_gzip(path, exc) from None


@contextmanager
def _open_input(path: str, max_bytes: int | None) -> Iterator[BinaryIO]:
    """``path`` opened as :func:`_open_regular` does; a ``.gz`` file decompressed as it is
    read (its cap then applies to what it holds, see :func:`read_bytes`)."""
    if not is_gzip(path):
        with _open_regular(path, max_bytes) as handle:
            yield handle
        return
    with _open_regular(path, None) as raw, gzip.GzipFile(fileobj=raw, mode="rb") as handle:
        yield cast(BinaryIO, handle)


@contextmanager
def _open_regular(path: str, max_bytes: int | None) -> Iterator[BinaryIO]:
    """``path`` opened for reading when it is a regular file (of at most ``max_bytes``).

    A FIFO, device or socket is refused without being read (a FIFO would block, a
    device never end): it is opened non-blocking and checked on the open file.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
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
    try:
        info = os.fstat(fd)
        problem = not_regular(info.st_mode)
        if problem is not None:
            raise InputError(f"{path}: {problem}; give a file, or pipe an article in with '-'")
        if max_bytes is not None and info.st_size > max_bytes:
            raise too_large(path, max_bytes, info.st_size)
        handle = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with handle:
        try:
            yield handle
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
        strays = _strays(data) if html and declared in (None, "utf-8") else []
        shown = _shown(data, strays)
        if strays and not shown:
            return _check_text(data.decode("utf-8-sig", "replace"), source)
        # name the first bad byte a reader would see
        bad = UnicodeDecodeError("utf-8", data, shown[0], shown[0] + 1, "stray") if shown else exc
        if declared is None:
            raise _not_utf8(source, bad) from None
        try:
            text = data.decode(declared)
        except (UnicodeError, LookupError):  # "undefined" is a codec that fails on every byte
            raise _not_utf8(source, bad) from None
    return _check_text(text, source)


def _check_text(text: str, source: str) -> str:
    """Refuse text that is mostly control characters (a binary file that happens to decode)."""
    head = text[:_SNIFF]
    if head and len(_CONTROL.findall(head)) > max(8, len(head) // 20):
        raise _binary(source)
    if not text.strip():
        raise InputError(f"{source}: empty file; give it a headline, a publish date and a body")
    return text


def _strays(data: bytes) -> list[int]:
    """Offsets of the bytes of an almost-UTF-8 page that are not UTF-8; [] when there are more
    than a stray few (another encoding)."""
    strays: list[int] = []
    at = 0
    while len(strays) <= _MAX_STRAY:
        try:
            data[at:].decode("utf-8")
        except UnicodeDecodeError as exc:
            strays.append(at + exc.start)
            at += exc.end
            continue
        return strays
    return []


def _shown(data: bytes, offsets: list[int]) -> list[int]:
    """The ``offsets`` of a page that lie outside its scripts, style sheets and comments."""
    if not offsets:
        return []
    unshown = [match.span() for match in _UNSHOWN.finditer(data)]
    return [at for at in offsets if not any(start <= at < end for start, end in unshown)]


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
