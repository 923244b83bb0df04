"""chronicle: timelines and event chronologies from news articles.

The public API (see the README's "Use it from Python")::

    import chronicle

    timeline = chronicle.build(["examples/"])        # files, folders, URLs, Articles or dicts
    print(chronicle.render(timeline, "json"))        # html, json, timelinejs, markdown, csv
    chronicle.tag("The vote is on Friday.", "2015-11-16")   # [Timex('Friday' = 2015-11-20)]
"""

from __future__ import annotations

__version__ = "0.1.0"  # the package version (pyproject.toml reads it from here)

from chronicle.api import (
    Input,
    ReadResult,
    Skipped,
    build,
    load,
    read,
    read_text,
    render,
    tag,
    validate,
)
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

__all__ = [
    "Article",
    "ChronicleError",
    "Entry",
    "Event",
    "Format",
    "Granularity",
    "Input",
    "InputError",
    "OutputError",
    "ReadResult",
    "RuleError",
    "Skipped",
    "Style",
    "Timeline",
    "Timex",
    "TimexType",
    "When",
    "__version__",
    "build",
    "load",
    "read",
    "read_text",
    "render",
    "tag",
    "validate",
]
