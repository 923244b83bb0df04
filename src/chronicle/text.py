"""Text helpers shared by the stages: sentence spans, detokenising, clean-up, key words.

Everything here is cheap, pure and offset-preserving where offsets matter:
:func:`sentence_spans` returns ``(start, end)`` offsets into the text it was
given, so events can point back at their source.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator
from functools import cache, lru_cache
from itertools import repeat

from chronicle.limits import MAX_SENTENCE_CHARS
from chronicle.wordlists import DEFAULT, folder, wire_agencies
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


# ---------------------------------------------------------------- detokenising and clean-up

_PTB_BRACKETS = {
    "-LRB-": "(",
    "-RRB-": ")",
    "-LSB-": "[",
    "-RSB-": "]",
    "-LCB-": "{",
    "-RCB-": "}",
}
_PTB_BRACKET_RE = re.compile(r"-[LR][RSC]B-", re.IGNORECASE)
_SPACE_BEFORE = re.compile(r"\s+([,.;:!?%)\]}]|'s\b|'S\b|n't\b|N'T\b|'re\b|'ve\b|'ll\b|'d\b|'m\b)")
_SPACE_AFTER = re.compile(r"([(\[{$£€#])\s+(?=\S)")
_OPEN_QUOTES = re.compile(r"(``|“)\s*")
_CLOSE_QUOTES = re.compile(r"\s*(''|”)")
_NOT = re.compile(r"\b(ca|wo|do|does|did|is|are|was|were|have|has|had|could|would|should)\s+n't")
# Signs that a text went through a word tokeniser (PTB-style): punctuation or clitics
# split off with a space, PTB quotes or bracket names, spaced-out quotes. Every
# alternative starts with a literal character (the context before a quote is checked
# by a look-behind after it), so the regex engine skips ahead to those characters.
_TOKENISED = re.compile(
    r" (?:[,.;:!?%](?=\s|$)|(?:'s|'S|n't|N'T|'re|'ve|'ll|'d|'m)\b|[)\]]|”|(?<=\w )\"(?=\s|$|[,.]))"
    r"|``|''|-[LR][RSC]B-|[(\[] |“ |\"(?<!\S\") \w"
)
# Looser signs that :func:`may_look_tokenised` searches in unsqueezed text: any white space
# where a single space stands above, a clitic's end left open, no look-behind. Each pattern
# starts with a literal character, which the regex engine skips ahead to (it tries every
# position for an alternation, and checks a character class slowly); the signs after white
# space are searched after " " alone in text whose only white space is " " (printable text).
_LOOSE_AFTER_SPACE = r"(?:[,.;:!?%](?=\s|$)|'(?:s|S|re|ve|ll|d|m)|n't|N'T|[)\]”]|\"(?=\s|$|[,.]))"
_TOKENISED_LOOSE_SPACED = re.compile(r"\s" + _LOOSE_AFTER_SPACE)
_TOKENISED_LOOSE_SPACE = re.compile(" " + _LOOSE_AFTER_SPACE)
_TOKENISED_LOOSE = tuple(map(re.compile, (r"\(\s", r"\[\s", r"“\s", r"\"\s+\w", r"-[LR][RSC]B-")))


def looks_tokenised(text: str) -> bool:
    """True when ``text`` shows tokeniser artefacts (`` ,``, `` 's``, ``-LRB-``, spaced quotes)."""
    return _TOKENISED.search(text) is not None


def may_look_tokenised(text: str) -> bool:
    """False when no stretch of ``text`` (trimmed) can look tokenised to :func:`clean_sentence`.

    Each sign :func:`looks_tokenised` finds in the squeezed text is one the looser patterns
    find in ``text`` itself. It holds too for ``text`` with its date phrase replaced by a
    headline's marker: the marker is no word character, so it can only end a clitic
    ("'s<marker>"), whose end the looser patterns leave open. One search then spares a
    sentence and its headline theirs.
    """
    if "``" in text or "''" in text:
        return True
    spaced = _TOKENISED_LOOSE_SPACE if text.isprintable() else _TOKENISED_LOOSE_SPACED
    if spaced.search(text) is not None:
        return True
    return any(pattern.search(text) is not None for pattern in _TOKENISED_LOOSE)


def detokenize(text: str) -> str:
    """Undo tokeniser artefacts: ``" ,"``, ``" 's"``, quote pairs, ``-LRB-``, ``do n't``.

    A text that shows no such artefact is returned unchanged (``{{ 7*7 }}`` stays).
    """
    if not text or not looks_tokenised(text):
        return text
    # Each step is guarded by a cheap test: most sentences need none of them.
    if "RB-" in text or "SB-" in text or "CB-" in text or "rb-" in text:
        text = _PTB_BRACKET_RE.sub(
            lambda m: _PTB_BRACKETS.get(m.group(0).upper(), m.group(0)), text
        )
    if "``" in text or "“" in text:
        text = _OPEN_QUOTES.sub('"', text)
    if "''" in text or "”" in text:
        text = _CLOSE_QUOTES.sub('"', text)
    text = _balance_straight_quotes(text)
    text = _SPACE_BEFORE.sub(r"\1", text)
    text = _SPACE_AFTER.sub(r"\1", text)
    if " n't" in text:
        text = _NOT.sub(r"\1n't", text)
    text = re.sub(r"(\d)\s+([.,])\s*(\d)", r"\1\2\3", text) if " . " in text else text
    return text


def _balance_straight_quotes(text: str) -> str:
    """Glue spaced-out straight double quotes to their words: ``say " yes " now``."""
    if '"' not in text:
        return text
    out: list[str] = []
    opening = True
    parts = text.split('"')
    for index, part in enumerate(parts):
        if index == 0:
            out.append(part)
            continue
        if opening:
            out.append(
                '"' + part.lstrip()
                if out and (not out[-1] or out[-1][-1:].isspace())
                else '"' + part
            )
        else:
            if out:
                out[-1] = out[-1].rstrip()
            out.append('"' + part)
        opening = not opening
    return "".join(out)


@cache
def _dateline_re() -> re.Pattern[str]:
    """Wire dateline at a sentence start: ``PARIS, Nov 18 (Reuters) -``, ``WASHINGTON (AP) —``
    or any acronym after a place in capitals (``PARIS (GAN) --``)."""
    agencies = "|".join(re.escape(a) for a in wire_agencies())
    place = r"[A-Z][A-Z.'’\- ]{1,40}(?:,\s*[A-Z][A-Za-z.'’\- ]{1,30})?"
    date = r"(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
    mixed = r"[A-Z][A-Za-z.'’\- ]{1,40}(?:,\s*[A-Z][A-Za-z.'’\- ]{1,30})?"
    return re.compile(
        rf"^\s*(?:(?:{place}|{mixed}){date}\s*\((?:{agencies})[^)]*\)\s*[-–—:]+\s*"
        # any agency written as an acronym after a place in capitals: "PARIS (GAN) --"
        rf"|(?:{place}){date}\s*\([A-Z]{{2,6}}\)\s*[-–—:]+\s*"
        rf"|(?:{place})\s*[-–—]{{1,2}}\s+(?=[A-Z\"“])"
        rf"|\((?:{agencies})\)\s*[-–—]+\s*)"
    )


def dateline_length(sentence: str) -> int:
    """Length of a wire dateline prefix at the start of ``sentence`` (0 when there is none)."""
    head = sentence[:100]
    if "(" not in head and "-" not in head and "—" not in head and "–" not in head:
        return 0
    if "(" not in sentence and not _CAPS_START.match(sentence):
        return 0  # without a bracket only "PLACE -" can match, and it starts in capitals
    match = _dateline_re().match(sentence)
    return match.end() if match else 0


_CAPS_START = re.compile(r"\s*[A-Z][A-Z.'’\- ]")  # how a dateline's place starts


@cache
def _leading_junk() -> re.Pattern[str]:
    """What :func:`clean_sentence` drops before a sentence: a stray dash or bracket, a label in
    brackets ("(Update 9:38 p.m.)"; text.toml ``leading_labels``), a speaker ("AZUZ: ")."""
    labels = "|".join(re.escape(label) for label in words_of().text.leading_labels)
    return re.compile(
        r"^(?:[-–—)\]]+\s*"  # "-- Tony Blair said", a stray closing bracket
        rf"|\((?i:{labels})\b[^)]*\)\s*"  # "(Update 9:38 p.m. ...)"
        r"|[A-Z][A-Z.'’\- ]+(?:,\s*[A-Z][A-Z.'’\- ]+)*(?:\s*\([^)]*\))?:\s+)"  # "AZUZ: "
    )


def squeeze(text: str) -> str:
    """``text`` with each run of white space made one space, none at the ends.

    ``" ".join(text.split())``, spared for text that is so already: printable text holds no
    white space but " " (str.isprintable counts every other white space character out).
    """
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def clean_sentence(sentence: str, *, tokenised: bool = True) -> str:
    """One tidy line: no dateline, speaker label or update stamp; tokeniser artefacts undone.

    ``tokenised=False`` skips the search for tokeniser artefacts: for a sentence of a text
    that :func:`may_look_tokenised` clears.
    """
    text = squeeze(sentence)
    if tokenised:
        text = detokenize(text)
    for _ in range(3):
        cut = dateline_length(text)
        if not cut:
            match = _leading_junk().match(text)
            cut = match.end() if match and len(text) - match.end() > 10 else 0
        if not cut:
            break
        text = text[cut:].lstrip()
    return text.strip()


# ---------------------------------------------------------------- words

# Letters that a case-blind regex reads as a-z although lower() makes them no a-z letter.
_CASE_BLIND_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")  # İ ı ſ K


def lower_for_search(text: str) -> str | None:
    """``text`` lower-cased, or None when it holds a letter that a case-blind regex reads as
    an a-z letter that ``lower()`` does not give (İ ı ſ K).

    Substring tests of the result stand in for a case-blind regex of ASCII words, at the same
    offsets (only U+0130 lower-cases to two characters).
    """
    if any(map(text.__contains__, _CASE_BLIND_ASCII)):
        return None
    return text.lower()


_WORD = re.compile(r"[^\W_][\w'’\-]*")


def words(text: str) -> list[str]:
    """The word tokens of ``text`` (letters of any script, digits, inner apostrophes and
    hyphens)."""
    return _WORD.findall(text)


def unaccented(text: str) -> str:
    """``text`` without its accents ("François" -> "Francois"), so that a name written with or
    without them is one key word in every language."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@cache
def stop_words(language: str = DEFAULT) -> frozenset[str]:
    """Lower-case function words of ``language`` left out of key-word comparisons."""
    return frozenset(words_of(language).events.stop_words)


@cache
def _elisions(language: str) -> tuple[str, ...]:
    """Elided words written before an apostrophe ("l'", "d'"; text.toml ``elisions``)."""
    return tuple(words_of(language).text.elisions)


def without_elision(word: str, language: str = DEFAULT) -> str:
    """``word`` without an elided article of ``language`` before it ("l'État" -> "État")."""
    elided = _elisions(folder(language))
    if elided and word.lower().replace("’", "'").startswith(elided):
        return word[max(word.find("'"), word.find("’")) + 1 :]
    return word


def key_words(text: str, language: str = DEFAULT) -> list[str]:
    """Lower-case content words of ``text`` with a light plural/possessive folding, without the
    function words of ``language`` (its stop words and elided articles)."""
    code = folder(language)
    return list(filter(None, map(_key, _WORD.findall(text), repeat(code))))


@lru_cache(maxsize=200_000)
def _key(word: str, language: str = DEFAULT) -> str:
    """The folded key of one word, or "" for a stop word or a stray letter (memoised)."""
    low = unaccented(word.lower().replace("’", "'"))
    if low.endswith("'s"):
        low = low[:-2]
    low = without_elision(low, language)  # "l'attaque" -> "attaque"
    if (len(low) < 3 and not low.isdigit()) or low in stop_words(language):
        return ""
    return fold(low)


def fold(word: str) -> str:
    """Fold simple inflections so "attacks"/"attack" and "protesters"/"protester" meet."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word
