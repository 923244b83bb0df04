"""Editors' corrections: one model, applied after merge on every build, kept in a sheet or a store.

:mod:`chronicle.edits.model` reads a correction from the cells of a sheet row (the one stored
form), :mod:`chronicle.edits.apply` applies corrections to the machine's entries and reports
those whose entry is gone, :mod:`chronicle.edits.sheet` writes and reads the editor's CSV sheet,
and :mod:`chronicle.edits.timex_values` reads the editor's dates.
"""

from __future__ import annotations

from chronicle.edits.apply import Corrector, apply_corrections
from chronicle.edits.model import (
    COLUMNS,
    EDITOR_COLUMNS,
    Correction,
    RowError,
    action_cell,
    correction,
    own_event_id,
)
from chronicle.edits.sheet import SheetError, Story, read_sheet, story_of, write_sheet

__all__ = [
    "COLUMNS",
    "EDITOR_COLUMNS",
    "Correction",
    "Corrector",
    "RowError",
    "SheetError",
    "Story",
    "action_cell",
    "apply_corrections",
    "correction",
    "own_event_id",
    "read_sheet",
    "story_of",
    "write_sheet",
]
