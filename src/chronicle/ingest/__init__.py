"""Ingest: article files (.txt .md .json .jsonl .html) and stdin to :class:`Article`.

Formats are told by the file name ending and confirmed by the content (an HTML
page saved as .txt is read as HTML; JSON Lines saved as .json is read as JSON
Lines; stdin is sniffed). Every bad input is one :class:`InputError` naming
the file and the fix; :func:`read_paths` skips such inputs and reports them,
unless ``strict``.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

from chronicle.errors import InputError
from chronicle.files import overwrites_input, same_file
from chronicle.ingest.common import ChronicleOutput, Draft, finish, free_id, slugify
from chronicle.ingest.config import settings
from chronicle.ingest.decode import (
    GZIP,
    LineChunk,
    decode,
    decoded_lines,
    inner_name,
    read_bytes,
    read_stdin,
    too_large,
)
from chronicle.ingest.naming import STDIN, STDIN_SOURCE, display_names, id_stem, is_url
from chronicle.ingest.stamps import Zone, option_zone, parse_published_option
from chronicle.limits import DEFAULT_MAX_ARTICLE_BYTES
from chronicle.models import Article

__all__ = [
    "ChronicleOutput",
    "InputFile",
    "input_files",
    "parse_published_option",
    "read_article_file",
    "read_part",
    "read_paths",
    "read_text",
]

_JSON_START = re.compile(r'\{\s*(?:"|\})|\[\s*(?:\{|\])')
Progress = Callable[[Iterable[str], int], Iterable[str]]


@cache
def _formats() -> dict[str, str]:
    """File ending -> format name, from ``data/ingest.toml``."""
    return {ext: fmt for fmt, exts in settings().extensions.items() for ext in exts}


def known_extensions() -> tuple[str, ...]:
    """The file endings read when a folder is walked (each also gzip-compressed: ``.txt.gz``)."""
    return tuple(sorted(_formats()))


def file_format(path: str) -> str | None:
    """The format a file's name ending tells (``.jsonl`` and ``.jsonl.gz`` alike), or None."""
    return _formats().get(os.path.splitext(inner_name(path))[1].lower())


def read_paths(
    paths: Sequence[str],
    *,
    tz: str | None,
    published: datetime | None,
    strict: bool,
    progress: Progress | None = None,
    output: str | os.PathLike[str] | None = None,
    max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
    full_paths: bool = False,
) -> tuple[list[Article], list[tuple[str, str]]]:
    """Read files, folders (walked) and ``-`` (stdin): the articles, and the inputs skipped.

    A timeline chronicle wrote (HTML page, JSON, TimelineJS or Markdown) is not
    an article: found by walking a folder it is left out silently; named
    explicitly it is a skipped input with its reason. ``output`` (the ``-o``
    file) must be none of the inputs: UsageError when it is one, named or
    walked (a timeline chronicle wrote, walked, is no input and may be replaced).
    Each article (each JSON Lines line) is at most ``max_article_bytes``.
    Sources are named by :func:`~chronicle.ingest.naming.display_names` (relative
    to the inputs' common folder unless ``full_paths``), and ids are given in the
    order of those names, so the order of ``paths`` changes nothing.
    """
    inputs = _named_inputs(paths, output)
    names = [path for path, _, _ in inputs]
    shown = display_names(names, full=full_paths)
    looped: Iterable[str] = progress(names, len(names)) if progress else names
    skipped: list[tuple[str, str]] = []
    parsed = _parsed_inputs(
        zip(looped, inputs, strict=False),
        zone=option_zone(tz),
        max_article_bytes=max_article_bytes,
        strict=strict,
        output=output,
        shown=shown,
        skipped=skipped,
    )
    made = _made_articles(parsed, shown, published, strict=strict, skipped=skipped)
    return [article for path, _ in parsed for article in made[path]], skipped


_Input = tuple[str, str | None, bool]  # (path, problem found before reading, walked)


def _named_inputs(paths: Sequence[str], output: str | os.PathLike[str] | None) -> list[_Input]:
    """The inputs ``paths`` name, folders walked; UsageError when ``output`` is one named."""
    inputs: list[_Input] = []
    for path in paths:
        inputs.extend(_expand(path))
    if output is not None:
        for path, _, walked in inputs:
            if not walked and path != STDIN and same_file(path, Path(output)):
                raise overwrites_input(path)
    return inputs


def _parsed_inputs(
    looped: Iterable[tuple[str, _Input]],
    *,
    zone: Zone,
    max_article_bytes: int,
    strict: bool,
    output: str | os.PathLike[str] | None,
    shown: dict[str, str],
    skipped: list[tuple[str, str]],
) -> list[tuple[str, list[Draft | InputError]]]:
    """Each input's drafts (stdin read once); inputs that cannot be read go to ``skipped``."""
    parsed: list[tuple[str, list[Draft | InputError]]] = []
    stdin_read = False
    for _, (path, problem, walked) in looped:
        if path == STDIN:
            if stdin_read:
                continue
            stdin_read = True
        replaced = walked and output is not None and same_file(path, Path(output))
        try:
            if problem is not None:
                raise InputError(problem)
            drafts = _drafts(path, zone, max_article_bytes)
        except InputError as exc:
            if walked and isinstance(exc, ChronicleOutput):
                continue  # a timeline written next to its articles: not an input, no message
            if replaced:
                raise overwrites_input(path) from None
            if strict:
                raise
            skipped.append((shown[path], _renamed(str(exc), path, shown[path])))
            continue
        if replaced:
            raise overwrites_input(path)
        parsed.append((path, drafts))
    return parsed


def _made_articles(
    parsed: list[tuple[str, list[Draft | InputError]]],
    shown: dict[str, str],
    published: datetime | None,
    *,
    strict: bool,
    skipped: list[tuple[str, str]],
) -> dict[str, list[Article]]:
    """Path -> its articles, ids given in the order of the shown names; bad ones skipped."""
    made: dict[str, list[Article]] = {}
    taken: set[str] = set()
    for path, drafts in sorted(parsed, key=lambda item: shown[item[0]]):
        name = shown[path]
        made[path] = []
        for index, draft in enumerate(drafts, start=1):
            if isinstance(draft, Draft) and draft.source.startswith(path):
                draft.source = name + draft.source[len(path) :]
            try:
                made[path].append(
                    _article(draft, id_stem(name), index, len(drafts), taken, published)
                )
            except InputError as exc:
                if strict:
                    raise
                source = draft.source if isinstance(draft, Draft) else name
                skipped.append((_renamed(source, path, name), _renamed(str(exc), path, name)))
    return made


@dataclass(frozen=True, slots=True)
class InputFile:
    """One file to read, as :func:`read_paths` would: its path, shown name and known problem."""

    path: str
    name: str  # display name (see chronicle.ingest.naming.display_names)
    problem: str | None = None  # found before reading (a missing file, an unreadable folder)
    walked: bool = False  # found by walking a folder

    @property
    def jsonl(self) -> bool:
        """True for a JSON Lines file (read in chunks of lines)."""
        return file_format(self.path) == "jsonl"


def input_files(paths: Sequence[str], *, full_paths: bool = False) -> list[InputFile]:
    """The files ``paths`` name (folders walked), in the order :func:`read_paths` reads them.

    Files only: stdin and URLs are refused (InputError).
    """
    inputs = [found for path in paths for found in _expand(path)]
    for path, _, _ in inputs:
        if path == STDIN or is_url(path):
            raise InputError(f"{path}: an index reads files and folders; save it to a file first")
    shown = display_names([path for path, _, _ in inputs], full=full_paths)
    files = {
        path: InputFile(path, shown[path], problem, walked) for path, problem, walked in inputs
    }
    return sorted(files.values(), key=lambda item: item.name)


def read_part(
    file: InputFile,
    *,
    tz: str | None,
    published: datetime | None,
    max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
    chunk: LineChunk | None = None,
    total: int = 0,
) -> tuple[list[Article], list[tuple[str, str]]]:
    """The articles of one file (or of one ``chunk`` of lines of a JSON Lines file holding
    ``total`` items), with the ids and sources :func:`read_paths` gives, and the items skipped.

    Never raises InputError: a bad file is one skipped item (a timeline found by walking a
    folder is left out silently). Ids are unique within the file.
    """
    zone = option_zone(tz)
    try:
        if file.problem is not None:
            raise InputError(file.problem)
        if chunk is None:
            drafts: Sequence[Draft | InputError] = _drafts(file.path, zone, max_article_bytes)
            before, count = 0, len(drafts)
        else:
            from chronicle.ingest.jsonfmt import iter_drafts, jsonl_lines

            lines = decoded_lines(
                file.path, max_article_bytes, offset=chunk.offset, first=chunk.first
            )
            items = jsonl_lines(itertools.islice(lines, chunk.lines), file.path)
            drafts, before, count = list(iter_drafts(items, zone)), chunk.before, total
    except InputError as exc:
        if file.walked and isinstance(exc, ChronicleOutput):
            return [], []
        return [], [(file.name, _renamed(str(exc), file.path, file.name))]
    articles: list[Article] = []
    skipped: list[tuple[str, str]] = []
    taken: set[str] = set()
    stem = id_stem(file.name)
    for index, draft in enumerate(drafts, start=before + 1):
        if isinstance(draft, Draft) and draft.source.startswith(file.path):
            draft.source = file.name + draft.source[len(file.path) :]
        try:
            articles.append(_article(draft, stem, index, count, taken, published))
        except InputError as exc:
            source = draft.source if isinstance(draft, Draft) else file.name
            skipped.append(
                (
                    _renamed(source, file.path, file.name),
                    _renamed(str(exc), file.path, file.name),
                )
            )
    return articles, skipped


def _renamed(message: str, path: str, name: str) -> str:
    """A message that starts with the path as given, starting with its display name instead."""
    return name + message[len(path) :] if message.startswith(path) else message


def read_article_file(
    path: str,
    *,
    tz: str | None = None,
    published: datetime | None = None,
    max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
) -> list[Article]:
    """The articles of one file (a JSON list or .jsonl gives several); raises InputError."""
    drafts = _drafts(path, option_zone(tz), max_article_bytes)
    stem = "stdin" if path == STDIN else slugify(Path(inner_name(path)).stem)
    taken: set[str] = set()
    return [
        _article(draft, stem, index, len(drafts), taken, published)
        for index, draft in enumerate(drafts, start=1)
    ]


def read_text(
    text: str,
    source: str = "<text>",
    *,
    fmt: str | None = None,
    tz: str | None = None,
    published: datetime | None = None,
    max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
) -> list[Article]:
    """The articles of ``text`` in format ``fmt`` (text, markdown, json, jsonl, html; sniffed).

    Each article (each JSON Lines line) is at most ``max_article_bytes`` in UTF-8.
    """
    fmt = fmt or _sniff(text)
    if fmt != "jsonl" and _over(text, max_article_bytes):
        raise too_large(source, max_article_bytes)
    drafts = _parse(text, source, fmt, option_zone(tz), max_article_bytes)
    stem = slugify(Path(source).stem) if source != "<text>" else "text"
    taken: set[str] = set()
    return [
        _article(draft, stem, index, len(drafts), taken, published)
        for index, draft in enumerate(drafts, start=1)
    ]


def _article(
    draft: Draft | InputError,
    stem: str,
    index: int,
    count: int,
    taken: set[str],
    published: datetime | None,
) -> Article:
    """A checked Article with a run-unique id (taken only when the article is good)."""
    if isinstance(draft, InputError):
        raise draft
    wanted = draft.id_hint or (stem if count == 1 else f"{stem}-{index}")
    article = finish(draft, free_id(wanted, taken), published)
    taken.add(article.id)
    return article


def _expand(path: str) -> Iterator[tuple[str, str | None, bool]]:
    """A path as (file, problem, walked): folders walked (sorted, hidden skipped, known endings)."""
    if path == STDIN or is_url(path):
        yield path, None, False
        return
    if os.path.isdir(path):
        unreadable: list[OSError] = []
        found = list(_walk(path, unreadable.append))
        for file in found:
            yield file, None, True
        for exc in unreadable:
            folder = str(exc.filename or path)
            reason = "permission denied" if isinstance(exc, PermissionError) else exc.strerror
            yield (
                folder,
                f"{folder}: cannot read this folder ({reason}); check its permissions",
                False,
            )
        if not found and not unreadable:
            endings = " ".join(known_extensions())
            yield (
                path,
                f"{path}: no article files in this folder (looked for {endings}, or {GZIP})",
                False,
            )
        return
    if not os.path.lexists(path):
        yield path, f"{path}: no such file or folder; check the path", False
        return
    yield path, None, False


def _walk(folder: str, unreadable: Callable[[OSError], None]) -> Iterator[str]:
    """Article files under ``folder``, recursively, sorted; hidden files and READMEs skipped.

    Folders that cannot be listed go to ``unreadable``.
    """
    skipped = {stem.lower() for stem in settings().walk.skip_stems}
    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            stem = os.path.splitext(inner_name(name))[0]
            if name.startswith(".") or stem.lower() in skipped:
                continue
            if file_format(name) is not None:
                yield os.path.join(root, name)


def _drafts(path: str, zone: Zone, max_bytes: int) -> list[Draft | InputError]:
    """Read and parse one input into drafts (or per-item errors); JSON Lines are streamed."""
    if path == STDIN:
        text = decode(read_stdin(max_bytes), STDIN_SOURCE)
        return _parse(text, STDIN_SOURCE, _sniff(text), zone, max_bytes)
    if is_url(path):
        return _fetched(path, zone, max_bytes)
    fmt = file_format(path)
    if fmt == "jsonl":
        from chronicle.ingest.jsonfmt import iter_drafts, jsonl_lines

        return list(iter_drafts(jsonl_lines(decoded_lines(path, max_bytes), path), zone))
    data = read_bytes(path, max_bytes)
    text = decode(data, path, html=fmt == "html" or fmt is None)
    sniffed = _sniff(text)
    if fmt is None or (fmt in ("text", "markdown") and sniffed == "html"):
        fmt = sniffed
    elif fmt == "text" and sniffed == "markdown":
        fmt = "markdown"  # front matter in a .txt file
    return _parse(text, path, fmt, zone, max_bytes)


def _fetched(url: str, zone: Zone, max_bytes: int) -> list[Draft | InputError]:
    """The drafts of a page fetched from ``url``; its address becomes the article's url."""
    from chronicle.ingest.fetch import fetch

    data, final, kind = fetch(url, max_bytes=max_bytes)
    text = decode(data, url, html="html" in kind or "xml" in kind or not kind)
    drafts = _parse(text, url, _sniff(text), zone, max_bytes)
    for draft in drafts:
        if isinstance(draft, Draft) and not draft.url:
            draft.url = final
    return drafts


def _sniff(text: str) -> str:
    """The format ``text`` looks like: html, json, jsonl, markdown (front matter) or text."""
    from chronicle.ingest.html import looks_like_html

    head = text.lstrip("\ufeff \t\r\n")
    if _JSON_START.match(head):
        first_line = head.split("\n", 1)[0].strip()
        if head.startswith("{") and first_line.endswith("}") and "\n{" in head:
            return "jsonl"
        return "json"
    if looks_like_html(head):
        return "html"
    if head.startswith(("---\n", "---\r\n", "+++\n")):
        return "markdown"
    return "text"


def _over(text: str, max_bytes: int) -> bool:
    """True when ``text`` is more than ``max_bytes`` in UTF-8 (encoded only when it may be)."""
    return len(text) > max_bytes // 4 and len(text.encode("utf-8", "surrogatepass")) > max_bytes


def _parse(
    text: str, source: str, fmt: str, zone: Zone, max_bytes: int = DEFAULT_MAX_ARTICLE_BYTES
) -> list[Draft | InputError]:
    """Drafts of ``text`` in format ``fmt``; a JSON Lines line over ``max_bytes`` is an error."""
    if fmt in ("json", "jsonl"):
        from chronicle.ingest.jsonfmt import iter_drafts, json_items, jsonl_lines

        if fmt == "json":
            items = json_items(text, source)
        else:
            lines = (
                (n, too_large(f"{source} line {n}", max_bytes) if _over(line, max_bytes) else line)
                for n, line in enumerate(text.split("\n"), start=1)
            )
            items = jsonl_lines(lines, source)
        return list(iter_drafts(items, zone))
    if fmt == "html":
        from chronicle.ingest.html import read_html

        return [read_html(text, source, zone)]
    if fmt == "markdown":
        from chronicle.ingest.markdown import read_markdown

        return [read_markdown(text, source, zone)]
    from chronicle.ingest.plaintext import read_text

    return [read_text(text.replace("\r\n", "\n").replace("\r", "\n"), source, zone)]
