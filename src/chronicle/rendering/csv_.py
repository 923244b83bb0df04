"""``--format csv``: one row per event and source, for spreadsheets."""

from __future__ import annotations

import csv
import io

from chronicle.rendering.document import Doc

COLUMNS = (
    "event_id",
    "date_label",
    "date_value",
    "date_start",
    "date_end",
    "granularity",
    "mod",
    "approximate",
    "conflict",
    "headline",
    "text",
    "article_id",
    "article_title",
    "publisher",
    "published",
    "url",
    "quote",
    "timex_text",
    "timex_value",
    "timex_start",
    "timex_end",
    "explanation",
)

# A cell starting with one of these runs as a formula in spreadsheet programs; some read the
# fullwidth forms (＝ ＋ － ＠) as the ASCII ones, and some skip white space before them.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def cell(value: object) -> str:
    """A cell's text; text a spreadsheet would run as a formula gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    if isinstance(value, str) and text.lstrip(" \u3000\u00a0").startswith(_FORMULA_START):
        return "'" + text
    return text


_NO_SOURCE: Doc = {
    "article": None,
    "quote": None,
    "timex": {"text": None, "value": None, "start": None, "end": None},
    "explanation": None,
}


def render_csv(doc: Doc) -> str:
    """A header row, then a row for each source of each event, in timeline order."""
    articles = {article["id"]: article for article in doc["articles"]}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for event in [*(doc.get("background") or []), *doc["events"]]:  # background rows first
        when = event["date"]
        conflict = "; ".join(c["label"] for c in event["conflicts"])
        for source in event["sources"] or [_NO_SOURCE]:  # an editor's own event: one row
            article = articles.get(source["article"], {})
            row = (
                event["id"],
                when["label"],
                when["value"],
                when["start"],
                when["end"],
                when["granularity"],
                when["mod"],
                when["approximate"],
                conflict,
                event["headline"],
                event["text"],
                source["article"],
                article.get("title"),
                article.get("publisher"),
                article.get("published"),
                article.get("url"),
                source["quote"],
                source["timex"]["text"],
                source["timex"]["value"],
                source["timex"]["start"],
                source["timex"]["end"],
                source["explanation"],
            )
            writer.writerow([cell(value) for value in row])
    return buffer.getvalue()
