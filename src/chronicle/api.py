"""chronicle's public API: read articles, build a timeline, tag a text, render and load.

Everything here is exported from :mod:`chronicle` itself; the command line is a thin
layer over exactly these functions::

    import chronicle

    timeline = chronicle.build(["examples/"])
    page = chronicle.render(timeline, "html")
    for timex in chronicle.tag("The vote is on Friday.", "2015-11-16"):
        print(timex.text, timex.value)
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

from chronicle.edits import Correction, read_sheet, write_sheet
from chronicle.errors import InputError
from chronicle.ingest import parse_published_option, read_paths
from chronicle.ingest import read_text as _read_text
from chronicle.ingest.common import finish, free_id
from chronicle.ingest.jsonfmt import iter_drafts
from chronicle.ingest.stamps import Zone, option_zone
from chronicle.limits import DEFAULT_MAX_ARTICLE_BYTES, DEFAULT_MAX_EVENTS
from chronicle.models import Article, Style, Timeline, Timex
from chronicle.rendering import Format, schema_path
from chronicle.rendering import render as _render
from chronicle.resolve import calendar as cal
from chronicle.resolve import find_timexes

Input = str | os.PathLike[str] | Article | Mapping[str, Any]
"""One input: a file, folder, ``-`` (stdin) or URL; an :class:`Article`; or an article dict."""

Progress = Callable[[Iterable[str], int], Iterable[str]]


class Skipped(NamedTuple):
    """An input left out, with the one-line reason."""

    source: str
    message: str


class ReadResult(NamedTuple):
    """What :func:`read` gives: the articles, and the inputs it had to leave out."""

    articles: list[Article]
    skipped: list[Skipped]


def read(
    inputs: Input | Iterable[Input],
    *,
    tz: str | None = None,
    published: datetime | str | None = None,
    strict: bool = False,
    full_paths: bool = False,
    progress: Progress | None = None,
    max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
    output: str | os.PathLike[str] | None = None,
) -> ReadResult:
    """Read articles from paths (files, folders, ``-``, URLs), :class:`Article` objects or dicts.

    ``tz`` is the zone of inputs that give none; ``published`` the publish time of inputs
    that give none. A bad input is skipped and listed in ``skipped`` unless ``strict``, which
    raises :class:`~chronicle.errors.InputError` at the first one. Each article (each JSON Lines
    line) is at most ``max_article_bytes``. ``output``, a file about to be written, must be none
    of the inputs (:class:`~chronicle.errors.UsageError`).
    """
    items = _inputs(inputs)
    default = _published(published, tz)
    paths = [os.fspath(item) for item in items if isinstance(item, str | os.PathLike)]
    articles: list[Article] = []
    skipped: list[Skipped] = []
    if paths:
        found, left = read_paths(
            paths,
            tz=tz,
            published=default,
            strict=strict,
            progress=progress,
            full_paths=full_paths,
            max_article_bytes=max_article_bytes,
            output=output,
        )
        articles.extend(found)
        skipped.extend(Skipped(*pair) for pair in left)
    dicts = [dict(item) for item in items if isinstance(item, Mapping)]
    if dicts:
        _read_dicts(dicts, option_zone(tz), default, strict, articles, skipped)
    articles.extend(item for item in items if isinstance(item, Article))
    return ReadResult(articles, skipped)


def _read_dicts(
    dicts: list[dict[str, Any]],
    zone: Zone,
    published: datetime | None,
    strict: bool,
    articles: list[Article],
    skipped: list[Skipped],
) -> None:
    """Read dicts (the JSON input's field names) into ``articles``; bad ones into ``skipped``."""
    taken = {article.id for article in articles}
    labels = [f"<item {n}>" for n in range(1, len(dicts) + 1)]
    for n, draft in enumerate(iter_drafts(list(zip(labels, dicts, strict=True)), zone), 1):
        try:
            if isinstance(draft, InputError):
                raise draft
            article = finish(draft, free_id(draft.id_hint or f"item-{n}", taken), published)
        except InputError as exc:
            if strict:
                raise
            skipped.append(Skipped(labels[n - 1], str(exc)))
            continue
        taken.add(article.id)
        articles.append(article)


def read_text(
    text: str,
    *,
    fmt: str | None = None,
    source: str = "<text>",
    tz: str | None = None,
    published: datetime | str | None = None,
) -> list[Article]:
    """The articles in ``text``: plain text with header lines, Markdown, JSON, JSON Lines or HTML.

    ``fmt`` is one of ``"text"``, ``"markdown"``, ``"json"``, ``"jsonl"``, ``"html"``;
    by default it is sniffed from the content.
    """
    return _read_text(text, source, fmt=fmt, tz=tz, published=_published(published, tz))


class Edits(NamedTuple):
    """An editor's sheet, read: its corrections, notes for the editor, and its name."""

    corrections: list[Correction]
    notes: list[str]  # columns the editor added (ignored)
    source: str | None = None


def read_edits(sheet: str | os.PathLike[str]) -> Edits:
    """The corrections of an editor's sheet (CSV); SheetError lists every malformed row.

    Ids the build does not have become orphaned corrections when applied (kept, reported);
    a sheet none of whose ids is in the timeline is refused as another story's.
    """
    path = Path(sheet)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(
            f"{path}: cannot read the sheet ({exc.strerror}); check the path"
        ) from None
    corrections, notes = read_sheet(data, str(path))
    return Edits(corrections, notes, str(path))


def sheet(
    inputs: Input | Iterable[Input],
    *,
    edits: Edits | str | os.PathLike[str] | None = None,
    tz: str | None = None,
    published: datetime | str | None = None,
    strict: bool = False,
    style: Style | str = Style.AUTO,
    full_paths: bool = False,
) -> str:
    """The editor's sheet (CSV) of ``inputs``: one row per entry, ``edits`` filled in.

    For a story kept in a store, :meth:`chronicle.Store.export_sheet` gives it.
    """
    from chronicle.pipeline import build_timeline

    given = _edits(edits)
    articles, _ = _some_articles(
        inputs, tz=tz, published=published, strict=strict, full_paths=full_paths
    )
    machine = build_timeline(articles, style=Style(style))
    return write_sheet(machine.entries, machine.articles, given.corrections if given else [])


def _edits(edits: Edits | str | os.PathLike[str] | None) -> Edits | None:
    """``edits`` read when it is a path."""
    if edits is None or isinstance(edits, Edits):
        return edits
    return read_edits(edits)


def build(
    inputs: Input | Iterable[Input],
    *,
    title: str | None = None,
    tz: str | None = None,
    published: datetime | str | None = None,
    strict: bool = False,
    style: Style | str = Style.AUTO,
    max_events: int | None = DEFAULT_MAX_EVENTS,
    sentences: int = 1,
    query: str | None = None,
    start: date | str | None = None,
    end: date | str | None = None,
    full_paths: bool = False,
    progress: Progress | None = None,
    edits: Edits | str | os.PathLike[str] | None = None,
    locale: str | None = None,
) -> Timeline:
    """Build the timeline of ``inputs`` (see :func:`read`), ready for :func:`render`.

    ``max_events`` keeps the most important dated entries (30 by default, as a page an editor
    would publish; None keeps every entry, like the CLI's ``--all``); ``sentences`` is the text
    length of each entry; ``query`` keeps events about these terms ("swine flu, H1N1");
    ``start``/``end`` (a day, month or year: ``"2015-11"``) keep entries whose dates reach into
    that span.
    ``edits`` (a sheet's path, or :func:`read_edits`) applies an editor's corrections; those
    whose entry is not there are in ``timeline.orphaned_edits``.
    Inputs that could not be read are listed in ``timeline.skipped``; with no article left,
    :class:`~chronicle.errors.InputError`.
    ``locale`` (``"fr"``, ``"es"``, ``"de"``, ``"pt"``, ``"en"``) writes the "why this date"
    explanations in the reader's language (give :func:`render` the same); None: each
    article's own language. UsageError for another locale.
    """
    from chronicle.pipeline import build_timeline
    from chronicle.rendering.catalogue import check_locale

    locale = check_locale(locale)
    span = _checked_page(start, end, sentences, max_events)
    articles, skipped = _some_articles(
        inputs, tz=tz, published=published, strict=strict, full_paths=full_paths, progress=progress
    )
    given = _edits(edits)
    return build_timeline(
        articles,
        title=title,
        style=Style(style),
        locale=locale,
        max_events=max_events,
        sentences=sentences,
        query=query,
        span=span,
        skipped=skipped,
        corrections=given.corrections if given else (),
        sheet=given.source if given else None,
    )


def build_index(
    index_dir: str | os.PathLike[str],
    *,
    title: str | None = None,
    max_events: int | None = DEFAULT_MAX_EVENTS,
    sentences: int = 1,
    query: str | None = None,
    start: date | str | None = None,
    end: date | str | None = None,
    locale: str | None = None,
) -> Timeline:
    """Build a timeline from an index made by :func:`chronicle.archive.index` (or
    ``chronicle index``), reading only the articles that can match ``query`` or the span.

    The options mean what they mean for :func:`build`; with the same articles the entries are
    the same (``locale`` names the title and the explanations made on every build; each
    article's own are those the index holds).
    InputError when no indexed article matches.
    """
    from chronicle.archive import stories
    from chronicle.merge.heap import collector_paused
    from chronicle.pipeline import assemble, with_rules_language
    from chronicle.rendering.catalogue import check_locale

    locale = check_locale(locale)
    span = _checked_page(start, end, sentences, max_events)
    with collector_paused():  # thousands of articles' objects: see chronicle.merge.heap
        found = stories(Path(index_dir), query=query, span=span)
        if not found:
            wanted = "in it" if span == (None, None) else "with an event in that span"
            wanted = f"naming {query!r}" if query else wanted
            raise InputError(
                f"{index_dir}: no indexed article {wanted}; check the index and the query"
            )
        articles = with_rules_language(article for article, _ in found)
        ready = [(a, events) for a, (_, events) in zip(articles, found, strict=True)]
        return assemble(
            ready,
            title=title,
            max_events=max_events,
            sentences=sentences,
            query=query,
            span=span,
            locale=locale,
        )


def _checked_page(
    start: date | str | None, end: date | str | None, sentences: int, max_events: int | None
) -> tuple[date | None, date | None]:
    """The span of ``start``/``end``; InputError for a span, a length or a budget that is off."""
    span = date_span(start, end)
    if sentences < 1:
        raise InputError(f"sentences={sentences}: give 1 or more")
    if max_events is not None and max_events < 1:
        raise InputError(f"max_events={max_events}: give 1 or more, or None for no limit")
    return span


def _some_articles(
    inputs: Input | Iterable[Input],
    *,
    tz: str | None,
    published: datetime | str | None,
    strict: bool,
    full_paths: bool,
    progress: Progress | None = None,
) -> ReadResult:
    """:func:`read`, with InputError when no article is left to build from."""
    found = read(
        inputs, tz=tz, published=published, strict=strict, full_paths=full_paths, progress=progress
    )
    if not found.articles:
        raise no_articles(inputs, found.skipped)
    return found


def no_articles(inputs: Input | Iterable[Input], skipped: Sequence[Skipped]) -> InputError:
    """The error for a build with nothing to build from."""
    from chronicle.ingest import known_extensions

    if len(skipped) == 1:
        return InputError(skipped[0].message)
    if skipped:
        return InputError(
            f"none of the {len(skipped)} inputs could be read; fix those listed above"
        )
    names = ", ".join(os.fspath(i) for i in _inputs(inputs) if isinstance(i, str | os.PathLike))
    return InputError(
        f"no article files found in {names or 'the inputs'}; "
        f"chronicle reads {', '.join(known_extensions())}"
    )


def tag(
    text: str,
    published: datetime | date | str,
    *,
    lang: str = "en",
    tz: str | None = None,
    style: Style | str = Style.AUTO,
) -> list[Timex]:
    """The temporal expressions of ``text``, resolved against ``published``.

    Each :class:`~chronicle.models.Timex` has ``.text``, ``.start``, ``.end`` (offsets into
    ``text``), ``.type`` and ``.value`` (TIMEX3), and ``.when`` with the interval and why.
    ``published`` is a datetime, a date, or a string such as ``"2015-11-16T00:33+08:00"``.
    """
    if isinstance(published, datetime):
        moment = published if published.tzinfo else published.replace(tzinfo=option_zone(tz).tz)
    elif isinstance(published, date):
        moment = datetime(published.year, published.month, published.day, tzinfo=option_zone(tz).tz)
    else:
        moment = parse_published_option(published, tz)
    return find_timexes(text, moment, lang=lang, style=Style(style))


def render(
    timeline: Timeline,
    format: Format | str = Format.HTML,
    *,
    template_dir: Path | None = None,
    locale: str | None = None,
) -> str:
    """The timeline as ``"html"``, ``"json"``, ``"timelinejs"``, ``"markdown"`` (``"md"``) or
    ``"csv"``; ``template_dir`` replaces the bundled HTML templates; ``locale`` (``"fr"``,
    ``"es"``, ``"de"``, ``"pt"``, ``"en"``) is the reader's language (None: English).
    UsageError for another locale."""
    return _render(timeline, output_format(format), template_dir=template_dir, locale=locale)


FORMAT_ALIASES = {"md": Format.MARKDOWN, "htm": Format.HTML, "tljs": Format.TIMELINEJS}


def output_format(name: Format | str) -> Format:
    """The :class:`Format` a name or alias stands for (``"md"`` is markdown); ValueError if none."""
    if isinstance(name, Format):
        return name
    key = name.strip().lower()
    if key in FORMAT_ALIASES:
        return FORMAT_ALIASES[key]
    try:
        return Format(key)
    except ValueError:
        choices = ", ".join([*(f.value for f in Format), *FORMAT_ALIASES])
        raise ValueError(f"unknown format {name!r}; choose one of {choices}") from None


def load(source: str | os.PathLike[str]) -> dict[str, Any]:
    """Read a timeline JSON file chronicle wrote (schema 1 or 2) and check it against its schema.

    Raises :class:`~chronicle.errors.InputError` naming the file and the first problem.
    """
    path = Path(source)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot be read ({exc}); give a timeline JSON file") from None
    try:
        doc = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise InputError(f"{path}: not JSON ({exc}); give a timeline JSON file") from None
    validate(doc, where=str(path))
    if not isinstance(doc, dict):  # validate() has checked; this is for the type checker
        raise InputError(f"{path}: not a timeline")
    return doc


_SCHEMA_NAME = re.compile(r"chronicle\.timeline/(\d+)")


def validate(doc: object, *, where: str = "timeline") -> None:
    """Check a timeline document against the schema it names; InputError on the first problem."""
    import jsonschema

    name = doc.get("schema") if isinstance(doc, dict) else None
    found = _SCHEMA_NAME.fullmatch(name) if isinstance(name, str) else None
    if found is None or found.group(1) not in ("1", "2"):
        raise InputError(
            f"{where}: not a chronicle timeline (no 'schema': \"chronicle.timeline/2\")"
        )
    schema = json.loads(schema_path(int(found.group(1))).read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    error = jsonschema.exceptions.best_match(validator.iter_errors(doc))
    if error is not None:
        at = "/".join(str(part) for part in error.absolute_path) or "the top level"
        raise InputError(f"{where}: at {at}: {error.message}")


def date_span(
    start: date | str | None,
    end: date | str | None,
    *,
    names: tuple[str, str] = ("start", "end"),
) -> tuple[date | None, date | None]:
    """The first and last day of a span given as days, months or years (``"2015-11"``).

    ``names`` are what messages call the two bounds (the CLI says ``--from`` and ``--to``).
    """
    first = _period_day(names[0], start, last_day=False)
    last = _period_day(names[1], end, last_day=True)
    if first is not None and last is not None and first > last:
        raise InputError(f"{names[0]} {start} is after {names[1]} {end}; swap them")
    return first, last


_PERIOD = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _period_day(what: str, value: date | str | None, *, last_day: bool) -> date | None:
    """The first (or last) day of the day, month or year ``value``."""
    if value is None or isinstance(value, date):
        return value
    found = _PERIOD.fullmatch(value.strip())
    try:
        if found is None:
            raise ValueError(value)
        year, month, day = found.group(1, 2, 3)
        gran = cal.DAY if day else cal.MONTH if month else cal.YEAR
        span = cal.interval(cal.Point(date(int(year), int(month or 1), int(day or 1)), gran))
        if span is None:
            raise ValueError(value)
    except ValueError:
        raise InputError(
            f"{what} {value!r}: not a date; write a day, month or year such as 2015-11-13, "
            "2015-11 or 2015"
        ) from None
    return span[1] if last_day else span[0]


def _inputs(inputs: Input | Iterable[Input]) -> list[Input]:
    """``inputs`` as a list (one path, Article or dict on its own counts as one input)."""
    if isinstance(inputs, str | os.PathLike | Article | Mapping):
        return [inputs]
    return list(inputs)


def _published(value: datetime | str | None, tz: str | None) -> datetime | None:
    """The default publish time as a zone-aware datetime."""
    if value is None or isinstance(value, datetime):
        if isinstance(value, datetime) and value.tzinfo is None:
            return value.replace(tzinfo=option_zone(tz).tz)
        return value
    return parse_published_option(value, tz)
