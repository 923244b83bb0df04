"""``--format markdown``: the timeline for a CMS, every piece of article text escaped."""

from __future__ import annotations

import re

from chronicle.rendering.document import Doc, plural, shows_text

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


def render_markdown(doc: Doc) -> str:
    """Headings per year, one section per event with its sources as a list."""
    articles = {article["id"]: article for article in doc["articles"]}
    lines = [f"# {escape_markdown(doc['title'])}", ""]
    events = plural(len(doc["events"]), "event")
    lines += [f"{events} from {plural(len(doc['articles']), 'article')}.", ""]
    background = doc.get("background") or []
    if background:
        lines += ["## Background", ""]
        for event in background:
            lines += _event_lines(event, articles)
    year = None
    for event in doc["events"]:
        if event["year"] != year:
            year = event["year"]
            lines += [f"## {escape_markdown(year)}", ""]
        lines += _event_lines(event, articles)
    return "\n".join(lines).rstrip("\n") + "\n"


def _event_lines(event: Doc, articles: dict[str, Doc]) -> list[str]:
    """One event: its heading, badges, text, conflicting dates and sources."""
    lines: list[str] = []
    when = event["date"]
    badges = ""
    if when["approximate"]:
        badges += " *(approximate)*"
    if event["conflicts"]:
        badges += " *(conflict)*"
    editor = event.get("editor") or {}
    if "date" in editor.get("changed", ()):
        badges += " *(date corrected by the editor)*"
    if editor.get("created"):
        badges += " *(added by the editor)*"
    label = escape_markdown(when["label"])
    lines += [f"### {label}: {escape_markdown(event['headline'])}", ""]
    if badges:
        lines += [badges.strip(), ""]
    if shows_text(event):
        lines += [escape_markdown(event["text"]), ""]
    if editor.get("note"):
        lines += [f"Editor’s note: {escape_markdown(editor['note'])}", ""]
    media = event.get("media")
    if media:
        caption = media.get("caption") or "Picture"
        credit = f" ({escape_markdown(media['credit'])})" if media.get("credit") else ""
        lines += [f"{_link(caption, media['url'])}{credit}", ""]
    if editor.get("link"):
        lines += [_link(editor["link"], editor["link"]), ""]
    if event["conflicts"]:
        lines.append("Sources disagree on the date:")
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
