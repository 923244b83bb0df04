"""Render a :class:`~chronicle.models.Timeline`: HTML page, JSON, TimelineJS, Markdown, CSV.

Every format is made from one document (:func:`chronicle.rendering.document.build_document`),
so they all show the same events, in the same order, with the same ids.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from chronicle import resources
from chronicle.errors import OutputError
from chronicle.files import write_atomic
from chronicle.models import Timeline
from chronicle.rendering.catalogue import LOCALES, catalogue
from chronicle.rendering.csv_ import render_csv
from chronicle.rendering.document import SCHEMA_ID, build_document
from chronicle.rendering.html import SCRIPT_FILE, localised_script, render_html, static_text
from chronicle.rendering.json_ import render_json
from chronicle.rendering.markdown import render_markdown
from chronicle.rendering.timelinejs import render_timelinejs

__all__ = ["LOCALES", "SCHEMA_ID", "Format", "render", "schema_path", "write_embed_assets"]

EMBED_ASSETS = {"chronicle-embed.js": "chronicle-embed.js", "chronicle-embed.css": "chronicle.css"}


class Format(StrEnum):
    """Output formats of ``chronicle build``."""

    HTML = "html"
    JSON = "json"
    TIMELINEJS = "timelinejs"
    MARKDOWN = "markdown"
    CSV = "csv"


def render(
    timeline: Timeline,
    fmt: Format,
    *,
    template_dir: Path | None = None,
    locale: str | None = None,
) -> str:
    """The timeline in format ``fmt``; ``template_dir`` replaces the bundled HTML templates;
    ``locale`` ('fr', 'es', 'de', 'pt', 'en') is the reader's language (None: English)."""
    doc = build_document(timeline, locale)
    words = catalogue(locale)
    fmt = Format(fmt)
    if fmt is Format.HTML:
        return render_html(doc, template_dir, words)
    if fmt is Format.JSON:
        return render_json(doc)
    if fmt is Format.TIMELINEJS:
        return render_timelinejs(doc, words)
    if fmt is Format.MARKDOWN:
        return render_markdown(doc, words)
    return render_csv(doc)


def write_embed_assets(directory: Path, locale: str | None = None) -> list[Path]:
    """Write chronicle-embed.js and chronicle-embed.css into ``directory``; return their paths.

    ``locale``: the script's own labels (search, filters, headings) in the reader's language.
    """
    if not directory.is_dir():
        raise OutputError(f"{directory}: folder does not exist; create it or choose another")
    words = catalogue(locale)
    written = []
    for target, source in EMBED_ASSETS.items():
        path = directory / target
        text = static_text(source)
        write_atomic(path, localised_script(text, words) if source == SCRIPT_FILE else text)
        written.append(path)
    return written


def schema_path(version: int = 2) -> Path:
    """The shipped JSON Schema of the ``chronicle.timeline/<version>`` document (1 or 2)."""
    if version not in (1, 2):
        raise ValueError(f"no schema chronicle.timeline/{version}; chronicle ships 1 and 2")
    return resources.package_file("schema", f"timeline-{version}.schema.json")
