"""Compiling a rule file: word lists and sub-patterns expanded, each rule compiled."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from chronicle.errors import RuleError
from chronicle.tagging.firsts import Prefixes, compile_with_prefixes, start_class
from chronicle.tagging.model import KINDS, STYLES, TYPES, Example, Names, Rule, Rules, Veto
from chronicle.tagging.scanner import Scanner

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def compile_rules(data: Mapping[str, Any], path: Path, lang: str) -> Rules:
    """Compile parsed rule data into :class:`Rules`; RuleError names the file and rule."""
    words = _read_words(data, path)
    patterns = data.get("patterns", {})
    if not isinstance(patterns, dict) or not all(isinstance(v, str) for v in patterns.values()):
        raise RuleError(f"{path}: [patterns] must map names to regular-expression strings")
    expand = _Expander(words, patterns, path)
    context, context_starts = _read_context(data, path, expand)
    rules, scanner = _read_rules(data, path, expand)
    explain = {str(k): str(v) for k, v in data.get("explain", {}).items()}
    meta = data.get("meta", {})
    trigger, lead = _read_triggers(meta, words, path)
    vetoes = _read_vetoes(data, path, expand, {rule.name for rule in rules})
    return Rules(
        lang,
        path,
        rules,
        scanner,
        words,
        context,
        explain,
        trigger,
        int(meta.get("lookback", 40)),
        lead,
        context_starts,
        vetoes=vetoes,
        names=_read_names(meta, words, path),
    )


def _read_context(
    data: Mapping[str, Any], path: Path, expand: _Expander
) -> tuple[dict[str, re.Pattern[str]], dict[str, re.Pattern[str] | None]]:
    """The [context] patterns, compiled, and the class of characters each may start with."""
    context: dict[str, re.Pattern[str]] = {}
    context_starts: dict[str, re.Pattern[str] | None] = {}
    for name, source in data.get("context", {}).items():
        where = f"context {name}"
        try:
            context[name], begins = compile_with_prefixes(expand(str(source), where))
        except re.error as exc:
            raise RuleError(f"{path}: {where}: invalid regular expression ({exc})") from exc
        context_starts[name] = start_class(begins.firsts())
    return context, context_starts


def _read_rules(
    data: Mapping[str, Any], path: Path, expand: _Expander
) -> tuple[tuple[Rule, ...], Scanner]:
    """The [[rule]] entries in priority order, and the scanner that runs their patterns."""
    raw_rules = data.get("rule", [])
    if not isinstance(raw_rules, list) or not raw_rules:
        raise RuleError(f"{path}: no [[rule]] entries")
    rules: list[Rule] = []
    compiled: list[re.Pattern[str]] = []
    starts: list[Prefixes] = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_rules):
        rule = _read_rule(raw, index, path, expand)
        if rule.name in seen:
            raise RuleError(f"{path}: rule {rule.name!r} is defined twice; rename one")
        seen.add(rule.name)
        try:
            pattern, begins = compile_with_prefixes(rule.match)
        except re.error as exc:
            raise RuleError(
                f"{path}: rule {rule.name!r}: invalid regular expression ({exc})"
            ) from exc
        compiled.append(pattern)
        starts.append(begins)
        rules.append(replace(rule, groups=tuple(pattern.groupindex)))
    return tuple(rules), Scanner(compiled, starts)


def _read_triggers(
    meta: Mapping[str, Any], words: Mapping[str, Mapping[str, str]], path: Path
) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The trigger regex (where rules are tried) and the lead-word regex (where a match starts)."""
    digit_trigger = str(meta.get("digit_trigger", r"(?<![\w.,])\d"))
    # no trigger follows a letter (a-z and the accented Latin letters: "é", "ß"): checked once,
    # before the digit and the word alternatives; a plain class of ranges keeps this pass as fast
    # as an a-z check (a class of all letters, [^\W\d_], made it about 30 % slower)
    trigger_source = (
        r"(?<![a-z\u00c0-\u024f])(?:"
        + digit_trigger
        + "|"
        + _trie(sorted(_listed_words(meta, "triggers", words, path)))
        + r"(?:s|es)?(?![a-z\u00c0-\u024f]))"
    )
    trigger = _compile(trigger_source, path, "the trigger words")
    lead = _compile(
        r"(?<![\w'])(?:"
        + _trie(sorted(_listed_words(meta, "lead", words, path)))
        + r")(?![a-z\u00c0-\u024f])",
        path,
        "lead words",
    )
    return trigger, lead


def _listed_words(
    meta: Mapping[str, Any], key: str, words: Mapping[str, Mapping[str, str]], path: Path
) -> set[str]:
    """The words of the word lists that [meta] ``key`` names (a final period dropped)."""
    found: set[str] = set()
    for name in meta.get(key, []):
        if name not in words:
            raise RuleError(f"{path}: [meta] {key} names unknown word list {name!r}")
        found.update(k.rstrip(".") for k in words[name])
    return found


def _read_names(
    meta: Mapping[str, Any], words: Mapping[str, Mapping[str, str]], path: Path
) -> Names | None:
    """The [meta] names table: word lists telling a match inside a name; None without one."""
    table = meta.get("names")
    if table is None:
        return None
    if not isinstance(table, dict):
        raise RuleError(f"{path}: [meta] names must be a table of word list names")

    def keys(entry: str, skip: frozenset[str] = frozenset()) -> frozenset[str]:
        names = table.get(entry, [])
        names = [names] if isinstance(names, str) else names
        found: set[str] = set()
        for name in names:
            if name not in words:
                raise RuleError(f"{path}: [meta] names.{entry} names unknown word list {name!r}")
            found.update(w.rstrip(".") for key in words[name] for w in key.split())
        return frozenset(found - skip)

    joiners = keys("joiners")
    # the words of names ("Christmas Day"), not the small words inside them ("the Fourth of July")
    return Names(
        keys("proper", joiners),
        joiners,
        keys("nouns"),
        keys("events"),
        keys("titles"),
        keys("given"),
        keys("date_leads"),
    )


def _read_vetoes(
    data: Mapping[str, Any], path: Path, expand: _Expander, rule_names: set[str]
) -> dict[str, tuple[Veto, ...]]:
    """The [[veto]] tables, by the name of each rule they apply to."""
    raw = data.get("veto", [])
    if not isinstance(raw, list):
        raise RuleError(f"{path}: [[veto]] entries must be tables")
    by_rule: dict[str, list[Veto]] = {}
    for index, table in enumerate(raw):
        veto = _read_veto(table, index, path, expand, rule_names)
        for rule in veto.rules:
            by_rule.setdefault(rule, []).append(veto)
    return {rule: tuple(vetoes) for rule, vetoes in by_rule.items()}


_VETO_WRAPS = (
    ("match", "{}"),
    ("line", "[ \t]*(?:{})"),
    ("before", "(?:{})$"),
    ("after", "{}"),
    ("near", "{}"),
    ("paragraph", "{}"),
)  # each pattern key of a [[veto]] and how its source is wrapped before compiling


def _read_veto(table: Any, index: int, path: Path, expand: _Expander, rule_names: set[str]) -> Veto:
    """One [[veto]] table, checked: its name, the rules it applies to, patterns and examples."""
    if not isinstance(table, dict) or not isinstance(table.get("name"), str):
        raise RuleError(f'{path}: veto #{index + 1} needs a name = "..."')
    where = f"veto {table['name']!r}"
    applies = table.get("rules")
    if not isinstance(applies, list) or not applies:
        raise RuleError(f'{path}: {where}: rules must list the rules it applies to (or "*")')
    if applies == ["*"]:
        applies = sorted(rule_names)
    unknown = [r for r in applies if r not in rule_names]
    if unknown:
        raise RuleError(f"{path}: {where}: unknown rule {unknown[0]!r}")
    patterns: dict[str, re.Pattern[str] | None] = {}
    for key, wrap in _VETO_WRAPS:
        source = table.get(key)
        patterns[key] = (
            None
            if source is None
            else _compile(wrap.format(expand(str(source), where)), path, where)
        )
    if not any(patterns.values()):
        raise RuleError(f"{path}: {where}: give match, line, before, after, near or paragraph")
    examples = table.get("examples", [])
    if not examples or not all(
        isinstance(e, list) and len(e) == 2 and all(isinstance(x, str) for x in e) for e in examples
    ):
        raise RuleError(f"{path}: {where}: examples must be [[text, sentence], ...]")
    cased = table.get("cased", False)
    if not isinstance(cased, bool):
        raise RuleError(f"{path}: {where}: cased must be true or false")
    return Veto(
        table["name"],
        frozenset(applies),
        cased,
        patterns["match"],
        patterns["line"],
        patterns["before"],
        patterns["after"],
        patterns["near"],
        patterns["paragraph"],
        tuple((e[0], e[1]) for e in examples),
    )


def _trie(words: list[str]) -> str:
    """An alternation of ``words`` as a prefix tree, so the regex engine tries few branches."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_regex(tree)


def _trie_regex(node: dict[str, Any]) -> str:
    """The regex of one prefix-tree node."""
    end = "" in node
    branches = [
        (r"[-\s]" if char in " -" else re.escape(char)) + _trie_regex(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end:
        body = f"(?:{body})?"
    return body


def _read_words(data: Mapping[str, Any], path: Path) -> dict[str, dict[str, str]]:
    """The word lists, keys lower-cased, values as strings."""
    words: dict[str, dict[str, str]] = {}
    for name, table in data.get("words", {}).items():
        if not isinstance(table, dict):
            raise RuleError(f"{path}: [words.{name}] must be a table of word = value")
        words[name] = {" ".join(str(k).lower().split()): str(v) for k, v in table.items()}
    return words


class _Expander:
    """Replaces ``{name}`` by a word list alternation or a named sub-pattern."""

    def __init__(
        self, words: Mapping[str, Mapping[str, str]], patterns: Mapping[str, str], path: Path
    ):
        self.words = words
        self.patterns = patterns
        self.path = path
        self.cache: dict[str, str] = {}

    def __call__(self, source: str, where: str, depth: int = 0) -> str:
        if depth > 10:
            raise RuleError(f"{self.path}: {where}: sub-patterns refer to each other in a loop")

        def replace(m: re.Match[str]) -> str:
            name = m.group(1)
            if name in self.cache:
                return self.cache[name]
            if name in self.patterns:
                text = "(?:" + self(self.patterns[name], where, depth + 1) + ")"
            elif name in self.words:
                keys = sorted(self.words[name], key=lambda k: (-len(k), k))
                text = "(?:" + "|".join(_word_regex(k) for k in keys) + ")"
                if len(keys) > 8:
                    # same language, fewer branches: longest first still holds along each path
                    text = "(?:" + _trie(keys) + ")"
            else:
                raise RuleError(f"{self.path}: {where}: unknown word list or pattern {{{name}}}")
            self.cache[name] = text
            return text

        return _PLACEHOLDER.sub(replace, source)


def _word_regex(word: str) -> str:
    """A word-list key as a regex: spaces match any whitespace, hyphens hyphen or space."""
    parts = [re.escape(p) for p in word.split(" ")]
    return r"\s+".join(parts).replace(r"\-", r"[-\s]")


def _compile(source: str, path: Path, where: str) -> re.Pattern[str]:
    """Compile one pattern case-insensitively, naming file and rule on error."""
    try:
        return re.compile(source)
    except re.error as exc:
        raise RuleError(f"{path}: {where}: invalid regular expression ({exc})") from exc


def _read_rule(raw: Any, index: int, path: Path, expand: _Expander) -> Rule:
    """Validate one [[rule]] table."""
    if not isinstance(raw, dict):
        raise RuleError(f"{path}: rule #{index + 1} must be a table")
    name = raw.get("name")
    if not isinstance(name, str) or not name:
        raise RuleError(f'{path}: rule #{index + 1} has no name; add name = "..."')
    where = f"rule {name!r}"
    kind = raw.get("kind")
    if kind not in KINDS:
        raise RuleError(
            f"{path}: {where}: kind {kind!r} unknown; use one of {', '.join(sorted(KINDS))}"
        )
    type_ = raw.get("type", "DATE")
    if type_ not in TYPES:
        raise RuleError(f"{path}: {where}: type {type_!r} unknown; use DATE, TIME, DURATION or SET")
    match = raw.get("match")
    if not isinstance(match, str) or not match:
        raise RuleError(f"{path}: {where}: match is missing; add match = '...'")
    examples: list[Example] = []
    for item in raw.get("examples", []):
        if (
            not isinstance(item, list)
            or not 3 <= len(item) <= 4
            or not all(isinstance(x, str) for x in item)
        ):
            raise RuleError(
                f"{path}: {where}: each example must be [text, published, value(, sentence)]"
            )
        examples.append(Example(*item))
    if not examples:
        raise RuleError(
            f"{path}: {where}: has no examples; add examples = [[text, published, value]]"
        )
    value = raw.get("value")
    mod = raw.get("mod")
    capitalised = raw.get("capitalised", [])
    if not isinstance(capitalised, list) or not all(isinstance(x, str) for x in capitalised):
        raise RuleError(f"{path}: {where}: capitalised must be a list of field names")
    styles = raw.get("styles", [])
    if not isinstance(styles, list) or not set(styles) <= STYLES:
        raise RuleError(f"{path}: {where}: styles must be a list of {', '.join(sorted(STYLES))}")
    return Rule(
        name=name,
        kind=kind,
        type=type_,
        match=expand(match, where),
        value=str(value) if value is not None else None,
        mod=str(mod) if mod is not None else None,
        examples=tuple(examples),
        capitalised=tuple(capitalised),
        styles=tuple(styles),
    )
