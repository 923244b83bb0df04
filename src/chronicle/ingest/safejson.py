"""JSON parsing that fails with a JSONDecodeError on any input, never a RecursionError.

The standard parser recurses once per nesting level (``"[" * 100_000`` ends in
RecursionError) and refuses integers of more than 4,300 digits with a plain
ValueError. Nesting is measured first, in one linear pass, and both become the
``json.JSONDecodeError`` every caller already handles.
"""

from __future__ import annotations

import json
import re
from typing import Any

from chronicle.limits import MAX_JSON_DEPTH

# A string (escapes skipped, written as an unrolled loop: one pass, no backtracking) or a bracket.
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def loads(text: str, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """``json.loads(text)``, refusing nesting deeper than ``max_depth`` before parsing."""
    too_deep = depth_exceeded(text, max_depth)
    if too_deep is not None:
        raise json.JSONDecodeError(f"nested deeper than {max_depth} levels", text, too_deep)
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise
    except ValueError:  # an integer of thousands of digits
        raise json.JSONDecodeError("a number of more than 4300 digits", text, 0) from None


def depth_exceeded(text: str, max_depth: int) -> int | None:
    """The offset where ``text`` nests deeper than ``max_depth`` arrays and objects, or None."""
    if text.count("[") + text.count("{") <= max_depth:
        return None  # too few brackets to nest that deep
    depth = 0
    for token in _TOKEN.finditer(text):
        step = _STEP.get(token.group(), 0)  # a string counts 0
        depth += step
        if depth > max_depth:
            return token.start()
    return None
