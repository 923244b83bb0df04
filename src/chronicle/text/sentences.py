"""Sentence spans: where the sentences of a text start and end, as offsets into it.

:func:`sentence_spans` returns ``(start, end)`` offsets into the text it was given, so events
can point back at their source; a sentence too long to read comes in pieces
(:func:`sentence_cut`). Periods after the abbreviations of the article's language do not end a
sentence (``data/<language>/text.toml``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import cache

from chronicle.limits import MAX_SENTENCE_CHARS
from chronicle.wordlists import DEFAULT, folder
from chronicle.wordlists import words as words_of

Span = tuple[int, int]


@cache
def _abbreviations(language: str) -> frozenset[str]:
    """Lower-case abbreviations of ``language`` after which a period does not end a sentence."""
    return frozenset(words_of(language).text.abbreviations)


@cache
def _sentence_starters(language: str) -> frozenset[str]:
    """Words of ``language`` that start a new sentence after "U.S." and other initials."""
    return frozenset(words_of(language).text.sentence_starters)


# A sentence may end at . ! ? or an ellipsis, followed by closing quotes/brackets and space.
# (A pattern that starts with one character class, not a repeat of it, lets the regex engine
# skip ahead to that class: "[.!?…][.!?…]*" for "[.!?…]+". The look-behind starts a match only
# at the first mark of a run: a run of a million dots is scanned once, not once per dot.)
_BOUNDARY = re.compile(r"(?<![.!?…])[.!?…][.!?…]*[\"'”’)\]]*(?=\s)")  # "..." is a run of periods
_NEXT_START = re.compile(r"\s+([\"'“‘(\[]*)(\S)")
_INITIALS = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]?")
_END_MARKS = frozenset(".!?…\"'”’)]")  # what a sentence's last character is
WORD_CHARS = 64  # looked back from a period for the word it ends (abbreviations are short)


def sentence_spans(text: str, language: str = DEFAULT) -> list[Span]:
    """Offsets of the sentences of ``text``; line breaks end sentences unless hard-wrapped.

    A single line break followed by a lower-case letter continues the sentence
    (hard-wrapped text); any other line break, and blank lines, end it.
    Periods after abbreviations ("Mr.", "Nov.", "U.S. officials") do not.
    A sentence longer than :data:`~chronicle.limits.MAX_SENTENCE_CHARS` comes in
    pieces of at most that length (:func:`sentence_cut` tells them). The abbreviations are
    those of ``language`` (``data/<language>/text.toml``).
    """
    return list(iter_sentence_spans(text, language))


def iter_sentence_spans(text: str, language: str = DEFAULT) -> Iterator[Span]:
    """:func:`sentence_spans`, one at a time (the first few cost only their own lines)."""
    for segment in _segments(text):
        yield from _segment_sentences(text, *segment, language)


def sentence_at(text: str, offset: int, language: str = DEFAULT) -> Span | None:
    """The span of :func:`sentence_spans` that holds ``offset``, or None (between sentences).

    Only the stretch between the hard breaks around ``offset`` is split.
    """
    return Sentences(text, language).at(offset)


class Sentences:
    """:func:`sentence_at` for many offsets of one text: each stretch is split once."""

    __slots__ = ("_end", "_spans", "_start", "_starts", "language", "text")

    def __init__(self, text: str, language: str = DEFAULT) -> None:
        self.text = text
        self.language = language
        self._start = self._end = -1  # the stretch split last, and its sentences
        self._spans: list[Span] = []
        self._starts: list[int] = []

    def at(self, offset: int) -> Span | None:
        """The sentence that holds ``offset``, or None (between sentences)."""
        if not self._start <= offset < self._end:
            self._start, self._end = _stretch(self.text, offset)
            self._spans = list(_segment_sentences(self.text, self._start, self._end, self.language))
            self._starts = [start for start, _ in self._spans]
        index = bisect.bisect_right(self._starts, offset) - 1
        if index >= 0 and offset < self._spans[index][1]:
            return self._spans[index]
        return None


def _stretch(text: str, offset: int) -> Span:
    """The stretch between the hard breaks around ``offset``."""
    start = text.rfind("\n", 0, offset)
    while start >= 0 and not _hard_break(text, start):
        start = text.rfind("\n", 0, start)
    end = text.find("\n", offset)
    while end >= 0 and not _hard_break(text, end):
        end = text.find("\n", end + 1)
    return start + 1, len(text) if end < 0 else end


def _segment_sentences(
    text: str, seg_start: int, seg_end: int, language: str = DEFAULT
) -> Iterator[Span]:
    """The sentence spans of the stretch ``text[seg_start:seg_end]`` between hard breaks."""
    start = seg_start
    for match in _BOUNDARY.finditer(text, seg_start, seg_end):
        end = match.end()
        if end >= seg_end or not _ends_sentence(text, match.start(), end, seg_end, language):
            continue
        yield from _pieces(text, start, end)
        start = end
    if start < seg_end:
        yield from _pieces(text, start, seg_end)


def _pieces(text: str, start: int, end: int) -> Iterator[Span]:
    """The trimmed sentence ``text[start:end]``, in pieces of at most MAX_SENTENCE_CHARS.

    A piece ends at a space after a word (not after a sentence mark), in the second half
    of its room; with no such space, at the limit. :func:`sentence_cut` tells pieces.
    """
    start, end = _trim(text, start, end)
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, limit)
        while cut > 0 and (text[cut - 1] in _END_MARKS or text[cut - 1].isspace()):
            cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, cut)
        piece = _trim(text, start, cut if cut > 0 else limit)
        if piece[1] > piece[0]:
            yield piece
        start, end = _trim(text, piece[1], end)
    if end > start:
        yield start, end


def sentence_cut(text: str, span: Span) -> bool:
    """True when ``span`` (of :func:`sentence_spans`) is a piece of a longer sentence."""
    start, end = span
    return _cut_after(text, end) or _cut_before(text, start)


def _cut_after(text: str, end: int) -> bool:
    """True when a piece ending at ``end`` was cut there rather than ending its sentence."""
    if end >= len(text):
        return False
    following = text[end]
    if not following.isspace():
        return True  # cut within a word
    if following != " " or text[end - 1] in _END_MARKS:
        return False
    rest = _SPACES.match(text, end, end + WORD_CHARS)
    after = rest.end() if rest else end
    return after < len(text) and not text[after].isspace()


def _cut_before(text: str, start: int) -> bool:
    """True when the piece starting at ``start`` follows a cut."""
    if start == 0:
        return False
    if text[start - 1] != " ":
        return not text[start - 1].isspace()  # cut within a word
    before, floor = start - 1, max(0, start - WORD_CHARS)
    while before > floor and text[before - 1] == " ":
        before -= 1
    return before > 0 and text[before - 1] not in _END_MARKS and not text[before - 1].isspace()


_SPACES = re.compile(" +")


def _hard_break(text: str, at: int) -> bool:
    """True when the line break at ``at`` ends a stretch (a blank line, or a line not
    hard-wrapped: the next one starts in lower case after a line not ending a sentence)."""
    nxt = text[at + 1 : at + 2]
    prev = text[at - 1 : at] if at else ""
    return not (nxt.islower() and prev.strip() and prev not in ".!?")


def _segments(text: str) -> Iterator[Span]:
    """Stretches of text between hard breaks (blank lines, or line breaks not hard-wrapped)."""
    start = 0
    at = text.find("\n")
    while at >= 0:
        if _hard_break(text, at):
            if at > start and not text[start:at].isspace():
                yield start, at
            start = at + 1
        at = text.find("\n", at + 1)
    if len(text) > start and not text[start:].isspace():
        yield start, len(text)


def _ends_sentence(text: str, punct: int, end: int, limit: int, language: str = DEFAULT) -> bool:
    """True when the punctuation at ``punct`` really ends a sentence."""
    after = _NEXT_START.match(text, end, limit)
    if after is None:
        return False
    first = after.group(2)
    if not (first.isupper() or first.isdigit() or after.group(1)):
        return False
    if text[punct] != ".":
        return True
    if text[punct:end].startswith("..."):
        return first.isupper()
    back = max(0, punct - WORD_CHARS)
    word_start = max(text.rfind(" ", back, punct), text.rfind("\n", back, punct), back - 1) + 1
    word = text[word_start:punct].lstrip("\"'“‘([")
    if not word:
        return True
    if word.lower() in _abbreviations(folder(language)):
        return False
    if _INITIALS.fullmatch(word) or (len(word) == 1 and word.isupper()):
        # "U.S. officials" goes on; "in the U.S. The next day" ends.
        next_word = text[after.start(2) : after.end(2) + 20].split(maxsplit=1)[0]
        return next_word.strip("\"'“‘,") in _sentence_starters(folder(language))
    return True


def _trim(text: str, start: int, end: int) -> Span:
    """Shrink a span so that it has no white space at either end (nothing copied)."""
    first = _NON_SPACE.search(text, start, end)
    if first is None:
        return end, end
    start = first.start()
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_NON_SPACE = re.compile(r"\S")


_ROUGH_BREAK = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[\"'(\[]?[A-Z0-9])")


def rough_sentence_count(text: str) -> int:
    """Sentences in ``text`` as a naive splitter counts them (every ". X" is a break).

    Budgets ("at most K sentences") are checked with this count, so that a
    reader that splits naively never sees more than K.
    """
    return 1 + len(_ROUGH_BREAK.findall(text)) if text.strip() else 0
