"""JSON and JSON Lines articles: one object, a list of objects, or one object per line.

Field names are matched from the lists in ``data/ingest.toml`` (``title`` or
``headline``, ``published``/``date``/``datePublished``/``pubDate``, ``text``/
``body``/``content``/``articleBody`` ...), exact first and then ignoring case.
This path is the benchmark path (JSON Lines of thousands of articles): ISO
dates never reach dateparser, and nothing heavy is imported.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from chronicle.errors import InputError
from chronicle.ingest.common import Draft, item_id, language_code, own_output
from chronicle.ingest.config import settings
from chronicle.ingest.own import timeline_json_kind
from chronicle.ingest.safejson import loads
from chronicle.ingest.stamps import Zone, coerce_stamp, metadata_zone
from chronicle.models import TzSource

JSON_DATE_HINT = "add a 'published' field such as \"2015-11-16T09:00:00+01:00\""

MAX_BAD_LINES = 100  # bad lines of one JSON Lines file listed one by one
Item = tuple[str, object]  # (source label, parsed JSON value or the InputError for that item)


@cache
def _fields() -> dict[str, tuple[str, ...]]:
    """Role -> accepted field names."""
    return settings().json.by_role()


class _Fields:
    """Field lookup on one JSON object: exact names first, then ignoring case."""

    __slots__ = ("_item", "_lowered")

    def __init__(self, item: dict[str, Any]) -> None:
        self._item = item
        self._lowered: dict[str, str] | None = None

    def get(self, role: str) -> Any:
        """The first non-empty field for ``role``, or None."""
        return self.named(role)[1]

    def named(self, role: str) -> tuple[str, Any]:
        """(field name, value) of the first non-empty field for ``role``; ("", None) if none."""
        item = self._item
        names = _fields()[role]
        for name in names:
            value = item.get(name)
            if value is not None and value != "":
                return name, value
        if self._lowered is None:
            self._lowered = {k.lower(): k for k in item if isinstance(k, str)}
        for name in names:
            key = self._lowered.get(name.lower())
            if key is not None:
                value = item[key]
                if value is not None and value != "":
                    return key, value
        return "", None


def _get(item: dict[str, Any], role: str) -> Any:
    """The first non-empty field of ``item`` for ``role`` (exact name, then any case)."""
    return _Fields(item).get(role)


def json_items(text: str, source: str) -> list[Item]:
    """The items of a .json file: one object, a list, or a wrapper object holding a list."""
    try:
        data = loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and text.lstrip().startswith("{"):
            return jsonl_items(text, source)  # JSON Lines saved as .json
        raise InputError(
            f"{source}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}; "
            "fix the syntax"
        ) from None
    kind = timeline_json_kind(data)
    if kind is not None:
        raise own_output(source, kind)
    if (
        isinstance(data, dict)
        and isinstance(data.get("events"), list)
        and "text" not in data
        and any(isinstance(e, dict) and "start_date" in e for e in data["events"])
    ):
        raise InputError(
            f"{source}: a TimelineJS timeline, not an article; "
            "give article objects with 'title', 'published' and 'text'"
        )
    if isinstance(data, dict):
        for key in _fields()["containers"]:
            inner = data.get(key)
            if isinstance(inner, list) and _get(data, "text") is None:
                data = inner
                break
    if isinstance(data, dict):
        return [(source, data)]
    if isinstance(data, list):
        if not data:
            raise InputError(f"{source}: the JSON list is empty; put article objects in it")
        return [(f"{source}#{n}", item) for n, item in enumerate(data, start=1)]
    raise InputError(
        f"{source}: JSON holds a {type(data).__name__}, not an article; "
        "give an object with 'title', 'published' and 'text'"
    )


def jsonl_items(text: str, source: str) -> list[Item]:
    """The items of JSON Lines text; a bad line becomes an error item, not a failed file."""
    return jsonl_lines(enumerate(text.split("\n"), start=1), source)


def jsonl_lines(lines: Iterable[tuple[int, str | InputError]], source: str) -> list[Item]:
    """The items of numbered JSON Lines (streamed from a file, or an error for a line).

    After :data:`MAX_BAD_LINES` bad lines, the others are counted in one last error item.
    """
    items: list[Item] = []
    bad = 0
    for number, line in lines:
        if isinstance(line, str) and not line.strip():
            continue
        label = f"{source}#{number}"
        if isinstance(line, InputError):
            problem = line
        else:
            try:
                items.append((label, loads(line)))
                continue
            except json.JSONDecodeError as exc:
                problem = InputError(
                    f"{source} line {number}: invalid JSON at column {exc.colno}: {exc.msg}; "
                    "fix that line (one JSON object per line)"
                )
        bad += 1
        if bad <= MAX_BAD_LINES:
            items.append((label, problem))
    if bad > MAX_BAD_LINES:
        items.append(
            (
                source,
                InputError(
                    f"{source}: {bad - MAX_BAD_LINES} more bad lines not listed; "
                    "check that it is JSON Lines (one JSON object per line)"
                ),
            )
        )
    if not items:
        raise InputError(f"{source}: empty file; give one JSON article object per line")
    return items


def read_item(value: object, source: str, zone: Zone) -> Draft:
    """One JSON article object as a draft."""
    if not isinstance(value, dict):
        raise InputError(
            f"{source}: expected a JSON object with 'title', 'published' and 'text', "
            f"found a {type(value).__name__}"
        )
    fields = _Fields(value)
    text = fields.get("text")
    if isinstance(text, list):
        text = "\n".join(str(part) for part in text if part is not None)
    if not isinstance(text, str) or not text.strip():
        names = ", ".join(_fields()["text"][1:4])
        raise InputError(f"{source}: no article text; add a 'text' field (or {names})")
    tz_value = fields.get("timezone")
    if tz_value is not None:
        zone = metadata_zone(tz_value, f"{source}: field 'timezone'", zone)
    field_name, raw = fields.named("published")
    published = None
    if raw is not None:
        published = coerce_stamp(raw, zone, TzSource.METADATA)
        if published is None:
            raise InputError(
                f"{source}: 'published' value {str(raw)[:40]!r} is not a date; "
                'use e.g. "2015-11-16" or "2015-11-16T09:00:00+01:00"'
            )
    updated_raw = fields.get("updated")
    updated = (
        coerce_stamp(updated_raw, zone, TzSource.METADATA) if updated_raw is not None else None
    )
    title = fields.get("title")
    language = fields.get("language")
    return Draft(
        source=source,
        title=title if isinstance(title, str) else "",
        text=text,
        published=published,
        updated=updated,
        url=_plain(fields.get("url")),
        publisher=_plain(fields.get("publisher")),
        language=language_code(language) if language is not None else "",
        id_hint=item_id(fields.get("id")),
        date_hint=JSON_DATE_HINT,
        published_field=f"field {field_name!r}",
    )


def _plain(value: object) -> str | None:
    """A text field; ``{"name": ...}`` objects (JSON-LD publisher) give their name."""
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def iter_drafts(items: list[Item], zone: Zone) -> Iterator[Draft | InputError]:
    """A draft or the InputError of each item, in order."""
    for label, value in items:
        if isinstance(value, InputError):
            yield value
            continue
        try:
            yield read_item(value, label, zone)
        except InputError as exc:
            yield exc
