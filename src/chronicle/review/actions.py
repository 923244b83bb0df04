"""The review app's actions as changes of the one model of corrections (the sheet's rows).

Each action takes the entry's correction (the cells of its sheet row), changes cells and reads
the new cells back through :func:`chronicle.edits.correction`: what the sheet import would
refuse is refused here with the same message, and nothing is written. Actions run inside
:meth:`chronicle.store.Store.change_corrections`, so concurrent requests never lose each other's
work.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence

from chronicle.edits import Correction, RowError, action_cell, correction, own_event_id
from chronicle.errors import ChronicleError
from chronicle.store import Step

Cells = dict[str, str]
Make = Callable[[Correction | None], Cells | None]

LABELS = {
    "action": "Action",
    "new_date": "Date",
    "new_headline": "Headline",
    "new_text": "Text",
    "group": "Group",
    "note": "Note",
}
EDITABLE = ("new_date", "new_headline", "new_text", "group", "note")
MARKS = ("hide", "pin", "feature")
MAX_FIELD_CHARS = 10_000  # a headline, a text or a note longer than this is a mistake


class ActionError(ChronicleError):
    """An action cannot be applied; the message says why and what to do. Nothing was written."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def key_for(corrections: Sequence[Correction], entry_id: str, aliases: Sequence[str] = ()) -> str:
    """The row that holds the corrections of entry ``entry_id``.

    Its own row when it has one, else the row of an id it holds as alias that changes it (not a
    merge), as :func:`chronicle.edits.apply_corrections` finds it; else a new row of its own.
    """
    if any(found.entry == entry_id for found in corrections):
        return entry_id
    for found in corrections:
        if found.entry in aliases and found.merge_into is None and not found.add:
            return found.entry
    return entry_id


def apply(corrections: list[Correction], key: str, make: Make, label: str) -> Step:
    """Run ``make`` on row ``key``, changing ``corrections`` in place; the step made."""
    index = next((i for i, found in enumerate(corrections) if found.entry == key), None)
    current = corrections[index] if index is not None else None
    cells = make(current)
    kept = {name: value for name, value in (cells or {}).items() if value}
    if kept:
        try:
            made = correction(key, kept)
        except RowError as exc:
            raise ActionError(f"{LABELS.get(exc.column, exc.column)}: {exc}") from None
        if index is None:
            corrections.append(made)
        else:
            corrections[index] = made
    elif index is not None:
        del corrections[index]
    before = dict(current.cells) if current is not None else None
    return Step(key, before, kept or None, label)


def marked(word: str, on: bool) -> Make:
    """Hide, pin or feature the entry (``on``), or take that back."""
    if word not in MARKS:
        raise ActionError(f"{word!r} is not an action here; use one of {', '.join(MARKS)}")

    def make(current: Correction | None) -> Cells:
        found = current or correction("x", {})
        cells = dict(found.cells)
        flags = {"hide": found.hide, "pin": found.pin, "feature": found.feature, word: on}
        changed = dataclasses.replace(
            found, hide=flags["hide"], pin=flags["pin"], feature=flags["feature"]
        )
        cells["action"] = action_cell(changed)
        return cells

    return make


def edited(fields: Mapping[str, str]) -> Make:
    """Set the editor's date, headline, text, group or note ("" gives back the machine's)."""
    for name, value in fields.items():
        if name not in EDITABLE:
            raise ActionError(f"{name!r} cannot be edited here; edit {', '.join(EDITABLE)}")
        if len(value) > MAX_FIELD_CHARS:
            raise ActionError(
                f"{LABELS[name]}: {len(value):,} characters; keep it under {MAX_FIELD_CHARS:,}"
            )

    def make(current: Correction | None) -> Cells:
        cells = dict(current.cells) if current is not None else {}
        for name, value in fields.items():
            cells[name] = " ".join(value.split()) if name != "new_text" else value.strip()
        return cells

    return make


def merged_into(target: str) -> Make:
    """Merge the entry into ``target``: the row keeps only the merge (and the editor's note).

    A merged entry shows the target's date, headline and text, so earlier changes of its own
    would be refused by the model; they go (undo brings them back).
    """

    def make(current: Correction | None) -> Cells:
        if current is not None and current.add:
            raise ActionError(
                "an event you added has no sources to merge; hide it, or edit the target"
            )
        cells = {"action": f"merge-into:{target}"}
        if current is not None and current.note:
            cells["note"] = current.note
        return cells

    return make


def split_out(source: str) -> Make:
    """Take the source (an event id of the entry) out into an entry of its own."""

    def make(current: Correction | None) -> Cells:
        found = current or correction("x", {})
        cells = dict(found.cells)
        splits = (*found.splits, source) if source not in found.splits else found.splits
        cells["action"] = action_cell(dataclasses.replace(found, splits=splits))
        return cells

    return make


def own_event(fields: Mapping[str, str], taken: set[str]) -> tuple[str, Make]:
    """The id and the row of an editor's own event from the form's fields."""
    edited(fields)  # checks the names and lengths
    cells = {"action": "add"}
    cells.update({name: value.strip() for name, value in fields.items() if value.strip()})
    entry = own_event_id(cells, taken)

    def make(current: Correction | None) -> Cells:
        return cells

    return entry, make
