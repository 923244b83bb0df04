"""The README documents what ships: the JSON field table is made from the schema itself.

``pytest --update-goldens`` rewrites the table in README.md from the shipped schema.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from chronicle.rendering import schema_path

README = Path(__file__).resolve().parent.parent / "README.md"
TABLE_START = "<!-- schema-table: made from the shipped schema by tests/test_docs.py -->"
TABLE_END = "<!-- /schema-table -->"


def _type_of(node: dict[str, Any], defs: dict[str, Any]) -> str:
    """The type column: a $ref's name, an enum's values, or the JSON types."""
    if "$ref" in node:
        return node["$ref"].rsplit("/", 1)[-1]
    if "const" in node:
        return "const"
    if "enum" in node:
        return " or ".join(f"`{value}`" for value in node["enum"])
    if "anyOf" in node:
        return " or ".join(_type_of(option, defs) for option in node["anyOf"])
    kind = node.get("type", "")
    if kind == "array" and "items" in node and "$ref" in node["items"]:
        return f"array of {_type_of(node['items'], defs)}"
    if isinstance(kind, list):
        return " or ".join(kind)
    return str(kind)


def _children(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any] | None:
    """The object schema whose properties sit under ``node`` (through $ref, items, anyOf)."""
    if "$ref" in node:
        return _children(defs[node["$ref"].rsplit("/", 1)[-1]], defs)
    if node.get("type") == "array" and "items" in node:
        return _children(node["items"], defs)
    for option in node.get("anyOf", ()):
        found = _children(option, defs)
        if found is not None:
            return found
    return node if "properties" in node else None


def _rows(node: dict[str, Any], defs: dict[str, Any], prefix: str, seen: set[str]) -> Iterator[str]:
    """One table row per property, depth first, in the schema's order."""
    required = set(node.get("required", ()))
    for name, child in node["properties"].items():
        path = f"{prefix}{name}"
        description = child.get("description") or defs.get(
            child.get("$ref", "").rsplit("/", 1)[-1], {}
        ).get("description", "")
        yield (
            f"| `{path}` | {_type_of(child, defs)} | {'yes' if name in required else ''} "
            f"| {description} |"
        )
        ref = child.get("$ref") or child.get("items", {}).get("$ref") or ""
        if ref in seen:
            continue  # the same shape again (background and events): documented once
        if ref:
            seen.add(ref)
        inner = _children(child, defs)
        if inner is not None:
            suffix = "[]." if child.get("type") == "array" else "."
            yield from _rows(inner, defs, path + suffix, seen)


def schema_table() -> str:
    """The README's field table of the shipped schema."""
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    lines = ["| field | type | required | meaning |", "|---|---|---|---|"]
    lines.extend(_rows(schema, schema["$defs"], "", set()))
    return "\n".join(lines)


def test_readme_schema_table_is_the_schema(update_goldens: bool) -> None:
    """The README's JSON field table says exactly what the shipped schema says."""
    readme = README.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(TABLE_START) + r"\n(?:.*?\n)?" + re.escape(TABLE_END), re.S)
    assert pattern.search(readme), "README.md has no schema table markers"
    made = f"{TABLE_START}\n{schema_table()}\n{TABLE_END}"
    if update_goldens:
        README.write_text(pattern.sub(lambda _: made, readme), encoding="utf-8")
        return
    assert pattern.search(readme).group(0) == made  # type: ignore[union-attr]
