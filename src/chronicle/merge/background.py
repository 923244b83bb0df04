"""Background entries: vague and open spans, kept apart from the dated timeline.

Reports that tell the same background ("France has suffered a series of attacks in recent
years", in two articles) are one entry: their headlines share most of their key words.
Background entries never count against ``--max-events``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, date, datetime

from chronicle.models import Entry, Event, Granularity
from chronicle.text.keywords import key_words

SAME_BACKGROUND = 0.5  # share of the shorter headline's key words two tellings must share
_NEVER = datetime.max.replace(tzinfo=UTC)


def background_entries(events: Sequence[Event]) -> list[Entry]:
    """One entry per background told, its reports grouped; in the order of the dated entries."""
    groups: list[tuple[frozenset[str], list[Event]]] = []
    for event in sorted(events, key=lambda e: e.id):
        words = frozenset(key_words(event.headline))
        for held, members in groups:
            least = SAME_BACKGROUND * min(len(held), len(words))
            same = words and held and len(held & words) >= max(1.0, least)
            if same and _overlap(members[0], event):
                members.append(event)
                break
        else:
            groups.append((words, [event]))
    entries = [_entry(members) for _, members in groups]
    return sorted(entries, key=_order)


def _overlap(one: Event, other: Event) -> bool:
    """True when the two spans share time ("in recent years" in 2015 and in 2022 do not)."""
    a, b = one.timex.when, other.timex.when
    first = max(a.start or date.min, b.start or date.min)
    last = min(a.end or date.max, b.end or date.max)
    return first <= last


def _entry(members: list[Event]) -> Entry:
    """The entry of one background: the earliest report's words and span, every report kept."""
    first = min(members, key=lambda e: (e.published or _NEVER, e.id))
    when = first.timex.when
    digest = hashlib.sha1(first.id.encode("utf-8")).hexdigest()[:8]
    anchor = when.start or when.end
    day = anchor.isoformat() if anchor else "open"
    ordered = sorted(members, key=lambda e: (e.published or _NEVER, e.id))
    return Entry(
        id=f"b-{day}-{digest}",
        when=when,
        headline=first.headline or first.sentence,
        text=first.sentence,
        events=tuple(ordered),
    )


def _order(entry: Entry) -> tuple[date, int, str]:
    """Start (else end, else last), finer granularity first, then id: as the dated entries."""
    when = entry.when
    return (when.start or when.end or date.max, Granularity(when.granularity).rank, entry.id)
