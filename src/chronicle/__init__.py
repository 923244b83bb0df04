"""chronicle: timelines and event chronologies from news articles.

The public API (see the README's "Use it from Python")::

    import chronicle

    timeline = chronicle.build(["examples/"])        # files, folders, URLs, Articles or dicts
    print(chronicle.render(timeline, "json"))        # html, json, timelinejs, markdown, csv
    chronicle.tag("The vote is on Friday.", "2015-11-16")   # [Timex('Friday' = 2015-11-20 ...)]

    with chronicle.Store("paris.chronicle", create=True) as story:   # a story kept over days
        story.add(chronicle.read(["day2/"]).articles)
        timeline = story.timeline()                   # the editor's corrections applied

Names are imported on first use (PEP 562), so ``import chronicle`` and ``chronicle --version``
stay light; type checkers see the imports below.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"  # the package version (pyproject.toml reads it from here)

if TYPE_CHECKING:
    from chronicle.api import (
        Edits,
        Input,
        ReadResult,
        Skipped,
        build,
        load,
        read,
        read_edits,
        read_text,
        render,
        sheet,
        tag,
        validate,
    )
    from chronicle.edits import SheetError
    from chronicle.errors import ChronicleError, InputError, OutputError, RuleError
    from chronicle.models import (
        Article,
        Entry,
        Event,
        Granularity,
        Style,
        Timeline,
        Timex,
        TimexType,
        When,
    )
    from chronicle.rendering import Format
    from chronicle.store import Store, StoreError

_HOMES = {
    "chronicle.api": (
        "Edits",
        "Input",
        "ReadResult",
        "Skipped",
        "build",
        "load",
        "read",
        "read_edits",
        "read_text",
        "render",
        "sheet",
        "tag",
        "validate",
    ),
    "chronicle.edits": ("SheetError",),
    "chronicle.store": ("Store", "StoreError"),
    "chronicle.errors": ("ChronicleError", "InputError", "OutputError", "RuleError"),
    "chronicle.models": (
        "Article",
        "Entry",
        "Event",
        "Granularity",
        "Style",
        "Timeline",
        "Timex",
        "TimexType",
        "When",
    ),
    "chronicle.rendering": ("Format",),
}
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}

__all__ = [  # literal, for type checkers and linters; a test checks it matches _HOMES
    "Article",
    "ChronicleError",
    "Edits",
    "Entry",
    "Event",
    "Format",
    "Granularity",
    "Input",
    "InputError",
    "OutputError",
    "ReadResult",
    "RuleError",
    "SheetError",
    "Skipped",
    "Store",
    "StoreError",
    "Style",
    "Timeline",
    "Timex",
    "TimexType",
    "When",
    "__version__",
    "build",
    "load",
    "read",
    "read_edits",
    "read_text",
    "render",
    "sheet",
    "tag",
    "validate",
]


def __getattr__(name: str) -> Any:
    """Import a public name from its module the first time it is asked for."""
    module = _HOME_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'chronicle' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names, for ``dir(chronicle)`` and completion."""
    return sorted({*globals(), *__all__})
