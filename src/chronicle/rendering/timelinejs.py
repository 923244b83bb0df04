"""``--format timelinejs``: TimelineJS 3 JSON (numeric date parts, only as precise as known)."""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any

from chronicle.rendering.catalogue import Catalogue, catalogue
from chronicle.rendering.date_labels import clock_time, part_of_day
from chronicle.rendering.document import Doc, shows_text
from chronicle.rendering.json_ import render_json

# Date parts TimelineJS gets for each granularity; coarser ones also get a display_date.
_PARTS = {
    "day": ("year", "month", "day"),
    "week": ("year", "month", "day"),
    "month": ("year", "month"),
    "season": ("year", "month"),
    "quarter": ("year", "month"),
    "year": ("year",),
    "decade": ("year",),
    "century": ("year",),
}
_EXACT = frozenset({"day", "month", "year"})

# TimelineJS strips markup from display_date and group, then sets them as HTML: entities would
# come back to life there, so markup characters are replaced by look-alikes instead of escaped.
_PLAIN = str.maketrans({"<": "‹", ">": "›", "&": "＆"})


def plain(text: str) -> str:
    """Text safe for TimelineJS's plain-text fields (display_date, group)."""
    return text.translate(_PLAIN)


def _date_parts(day: date, parts: tuple[str, ...]) -> dict[str, int]:
    """{"year": 2015, "month": 11, "day": 13}, cut to the parts that are known."""
    return {part: int(getattr(day, part)) for part in parts}


def _text(event: Doc, articles: dict[str, Doc], words: Catalogue) -> str:
    """The slide body: the event text, the editor's note and link, its sources, as escaped HTML."""
    html = f"<p>{escape(event['text'])}</p>" if shows_text(event) else ""
    editor = event.get("editor") or {}
    if "date" in editor.get("changed", ()):
        html += f"<p><em>{escape(words.page.date_corrected_sentence)}</em></p>"
    if editor.get("note"):
        html += f"<p><em>{escape(words.page.editor_note.format(note=editor['note']))}</em></p>"
    if editor.get("link"):
        given = escape(editor["link"])
        html += f'<p><a href="{given}">{given}</a></p>'
    items = []
    for source in event["sources"]:
        article = articles.get(source["article"], {})
        title = escape(article.get("title", source["article"]))
        link = article.get("link")
        cite = f'<a href="{escape(link)}">{title}</a>' if link else title
        label = escape(article.get("published_label", ""))
        items.append(f"<li>“{escape(source['quote'])}” ({cite}, {label})</li>")
    if items:
        html += "<ul>" + "".join(items) + "</ul>"
    return html


def slide(
    event: Doc, articles: dict[str, Doc], words: Catalogue | None = None
) -> dict[str, Any] | None:
    """One TimelineJS event, or None when the date has no place on the calendar."""
    when = event["date"]
    granularity = when["granularity"]
    parts = _PARTS.get(granularity)
    if parts is None or when["start"] is None or when["end"] is None:
        return None
    start, end = date.fromisoformat(when["start"]), date.fromisoformat(when["end"])
    result: dict[str, Any] = {"start_date": _date_parts(start, parts)}
    end_parts = _date_parts(end, parts)
    if end_parts != result["start_date"]:
        result["end_date"] = end_parts
    clock = clock_time(when["value"]) if granularity == "day" and start == end else None
    if clock is not None and clock[0] < 24:
        result["start_date"].update(hour=clock[0], minute=clock[1])
    vague_time = part_of_day(when["value"]) is not None  # any locale: only whether it has one
    if granularity not in _EXACT or when["mod"] or when["approximate"] or vague_time:
        result["display_date"] = plain(when["label"])
    result["text"] = {
        "headline": escape(event["headline"]),
        "text": _text(event, articles, words or catalogue()),
    }
    if event.get("group"):  # only the editor's eras and themes make lanes, never publishers
        result["group"] = plain(event["group"])
    media = event.get("media")
    if media:
        result["media"] = {
            key: escape(media[key]) for key in ("url", "credit", "caption") if media.get(key)
        }
    result["unique_id"] = event["id"]
    return result


def render_timelinejs(doc: Doc, words: Catalogue | None = None) -> str:
    """The TimelineJS 3 document: a title slide and one slide per dated event; the slides'
    own words in ``words`` (the reader's locale; English when None)."""
    words = words or catalogue()
    articles = {article["id"]: article for article in doc["articles"]}
    events = [s for s in (slide(e, articles, words) for e in doc["events"]) if s is not None]
    summary = escape(words.counts_line(len(events), len(doc["articles"])))
    title = {"text": {"headline": escape(doc["title"]), "text": f"<p>{summary}</p>"}}
    return render_json({"title": title, "events": events})
