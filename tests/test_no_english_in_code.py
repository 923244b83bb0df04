"""The engine holds no English: the words of a language are data (data/<language>/*.toml).

Every string literal of the engine modules (events, merge, text.py; docstrings aside) is read:
a literal that is one word, or that looks like a regex, may not hold a word that the English
lists hold. Messages to the user (explanations, errors) are prose and pass. The exceptions
below are listed with their reason; a new English word in code fails this test.

What a reader sees of a page (labels, headings, counts, date words) is data too
(data/<locale>/page.toml): no phrase of the English catalogue may stand in the rendering code,
the page templates or the embed script.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from chronicle.wordlists import words

SRC = Path(__file__).resolve().parent.parent / "src" / "chronicle"
ENGINE = sorted([*SRC.glob("events/**/*.py"), *SRC.glob("merge/*.py"), SRC / "text.py"])

ALLOWED: dict[str, dict[str, str]] = {
    "events/names.py": {
        "al": "the Arabic article of a name written with a hyphen (al-Baghdadi): a form of names",
    },
    "text.py": {
        w: "Penn Treebank tokeniser artefacts (do n't, 's): the corpora format, not a language"
        for w in [
            "'s",
            "are",
            "could",
            "did",
            "do",
            "does",
            "had",
            "has",
            "have",
            "is",
            "should",
            "us",
            "was",
            "were",
            "would",
        ]
    },
    "merge/__init__.py": {"article": "the query scope named in data/merge-weights.toml"},
    "merge/query.py": {"article": "the query scope named in data/merge-weights.toml"},
}


def _vocabulary() -> frozenset[str]:
    """Every word of the English lists, lower case."""
    lists = words("en")
    found: set[str] = set()
    for part in (lists.events, lists.headline, lists.text):
        for name in part.__dataclass_fields__:
            value = getattr(part, name)
            for item in value if isinstance(value, tuple) else ():
                found.update(w.lower() for w in re.findall(r"[A-Za-z']{2,}", item))
    return frozenset(found)


_REGEX = re.compile(r"\(\?|\\[bsSwW]|\|")
_ESCAPE = re.compile(r"\\[A-Za-z]")


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the docstring nodes of ``tree``."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def english_in(path: Path, vocabulary: frozenset[str]) -> dict[str, int]:
    """English words of ``path``'s word and regex literals -> the first line holding each."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = _docstrings(tree)
    keys = {id(n.slice) for n in ast.walk(tree) if isinstance(n, ast.Subscript)}  # list names
    found: dict[str, int] = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Constant) or not isinstance(node.value, str):
            continue
        text = node.value
        if id(node) in docs | keys or not (
            re.fullmatch(r"[A-Za-z']+", text) or _REGEX.search(text)
        ):
            continue
        for word in re.findall(r"[A-Za-z']{2,}", _ESCAPE.sub(" ", text)):
            if word.lower() in vocabulary:
                found.setdefault(word.lower(), node.lineno)
    return found


def test_engine_modules_hold_no_english_words() -> None:
    """Only the listed exceptions: any other English word in a literal belongs in data/<lang>/."""
    vocabulary = _vocabulary()
    unexpected = []
    for path in ENGINE:
        name = path.relative_to(SRC).as_posix()
        allowed = ALLOWED.get(name, {})
        for word, line in sorted(english_in(path, vocabulary).items()):
            if word not in allowed:
                unexpected.append(f"{name}:{line}: {word!r}")
    assert not unexpected, "English in engine code (move it to data/<lang>/):\n" + "\n".join(
        unexpected
    )


def test_the_check_finds_english() -> None:
    """The check itself: a regex and a word literal with English words are found."""
    sample = SRC.parent.parent / "tests" / "fixtures" / "english_sample.py"
    found = english_in(sample, _vocabulary())
    assert {"after", "before", "said"} <= found.keys()


def test_exceptions_are_still_needed() -> None:
    """An exception whose word left the code is removed from the list."""
    vocabulary = _vocabulary()
    stale = [
        f"{name}: {word}"
        for name, allowed in ALLOWED.items()
        for word in allowed
        if word not in english_in(SRC / name, vocabulary)
    ]
    assert not stale


# ------------------------------------------------------------- what a reader sees (issue 17)

PAGE_CODE = sorted([*SRC.glob("rendering/*.py"), SRC / "title.py", SRC / "resolve" / "explain.py"])
PAGE_TEMPLATES = sorted((SRC.parent.parent / "templates").glob("*.j2"))
SCRIPT = SRC / "static" / "chronicle-embed.js"


def _page_phrases() -> set[str]:
    """The English words a reader sees, from data/en/page.toml: the literal pieces of every
    label and pattern that are a phrase (two words or more) or a capitalised word (a heading:
    lower-case single words are keys and class names in code too)."""
    import dataclasses
    import string

    from chronicle.rendering.catalogue import catalogue

    texts: list[str] = []

    def collect(value: object) -> None:
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                collect(item)
        elif isinstance(value, tuple):
            for item in value:
                collect(item)
        elif dataclasses.is_dataclass(value):
            for part in dataclasses.fields(value):
                collect(getattr(value, part.name))

    collect(catalogue("en").words)
    phrases: set[str] = set()
    for text in texts:
        for literal, _, _, _ in string.Formatter().parse(text):
            piece = literal.strip(" .,:;()–-")
            if len(piece.split()) >= 2 or (piece.isalpha() and piece[:1].isupper()):
                phrases.add(piece)
    return phrases


def _python_texts(path: Path) -> list[tuple[int, str]]:
    """The string literals of ``path`` a reader could see: no docstrings, no bare keys."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = _docstrings(tree)
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docs
        and not re.fullmatch(r"[a-z_]+", node.value)  # a key of the document or a table
    ]


def _script_text() -> str:
    """chronicle-embed.js without its comments and its LABELS line (the English catalogue)."""
    text = re.sub(r"/\*.*?\*/", "", SCRIPT.read_text(encoding="utf-8"), flags=re.DOTALL)
    text = re.sub(r"^\s*//.*$", "", text, flags=re.MULTILINE)
    return re.sub(r"^ *var LABELS = .*$", "", text, flags=re.MULTILINE)


def _holds(text: str, phrase: str) -> bool:
    """True when ``phrase`` stands in ``text`` on its own (not inside a longer name)."""
    return re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text) is not None


def test_page_words_are_data() -> None:
    """No label, heading, button, count or date word of the page is written in the code, the
    templates or the embed script: they come from data/<locale>/page.toml."""
    phrases = _page_phrases()
    assert {"Why this date", "Search events", "month known, day unknown", "Background"} <= phrases
    found = []
    for path in PAGE_CODE:
        for line, text in _python_texts(path):
            found += [f"{path.relative_to(SRC)}:{line}: {p!r}" for p in phrases if _holds(text, p)]
    for path in PAGE_TEMPLATES:
        body = re.sub(r"\{#.*?#\}", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
        found += [f"templates/{path.name}: {p!r}" for p in phrases if _holds(body, p)]
    script = _script_text()
    found += [f"static/{SCRIPT.name}: {p!r}" for p in phrases if _holds(script, p)]
    assert not found, "page words in code (move them to data/<locale>/page.toml):\n" + "\n".join(
        sorted(found)
    )
