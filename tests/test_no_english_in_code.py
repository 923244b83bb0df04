"""The engine holds no English: the words of a language are data (data/<language>/*.toml).

Every string literal of the engine modules (events, merge, text.py; docstrings aside) is read:
a literal that is one word, or that looks like a regex, may not hold a word that the English
lists hold. Messages to the user (explanations, errors) are prose and pass. The exceptions
below are listed with their reason; a new English word in code fails this test.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from chronicle.wordlists import words

SRC = Path(__file__).resolve().parent.parent / "src" / "chronicle"
ENGINE = sorted([*SRC.glob("events/**/*.py"), *SRC.glob("merge/*.py"), SRC / "text.py"])

_HEADLINE = (
    "the headline cutter (events/headline) reads each language's lists, but its English-only "
    'clause patterns ("so that", "according to", ranges "Monday to Friday", the '
    'possessive "\'s") still name their grammar words; other languages never meet them'
)
ALLOWED: dict[str, dict[str, str]] = {
    "events/headline/__init__.py": {
        w: _HEADLINE
        for w in [
            "according",
            "after",
            "an",
            "and",
            "as",
            "because",
            "before",
            "but",
            "of",
            "or",
            "the",
            "to",
            "when",
            "where",
            "which",
            "while",
            "who",
            "whose",
        ]
    },
    "events/headline/clauses.py": {
        w: _HEADLINE
        for w in [
            "and",
            "but",
            "from",
            "including",
            "of",
            "only",
            "or",
            "so",
            "that",
            "to",
            "when",
            "whose",
        ]
    },
    "events/headline/dates.py": {
        w: _HEADLINE
        for w in [
            "again",
            "and",
            "as",
            "but",
            "if",
            "or",
            "so",
            "the",
            "through",
            "till",
            "to",
            "until",
            "whether",
        ]
    },
    "events/headline/phrases.py": {w: _HEADLINE for w in ["'s", "and", "to"]},
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
