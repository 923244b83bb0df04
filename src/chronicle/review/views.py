"""What the review pages show: the story's timeline with its corrections, built on demand.

The machine's timeline (every entry, no correction) depends only on the articles, so it is kept
between requests and made again only when the articles change (:meth:`Store.signature`); the
corrections are applied to it on every request, as a build applies them after merge.
"""

from __future__ import annotations

import dataclasses
import threading
from dataclasses import dataclass
from pathlib import Path

from chronicle.edits import Correction, apply_corrections
from chronicle.merge.rank import chronological
from chronicle.models import Entry, Timeline
from chronicle.store import Step, Store


@dataclass(frozen=True, slots=True)
class View:
    """The story as the editor reviews it: every entry, the corrections applied."""

    timeline: Timeline  # corrected, no budget: every entry, orphaned corrections listed
    machine: Timeline  # the machine's, before corrections
    corrections: tuple[Correction, ...]
    steps: tuple[Step, ...] = ()  # the last steps kept for undo, the newest first
    signature: str = ""  # the articles' (Store.signature)

    def key(self) -> tuple[object, ...]:
        """What the timeline shown depends on: the articles, the title, the corrections."""
        rows = tuple((c.entry, tuple(c.cells.items())) for c in self.corrections)
        return (self.signature, self.timeline.title, rows)

    def entry(self, entry_id: str) -> Entry | None:
        """The entry shown under ``entry_id``, or None."""
        return next((e for e in self.timeline.entries if e.id == entry_id), None)

    def hidden(self) -> list[Correction]:
        """The corrections that hide an entry."""
        return [c for c in self.corrections if c.hide]

    def taken(self) -> set[str]:
        """Every id in use: entries, the ids they hold, the rows of corrections."""
        ids = {e.id for e in self.machine.entries} | {e.id for e in self.timeline.entries}
        ids |= {alias for e in self.timeline.entries for alias in e.aliases}
        return ids | {c.entry for c in self.corrections}


class Views:
    """Makes :class:`View` objects of one store, keeping the machine's timeline between them."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._machine: tuple[str, Timeline] | None = None

    def machine(self, store: Store) -> Timeline:
        """The machine's timeline of the store's articles now (made again when they changed)."""
        return self._signed_machine(store)[1]

    def _signed_machine(self, store: Store) -> tuple[str, Timeline]:
        """The articles' signature and the machine's timeline of them."""
        signature = store.signature()
        with self._lock:
            if self._machine is None or self._machine[0] != signature:
                self._machine = (signature, store.machine())
            return self._machine

    def view(self, store: Store) -> View:
        """The story now."""
        signature, machine = self._signed_machine(store)
        corrections = store.corrections()
        entries, orphans = apply_corrections(machine.entries, corrections)
        timeline = dataclasses.replace(
            machine,
            title=store.title() or machine.title,
            entries=tuple(sorted(entries, key=chronological)),
            orphaned_edits=tuple(orphans),
        )
        return View(timeline, machine, tuple(corrections), tuple(store.steps()), signature)
