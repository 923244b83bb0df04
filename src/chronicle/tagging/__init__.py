"""Find temporal expressions: the rule file of a language compiled into a scanner.

The rules (``rules/<lang>.toml``) are data: word lists, named sub-patterns and
rules in priority order. Each rule is compiled on its own; at a position the
scanner tries, in priority order, only the rules whose match can begin with the
text there (``firsts`` reads the texts a match can begin with from each pattern),
which finds what one alternation of all the rules would. A cheap trigger pass (digits and the
words of the trigger lists, one regex built as a trie) finds the few places
worth trying; the scanner is tried only at word starts shortly before each
trigger. Matching runs on a lower-cased, same-length copy of the text, so
offsets always point into the original.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache

from chronicle.errors import RuleError
from chronicle.models import Mention
from chronicle.resources import package_file
from chronicle.tagging.compile import compile_rules
from chronicle.tagging.model import KINDS, STYLES, TYPES, Example, Rule, Rules
from chronicle.tagging.traps import rejected

__all__ = [
    "KINDS",
    "STYLES",
    "TYPES",
    "Example",
    "Rule",
    "Rules",
    "compile_rules",
    "load_rules",
    "normalise",
    "tag",
]

# characters replaced before matching (same length, so offsets are kept)
_NORMALISE = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2010": "-",
        "\u2011": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        **{chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)},
        # capitals of the Latin, Greek and Cyrillic alphabets whose lower case is one character
        # ("Über", "À", "Ý"): matching reads every language in lower case
        **{
            chr(c): chr(c).lower()
            for c in range(0xC0, 0x530)
            if chr(c).isupper() and len(chr(c).lower()) == 1
        },
    }
)


def normalise(text: str) -> str:
    """Lower-cased text with typographic quotes, dashes and spaces made plain (same length)."""
    return text.translate(_NORMALISE)


def tag(text: str, rules: Rules) -> list[Mention]:
    """Find the temporal expressions in ``text``: sorted, non-overlapping mentions."""
    plain = normalise(text)
    mentions: list[Mention] = []
    done = 0  # every position before this one is tried or covered by a mention
    match_at = rules.scanner.match
    lookback = rules.lookback
    for trigger in rules.trigger.finditer(plain):
        at = trigger.start()
        if at < done:
            continue
        starts = [m.start() for m in rules.lead.finditer(plain, max(done, at - lookback), at)]
        if at > 0 and plain[at - 1] == "'" and at - 1 >= done:
            starts.append(at - 1)
        starts.append(at)
        for start in starts:
            if start < done:
                continue  # inside a match found from an earlier start of this trigger
            found = match_at(plain, start)
            if found is None or found[1].end() <= start:
                continue
            index, match = found
            mention = _mention(text, plain, match, rules.rules[index])
            done = match.end()
            if mention is not None and not rejected(text, plain, mention, rules):
                mentions.append(mention)
            if done <= at:
                continue  # the match ends before its trigger ("three" of "three or four weeks")
            break
        else:
            done = max(done, at + 1)
    return mentions


def _mention(text: str, plain: str, match: re.Match[str], rule: Rule) -> Mention | None:
    """The mention for one rule's match, or None when a capitalisation check fails."""
    start, end = match.span()
    # trim trailing spaces and dashes a pattern may have consumed
    while end > start and plain[end - 1] in " \t\n-,":
        end -= 1
    fields = {}
    for name in rule.groups:
        value = match.group(name)
        if value is not None:
            if name in rule.capitalised and not text[match.start(name)].isupper():
                return None
            fields[name] = text[match.start(name) : match.end(name)]
    return Mention(start, end, text[start:end], rule.name, fields)


@lru_cache(maxsize=8)
def load_rules(lang: str) -> Rules:
    """Load and compile the rule file of ``lang`` (cached)."""
    if not re.fullmatch(r"[a-z]{2,3}", lang):
        raise RuleError(f"language {lang!r}: use a two- or three-letter code such as 'en'")
    path = package_file("rules", f"{lang}.toml")
    if not path.is_file():
        raise RuleError(f"{path}: no rules for language {lang!r}; add rules/{lang}.toml")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RuleError(f"{path}: not a valid TOML rule file ({exc})") from exc
    return compile_rules(data, path, lang)
