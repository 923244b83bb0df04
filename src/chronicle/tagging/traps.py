"""Matches that are no temporal expression: vetoed by their context, or part of a name or title.

The rule file says which contexts veto which rules (``[[veto]]``: the words right before or
after a match, or anywhere in its sentence: "scored 12 points in the second quarter") and
which words tell a name ("[meta] names"): a word that is normally written in lower case but
has a capital here, next to another capitalised word or before a word that follows names
("the Daily Record", "Person of the Year", "the Today programme"). A match that is all a
quotation holds ('the film "1917"') is a title.
"""

from __future__ import annotations

import re

from chronicle.models import Mention
from chronicle.tagging.model import Names, Rules

SENTENCE_REACH = 200  # characters looked at on each side of a match for a veto's sentence words
SEGMENT_REACH = 40  # characters looked at on each side of a match for a heading in title case
TITLE_CASE = 0.7  # this share of the longer words around a match capitalised: a heading
_WORD = re.compile(r"[^\W\d_][\w.'&-]*")
_LONG_WORD = re.compile(r"(?<![\w'-])[^\W\d_]{4,}")
_OPENING = '"“‘«'
_CLOSING = '"”’»'
_SENTENCE_MARKS = ".!?:\n"


def rejected(text: str, plain: str, mention: Mention, rules: Rules) -> bool:
    """True when ``mention`` is vetoed by its context, is part of a name or is a quoted title."""
    for veto in rules.vetoes.get(mention.rule, ()):
        read = text if veto.cased else plain
        if veto.match is not None and not veto.match.fullmatch(read, mention.start, mention.end):
            continue
        if veto.before is not None and not veto.before.search(
            read, max(0, mention.start - SENTENCE_REACH), mention.start
        ):
            continue
        if veto.after is not None and not veto.after.match(read, mention.end):
            continue
        if veto.near is not None:
            low, high = _sentence(text, plain, mention.start, mention.end, rules)
            if not veto.near.search(read, low, high):
                continue
        return True
    if _quoted(text, mention.start, mention.end):
        return True
    return rules.names is not None and _in_name(text, mention.start, mention.end, rules.names)


def _sentence(text: str, plain: str, start: int, end: int, rules: Rules) -> tuple[int, int]:
    """The bounds of the sentence holding [start, end) (at most SENTENCE_REACH either side)."""
    low, high = max(0, start - SENTENCE_REACH), min(len(text), end + SENTENCE_REACH)
    low = plain.rfind("\n", low, start) + 1 or low
    newline = plain.find("\n", end, high)
    high = newline if newline >= 0 else high
    for found in rules.find_all("sentence_end", text, low, start):
        low = found.end()
    after = rules.find_first("sentence_end", text, end, high)
    return low, after.start() if after is not None else high


def _quoted(text: str, start: int, end: int) -> bool:
    """True when the match is all a quotation holds, capitalised: a title ('the film "1917,"').

    A quoted expression in lower case is a quoted phrase ('a "repair job" "every day"').
    """
    if start == 0 or text[start - 1] not in _OPENING or text[start].islower():
        return False
    after = end
    while after < len(text) and text[after] in ",.!?":
        after += 1
    return after < len(text) and text[after] in _CLOSING


def _in_name(text: str, start: int, end: int, names: Names) -> bool:
    """True when a capital marks the match as part of a name ("the Daily Record").

    Capitals say nothing in a line written in capitals; in a title-case heading ("Soundbar Now
    Available") only two of them in the match do ("By A. Writer, The Week US"). A name before a
    word for a happening ("the Spring Offensive", "the Seven Years War") keeps its date.
    """
    capitals = sum(
        _capital_says_name(text, word, names) for word in _WORD.finditer(text, start, end)
    )
    if capitals == 0 or _shouting(text, start, end):
        return False
    following = _next_word(text, end, names)
    after = following.group().lower().rstrip(".") if following is not None else ""
    if after in names.events:
        return False
    if capitals > 1 or after in names.nouns:
        return True
    # a capitalised word before counts when small name words link it ("Person of the Year"), or
    # when both are in capitals ("L.A. WEEKLY"); right before a match it may be a heading's word
    previous = _previous_word(text, start, names)
    if previous is not None and previous.group()[0].isupper():
        word = previous.group()
        if word.isupper() and text[start:end].isupper():
            return True
        linked = not text[previous.end() : start].isspace()
        if linked and not _opens_sentence(text, previous.start()):
            return True
    if _title_case(text, start, end):
        return False
    return following is not None and following.group()[0].isupper()


def _segment(text: str, start: int, end: int) -> tuple[int, int]:
    """The stretch around [start, end) on its line, up to a sentence mark or a colon."""
    low, high = max(0, start - SEGMENT_REACH), min(len(text), end + SEGMENT_REACH)
    for mark in _SENTENCE_MARKS:
        low = max(low, text.rfind(mark, low, start) + 1)
        found = text.find(mark, end, high)
        high = found if found >= 0 else high
    return low, high


def _neighbours(text: str, start: int, end: int) -> list[str]:
    """Up to three words on each side of [start, end), within its segment."""
    low, high = _segment(text, start, end)
    before: list[str] = _WORD.findall(text, low, start)[-3:]
    after: list[str] = _WORD.findall(text, end, high)[:3]
    return before + after


def _shouting(text: str, start: int, end: int) -> bool:
    """True when two words of the match or next to it are in capitals (a line in upper case).

    Abbreviations with full stops ("L.A.") are no shouting.
    """
    own: list[str] = _WORD.findall(text, start, end)
    words = _neighbours(text, start, end) + own
    return sum(len(w) > 1 and w.isupper() and "." not in w for w in words) >= 2


def _title_case(text: str, start: int, end: int) -> bool:
    """True when most longer words around the match are capitalised (a heading)."""
    low, high = _segment(text, start, end)
    words = [
        w.group()
        for w in _LONG_WORD.finditer(text, low, start)
        if not _opens_sentence(text, w.start())
    ]
    words += [w.group() for w in _LONG_WORD.finditer(text, end, high)]
    words = [w for w in words if not w.startswith("http")]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= TITLE_CASE * len(words)


def _capital_says_name(text: str, word: re.Match[str], names: Names) -> bool:
    """True for a capitalised word that is written in lower case unless it is in a name."""
    written = word.group()
    if not written[0].isupper() or written.lower().rstrip(".") in names.proper:
        return False
    if len(written) > 1 and written.isupper():
        return True  # "WEEKLY": capitals are no sentence start
    return not _opens_sentence(text, word.start())


def _opens_sentence(text: str, at: int) -> bool:
    """True when the word at ``at`` begins its sentence (or line)."""
    index = at - 1
    while index >= 0 and (text[index] in " \t" or text[index] in _OPENING + "(["):
        index -= 1
    return index < 0 or text[index] in _SENTENCE_MARKS


def _next_word(text: str, end: int, names: Names) -> re.Match[str] | None:
    """The word after ``end`` on its line (small name words skipped), if only spaces part them."""
    at = end
    while True:
        gap = at
        while gap < len(text) and text[gap] in " \t":
            gap += 1
        if gap == at:
            return None
        word = _WORD.match(text, gap)
        if word is None or word.group().lower() not in names.joiners:
            return word
        at = word.end()


def _previous_word(text: str, start: int, names: Names) -> re.Match[str] | None:
    """The word before ``start`` on the same line (small name words skipped), spaces between."""
    at = start
    while True:
        gap = at
        while gap > 0 and text[gap - 1] in " \t":
            gap -= 1
        if gap == at or gap == 0:
            return None
        begin = gap
        while begin > 0 and (text[begin - 1].isalnum() or text[begin - 1] in ".'&-"):
            begin -= 1
        word = _WORD.fullmatch(text, begin, gap)
        if word is None or word.group().lower() not in names.joiners:
            return word
        at = begin
