"""Matches that are no temporal expression: vetoed by their context, or part of a name or title.

The rule file says which contexts veto which rules (``[[veto]]``: the words right before or
after a match, at the start of its line or anywhere in its sentence: "scored 12 points in the
second quarter") and
which words tell a name ("[meta] names"): a word that is normally written in lower case but
has a capital here, next to another capitalised word or before a word that follows names
("the Daily Record", "Person of the Year", "the Today programme"). A match that is all a
quotation holds ('the film "1917"') is a title.
"""

from __future__ import annotations

import re
from functools import lru_cache

from chronicle.models import Mention
from chronicle.tagging.model import Names, Rules, Veto

SENTENCE_REACH = 200  # characters looked at on each side of a match for a veto's sentence words
PARAGRAPH_REACH = 600  # characters looked at on each side of a match for a veto's paragraph words
# characters before a match a veto's "before" is searched in: it is tried at each of them
BEFORE_REACH = 40
SEGMENT_REACH = 40  # characters looked at on each side of a match for a heading in title case
TITLE_CASE = 0.7  # this share of the longer words around a match capitalised: a heading
_WORD = re.compile(r"[^\W\d_][\w.'&-]*")
_CAPITALISED = re.compile(r"(?<![\w'])[^\W\d_a-z][\w.'&-]*")
_LONG_WORD = re.compile(r"(?<![\w'-])[^\W\d_]{4,}")
_OPENING = '"“‘«'
_CLOSING = '"”’»'
_SENTENCE_MARKS = ".!?:\n"
_SENTENCE_ENDS = (". ", "! ", "? ", "\n")


def rejected(text: str, plain: str, mention: Mention, rules: Rules) -> bool:
    """True when ``mention`` is vetoed by its context, is part of a name or is a quoted title."""
    start, end = mention.start, mention.end
    for veto in rules.vetoes.get(mention.rule, ()):
        if _vetoes(veto, text, plain, start, end):
            return True
    if _quoted(text, start, end):
        return True
    written = text[start:end]
    names = rules.names
    if written == plain[start:end] or names is None:
        return False  # no capital letter: no sign of a name
    if _after_title(text, start, names) or _given_name(text, start, end, names):
        return True
    # the capitals of weekdays and months say nothing (the common case)
    return _common_capital(written, names) and _in_name(text, start, end, names)


def _after_title(text: str, start: int, names: Names) -> bool:
    """True when a capitalised match follows a title such as "Mr" ("Mr Winter", "Mrs May")."""
    before = _word_before(text, start)
    return (
        before is not None
        and text[start].isupper()
        and before.group().lower().rstrip(".") in names.titles
    )


def _given_name(text: str, start: int, end: int, names: Names) -> bool:
    """True when a month standing alone is a person's or a company's name.

    Either a capitalised word follows it ("June Steenkamp said", "June Medical Services"), or it
    opens a sentence ("June challenged the law") after the text named someone so. A word before
    it that leads dates ("in June Congress voted", "by June Apple had") keeps the date.
    """
    written = text[start:end]
    if written.lower() not in names.given or not written[0].isupper():
        return False
    if _led_as_date(text, start, names):
        return False
    if _names_someone(text, start, end, names):
        return True
    if not _opens_sentence(text, start):
        return False
    return any(
        not _led_as_date(text, earlier.start(), names)
        and _names_someone(text, earlier.start(), earlier.end(), names)
        for earlier in _used_before_capital(written).finditer(text, 0, start)
    )


def _led_as_date(text: str, start: int, names: Names) -> bool:
    """True when the word right before ``start`` leads a date ("in", "early", "last", "24")."""
    gap = start
    while gap > 0 and text[gap - 1] in " \t":
        gap -= 1
    begin = gap
    while begin > 0 and text[begin - 1].isalnum():
        begin -= 1
    word = text[begin:gap]
    return gap < start and bool(word) and (word[0].isdigit() or word.lower() in names.date_leads)


def _names_someone(text: str, start: int, end: int, names: Names) -> bool:
    """True when a capitalised word that is no time word follows [start, end) as a surname."""
    following = _word_after(text, end)
    if following is None:
        return False
    word = following.group()
    return (
        len(word) > 1
        and word[0].isupper()
        and not word.isupper()  # an abbreviation ("June CPI") says nothing
        and word.lower().rstrip(".") not in names.proper
        and word.lower() not in names.joiners
        and not _title_case(text, start, end)
    )


@lru_cache(maxsize=64)
def _used_before_capital(word: str) -> re.Pattern[str]:
    """Where ``word`` stands before a capitalised word in a text."""
    return re.compile(rf"(?<![\w'-]){re.escape(word)}(?=[ \t]+[^\W\d_a-z])")


def _word_before(text: str, start: int) -> re.Match[str] | None:
    """The word right before ``start`` on its line, with only spaces between."""
    gap = start
    while gap > 0 and text[gap - 1] in " \t":
        gap -= 1
    if gap == start or gap == 0:
        return None
    begin = gap
    while begin > 0 and (text[begin - 1].isalnum() or text[begin - 1] in ".'&-"):
        begin -= 1
    return _WORD.fullmatch(text, begin, gap)


def _word_after(text: str, end: int) -> re.Match[str] | None:
    """The word right after ``end`` on its line, with only spaces between."""
    gap = end
    while gap < len(text) and text[gap] in " \t":
        gap += 1
    return _WORD.match(text, gap) if gap > end else None


def _vetoes(veto: Veto, text: str, plain: str, start: int, end: int) -> bool:
    """True when every context ``veto`` asks for holds around [start, end)."""
    read = text if veto.cased else plain
    if veto.match is not None and not veto.match.fullmatch(read, start, end):
        return False
    if veto.line is not None and not veto.line.match(read, read.rfind("\n", 0, start) + 1):
        return False
    if veto.after is not None and not veto.after.match(read, end):
        return False
    if veto.before is not None and not veto.before.search(
        read, max(0, start - BEFORE_REACH), start
    ):
        return False
    if veto.near is not None:
        low, high = _sentence(text, start, end)
        if not veto.near.search(read, low, high):
            return False
    if veto.paragraph is not None:
        low, high = _paragraph(read, start, end)
        if not veto.paragraph.search(read, low, high):
            return False
    return True


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """About the sentence holding [start, end): up to a full stop, mark or line end before and
    after it (at most SENTENCE_REACH either side; an abbreviation may end it early)."""
    low, high = max(0, start - SENTENCE_REACH), min(len(text), end + SENTENCE_REACH)
    for mark in _SENTENCE_ENDS:
        found = text.rfind(mark, low, start)
        if found >= 0:
            low = found + len(mark)
        found = text.find(mark, end, high)
        if found >= 0:
            high = found
    return low, high


def _paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    """The line holding [start, end) (at most PARAGRAPH_REACH either side)."""
    low = max(text.rfind("\n", 0, start) + 1, start - PARAGRAPH_REACH)
    high = min(len(text), end + PARAGRAPH_REACH)
    found = text.find("\n", end, high)
    return low, found if found >= 0 else high


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

    The caller has seen a capital on a word other than a weekday, month or the like.
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


@lru_cache(maxsize=4096)
def _common_capital(written: str, names: Names) -> bool:
    """True when a word of ``written`` other than a weekday, month or the like has a capital."""
    return any(w.lower().rstrip(".") not in names.proper for w in _CAPITALISED.findall(written))


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
    word = _word_after(text, end)
    while word is not None and word.group().lower() in names.joiners:
        word = _word_after(text, word.end())
    return word


def _previous_word(text: str, start: int, names: Names) -> re.Match[str] | None:
    """The word before ``start`` on the same line (small name words skipped), spaces between."""
    word = _word_before(text, start)
    while word is not None and word.group().lower() in names.joiners:
        word = _word_before(text, word.start())
    return word
