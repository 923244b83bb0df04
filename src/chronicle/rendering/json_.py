"""``--format json``: the ``chronicle.timeline/2`` document, byte-identical for the same input."""

from __future__ import annotations

import json
from typing import Any

from chronicle.rendering.document import Doc

_ITEM = json.JSONEncoder(ensure_ascii=False)  # no indent: the C encoder, ~3x faster


def render_json(doc: Doc) -> str:
    """The document as UTF-8 JSON in its fixed key order: a top-level key per line, a list
    item (article, event, skipped input) per line, and a final newline."""
    lines = ["{"]
    keys = list(doc)
    for n, key in enumerate(keys):
        comma = "," if n < len(keys) - 1 else ""
        value: Any = doc[key]
        head = f"  {_ITEM.encode(key)}: "
        if isinstance(value, list) and value:
            lines.append(head + "[")
            lines.extend(
                f"    {_ITEM.encode(item)}{',' if i < len(value) - 1 else ''}"
                for i, item in enumerate(value)
            )
            lines.append(f"  ]{comma}")
        else:
            lines.append(f"{head}{_ITEM.encode(value)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"
