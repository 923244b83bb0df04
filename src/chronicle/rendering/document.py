"""The timeline as plain data: the ``chronicle.timeline/2`` document every format is made from.

The JSON output is this document as is; HTML, Markdown, CSV and TimelineJS read it too,
so every format shows the same events in the same order with the same ids.
"""

from __future__ import annotations

import math
import os
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from chronicle.models import (
    Article,
    Conflict,
    EditorMark,
    Entry,
    Event,
    Granularity,
    Media,
    OrphanedEdit,
    Timeline,
    When,
)
from chronicle.rendering import date_labels
from chronicle.rendering.bidi import clean_optional, strip_unpaired_bidi
from chronicle.rendering.catalogue import Catalogue, catalogue

SCHEMA_ID = "chronicle.timeline/2"

Doc = dict[str, Any]

_SAFE_SCHEMES = frozenset({"http", "https"})


def safe_url(url: str | None) -> str | None:
    """The URL when it is a plain http(s) link a reader may follow, else None."""
    if not url:
        return None
    url = url.strip()
    if any(ord(char) < 0x21 or char in "\\\x7f" for char in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in _SAFE_SCHEMES or not parts.netloc:
        return None
    return url


def _iso(day: date | None) -> str | None:
    """'2015-11-13' or None."""
    return day.isoformat() if day is not None else None


def _finite(number: float) -> float:
    """The number rounded to 6 places; NaN and infinities (not valid JSON) become 0."""
    value = float(number)
    return round(value, 6) if math.isfinite(value) else 0.0


def _sort_key(entry: Entry) -> tuple[date, int, str]:
    """Start date (else end date, else last), then finer granularity first, then id."""
    when = entry.when
    anchor = when.start or when.end or date.max
    return (anchor, Granularity(when.granularity).rank, entry.id)


def _phrase(entry: Entry) -> str | None:
    """The expression as written by the best source with the same value (for vague labels)."""
    for event in entry.events:
        if event.timex.when.value == entry.when.value:
            return strip_unpaired_bidi(event.timex.text)
    return strip_unpaired_bidi(entry.events[0].timex.text) if entry.events else None


def date_object(when: When, phrase: str | None = None, words: Catalogue | None = None) -> Doc:
    """The ``date`` of an event: TIMEX3 value, interval, precision and the words to show
    (in ``words``, the reader's locale; English when None)."""
    granularity = Granularity(when.granularity)
    return {
        "value": when.value,
        "type": str(when.type),
        "start": _iso(when.start),
        "end": _iso(when.end),
        "granularity": granularity.value,
        "mod": when.mod,
        "label": date_labels.date_label(
            when.value, granularity, when.start, when.end, when.mod, phrase=phrase, words=words
        ),
        "precision": date_labels.precision_note(
            granularity, when.start, when.end, when.value, words=words
        ),
        "approximate": date_labels.is_approximate(granularity, when.mod),
        "html_datetime": date_labels.html_datetime(granularity, when.start, when.end, when.value),
        "explanation": strip_unpaired_bidi(when.explanation),
    }


def highlight(event: Event) -> Doc | None:
    """Where the temporal expression stands inside the quote, or None when it cannot be found."""
    quote = strip_unpaired_bidi(event.sentence)
    text = strip_unpaired_bidi(event.timex.text)
    if not text:
        return None
    start = event.timex.start - event.sentence_start
    if start >= 0 and quote[start : start + len(text)] == text:
        return {"start": start, "end": start + len(text)}
    found = quote.find(text)
    if found >= 0:
        return {"start": found, "end": found + len(text)}
    return None


def source_object(event: Event) -> Doc:
    """One source of an event: the article, its sentence and the expression that dated it."""
    when = event.timex.when
    return {
        "id": event.id,
        "article": event.article_id,
        "quote": strip_unpaired_bidi(event.sentence),
        "sentence": {"start": event.sentence_start, "end": event.sentence_end},
        "timex": {
            "text": strip_unpaired_bidi(event.timex.text),
            "value": when.value,
            "type": str(when.type),
            "granularity": Granularity(when.granularity).value,
            "start": event.timex.start,
            "end": event.timex.end,
        },
        "highlight": highlight(event),
        "explanation": strip_unpaired_bidi(when.explanation),
    }


def conflict_object(conflict: Conflict, words: Catalogue | None = None) -> Doc:
    """One of the dates sources disagree on, with the articles that give it."""
    granularity = Granularity(conflict.granularity)
    return {
        "value": conflict.value,
        "start": conflict.start.isoformat(),
        "end": conflict.end.isoformat(),
        "granularity": granularity.value,
        "label": date_labels.date_label(
            conflict.value, granularity, conflict.start, conflict.end, words=words
        ),
        "articles": list(conflict.article_ids),
    }


def source_order(entry: Entry, published: dict[str, float]) -> list[Event]:
    """The entry's sources, earliest published first, then article id, then place in the article.

    Sources of an article the timeline does not list come last.
    """
    last = float("inf")
    return sorted(
        entry.events,
        key=lambda event: (
            published.get(event.article_id, last),
            event.article_id,
            event.sentence_start,
            event.timex.start,
            event.id,
        ),
    )


def event_object(
    entry: Entry, published: dict[str, float] | None = None, words: Catalogue | None = None
) -> Doc:
    """One entry of the timeline as an event of the document.

    ``published`` maps article ids to publish timestamps, for the order of the sources;
    ``words`` is the reader's locale (English when None).
    """
    when = entry.when
    return {
        "id": entry.id,
        "date": date_object(when, _phrase(entry), words),
        "year": date_labels.group_label(Granularity(when.granularity), when.start, when.end, words),
        "headline": strip_unpaired_bidi(entry.headline),
        "text": strip_unpaired_bidi(entry.text),
        "importance": _finite(entry.importance),
        "conflicts": [conflict_object(c, words) for c in entry.conflicts],
        "sources": [source_object(event) for event in source_order(entry, published or {})],
        "aliases": sorted(entry.aliases),
        "pinned": entry.pinned,
        "featured": entry.featured,
        "group": clean_optional(entry.group),
        "media": media_object(entry.media),
        "editor": editor_object(entry.editor),
    }


def media_object(media: Media | None) -> Doc | None:
    """The editor's media of an event, or None."""
    url = safe_url(media.url) if media is not None else None
    if media is None or url is None:
        return None
    return {
        "url": url,
        "credit": clean_optional(media.credit),
        "caption": clean_optional(media.caption),
    }


def editor_object(mark: EditorMark | None) -> Doc | None:
    """What the editor changed or made, or None for an untouched machine entry."""
    if mark is None:
        return None
    return {
        "created": mark.created,
        "changed": list(mark.changed),
        "note": clean_optional(mark.note),
        "link": safe_url(mark.link),
    }


def orphan_object(edit: OrphanedEdit) -> Doc:
    """A correction whose entry is gone."""
    message = strip_unpaired_bidi(edit.message)
    return {"entry": edit.entry, "action": edit.action, "message": message}


def article_object(article: Article, words: Catalogue | None = None) -> Doc:
    """One input article: where it came from and when it was published."""
    return {
        "id": article.id,
        "title": strip_unpaired_bidi(article.title),
        "published": article.published.isoformat(),
        "published_label": date_labels.published_label(article.published, article.tz_source, words),
        "tz_source": str(article.tz_source),
        "updated": article.updated.isoformat() if article.updated else None,
        "source": article.source,
        "url": article.url,
        "link": safe_url(article.url),
        "publisher": clean_optional(article.publisher),
        "language": article.language,
        "rules_language": article.rules_language or article.language,
    }


def plural(count: int, noun: str, words: Catalogue | None = None) -> str:
    """'1 event', '3 événements': a count with its noun ('event', 'article') in ``words``."""
    return (words or catalogue()).count(count, noun)


def shows_text(event: Doc) -> bool:
    """Whether the event's text needs showing apart: not when one of its quotes says it already."""
    text = event["text"]
    return bool(text) and all(source["quote"] != text for source in event["sources"])


def skipped_object(source: str, message: str) -> Doc:
    """A skipped input as published: its file name only, never the folders it was read from."""
    path, mark, item = source.partition("#")
    name = os.path.basename(path.rstrip("/" + os.sep)) or path
    if path and name != path:
        message = message.replace(path, name)
    return {"source": name + mark + item, "message": message}


def build_document(timeline: Timeline, locale: str | None = None) -> Doc:
    """The whole ``chronicle.timeline/2`` document, in a fixed order (same input, same output).

    ``locale`` ('fr') writes the labels in the reader's language and names it in ``locale``;
    None: English labels and no ``locale`` field (the document as before locales).
    """
    words = catalogue(locale)
    articles = sorted(timeline.articles, key=lambda a: (a.published.timestamp(), a.id))
    entries = sorted(timeline.entries, key=_sort_key)
    background = sorted(timeline.background, key=_sort_key)
    published = {article.id: article.published.timestamp() for article in articles}
    doc: Doc = {
        "schema": SCHEMA_ID,
        "title": strip_unpaired_bidi(timeline.title),
        "generated": timeline.generated.isoformat(),
    }
    if locale is not None:
        doc["locale"] = words.code
    return doc | {
        "articles": [article_object(article, words) for article in articles],
        "background": [event_object(entry, published, words) for entry in background],
        "events": [event_object(entry, published, words) for entry in entries],
        "orphaned_edits": [orphan_object(edit) for edit in timeline.orphaned_edits],
        "skipped": [skipped_object(source, message) for source, message in timeline.skipped],
    }
