"""chronicle's own output (a timeline page, JSON, TimelineJS or Markdown) told from an article.

A timeline written next to its articles (``chronicle build in/ -o in/timeline.html``)
must not come back as an article on the next run. The markers are what the
render stage writes; they are listed in ``data/ingest.toml`` (``[own_output]``).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from chronicle.ingest.config import settings


@cache
def _pattern(key: str) -> re.Pattern[str]:
    """A compiled marker pattern."""
    return re.compile(str(getattr(settings().own_output, key)))


def is_timeline_page(metas: dict[str, str], tree: Any) -> bool:
    """True for an HTML page chronicle rendered (its generator meta or its page classes)."""
    generator = metas.get("generator", "").strip().lower()
    if generator.startswith(settings().own_output.generator_prefix):
        return True
    classes = set(settings().own_output.page_classes)
    body = tree.find("body")
    for element in (tree, body):
        if element is not None and classes & set((element.get("class") or "").split()):
            return True
    return False


def timeline_json_kind(data: object) -> str | None:
    """What ``data`` is ("a timeline") when chronicle wrote it (JSON or TimelineJS), else None."""
    if not isinstance(data, dict):
        return None
    schema = data.get("schema")
    if isinstance(schema, str) and schema.startswith(settings().own_output.schema_prefix):
        return "a timeline"
    events, title = data.get("events"), data.get("title")
    if not isinstance(events, list) or not isinstance(title, dict):
        return None
    text = title.get("text")
    summary = text.get("text") if isinstance(text, dict) else None
    ids = [e.get("unique_id") for e in events if isinstance(e, dict)]
    if isinstance(summary, str) and _pattern("summary").match(summary):
        return "a TimelineJS timeline"
    if ids and all(isinstance(i, str) and _pattern("event_id").match(i) for i in ids):
        return "a TimelineJS timeline"
    return None


def is_timeline_markdown(text: str) -> bool:
    """True for chronicle's Markdown output: ``# title``, then "N events from M articles."."""
    lines = [line.strip() for line in text.lstrip("\ufeff").split("\n", 6)[:6] if line.strip()]
    return (
        len(lines) >= 2 and lines[0].startswith("# ") and bool(_pattern("summary").match(lines[1]))
    )
