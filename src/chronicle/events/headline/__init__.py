"""Extractive headlines: the clause that says who did what at the date of the event.

Only deletions, words kept in their order. The sentence is cut into segments at
commas, semicolons, dashes and clause openers ("which", "who", "when",
"after", "including", "so that"), with a token scan (no parser). The headline
comes from the segment that holds the date phrase when that segment is a clause
of its own ("..., where a police search on Tuesday ended in a shootout"), a
relative clause whose antecedent can be put back ("Obama, who arrived on
Sunday" → "Obama arrived"), a reduced relative ("a law written during the
Algerian war in 1955") or a noun phrase naming a happening ("from the truck
attack in Nice in July 2016"); otherwise from the main clause.

The date phrase itself is removed only when it is a whole adverbial at a safe
place ("on Friday", "late in the evening", "last week" at a clause edge); never
when it is a verb's object or complement, part of a range, the object of
"before"/"after"/"until", possessive, or when removing it would leave a
dangling word. Past the word budget, trailing segments go first, then a cut at
a phrase boundary ends in an ellipsis.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from itertools import chain, repeat
from operator import contains

from chronicle.events.headline.clauses import (
    choose,
    cut_other_conjunct,
    own_part,
    phrase_of_date,
)
from chronicle.events.headline.date_phrase import drop_date
from chronicle.events.headline.words import (
    END_MARKS,
    MARK,
    TokenMemo,
    ends_clause,
    has_mark,
    is_verb,
    language,
    mark_index,
    other_mark,
    plain,
    reading,
    unpunctuated,
    word_lists,
)
from chronicle.text.cleanup import clean_sentence, squeeze
from chronicle.wordlists import DEFAULT
from chronicle.wordlists import words as words_of

__all__ = ["MAX_WORDS", "make_headline"]

MAX_WORDS = 15


def _alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of ``phrases``, longest first, each escaped."""
    return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))


@cache
def _lists(code: str) -> tuple[str, str, str]:
    """Regex alternations for reporting verbs, subordinators and date prepositions of ``code``."""
    words = words_of(code).events
    verbs = "|".join(sorted(words.reporting_verbs, key=len, reverse=True))
    subs = "|".join(sorted(words.subordinators, key=len, reverse=True))
    return verbs, subs, _alternation(words.date_prepositions)


_NEVER = r"(?!)"  # an alternation of no words: matches nothing


@cache
def _attribution_initials(code: str) -> frozenset[str]:
    """First letters (lower case) of the ``attribution_openers`` of ``code``: a cheap test."""
    return frozenset(p[:1].lower() for p in words_of(code).headline.attribution_openers)


@cache
def _patterns(code: str) -> dict[str, re.Pattern[str]]:
    """Compiled patterns for each deletion, with the word lists of ``code``."""
    verbs, subs, _preps = _lists(code)
    lists = words_of(code)
    audiences = _alternation(lists.headline.audiences)
    lead_ins = _alternation(lists.events.date_lead_ins)
    that = _alternation(lists.headline.complementizers)
    word = r"[^\s,;:]+"
    heads = lists.headline
    articles = _alternation(heads.appositive_articles) or _NEVER
    return {
        # "According to X, ..." at the start (headline.toml ``attribution_openers``)
        "attribution": re.compile(
            rf"^(?:{_alternation(heads.attribution_openers) or _NEVER}) [^,]{{1,80}},\s*",
            re.IGNORECASE,
        ),
        # "X said (on Tuesday) (that) ..." at the start, when something follows
        "leading_attr": re.compile(
            rf"^(?:{word}\s+){{1,5}}?(?:{verbs})(?:\s+(?:{audiences}))?"
            rf"(?:\s+(?:(?:{lead_ins})\s+)?{MARK})?\s+(?:(?:{that})\s+)?(?=\S+(?:\s+\S+){{3}})",
            re.IGNORECASE,
        ),
        "subordinate": re.compile(rf"^(?:{subs})\b[^,]{{0,120}},\s+", re.IGNORECASE),
        "paren": re.compile(r"\s*\([^()]*\)"),
        "dash_aside": re.compile(r"\s+[—–]\s+[^—–]*\s+[—–](?=\s)"),
        "relative": re.compile(
            rf",\s+(?:{_alternation(heads.relative_asides) or _NEVER})\s+[^,]*,"
        ),
        "appositive": re.compile(rf"(?<=[A-Za-z]),\s+(?:{articles})\s+[^,]{{3,160}},"),
    }


def make_headline(
    sentence: str,
    date_start: int = -1,
    date_end: int = -1,
    *,
    tokenised: bool = True,
    others: Sequence[tuple[int, int]] = (),
    lang: str = DEFAULT,
) -> str:
    """A short extractive headline; the date phrase is ``sentence[date_start:date_end]``.

    ``others``: the spans of the sentence's other event dates (each date gets the clause or
    phrase it modifies). ``tokenised=False`` when the sentence's text cannot look tokenised (see
    :func:`chronicle.text.tokenised.may_look_tokenised`). ``lang``: the sentence's language,
    whose word lists (``data/<lang>/``) cut it.
    """
    with reading(lang):
        return _headline(sentence, date_start, date_end, tokenised=tokenised, others=others)


def _headline(
    sentence: str,
    date_start: int,
    date_end: int,
    *,
    tokenised: bool,
    others: Sequence[tuple[int, int]],
) -> str:
    """:func:`make_headline` in the language being read."""
    pats = _patterns(language())
    marked = sentence
    date_text = ""
    restore: dict[str, str] = {}
    if 0 <= date_start < date_end <= len(sentence):
        date_start = _after_joining_word(sentence, date_start, date_end)
        date_text = squeeze(sentence[date_start:date_end])
        cuts = [(date_start, date_end, MARK)]
        for k, (start, end) in enumerate(sorted(set(others))):
            inside = 0 <= start < end <= len(sentence)
            if inside and all(end <= s or start >= e for s, e, _ in cuts):
                restore[other_mark(k)] = squeeze(sentence[start:end])
                cuts.append((start, end, other_mark(k)))
        for start, end, stand_in in sorted(cuts, reverse=True):
            marked = marked[:start] + stand_in + marked[end:]
    text = clean_sentence(marked, tokenised=tokenised)
    text = _pick_clause(text)
    if "(" in text:
        cut = pats["paren"].sub(_gap, text)  # a bracketed date restates the one outside
        # a sentence all in brackets keeps its words, without the brackets
        text = cut if _WORDY.search(cut) else text.replace("(", "").replace(")", "")
    if "—" in text or "–" in text:
        text = _delete(pats["dash_aside"], text)
    if text[:1].lower() in _attribution_initials(language()):
        text = _delete(pats["attribution"], text)
    cut = _cut_attribution(text)
    if cut is not text and len(cut.split()) >= 4 and (MARK in cut or MARK not in text):
        text = cut  # not the date's own phrase ("..., X said after Wednesday's rally")
    if _may_lead_attribution(text):
        cut = pats["leading_attr"].sub("", text)
        if cut != text and len(cut.split()) >= 4 and MARK in text[: len(text) - len(cut)]:
            text = cut  # "Police said on Friday that ..." → the reported happening
    headline = _phrase_headline(text, date_text)
    if headline is None:
        headline = _clause_headline(text, date_text, sentence, tokenised=tokenised)
    if restore:
        for stand_in, written in restore.items():
            headline = headline.replace(stand_in, written)
        headline = headline[:1].upper() + headline[1:]
    return headline


def _after_joining_word(sentence: str, start: int, end: int) -> int:
    """Where the date itself starts when its phrase opens with the preposition that joins it to
    a happening ("del viernes" in "los atentados del viernes": headline.toml ``dated_of``)."""
    first, space, rest = sentence[start:end].partition(" ")
    if space and rest.strip() and first.lower() in word_lists()["dated_of"]:
        return start + len(first) + len(space)
    return start


def _phrase_headline(text: str, date_text: str) -> str | None:
    """The headline of a date that belongs to a phrase rather than to its clause (see
    :mod:`chronicle.events.headline.phrases`), or None."""
    tokens = text.split()
    at = mark_index(tokens)
    if at < 0:
        return None
    found = phrase_of_date(tokens, at)
    if found is None:
        part = own_part(tokens, at)
        if part is None:
            return None
        pieces, fragment = part
        kept = drop_date(pieces, date_text, fragment=fragment)
        text = _drop_opener(" ".join(unpunctuated(kept)))
        return _finish(" ".join(_shorten(text.split(), date_text)).replace(MARK, date_text))
    start, end, keep_date, check = found
    if check:  # a co-temporal phrase: the clause tells it when its headline names the phrase
        clause = _clause_headline(text, date_text, "", tokenised=False)
        if plain(tokens[end - 1]) in map(plain, clause.split()):
            return clause
    words = tokens[start:end]
    if not keep_date:
        words = [t for t in words if MARK not in t]
    words = unpunctuated(words)
    return _finish(" ".join(_shorten(words, date_text)).replace(MARK, date_text))


def _clause_headline(text: str, date_text: str, sentence: str, *, tokenised: bool) -> str:
    """The headline from the clause of the date (``text``: the marked, cleaned sentence)."""
    pats = _patterns(language())
    anchored = _anchored(date_text, opens=text.startswith(MARK))
    pieces, fragment = choose(text.split(), anchored=anchored)
    pieces = [cut_other_conjunct(p) if has_mark(p) else p for p in pieces]
    pieces = [drop_date(p, date_text, fragment=fragment) if has_mark(p) else p for p in pieces]
    tokens = _fit([p for p in pieces if p])
    text = " ".join(tokens)
    text = _drop_opener(text)
    for _ in range(2):  # "After the vote, ..." / "On Friday, ..."
        if "," not in text:
            break
        cut = pats["subordinate"].sub("", text, count=1)
        if cut == text or len(cut.split()) < 4 or MARK in text[: len(text) - len(cut)]:
            break
        text = cut
    tokens = text.split()
    for aside in ("relative", "appositive"):  # each only while over the budget
        if _count(tokens, date_text) <= MAX_WORDS:
            break
        text = _delete(pats[aside], text)
        tokens = text.split()
    text = " ".join(_shorten(tokens, date_text))
    headline = _finish(text.replace(MARK, date_text))
    if not _WORDY.search(headline) and sentence:  # all cut away: the sentence's opening words
        opening = clean_sentence(sentence, tokenised=tokenised).split()[:MAX_WORDS]
        headline = _finish(" ".join(opening))
    return headline


def _anchored(date_text: str, *, opens: bool) -> bool:
    """True when the date phrase dates the clause after it: it ends in a connector ("two days
    after, ...") or, opening the sentence, holds one ("Three days after the attacks, ...")."""
    if not date_text:
        return False
    words = date_text.lower().split()
    connectors = word_lists()["connectors"]
    return words[-1] in connectors or (opens and not connectors.isdisjoint(words[:-1]))


def _may_lead_attribution(text: str) -> bool:
    """Cheap test before the "X said (on Tuesday) (that) ..." pattern: a reporting verb among
    the second to sixth words."""
    verbs = word_lists()["reporting_verbs"]
    return not verbs.isdisjoint(map(str.lower, text.split(None, 6)[1:6]))


def _gap(match: re.Match[str]) -> str:
    """Nothing for a deleted aside, or a space when it stood between two words."""
    after = match.string[match.end() : match.end() + 1]
    return " " if after and (after.isalnum() or after in "'’") else ""


def _delete(pattern: re.Pattern[str], text: str) -> str:
    """``text`` without the matches of ``pattern`` that do not hold the date phrase."""
    return pattern.sub(lambda m: m.group(0) if MARK in m.group(0) else "", text)


def _count(tokens: list[str], date_text: str) -> int:
    """Words in ``tokens``, the marker counting as the words of the date phrase."""
    extra = len(date_text.split()) - 1
    if extra <= 0:
        return len(tokens)
    return len(tokens) + extra * sum(map(contains, tokens, repeat(MARK)))


def _fit(pieces: list[list[str]]) -> list[str]:
    """The pieces joined, trailing ones dropped while over the word budget."""
    if not pieces:
        return []
    while len(pieces) > 1 and sum(map(len, pieces)) > MAX_WORDS:
        pieces = pieces[:-1]
    out = list(chain.from_iterable(pieces))
    if out and ends_clause(out[-1]):
        out[-1] = out[-1].rstrip(END_MARKS).rstrip(",;:")
    return out


def _drop_opener(text: str) -> str:
    """Without a leading "Meanwhile", "However," or "But"."""
    first, _, rest = text.partition(" ")
    if plain(first) in word_lists()["openers"] and len(rest.split()) >= 2:
        return rest
    return text


_END_OR_COMMA = END_MARKS + ","


def _is_reporting_verb(token: str) -> bool:
    """True for a reporting verb ("said,"), whatever its case and trailing marks."""
    return token.lower().strip(_END_OR_COMMA) in word_lists()["reporting_verbs"]


_REPORTING = TokenMemo(_is_reporting_verb, per_language=True)
_ATTRIBUTION_REACH = 9  # the reporting verb is among the last words


def _holds_clause_mark(text: str) -> bool:
    """True when ``text`` holds a comma, semicolon or colon."""
    return "," in text or ";" in text or ":" in text


def _cut_attribution(text: str) -> str:
    """Drop a trailing attribution: "..., officials said on Tuesday." / "..., said Mr Smith."

    Token scan instead of a regex (which costs a backtracking search per sentence):
    a reporting verb among the last words, at most a few comma-free words after
    it, and before it either a comma (inverted "..., said X") or at most six
    comma-free words back to the previous comma (the speaker).
    """
    tokens = text.split(" ")
    hits = _REPORTING.map(tokens[-_ATTRIBUTION_REACH:])
    if True not in hits:
        return text
    j = len(tokens) - 1 - hits[::-1].index(True)  # the last reporting verb
    after = tokens[j + 1 :]
    if after and (
        _holds_clause_mark(" ".join(after[:-1])) or _holds_clause_mark(after[-1].rstrip(END_MARKS))
    ):
        return text
    if j > 0 and tokens[j - 1].endswith(",") and len(after) <= 8:
        if any(is_verb(t) for t in after):
            return text  # "..., said the deal was dead": a statement, not a speaker
        head = tokens[:j]  # inverted: "..., said the minister."
    elif len(after) <= 5:
        k = j
        while k > 1 and j - k < 6 and not _holds_clause_mark(tokens[k - 1]):
            k -= 1
        if k == 0 or (j - k >= 6 and not _holds_clause_mark(tokens[k - 1])):
            return text  # no clause boundary before the speaker
        head = tokens[:k]
    else:
        return text
    if head and head[-1].endswith(","):
        head[-1] = head[-1][:-1]
    return " ".join(head)


_WORDY = re.compile(r"\w")
# "; " or a spaced dash before a capital, with the white space before either:
# r"\s*;\s+|\s+[—–-]{1,2}\s+(?=[A-Z])" written to start with one character class, which the
# regex engine skips ahead to (a leading "\s*" makes it try every position).
_CLAUSE_BREAK = re.compile(r"[\s;](?:(?<=;)\s+|(?<=\s)\s*;\s+|(?<=\s)\s*[—–-]{1,2}\s+(?=[A-Z]))")


def _pick_clause(text: str) -> str:
    """The clause holding the date phrase, for sentences joined by ';' or a spaced dash."""
    if ";" not in text and " -" not in text and " —" not in text and " –" not in text:
        return text  # nothing to split at (the text has single spaces only)
    clauses = [c for c in _CLAUSE_BREAK.split(text) if c.strip()]
    if len(clauses) < 2:
        return text
    for clause in clauses:
        if MARK in clause and len(clause.split()) >= 4:
            return clause
    return max(clauses[:2], key=_word_count)


def _word_count(text: str) -> int:
    """Words in ``text``: tokens with a letter or digit (a dash or the date marker alone is
    none: the date phrase mostly leaves the headline)."""
    return sum(1 for token in text.split() if _WORDY.search(token))


def _shorten(tokens: list[str], date_text: str) -> list[str]:
    """Cut to the word budget: at a clause boundary when one is near, else with an ellipsis."""
    if _count(tokens, date_text) <= MAX_WORDS:
        return tokens
    words = word_lists()
    limit = MAX_WORDS
    while limit > 1 and _count(tokens[:limit], date_text) > MAX_WORDS:
        limit -= 1
    for k in range(limit, 5, -1):
        if ends_clause(tokens[k - 1]):
            return tokens[:k]
        nxt = plain(tokens[k])
        if nxt in words["clean_cuts"] and plain(tokens[k - 1]) not in words["dangling"]:
            return tokens[:k]  # "... after a meeting of the council": a trailing adverbial
        if nxt in words["clause_joiners"] and k + 1 < len(tokens):
            follow = tokens[k + 1]
            if is_verb(follow) or plain(follow) in words["adverbs"]:
                return tokens[:k]  # "... and then returned": a second verb phrase
    for k in range(limit, 5, -1):
        nxt = plain(tokens[k])
        opens = nxt not in words["bound_prepositions"] and (
            nxt in words["prepositions"] or nxt in words["phrase_joiners"]
        )
        if opens and plain(tokens[k - 1]) not in words["dangling"] and MARK not in tokens[k - 1]:
            return [*tokens[:k], "…"]
    return [*tokens[:limit], "…"]


_COMMAS = re.compile(r",{2,}")
_SPACE_BEFORE_MARK = re.compile(r" (?=[,.;:!?])")


def _finish(text: str) -> str:
    """Tidy punctuation and spacing; capitalise the first letter; no final period."""
    text = _SPACE_BEFORE_MARK.sub("", squeeze(text))
    if ",," in text:
        text = _COMMAS.sub(",", text)
    text = text.replace(" …", "…")
    text = text.strip(" ,;:-–—")
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1].rstrip()
    if text.endswith((",…", ";…", ":…")):
        text = text[:-2] + "…"
    if text.count('"') % 2:
        text = text.replace('"', "")
    if text.count("“") != text.count("”"):
        text = text.replace("“", "").replace("”", "")
    text = text.strip()
    return text[:1].upper() + text[1:] if text else text
