"""Extractive headlines: compress a sentence to the clause that says who did what.

Only deletions: attribution ("officials said on Tuesday"), a leading
subordinate clause ("After the vote, ..."), parentheticals, relative clauses
and appositives, and the date phrase itself when it is an adverbial
prepositional phrase ("on Friday"). No word is added; a hard cut past the word
budget ends in an ellipsis.
"""

from __future__ import annotations

import re
from functools import cache

from chronicle.text import clean_sentence, data_file

MAX_WORDS = 15
_MARK = "\ue000"  # stands in for the date phrase while the sentence is cut


@cache
def _lists() -> tuple[str, str, str]:
    """Regex alternations for reporting verbs, subordinators and date prepositions."""
    words = data_file("events-words.toml")
    verbs = "|".join(sorted(words["reporting_verbs"], key=len, reverse=True))
    subs = "|".join(sorted(words["subordinators"], key=len, reverse=True))
    preps = "|".join(
        re.escape(p) for p in sorted(words["date_prepositions"], key=len, reverse=True)
    )
    return verbs, subs, preps


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """Compiled patterns for each deletion."""
    verbs, subs, preps = _lists()
    word = r"[^\s,;:]+"
    return {
        # "According to X, ..." at the start
        "according": re.compile(r"^according to [^,]{1,80},\s*", re.IGNORECASE),
        # "X said (on Tuesday) (that) ..." at the start, when something follows
        "leading_attr": re.compile(
            rf"^(?:{word}\s+){{1,5}}?(?:{verbs})(?:\s+(?:reporters|journalists|parliament))?"
            rf"(?:\s+(?:on\s+)?{_MARK})?\s+(?:that\s+)?(?=\S+(?:\s+\S+){{3}})",
            re.IGNORECASE,
        ),
        "subordinate": re.compile(rf"^(?:{subs})\b[^,]{{0,120}},\s+", re.IGNORECASE),
        "date_phrase": re.compile(
            rf"(?:,\s*)?(?:\b(?P<prep>{preps})\s+)?(?:(?:early|late|last|this|next)\s+)?{_MARK}"
            rf"(?!['’]s)(?:\s*,)?",
            re.IGNORECASE,
        ),
        "paren": re.compile(r"\s*\([^()]*\)"),
        "dash_aside": re.compile(r"\s+[—–]\s+[^—–]*\s+[—–](?=\s)"),
        "relative": re.compile(r",\s+(?:who|which|whose|where)\s+[^,]*,"),
        "appositive": re.compile(r"(?<=[A-Za-z]),\s+(?:the|a|an)\s+[^,]{3,160},"),
    }


def make_headline(sentence: str, date_start: int = -1, date_end: int = -1) -> str:
    """A short extractive headline; the date phrase is ``sentence[date_start:date_end]``."""
    pats = _patterns()
    marked = sentence
    date_text = ""
    if 0 <= date_start < date_end <= len(sentence):
        date_text = sentence[date_start:date_end]
        marked = sentence[:date_start] + _MARK + sentence[date_end:]
    text = clean_sentence(marked)
    text = _pick_clause(text)
    text = pats["paren"].sub("", text)
    text = pats["dash_aside"].sub("", text)
    text = pats["according"].sub("", text)
    cut = _cut_attribution(text)
    if len(cut.split()) >= 4:
        text = cut
    cut = pats["leading_attr"].sub("", text)
    if cut != text and len(cut.split()) >= 4 and _MARK in text[: len(text) - len(cut)]:
        text = cut  # "Police said on Friday that ..." → the reported happening
    at = text.find(_MARK)
    if at >= 0:
        found = pats["date_phrase"].search(text, max(0, at - 40), at + 4)
        if found is not None:
            text = text[: found.start()] + _drop_date(found) + text[found.end() :]
    for _ in range(2):  # "After the vote, ..." / "On Friday, ..."
        cut = pats["subordinate"].sub("", text, count=1)
        if cut == text or len(cut.split()) < 4:
            break
        text = cut
    if len(text.split()) > MAX_WORDS:
        text = pats["relative"].sub("", text)
    if len(text.split()) > MAX_WORDS:
        text = pats["appositive"].sub("", text)
    text = text.replace(_MARK, date_text)
    return _finish(_shorten(text))


@cache
def _verbs() -> frozenset[str]:
    """Reporting verbs, lower-case."""
    return frozenset(data_file("events-words.toml")["reporting_verbs"])


_CLAUSE_MARKS = (",", ";", ":")
_END_MARKS = '.!?"”'


def _cut_attribution(text: str) -> str:
    """Drop a trailing attribution: "..., officials said on Tuesday." / "..., said Mr Smith."

    Token scan instead of a regex (which costs a backtracking search per sentence):
    a reporting verb among the last words, at most a few comma-free words after
    it, and before it either a comma (inverted "..., said X") or at most six
    comma-free words back to the previous comma (the speaker).
    """
    tokens = text.split(" ")
    verbs = _verbs()
    n = len(tokens)
    for j in range(n - 1, max(-1, n - 10), -1):
        if tokens[j].lower().strip(_END_MARKS + ",") in verbs:
            break
    else:
        return text
    after = tokens[j + 1 :]
    if any(mark in t for t in after[:-1] for mark in _CLAUSE_MARKS):
        return text
    if after and any(mark in after[-1].rstrip(_END_MARKS) for mark in _CLAUSE_MARKS):
        return text
    if j > 0 and tokens[j - 1].endswith(",") and len(after) <= 8:
        head = tokens[:j]  # inverted: "..., said the minister."
    elif len(after) <= 5:
        k = j
        while k > 1 and j - k < 6 and not any(m in tokens[k - 1] for m in _CLAUSE_MARKS):
            k -= 1
        if k == 0 or (j - k >= 6 and not any(m in tokens[k - 1] for m in _CLAUSE_MARKS)):
            return text  # no clause boundary before the speaker
        head = tokens[:k]
    else:
        return text
    if head and head[-1].endswith(","):
        head[-1] = head[-1][:-1]
    return " ".join(head)


def _drop_date(match: re.Match[str]) -> str:
    """Replacement for a date phrase: keep a separating space, or a comma between clauses."""
    found = match.group(0)
    prep = (match.group("prep") or "").lower()
    after = match.string[match.end() :]
    before = match.string[: match.start()].rstrip().lower()
    modifies_noun = re.match(r"\s+[a-z]", after) is not None and not found.rstrip().endswith(",")
    if modifies_noun and (
        prep in ("after", "before", "since", "until", "from", "of", "for", "during")
        or (not prep and before.endswith(("the", " a", " an", "'s", "’s")))
    ):
        return found  # "after Friday prayers", "the Monday meeting": the date names a thing
    if found.rstrip().endswith(","):
        at_start = not match.string[: match.start()].strip()
        return "" if at_start else ", "
    return ", " if found.startswith(",") and match.end() < len(match.string.rstrip(" .")) else " "


def _pick_clause(text: str) -> str:
    """The clause holding the date phrase, for sentences joined by ';' or a spaced dash."""
    clauses = [c for c in re.split(r"\s*;\s+|\s+[—–-]{1,2}\s+(?=[A-Z])", text) if c.strip()]
    if len(clauses) < 2:
        return text
    for clause in clauses:
        if _MARK in clause and len(clause.split()) >= 4:
            return clause
    return max(clauses[:2], key=lambda c: len(c.split()))


def _shorten(text: str) -> str:
    """Cut to the word budget, at a clause boundary when one is near."""
    tokens = text.split()
    if len(tokens) <= MAX_WORDS:
        return text
    head = " ".join(tokens[:MAX_WORDS])
    for sep in (", ", " and ", " but ", " as ", " while ", " after ", " because "):
        at = head.rfind(sep)
        if at > 0 and len(head[:at].split()) >= 6:
            return head[:at]
    return head.rstrip(",;:") + "…"


def _finish(text: str) -> str:
    """Tidy punctuation and spacing; capitalise the first letter; no final period."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r",{2,}", ",", text)
    text = text.strip(" ,;:-–—")
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1].rstrip()
    if text.count('"') % 2:
        text = text.replace('"', "")
    if text.count("“") != text.count("”"):
        text = text.replace("“", "").replace("”", "")
    text = text.strip()
    return text[:1].upper() + text[1:] if text else text
