"""One model of an editor's corrections: a :class:`Correction` per entry, read from sheet cells.

A correction is kept as the editor wrote it (the cells of the editor's columns, see
:data:`EDITOR_COLUMNS`), checked when it is read, and applied after merge on every build
(:mod:`chronicle.edits.apply`). Cells are the one stored form: the sheet, the store and the
``--edits`` option all carry the same cells.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from chronicle.edits.timex_values import parse_date
from chronicle.models import Media, When
from chronicle.rendering.catalogue import catalogue
from chronicle.rendering.document import safe_url

CONTEXT_COLUMNS = ("id", "date", "headline", "text", "sources")  # id, then read-only context
EDITOR_COLUMNS = (
    "action",
    "new_date",
    "new_headline",
    "new_text",
    "group",
    "note",
    "media_url",
    "media_credit",
    "media_caption",
    "show_sources",
    "link",
)
COLUMNS = CONTEXT_COLUMNS + EDITOR_COLUMNS

ACTIONS = ("hide", "pin", "feature", "add", "merge-into:<id>", "split:<source id>")
_WORDS = frozenset({"hide", "pin", "feature", "add"})
_SEPARATORS = re.compile(r"[\s,;]+")
_ID = re.compile(r"[^\s,;]{1,200}")


class RowError(ValueError):
    """One cell of a correction is malformed: ``column`` names it, the message says the fix."""

    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column


@dataclass(frozen=True, slots=True)
class Correction:
    """Everything the editor decided about one entry (one row of the sheet)."""

    entry: str  # the entry's stable id; an editor's own event: the id it was given
    cells: Mapping[str, str]  # the editor's cells as written (empty cells left out)
    hide: bool = False
    pin: bool = False
    feature: bool = False
    add: bool = False
    merge_into: str | None = None
    splits: tuple[str, ...] = ()
    when: When | None = None
    headline: str | None = None
    text: str | None = None
    group: str | None = None
    note: str | None = None
    media: Media | None = None
    show_sources: tuple[str, ...] = ()
    link: str | None = None
    actions: tuple[str, ...] = field(default=())  # what it does, for orphan reports

    @property
    def empty(self) -> bool:
        """True when the row asks for nothing."""
        return not self.actions


def in_locale(found: Correction, locale: str) -> Correction:
    """``found`` with its date explained in the reader's ``locale`` (read again from its cell,
    the one stored form)."""
    if found.when is None or "new_date" not in found.cells:
        return found
    when = parse_date(found.cells["new_date"], found.note, catalogue(locale))
    return dataclasses.replace(found, when=when)


def correction(entry: str, cells: Mapping[str, str]) -> Correction:
    """The correction of entry ``entry`` from its editor cells; RowError names a bad cell."""
    kept = {name: value for name, value in cells.items() if name in EDITOR_COLUMNS and value}
    words, merge_into, splits = _actions(kept.get("action", ""))
    note = kept.get("note")
    when = None
    if "new_date" in kept:
        try:
            when = parse_date(kept["new_date"], note)
        except ValueError as exc:
            raise RowError("new_date", str(exc)) from None
    media = _media(kept)
    link = None
    if "link" in kept:
        link = safe_url(kept["link"])
        if link is None:
            raise RowError("link", f"{kept['link']!r} is not an http(s) address; give a full URL")
    shown = (
        tuple(_SEPARATORS.split(kept.get("show_sources", "").strip()))
        if ("show_sources" in kept)
        else ()
    )
    found = Correction(
        entry=entry,
        cells=kept,
        hide="hide" in words,
        pin="pin" in words,
        feature="feature" in words,
        add="add" in words,
        merge_into=merge_into,
        splits=splits,
        when=when,
        headline=kept.get("new_headline"),
        text=kept.get("new_text"),
        group=kept.get("group"),
        note=note,
        media=media,
        show_sources=shown,
        link=link,
    )
    _check(found)
    return _with_actions(found)


def _actions(cell: str) -> tuple[set[str], str | None, tuple[str, ...]]:
    """The action words, the merge-into target and the split sources of an ``action`` cell."""
    tokens = [t for t in _SEPARATORS.split(cell.strip()) if t]
    words: set[str] = set()
    merge_into: str | None = None
    splits: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        name, colon, rest = token.partition(":")
        if colon and not rest and i + 1 < len(tokens):  # "merge-into: e-1a2b" with a space
            rest = tokens[i + 1]
            i += 1
        i += 1
        lowered = name.lower()
        if not colon and lowered in _WORDS:
            words.add(lowered)
        elif colon and lowered == "merge-into" and _ID.fullmatch(rest):
            if merge_into is not None and merge_into != rest:
                raise RowError("action", "merges into two entries; keep one merge-into:<id>")
            merge_into = rest
        elif colon and lowered == "split" and _ID.fullmatch(rest):
            if rest not in splits:
                splits.append(rest)
        else:
            raise RowError("action", f"{token!r} is not an action; use one of {', '.join(ACTIONS)}")
    return words, merge_into, tuple(splits)


def action_cell(found: Correction) -> str:
    """The ``action`` cell that reads back as ``found``'s actions (the inverse of reading one)."""
    words = [w for w, on in (("add", found.add), ("hide", found.hide)) if on]
    words += [w for w, on in (("pin", found.pin), ("feature", found.feature)) if on]
    if found.merge_into is not None:
        words.append(f"merge-into:{found.merge_into}")
    words += [f"split:{source}" for source in found.splits]
    return " ".join(words)


def _media(cells: Mapping[str, str]) -> Media | None:
    """The media of the media_* cells, or None; RowError for a bad or missing URL."""
    url = cells.get("media_url")
    if url is None:
        for column in ("media_credit", "media_caption"):
            if column in cells:
                raise RowError(column, "has no media_url to go with; add the media's address")
        return None
    safe = safe_url(url)
    if safe is None:
        raise RowError("media_url", f"{url!r} is not an http(s) address; give a full URL")
    return Media(safe, cells.get("media_credit"), cells.get("media_caption"))


_CHANGES = ("new_date", "new_headline", "new_text", "show_sources", "group", "media_url", "link")


def _check(found: Correction) -> None:
    """RowError when the row's requests contradict each other."""
    changes = [name for name in _CHANGES if name in found.cells]
    if found.merge_into is not None:
        if found.merge_into == found.entry:
            raise RowError("action", "merges the entry into itself; name another entry")
        others = [w for w, on in (("hide", found.hide), ("pin", found.pin)) if on]
        others += [w for w, on in (("feature", found.feature), ("add", found.add)) if on]
        if others or found.splits:
            what = ", ".join(others + (["split"] if found.splits else []))
            raise RowError("action", f"merge-into with {what}; put those on the target's row")
        if changes:
            raise RowError(
                changes[0],
                "is set on a row merged into another; the merged entry shows the "
                "target's, so put the change on the target's row",
            )
    if found.hide and (found.pin or found.feature or found.add or found.splits):
        raise RowError("action", "hide with pin, feature, add or split; keep one")
    if found.add:
        if found.splits:
            raise RowError("action", "add with split; an editor's own event has no sources")
        if "show_sources" in found.cells:
            raise RowError("show_sources", "an editor's own event has no sources; empty it")
        if found.when is None:
            raise RowError("new_date", "is empty; an added event needs its date, e.g. 2015-11-13")
        if not found.headline:
            raise RowError("new_headline", "is empty; an added event needs a headline")
    if "show_sources" in found.cells and not found.show_sources:
        raise RowError("show_sources", "lists no source ids; give ids from the sources column")


def _with_actions(found: Correction) -> Correction:
    """``found`` with the list of what it does (the words of orphan reports)."""
    actions = [
        word
        for word, on in (
            ("add", found.add),
            ("hide", found.hide),
            ("pin", found.pin),
            ("feature", found.feature),
            ("merge-into", found.merge_into is not None),
            ("split", bool(found.splits)),
            ("date", found.when is not None),
            ("headline", found.headline is not None),
            ("text", found.text is not None),
            ("sources", bool(found.show_sources)),
            ("group", found.group is not None),
            ("media", found.media is not None),
            ("link", found.link is not None),
        )
        if on
    ]
    if not actions and found.note:
        actions.append("note")
    return dataclasses.replace(found, actions=tuple(actions))


def own_event_id(cells: Mapping[str, str], taken: set[str]) -> str:
    """A new id for an editor's own event: a hash of its date, headline and text, made unique."""
    key = "\x1f".join(
        (
            "editor",
            cells.get("new_date", ""),
            cells.get("new_headline", ""),
            cells.get("new_text", ""),
        )
    )
    base = "e-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate
