"""``--format json``: the ``chronicle.timeline/1`` document, byte-identical for the same input."""

from __future__ import annotations

import json

from chronicle.render.document import Doc


def render_json(doc: Doc) -> str:
    """The document as indented UTF-8 JSON in its fixed key order, with a final newline."""
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
