"""The cyclic garbage collector held off while a build makes many long-lived objects.

Python's collector runs after every few hundred new container objects, and its oldest
generation scans every live object: reading thousands of articles from an index and merging
them made it scan the whole heap again and again. The objects made there hold no reference
cycles that matter (frozen dataclasses, dicts and lists freed by their reference counts), so
the collector is paused for the duration and runs as usual afterwards, the objects made
meanwhile counted with the oldest ones.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Hold off the cyclic garbage collector inside the block (as it was, afterwards).

    As a decorator (``@collector_paused()``), for every call of the function.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            # The objects made in the block would all be young: the first collection after it
            # would scan them at once (0.15-0.3 s after a build from 5,850 articles of an
            # index). Frozen and thawed, they join the oldest generation, scanned when it next is.
            gc.freeze()
            gc.unfreeze()
            gc.enable()
