"""The engine holds no English: the words of a language are data (data/<language>/*.toml).

Every string literal of the engine modules (events, merge, text/; docstrings aside) is read:
a literal that is one word, or that looks like a regex, may not hold a word that the English
lists hold. Messages to the user (explanations, errors) are prose and pass. The exceptions
below are listed with their reason; a new English word in code fails this test.

Every other module is read for word lists: a list, tuple or set of three or more English words,
or a regex alternation of three or more, fails unless LIST_EXCEPTIONS names it with a reason.

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
ENGINE = sorted([*SRC.glob("events/**/*.py"), *SRC.glob("merge/*.py"), *SRC.glob("text/*.py")])

ALLOWED: dict[str, dict[str, str]] = {
    "events/names.py": {
        "al": "the Arabic article of a name written with a hyphen (al-Baghdadi): a form of names",
    },
    "text/tokenised.py": {
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
            "was",
            "were",
            "would",
        ]
    },
    "text/keywords.py": {
        "'s": "the possessive ending key_words drops: an ending, not a word",
        "is": "a word ending (-is) that fold() leaves alone: a suffix, not a word",
        "us": "a word ending (-us) that fold() leaves alone: a suffix, not a word",
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


# ----------------------------------------------------- word lists anywhere in src (issue 15)

_NOT_LANGUAGE = "names of the code or of a file format, not words of a language"
LIST_EXCEPTIONS: dict[str, str] = {
    "__init__.py: Article When read": "the public API's names (__all__)",
    "ingest/stamps.py: January February March": (
        "month names in the prose of a message (an ambiguous 11/12/2015 spelled out)"
    ),
    "ingest/stamps.py: day month year": "dateparser's REQUIRE_PARTS setting: " + _NOT_LANGUAGE,
    "ingest/html.py: st nd rd": (
        "ordinal endings of a day number in a date-shape regex for several languages: a shape"
    ),
    "ingest/published.py: st nd rd": (
        "ordinal endings of a day number in a date-shape regex for several languages: a shape"
    ),
    "ingest/plaintext.py: published date updated": "kinds of header line: " + _NOT_LANGUAGE,
    "rendering/timelinejs.py: year month day": "TimelineJS's date fields: " + _NOT_LANGUAGE,
    "rendering/timelinejs.py: day month year": "TimelineJS's date fields: " + _NOT_LANGUAGE,
    "resolve/__init__.py: weekday deictic rel": "rule kinds: " + _NOT_LANGUAGE,
    "resolve/explain.py: before after last": "kinds of explanation: " + _NOT_LANGUAGE,
    "tagging/model.py: date weekday deictic": "rule kinds: " + _NOT_LANGUAGE,
    "tagging/model.py: DATE TIME SET": "TIMEX3 types: " + _NOT_LANGUAGE,
    "text/tokenised.py: do does did": (
        "Penn Treebank tokeniser artefacts (do n't, 's): the corpora format"
    ),
}


def _list_vocabulary() -> frozenset[str]:
    """The English lists' words and the words of the English rules' patterns, lower case."""
    import tomllib

    rules = tomllib.loads((SRC / "rules" / "en.toml").read_text(encoding="utf-8"))
    found = set(_vocabulary())
    for value in rules.get("patterns", {}).values():
        if isinstance(value, str):
            found.update(w.lower() for w in re.findall(r"[A-Za-z]{2,}", _ESCAPE.sub(" ", value)))
    return frozenset(found)


def word_lists_in(path: Path, vocabulary: frozenset[str]) -> list[tuple[int, list[str]]]:
    """Lists, tuples and sets of three or more English words, and regex alternations of three
    or more, in ``path``: (line, the English words)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = _docstrings(tree)
    found: list[tuple[int, list[str]]] = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            items = [e.value for e in node.elts if isinstance(e, ast.Constant)]
            english = [
                item
                for item in items
                if isinstance(item, str)
                and re.fullmatch(r"[A-Za-z' ]+", item)
                and any(w.lower() in vocabulary for w in item.split())
            ]
            if len(english) >= 3:
                found.append((node.lineno, english))
        elif (
            isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
        ):
            for run in re.findall(r"(?:[A-Za-z']+\|){2,}[A-Za-z']+", node.value):
                english = [w for w in run.split("|") if w.lower() in vocabulary]
                if len(english) >= 3:
                    found.append((node.lineno, english))
    return found


def test_no_english_word_list_anywhere_in_the_code() -> None:
    """Every module of src/chronicle: a list of English words belongs in data/ (the exceptions
    above are names or shapes, each with its reason)."""
    vocabulary = _list_vocabulary()
    seen: set[str] = set()
    unexpected = []
    for path in sorted(SRC.rglob("*.py")):
        name = path.relative_to(SRC).as_posix()
        for line, english in word_lists_in(path, vocabulary):
            key = f"{name}: {' '.join(english[:3])}"
            seen.add(key)
            if key not in LIST_EXCEPTIONS:
                unexpected.append(f"{name}:{line}: {english}")
    assert not unexpected, "English word lists in code (move them to data/):\n" + "\n".join(
        unexpected
    )
    assert not set(LIST_EXCEPTIONS) - seen, "exceptions no longer needed: remove them"


def test_the_list_check_finds_lists() -> None:
    """A tuple of English words and a regex alternation of them are found; names are not."""
    sample = SRC.parent.parent / "tests" / "fixtures" / "english_sample.py"
    found = [words for _, words in word_lists_in(sample, _list_vocabulary())]
    assert ["January", "February", "March"] in found
    assert ["to", "and", "or", "through"] in found
    assert all("said" not in words for words in found)


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
