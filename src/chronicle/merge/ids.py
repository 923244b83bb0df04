"""Stable entry ids: anchored on the founding mention, never on article ids, paths or order.

The rule (documented in the README, "Entry ids"):

- Every event has an *anchor*: a hash of what its article says around the mention (the
  article's publish time, the sentence the mention stands in, the mention's text and its offset
  in that sentence). Article ids, file paths and the order of the inputs are not part of it, so
  the anchor of a mention is the same whatever other articles are read with it, and it outlives
  edits to other parts of its article.
- An entry's *founding mention* is its first report: the member event of the earliest-published
  article, then the earliest in its article (sentence, then mention offset), then the smallest
  anchor. The entry's id is ``e-`` and the first 12 hex digits of the founding anchor.
- When entries merge (a new article ties two together, or an earlier report joins), the
  founding rule picks the surviving id, and every other member's anchor id becomes an alias:
  a deep link made when that member founded the entry still lands on it.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from chronicle.models import Entry, Event

PREFIX = "e-"
DIGITS = 12  # 48 bits: a clash needs millions of entries in one story
_NEVER = datetime.max.replace(tzinfo=UTC)


def anchor_id(event: Event) -> str:
    """The id ``event`` gives the entry it founds: a hash of its content, not of its article."""
    published = event.published.isoformat() if event.published is not None else ""
    offset = event.timex.start - event.sentence_start
    key = "\x1f".join((published, event.sentence, str(offset), event.timex.text))
    return PREFIX + hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:DIGITS]


def founding(members: Iterable[Event]) -> Event:
    """The first report among ``members``: earliest published, then earliest in its article."""
    return min(
        members,
        key=lambda e: (e.published or _NEVER, e.sentence_start, e.timex.start, anchor_id(e)),
    )


def entry_id(members: Sequence[Event]) -> str:
    """The id of the entry made of ``members``: its founding mention's anchor."""
    return anchor_id(founding(members))


def entry_aliases(members: Iterable[Event], own: str) -> tuple[str, ...]:
    """Every other id a member would give the entry as its founding mention, sorted."""
    return tuple(sorted({anchor_id(e) for e in members} - {own}))


def unique_ids(entries: Sequence[Entry]) -> list[Entry]:
    """``entries`` with ids made unique: a repeated id gets ``-2``, ``-3`` in timeline order.

    Two entries share an id only when the same sentence, published at the same minute, dates
    two happenings that merge kept apart (copies of one article under two names).
    """
    out = list(entries)
    if len({entry.id for entry in out}) == len(out):
        return out
    seen: dict[str, int] = {}
    for index in sorted(range(len(out)), key=lambda i: _order(out[i])):
        entry = out[index]
        count = seen.get(entry.id, 0) + 1
        seen[entry.id] = count
        if count > 1:
            out[index] = dataclasses.replace(entry, id=f"{entry.id}-{count}")
    return out


def _order(entry: Entry) -> tuple[str, int, str, str]:
    """Start date, granularity, then headline: a repeated id's order without the article ids."""
    start = entry.when.start.isoformat() if entry.when.start is not None else "9999"
    return (start, entry.when.granularity.rank, entry.headline, entry.text)
