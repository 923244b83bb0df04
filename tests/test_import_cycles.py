"""No import cycle among chronicle's modules, counting every import.

Imports at the top, inside functions and under ``TYPE_CHECKING`` all count: a type-only cycle
still ties two modules together. The package itself (``chronicle/__init__.py``) is left out of
the graph: it is the public API's front (its names are imported on first use), every module's
import runs it first anyway, and modules take only ``__version__`` from it (checked below).
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = "chronicle"


def modules() -> dict[str, Path]:
    """Dotted module name -> file, for every module of the package."""
    found = {}
    for path in (SRC / PACKAGE).rglob("*.py"):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _owner(name: str, known: dict[str, Path]) -> str | None:
    """The module ``name`` is, or is inside (``a.b.func`` -> ``a.b``)."""
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def imports(module: str, path: Path, known: dict[str, Path]) -> dict[str, set[str]]:
    """Module imported by ``module`` -> the names it takes from it (empty for ``import x``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: dict[str, set[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                target = _owner(alias.name, known)
                if target is not None:
                    found.setdefault(target, set())
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, *([node.module] if node.module else [])])
            for alias in node.names:
                full = f"{base}.{alias.name}"
                target = full if full in known else _owner(base, known)
                if target is not None:
                    found.setdefault(target, set()).add(alias.name)
    found.pop(module, None)
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        order[node] = low[node] = len(order)
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in order:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], order[nxt])
        if low[node] == order[node]:
            group = []
            while True:
                top = stack.pop()
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in order:
            visit(node)
    return found


def _graph() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """The import graph without the package root, and what each module takes from the root."""
    known = modules()
    graph: dict[str, set[str]] = {}
    from_root: dict[str, set[str]] = {}
    for module, path in known.items():
        if module == PACKAGE:
            continue
        found = imports(module, path, known)
        from_root[module] = found.pop(PACKAGE, set())
        graph[module] = set(found)
    return graph, from_root


def test_no_import_cycle() -> None:
    """Every module can be read, and changed, without the modules that import it."""
    graph, _ = _graph()
    assert cycles(graph) == []


def test_modules_take_only_the_version_from_the_package() -> None:
    """The package root imports the API lazily; a module importing more from it would cycle."""
    _, from_root = _graph()
    taken = {m: names for m, names in from_root.items() if names - {"__version__"}}
    assert taken == {}


def test_the_check_finds_a_cycle() -> None:
    """A two-module and a three-module cycle are found; a chain is not a cycle."""
    assert cycles({"a": {"b"}, "b": {"a"}, "c": {"a"}}) == [["a", "b"]]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []
