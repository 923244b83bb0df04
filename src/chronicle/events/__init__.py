"""Events: which resolved date mentions carry a happening, with sentence, headline and names.

Public entry point: :func:`find_events`. The decisions (what is *not* an event)
live in :mod:`chronicle.events.extract`, headline compression in
:mod:`chronicle.events.headline`, names in :mod:`chronicle.events.names`, and
expressions anchored on another event ("the day after the attacks") in
:mod:`chronicle.events.anchors`, and dated by the story's other articles in
:mod:`chronicle.events.across`.
"""

from __future__ import annotations

from chronicle.events.extract import find_events
from chronicle.events.headline import make_headline

__all__ = ["find_events", "make_headline"]
