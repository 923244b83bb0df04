"""``--format markdown``: the timeline for a CMS, every piece of article text escaped."""

from __future__ import annotations

import re

from chronicle.rendering.catalogue import Catalogue, catalogue
from chronicle.rendering.document import Doc, shows_text

# Characters Markdown (CommonMark and GFM tables) reads as syntax anywhere in a line; HTML's own
# become entities. Without [ and ] there are no links or images, so ( ) ! can stay.
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_HTML = str.maketrans({"<": "&lt;", ">": "&gt;", "&": "&amp;"})
# At the start of a line: headings, list items, numbered lists.
_LINE_START = re.compile(r"^(\d*)([#+\-=]|(?<=\d)[.)])")


def escape_markdown(text: str) -> str:
    """Text shown literally by any CommonMark renderer: no links, emphasis or raw HTML."""
    text = " ".join(text.split())
    text = _SPECIAL.sub(r"\\\1", text.translate(_HTML))
    return _LINE_START.sub(r"\1\\\2", text)


def _link(title: str, url: str | None) -> str:
    """[title](url) when the url is safe (already checked: http/https), else the title alone."""
    if not url:
        return escape_markdown(title)
    target = url.replace("(", "%28").replace(")", "%29").replace(" ", "%20").replace("<", "%3C")
    return f"[{escape_markdown(title)}](<{target.replace('>', '%3E')}>)"


def render_markdown(doc: Doc, words: Catalogue | None = None) -> str:
    """Headings per year, one section per event with its sources as a list; the labels in
    ``words`` (the reader's locale; English when None)."""
    words = words or catalogue()
    articles = {article["id"]: article for article in doc["articles"]}
    lines = [f"# {escape_markdown(doc['title'])}", ""]
    lines += [words.counts_line(len(doc["events"]), len(doc["articles"])), ""]
    background = doc.get("background") or []
    if background:
        lines += [f"## {escape_markdown(words.page.background)}", ""]
        for event in background:
            lines += _event_lines(event, articles, words)
    year = None
    for event in doc["events"]:
        if event["year"] != year:
            year = event["year"]
            lines += [f"## {escape_markdown(year)}", ""]
        lines += _event_lines(event, articles, words)
    return "\n".join(lines).rstrip("\n") + "\n"


def _event_lines(event: Doc, articles: dict[str, Doc], words: Catalogue) -> list[str]:
    """One event: its heading, badges, text, conflicting dates and sources."""
    page = words.page
    lines: list[str] = []
    when = event["date"]
    badges = ""
    if when["approximate"]:
        badges += f" *({escape_markdown(page.approximate)})*"
    if event["conflicts"]:
        badges += f" *({escape_markdown(page.conflict)})*"
    editor = event.get("editor") or {}
    if "date" in editor.get("changed", ()):
        badges += f" *({escape_markdown(page.date_corrected)})*"
    if editor.get("created"):
        badges += f" *({escape_markdown(page.added_by_editor)})*"
    label = escape_markdown(when["label"])
    lines += [f"### {label}: {escape_markdown(event['headline'])}", ""]
    if badges:
        lines += [badges.strip(), ""]
    if shows_text(event):
        lines += [escape_markdown(event["text"]), ""]
    if editor.get("note"):
        lines += [escape_markdown(page.editor_note.format(note=editor["note"])), ""]
    media = event.get("media")
    if media:
        caption = media.get("caption") or page.picture
        credit = f" ({escape_markdown(media['credit'])})" if media.get("credit") else ""
        lines += [f"{_link(caption, media['url'])}{credit}", ""]
    if editor.get("link"):
        lines += [_link(editor["link"], editor["link"]), ""]
    if event["conflicts"]:
        lines.append(escape_markdown(page.sources_disagree))
        lines.append("")
        for conflict in event["conflicts"]:
            names = "; ".join(
                escape_markdown(articles[a]["title"] if a in articles else a)
                for a in conflict["articles"]
            )
            lines.append(f"- {escape_markdown(conflict['label'])}: {names}")
        lines.append("")
    for source in event["sources"]:
        article = articles.get(source["article"])
        title = article["title"] if article else source["article"]
        cite = _link(title, article["link"] if article else None)
        published = escape_markdown(article["published_label"]) if article else ""
        lines.append(f"- “{escape_markdown(source['quote'])}”: {cite}, {published}")
    lines.append("")
    return lines
