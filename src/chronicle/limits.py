"""Bounds on the work one run does, so that no input can make chronicle hang or run out of memory.

The bounds and what happens at each:

* an article file (a JSON Lines line, or stdin) larger than the readers'
  ``max_article_bytes`` (``DEFAULT_MAX_ARTICLE_BYTES``; ``--max-article-size``)
  is refused with one line naming it and the option that raises the cap;
* JSON nested deeper than ``MAX_JSON_DEPTH`` is refused before it is parsed;
* a sentence longer than ``MAX_SENTENCE_CHARS`` is read in pieces of at most
  that length (the explanation of an event dated in such a piece says so);
* (fields of :class:`Limits`, for ``build_timeline``) only the first
  ``max_mentions_per_article`` date expressions of an article are resolved, an
  article gives at most ``max_events_per_article`` events and a run at most
  ``max_events`` (a :class:`~chronicle.errors.ChronicleWarning` names
  what was left out).
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from typing import TypeVar

from chronicle.errors import ChronicleWarning

DEFAULT_MAX_EVENTS = 30  # a page an editor would publish: above this, the most important

T = TypeVar("T")

MB = 1_000_000
DEFAULT_MAX_ARTICLE_BYTES = 20 * MB
MAX_JSON_DEPTH = 64  # JSON-LD and article objects nest a few levels; 64 is far above any seen
MAX_SENTENCE_CHARS = 2_000  # 99.99 % of dev-corpus sentences are under 900 characters
MAX_EVENTS_PER_ARTICLE = 5_000
# Resolving one date expression takes 0.05-0.6 ms (its clause is read for tense and anchors):
# 20,000 of them are 1-12 s. News text has about one every 300 characters, and a third
# of them make events: 20,000 is reached about where 5,000 events are.
MAX_MENTIONS_PER_ARTICLE = 20_000
# ``chronicle review``'s "add articles": one upload (all its files) and the files in it.
MAX_UPLOAD_BYTES = 100 * MB
MAX_UPLOAD_FILES = 500
MAX_EVENTS = 100_000  # merging 100,000 events takes ~25 s and ~370 MB (benchmarks/merge_scale.py)

_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*(k|kb|m|mb|g|gb|b)?", re.IGNORECASE)
_UNITS = {
    "": 1,
    "b": 1,
    "k": 1_000,
    "kb": 1_000,
    "m": MB,
    "mb": MB,
    "g": 1_000 * MB,
    "gb": 1_000 * MB,
}


@dataclass(frozen=True, slots=True)
class Limits:
    """The bounds of the stages after ingest (see the module docstring for each); the size
    cap of ingest is the ``max_article_bytes`` argument of the readers."""

    max_mentions_per_article: int = MAX_MENTIONS_PER_ARTICLE
    max_events_per_article: int = MAX_EVENTS_PER_ARTICLE
    max_events: int = MAX_EVENTS


def capped(items: list[T], limit: int, message: str) -> list[T]:
    """The first ``limit`` of ``items``; when there are more, a ChronicleWarning says so."""
    if len(items) <= limit:
        return items
    warnings.warn(message, ChronicleWarning, stacklevel=2)
    return items[:limit]


def parse_size(text: str) -> int | None:
    """Bytes of a size written as ``20MB``, ``500 KB``, ``1.5G`` or ``1000000``; None if unreadable.

    Units are decimal (1 MB = 1,000,000 bytes); a bare number is bytes.
    """
    found = _SIZE.fullmatch(text.strip())
    if found is None:
        return None
    number, unit = found.group(1), (found.group(2) or "").lower()
    if len(number) > 15:
        return None
    size = int(float(number) * _UNITS[unit])
    return size if size > 0 else None


def size_label(size: int) -> str:
    """A byte count for people: ``20 MB``, ``1.5 MB``, ``800 KB``, ``12 bytes``."""
    for unit, name in ((1_000 * MB, "GB"), (MB, "MB"), (1_000, "KB")):
        if size >= unit:
            value = f"{size / unit:.1f}".removesuffix(".0")
            return f"{value} {name}"
    return f"{size} bytes"
