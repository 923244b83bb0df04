"""Corrections applied to the machine's entries, after merge, on every build.

Order: the editor's own events are made; each correction finds its entry (by id, else by an
alias: an id the entry had before articles came or went); sources are split out; entries are
merged; dates, headlines, texts, sources shown, groups, media, pins and features are set; hidden
entries go. A correction that finds nothing to change is never dropped: it comes back as an
:class:`~chronicle.models.OrphanedEdit`.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from chronicle.edits.model import Correction, in_locale
from chronicle.errors import InputError
from chronicle.merge.ids import anchor_id, founding
from chronicle.models import Conflict, EditorMark, Entry, Event, OrphanedEdit

CHANGE_ORDER = ("date", "headline", "text", "sources", "group", "media", "link")


@dataclass
class Corrector:
    """The corrections as a step of merge: call it on the entries; orphans are kept after.

    With ``sheet`` (the file the corrections came from), a sheet none of whose entries is in
    the build is refused as another story's: InputError. ``locale`` (the reader's language)
    writes the explanation of the editor's dates; None: English.
    """

    corrections: Sequence[Correction]
    sheet: str | None = None
    orphans: list[OrphanedEdit] = field(default_factory=list)
    locale: str | None = None

    def __call__(self, entries: list[Entry]) -> list[Entry]:
        """The corrected entries (the orphaned corrections are left in ``self.orphans``)."""
        if self.sheet is not None and entries:
            _same_story(entries, self.corrections, self.sheet)
        corrections = self.corrections
        if self.locale is not None:
            corrections = [in_locale(c, self.locale) for c in corrections]
        corrected, self.orphans = apply_corrections(entries, corrections)
        return corrected


def _same_story(entries: Sequence[Entry], corrections: Sequence[Correction], sheet: str) -> None:
    """InputError when no correction of ``sheet`` names an entry of ``entries``."""
    named = {c.entry for c in corrections if not c.add and not c.empty}
    if not named:
        return
    known = {e.id for e in entries} | {alias for e in entries for alias in e.aliases}
    if not named & known:
        raise InputError(
            f"{sheet}: none of its {len(named)} corrected entries is in this timeline; is it the "
            "sheet of another story? Export this story's sheet with 'chronicle edits export'"
        )


def apply_corrections(
    entries: Sequence[Entry], corrections: Iterable[Correction]
) -> tuple[list[Entry], list[OrphanedEdit]]:
    """The entries with every correction that applies, and the corrections that did not."""
    run = Work(entries)
    wanted = [c for c in corrections if not c.empty]
    for own in (c for c in wanted if c.add):
        run.add_own(own)
    primary = run.targets([c for c in wanted if not c.add])
    for target, found in primary.items():
        for source_id in found.splits:
            run.split(target, source_id, found)
    run.merge(primary)
    for target, found in primary.items():
        if target in run.work and found.merge_into is None:
            run.change(target, found)
    run.mark_rest()
    return list(run.work.values()), run.orphans


class Work:
    """The entries being corrected, by id, and the orphans found so far (one correction pass)."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.work: dict[str, Entry] = {entry.id: entry for entry in entries}
        self.orphans: list[OrphanedEdit] = []
        self.changed: dict[str, list[str]] = {}
        self.merged: dict[str, str] = {}  # merge-into corrections merge already did: id -> entry

    def orphan(self, found: Correction, message: str, actions: Iterable[str] = ()) -> None:
        """Report ``found`` (or some of its ``actions``) as not applied, with why."""
        for action in tuple(actions) or found.actions:
            self.orphans.append(OrphanedEdit(found.entry, action, message))

    def add_own(self, found: Correction) -> None:
        """Put the editor's own event on the timeline."""
        if found.entry in self.work:
            self.orphan(found, f"id {found.entry} is already an entry of this build")
            return
        assert found.when is not None and found.headline is not None  # checked when read
        self.work[found.entry] = Entry(
            id=found.entry,
            when=found.when,
            headline=found.headline,
            text=found.text or "",
            events=(),
            pinned=True,  # the editor's own work is kept by every budget
            featured=found.feature,
            group=found.group,
            media=found.media,
            editor=EditorMark(created=True, note=found.note, link=found.link),
        )

    def find(self, entry_id: str) -> str | None:
        """The id of the entry ``entry_id`` names now: itself, or the entry holding it as alias."""
        if entry_id in self.work:
            return entry_id
        holders = sorted(e.id for e in self.work.values() if entry_id in e.aliases)
        return holders[0] if holders else None

    def targets(self, wanted: Sequence[Correction]) -> dict[str, Correction]:
        """Each correction's entry (by id first, then by alias); a second one is an orphan."""
        primary: dict[str, Correction] = {}
        direct = [c for c in wanted if c.entry in self.work]
        for found in direct + [c for c in wanted if c.entry not in self.work]:
            target = self.find(found.entry)
            if target is None:
                self.orphan(found, f"entry {found.entry} is not in this build")
            elif found.merge_into is not None and self.find(found.merge_into) == target:
                self.merged[found.entry] = target  # merge already made it one entry: done
            elif target in primary:
                self.orphan(
                    found,
                    f"entry {found.entry} is now part of {target}, which the correction of "
                    f"{primary[target].entry} already changes; move this one to that row",
                )
            else:
                primary[target] = found
        return primary

    def split(self, target: str, source_id: str, found: Correction) -> None:
        """Take one source out of entry ``target`` into an entry of its own."""
        entry = self.work[target]
        event = next((e for e in entry.events if source_id in (e.id, anchor_id(e))), None)
        if event is None:
            message = f"source {source_id} is no longer in entry {target}"
            self.orphan(found, message, ["split"])
            return
        rest = [e for e in entry.events if e is not event]
        if not rest:
            self.orphan(found, f"source {source_id} is the only one of {target}", ["split"])
            return
        new_id = anchor_id(event)
        if new_id in self.work:
            new_id = "e-" + hashlib.sha1(f"split\x1f{new_id}".encode()).hexdigest()[:12]
        self.work[target] = _without(entry, event, rest)
        self.work[new_id] = Entry(
            id=new_id,
            when=event.timex.when,
            headline=event.headline or event.sentence,
            text=event.sentence,
            events=(event,),
            importance=entry.importance,
        )
        self.changed.setdefault(target, []).append("sources")
        self.changed.setdefault(new_id, []).append("sources")

    def merge(self, primary: dict[str, Correction]) -> None:
        """Merge every ``merge-into`` entry into its target (following chains)."""
        moves: dict[str, str] = {}
        for source, found in primary.items():
            if found.merge_into is None:
                continue
            target = self._final(source, primary)
            if target is None:
                self.orphan(found, f"merge target {found.merge_into} is not in this build")
            elif target == source:
                self.orphan(found, f"merging {source} leads back to itself; break the circle")
            else:
                moves[source] = target
        for source, target in moves.items():
            self.work[target] = _combined(self.work[target], self.work.pop(source))
            self.changed.setdefault(target, []).append("sources")

    def _final(self, source: str, primary: dict[str, Correction]) -> str | None:
        """Where ``source`` ends up: its target, or that target's target, and so on."""
        seen = {source}
        current: str | None = source
        while current is not None:
            found = primary.get(current)
            if found is None or found.merge_into is None:
                return current
            current = self.find(found.merge_into)
            if current in seen:
                return source
            if current is not None:
                seen.add(current)
        return None

    def change(self, target: str, found: Correction) -> None:
        """Set what the correction changes on entry ``target`` (or take the entry out)."""
        entry = self.work[target]
        if found.hide:
            del self.work[target]
            return
        changed = self.changed.get(target, [])
        events = entry.events
        if found.show_sources:
            kept = tuple(e for e in events if {e.id, anchor_id(e)} & set(found.show_sources))
            if kept:
                events = kept
                changed.append("sources")
            else:
                self.orphan(found, f"none of {', '.join(found.show_sources)} is in {target}")
        updates = {
            "date": found.when,
            "headline": found.headline,
            "text": found.text,
            "group": found.group,
            "media": found.media,
            "link": found.link,
        }
        changed += [name for name, value in updates.items() if value is not None]
        mark = entry.editor or EditorMark()
        self.work[target] = dataclasses.replace(
            entry,
            when=found.when or entry.when,
            headline=found.headline or entry.headline,
            text=found.text if found.text is not None else entry.text,
            events=events,
            group=found.group or entry.group,
            media=found.media or entry.media,
            pinned=entry.pinned or found.pin,
            featured=entry.featured or found.feature,
            editor=EditorMark(
                created=mark.created,
                changed=tuple(name for name in CHANGE_ORDER if name in changed),
                note=found.note,
                link=found.link,
            ),
        )
        self.changed.pop(target, None)

    def mark_rest(self) -> None:
        """Mark the entries that only splits and merges changed."""
        for target, changed in self.changed.items():
            entry = self.work.get(target)
            if entry is None:
                continue
            mark = entry.editor or EditorMark()
            names = set(mark.changed) | set(changed)
            self.work[target] = dataclasses.replace(
                entry,
                editor=dataclasses.replace(
                    mark, changed=tuple(n for n in CHANGE_ORDER if n in names)
                ),
            )
        self.changed.clear()


def _without(entry: Entry, event: Event, rest: list[Event]) -> Entry:
    """``entry`` after ``event`` is split out: its date, headline and text from what is left."""
    first = founding(rest)
    when = entry.when
    if all(e.timex.when.value != when.value for e in rest):
        when = min(rest, key=lambda e: e.timex.when.granularity.rank).timex.when
    headline = entry.headline
    if headline in (event.headline, event.sentence):
        headline = first.headline or first.sentence
    text = first.sentence if event.sentence in entry.text else entry.text
    alias = anchor_id(event)
    return dataclasses.replace(
        entry,
        when=when,
        headline=headline,
        text=text,
        events=tuple(rest),
        conflicts=_conflicts_without(entry.conflicts, event, rest),
        aliases=tuple(a for a in entry.aliases if a != alias),
    )


def _conflicts_without(
    conflicts: Sequence[Conflict], event: Event, rest: Sequence[Event]
) -> tuple[Conflict, ...]:
    """The dates sources disagree on once ``event`` is gone (none when one date is left)."""
    still = {(e.article_id, e.timex.when.start, e.timex.when.end) for e in rest}
    kept = []
    for conflict in conflicts:
        ids = tuple(
            a
            for a in conflict.article_ids
            if a != event.article_id or (a, conflict.start, conflict.end) in still
        )
        if ids:
            kept.append(dataclasses.replace(conflict, article_ids=ids))
    return tuple(kept) if len(kept) > 1 else ()


def _combined(target: Entry, source: Entry) -> Entry:
    """``target`` with ``source`` merged in: its sources, its ids as aliases."""
    held = {e.id for e in target.events}
    events = target.events + tuple(e for e in source.events if e.id not in held)
    aliases = (set(target.aliases) | {source.id} | set(source.aliases)) - {target.id}
    conflicts = target.conflicts + tuple(c for c in source.conflicts if c not in target.conflicts)
    return dataclasses.replace(
        target,
        events=events,
        aliases=tuple(sorted(aliases)),
        conflicts=conflicts,
        importance=max(target.importance, source.importance),
        pinned=target.pinned or source.pinned,
    )
