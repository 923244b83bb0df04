"""No function of src/chronicle is over 60 lines unless its docstring says why.

A function's length is its ``def`` line to its last line (docstring, comments and blank lines
included; decorators not). A longer one is allowed when a line of its docstring starts with
``Long because:`` and gives the reason. Split the function into named steps instead where
you can.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "chronicle"
LIMIT = 60
REASON = "Long because:"

Function = ast.FunctionDef | ast.AsyncFunctionDef


def functions(tree: ast.AST, prefix: str = "") -> list[tuple[str, Function]]:
    """Every function and method of ``tree``, named ``Class.method`` or ``outer.inner``."""
    found: list[tuple[str, Function]] = []
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            found.append((prefix + node.name, node))
            found += functions(node, f"{prefix}{node.name}.")
        elif isinstance(node, ast.ClassDef):
            found += functions(node, f"{prefix}{node.name}.")
        else:
            found += functions(node, prefix)
    return found


def length(node: Function) -> int:
    """Lines from the ``def`` line to the function's last line."""
    return (node.end_lineno or node.lineno) - node.lineno + 1


def says_why(node: Function) -> bool:
    """True when a line of the docstring starts with ``Long because:`` and a reason."""
    doc = ast.get_docstring(node) or ""
    return any(
        line.strip().startswith(REASON) and line.strip() != REASON for line in doc.splitlines()
    )


def too_long(source: str) -> list[tuple[str, int]]:
    """The functions of ``source`` over the limit whose docstring does not say why."""
    return [
        (name, length(node))
        for name, node in functions(ast.parse(source))
        if length(node) > LIMIT and not says_why(node)
    ]


def _long_functions() -> dict[str, int]:
    """``path:function`` -> length, for every unexplained long function of src/chronicle."""
    found: dict[str, int] = {}
    for path in sorted(SRC.rglob("*.py")):
        name = path.relative_to(SRC).as_posix()
        for function, lines in too_long(path.read_text(encoding="utf-8")):
            found[f"{name}:{function}"] = lines
    return found


def test_no_function_is_over_60_lines_without_a_reason() -> None:
    """Split a long function into named steps, or say why in its docstring."""
    found = [f"{where} ({n} lines)" for where, n in _long_functions().items()]
    assert not found, (
        f"functions over {LIMIT} lines (split them, or start a docstring line with "
        f"{REASON!r} and the reason):\n" + "\n".join(found)
    )


def _body(lines: int, indent: str = "    ") -> str:
    """``lines`` lines of statements."""
    return "".join(f"{indent}x{n} = {n}\n" for n in range(lines))


def test_the_check_counts_from_def_to_the_last_line() -> None:
    """60 lines pass, 61 fail; a method is named with its class; a nested one is found."""
    assert too_long("def short():\n" + _body(59)) == []
    assert too_long("def long():\n" + _body(60)) == [("long", 61)]
    nested = "class C:\n    def m(self):\n        def inner():\n" + _body(61, " " * 12)
    assert [name for name, _ in too_long(nested)] == ["C.m", "C.m.inner"]


def test_a_reason_in_the_docstring_allows_a_long_function() -> None:
    """``Long because:`` with a reason passes; the bare words, or the reason elsewhere, do not."""
    explained = 'def f():\n    """Do it.\n\n    Long because: one table of cases.\n    """\n'
    assert too_long(explained + _body(60)) == []
    bare = 'def f():\n    """Do it.\n\n    Long because:\n    """\n'
    assert too_long(bare + _body(60)) == [("f", 65)]
    comment = "def f():\n    # Long because: a comment is not the docstring\n"
    assert too_long(comment + _body(60)) == [("f", 62)]
