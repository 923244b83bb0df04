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
from dataclasses import dataclass
from functools import cache

from chronicle.text import clean_sentence, data_file

MAX_WORDS = 15
_MARK = "\ue000"  # stands in for the date phrase while the sentence is cut
_DASHES = frozenset({"-", "--", "—", "–"})
_CLAUSE_MARKS = (",", ";", ":")
_END_MARKS = '.!?"”'
_STRIP = ".,;:!?\"'“”‘’()[]"


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
def _words() -> dict[str, frozenset[str]]:
    """The word lists of ``headline-words.toml``, as sets."""
    return {key: frozenset(value) for key, value in data_file("headline-words.toml").items()}


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """Compiled patterns for each deletion."""
    verbs, subs, _preps = _lists()
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
        date_text = " ".join(sentence[date_start:date_end].split())
        marked = sentence[:date_start] + _MARK + sentence[date_end:]
    text = clean_sentence(marked)
    text = _pick_clause(text)
    text = pats["paren"].sub("", text)  # a bracketed date restates the one outside
    text = _delete(pats["dash_aside"], text)
    text = _delete(pats["according"], text)
    cut = _cut_attribution(text)
    if len(cut.split()) >= 4:
        text = cut
    cut = pats["leading_attr"].sub("", text)
    if cut != text and len(cut.split()) >= 4 and _MARK in text[: len(text) - len(cut)]:
        text = cut  # "Police said on Friday that ..." → the reported happening
    anchored = date_text.split()[-1].lower() in _words()["connectors"] if date_text else False
    pieces, fragment = _choose(text.split(), anchored=anchored)
    pieces = [_drop_date(p, date_text, fragment=fragment) if _has_mark(p) else p for p in pieces]
    tokens = _fit([p for p in pieces if p])
    text = " ".join(tokens)
    text = _drop_opener(text)
    for _ in range(2):  # "After the vote, ..." / "On Friday, ..."
        cut = pats["subordinate"].sub("", text, count=1)
        if cut == text or len(cut.split()) < 4 or _MARK in text[: len(text) - len(cut)]:
            break
        text = cut
    if _count(text.split(), date_text) > MAX_WORDS:
        text = _delete(pats["relative"], text)
    if _count(text.split(), date_text) > MAX_WORDS:
        text = _delete(pats["appositive"], text)
    text = " ".join(_shorten(text.split(), date_text))
    return _finish(text.replace(_MARK, date_text))


def _delete(pattern: re.Pattern[str], text: str) -> str:
    """``text`` without the matches of ``pattern`` that do not hold the date phrase."""
    return pattern.sub(lambda m: m.group(0) if _MARK in m.group(0) else "", text)


def _has_mark(tokens: list[str]) -> bool:
    """True when the date marker is among ``tokens``."""
    return any(_MARK in t for t in tokens)


def _bare(token: str) -> str:
    """Lower-case word without surrounding punctuation."""
    return token.strip(_STRIP).lower()


def _count(tokens: list[str], date_text: str) -> int:
    """Words in ``tokens``, the marker counting as the words of the date phrase."""
    extra = max(0, len(date_text.split()) - 1)
    return len(tokens) + sum(extra for t in tokens if _MARK in t)


# ---------------------------------------------------------------- word classes


def _is_verb(token: str, prev: str = "") -> bool:
    """Cheap guess: an auxiliary, a listed verb form, or a lower-case word in -ed."""
    if _MARK in token:
        return False
    low = _bare(token)
    words = _words()
    if low in words["verbs"]:
        return True
    if token[:1].isupper() or _bare(prev) in words["adjective_markers"]:
        return False
    return len(low) > 4 and low.endswith("ed") and low not in words["not_verbs"]


def _verb_at(tokens: list[str], i: int) -> bool:
    """:func:`_is_verb` for ``tokens[i]``, with the word before it as context."""
    return _is_verb(tokens[i], tokens[i - 1] if i > 0 else "")


def _is_participle(token: str) -> bool:
    """A past participle that can open a reduced relative clause."""
    low = _bare(token)
    if token[:1].isupper() or _MARK in token:
        return False
    words = _words()
    return low in words["participles"] or (
        len(low) > 4 and low.endswith("ed") and low not in words["not_verbs"]
    )


def _ends_clause(token: str) -> bool:
    """True when ``token`` carries a clause mark (comma, semicolon, colon)."""
    return token.rstrip(_END_MARKS).endswith(_CLAUSE_MARKS)


# ---------------------------------------------------------------- segments


@dataclass
class _Seg:
    """A stretch of tokens between clause boundaries; ``body`` skips its opener."""

    start: int
    end: int
    kind: str  # "start", a punctuation mark, "-", "list" or the opening connector
    body: int  # index of the first token after the opener

    def has_verb(self, tokens: list[str]) -> bool:
        """True when a verb-like token stands in the body."""
        return any(_verb_at(tokens, i) for i in range(self.body, self.end))

    def has_subject(self, tokens: list[str]) -> bool:
        """True when the body does not start with its verb or an -ing form."""
        adverbs = _words()["adverbs"]
        at = self.body
        while at < self.end - 1 and _bare(tokens[at]) in adverbs:
            at += 1
        if at >= self.end:
            return False
        first = tokens[at]
        return not (_verb_at(tokens, at) or (_bare(first).endswith("ing") and first.islower()))

    def opens_clause(self, tokens: list[str]) -> bool:
        """True when the body starts with a subject of its own ("the Senate will vote")."""
        if not self.has_verb(tokens) or self.body >= self.end:
            return False
        first = tokens[self.body]
        words = _words()
        low = _bare(first)
        return low in words["determiners"] or low in words["pronouns"] or first[:1].isupper()


def _segments(tokens: list[str]) -> list[_Seg]:
    """Cut ``tokens`` at punctuation, dashes and clause openers."""
    words = _words()
    connectors = words["connectors"]
    cuts: list[tuple[int, str, int]] = []  # (start, kind, body)
    lead = ""
    for i, token in enumerate(tokens):
        low = _bare(token)
        nxt = _bare(tokens[i + 1]) if i + 1 < len(tokens) else ""
        prev = tokens[i - 1] if i else ""
        kind = ""
        skip = 0
        if i == 0:
            kind, skip = ("start", 0) if low not in connectors or low == "that" else (low, 1)
        elif token in _DASHES:
            kind, skip = "-", 1
        elif prev in _DASHES:
            continue
        elif low == "so" and nxt == "that":
            kind, skip = "so that", 2
        elif _ends_clause(prev):
            kind = low if low in connectors else prev.rstrip(_END_MARKS)[-1]
            skip = 1 if low in connectors or low in ("and", "but", "or") else 0
            if low in ("and", "but", "or"):
                kind = "and"
        elif low == "that" and _bare(prev) == "so":
            continue
        elif low in connectors:
            if low == "that" and _bare(prev) in words["prepositions"]:
                continue  # "in that case"
            kind, skip = low, 1
        elif low in ("to", "and") and lead in ("from", "including") and nxt in words["determiners"]:
            kind, skip = "list", 0
        elif low in ("and", "but") and _subject_next(tokens, i + 1):
            kind, skip = "and", 1
        if not kind:
            continue
        cuts.append((i, kind, i + skip))
        lead = low
    segs = []
    for n, (start, kind, body) in enumerate(cuts):
        end = cuts[n + 1][0] if n + 1 < len(cuts) else len(tokens)
        segs.append(_Seg(start, end, kind, min(body, end)))
    return _join_lists(tokens, segs)


def _subject_next(tokens: list[str], at: int) -> bool:
    """True when a new clause with its own subject and verb starts at ``at`` ("the party will")."""
    if at >= len(tokens):
        return False
    words = _words()
    first = _bare(tokens[at])
    if first not in words["determiners"] and first not in words["pronouns"]:
        return False
    for i in range(at + 1, min(len(tokens), at + 6)):
        if _ends_clause(tokens[i - 1]) or _bare(tokens[i]) in words["prepositions"]:
            return False
        if _verb_at(tokens, i):
            return True
    return False


def _join_lists(tokens: list[str], segs: list[_Seg]) -> list[_Seg]:
    """Glue list items ("Molenbeek, Anderlecht, Jette and ...") back into one segment."""
    out: list[_Seg] = []
    open_list = False
    for n, seg in enumerate(segs):
        capital = tokens[seg.start][:1].isupper() and tokens[seg.end - 1].endswith(",")
        nxt = segs[n + 1] if n + 1 < len(segs) else None
        short = capital and (
            (seg.kind == "," and seg.end - seg.start <= 2 and tokens[seg.start - 1][:1].isupper())
            or (
                seg.kind == "start"
                and seg.end - seg.start == 1
                and nxt is not None
                and nxt.kind == ","
                and tokens[nxt.start][:1].islower()
            )
        )
        if out and (open_list or (short and seg.kind == ",")):
            last = out[-1]
            out[-1] = _Seg(last.start, seg.end, last.kind, last.body)
        else:
            out.append(seg)
        open_list = short
    return out


_SUBORDINATE = frozenset({"and", "so that", "list"})


def _choose(tokens: list[str], *, anchored: bool = False) -> tuple[list[list[str]], bool]:
    """Pieces of the headline (the clause first) and whether it is a verbless fragment.

    An ``anchored`` date ("two days after") opens a clause that dates the main
    one, so the main clause makes the headline.
    """
    if not tokens:
        return [], False
    segs = _segments(tokens)
    connectors = _words()["connectors"]
    mark = next((n for n, s in enumerate(segs) if _has_mark(tokens[s.start : s.end])), -1)
    if mark > 0:
        seg = segs[mark]
        at = _mark_index(tokens, seg)
        verbless = seg.kind in connectors and seg.kind != "including" and not seg.has_verb(tokens)
        if verbless and _event_phrase(tokens, seg, at) is None:  # "since Monday": the clause before
            before = segs[mark - 1]
            segs[mark - 1 : mark + 1] = [_Seg(before.start, seg.end, before.kind, before.body)]
            mark -= 1
    main = next(
        (
            n
            for n, s in enumerate(segs)
            if s.kind not in connectors and s.kind not in _SUBORDINATE and s.has_verb(tokens)
        ),
        -1,
    )
    if main < 0:
        return [tokens], False
    if mark >= 0 and not anchored:
        seg = segs[mark]
        loose = mark != main and seg.kind != "start" and not seg.has_verb(tokens)
        start = _reduced_relative(tokens, seg, _mark_index(tokens, seg), loose=loose)
        if start is not None:
            return [tokens[start : seg.end]], True
    if not anchored and (mark > main or (0 < mark < main and segs[mark].kind != "start")):
        own = _own_clause(tokens, segs[mark], segs[mark - 1])
        if own is not None:
            return [own[0]], own[1]
    return _main_pieces(tokens, segs, main, mark), False


def _mark_index(tokens: list[str], seg: _Seg) -> int:
    """Index of the token holding the date marker inside ``seg``."""
    return next(i for i in range(seg.start, seg.end) if _MARK in tokens[i])


def _own_clause(tokens: list[str], seg: _Seg, before: _Seg) -> tuple[list[str], bool] | None:
    """The segment holding the date as a headline of its own, when it can stand alone."""
    words = _words()
    body = tokens[seg.body : seg.end]
    if not body:
        return None
    if seg.has_verb(tokens):
        if seg.has_subject(tokens) and seg.kind in words["relatives"] and seg.kind != "that":
            head = _antecedent(tokens, seg.start, before.start)  # "a sitting, which X allowed"
            return (_unpunctuated(head) + tokens[seg.start : seg.end], True) if head else None
        if seg.has_subject(tokens):
            return body, False
        if seg.kind in words["relatives"]:
            head = _antecedent(tokens, seg.start, before.start)
            if head is not None:
                return head + body, False
        if seg.kind == "whose":
            return body, False
        return None
    start = _event_phrase(tokens, seg, _mark_index(tokens, seg))
    if start is not None:
        return tokens[start : seg.end], True
    return None


def _unpunctuated(tokens: list[str]) -> list[str]:
    """``tokens`` with the clause mark after the last one removed."""
    if tokens and _ends_clause(tokens[-1]):
        return [*tokens[:-1], tokens[-1].rstrip(_END_MARKS).rstrip(",;:")]
    return tokens


def _main_pieces(tokens: list[str], segs: list[_Seg], main: int, mark: int) -> list[list[str]]:
    """The main clause (with its subject and leading adverbials) and the segments that follow it."""
    words = _words()
    seg = segs[main]
    core = tokens[seg.start : seg.end]
    first = segs[0]
    if main > 0 and not seg.has_subject(tokens) and not first.has_verb(tokens):
        head = tokens[first.start : first.end]  # "X, the ..., returns to Egypt"
        if 0 < mark < main:
            head = tokens[first.start : segs[mark].end]
        nxt = segs[main + 1] if main + 1 < len(segs) else None
        apposition = (  # "The factory, founded in 1940, closed": keep the commas
            nxt is not None
            and nxt.kind == ","
            and nxt.has_verb(tokens)
            and not nxt.has_subject(tokens)
        )
        core = (head if apposition else _unpunctuated(head)) + core
    elif 0 <= mark < main:
        core = tokens[
            segs[mark].start : seg.end
        ]  # "In January, ..." / "Between 2009 and 2012, ..."
    pieces = [core]
    frag_last = False  # the last piece is a verbless phrase after the clause
    glue = False  # the next piece continues the clause after an apposition
    skipping = False  # a subordinate clause was just left out
    for after in segs[main + 1 :]:
        part = tokens[after.start : after.end]
        if after.kind in _SUBORDINATE or (
            after.opens_clause(tokens) and after.kind not in words["connectors"]
        ):
            break
        if after.kind in words["connectors"]:
            if not after.has_verb(tokens):
                if not skipping:
                    pieces[-1] = pieces[-1] + part  # "two minutes before the end"
                continue
            if frag_last:
                pieces.pop()  # "20 years" of "20 years after it was first proposed"
                glue = after.kind in words["relatives"]
            frag_last = False
            skipping = True
            continue
        skipping = False
        if glue:
            pieces[0] = _unpunctuated(pieces[0]) + part
            glue = False
            continue
        pieces.append(part)
        frag_last = not after.has_verb(tokens)
    return pieces


def _antecedent(tokens: list[str], at: int, floor: int) -> list[str] | None:
    """The noun phrase just before a relative pronoun at ``at`` ("the bridge over the river")."""
    words = _words()
    start: int | None = None
    i = at - 1
    while i >= floor and at - i <= 9:
        token = tokens[i]
        low = _bare(token)
        if (i != at - 1 and _ends_clause(token)) or _MARK in token or _verb_at(tokens, i):
            break
        if low in words["prepositions"]:
            extends = low in words["antecedent_prepositions"] and start is not None
            if extends and start is not None and _bare(tokens[start]) in words["determiners"]:
                i -= 1
                continue
            break
        if low in words["determiners"] or token[:1].isupper():
            start = i
        i -= 1
    if start is None or _bare(tokens[at - 1]) in words["calendar_words"]:
        return None
    return _unpunctuated(tokens[start:at])


def _reduced_relative(tokens: list[str], seg: _Seg, at: int, *, loose: bool) -> int | None:
    """Start of "a law written during the war <date>": a noun phrase and its participle.

    In a clause the noun phrase must stand in the predicate (after a verb or a
    preposition), so that "A bridge over the river collapsed on Monday" keeps its
    verb; a ``loose`` verbless apposition may start with it.
    """
    words = _words()
    for p in range(at - 1, max(seg.body, at - 7) - 1, -1):  # the date near its participle
        token = tokens[p]
        if _ends_clause(token):
            return None
        if not _is_participle(token):
            if _verb_at(tokens, p):
                return None
            continue
        n = p - 1
        while n > seg.body and _bare(tokens[n]) in words["participle_adverbs"]:
            n -= 1
        if n < seg.body:
            return None
        prev = _bare(tokens[n])
        if prev in words["prepositions"] or prev in words["adjective_markers"]:
            return None
        if prev in words["determiners"] or _verb_at(tokens, n):
            return None
        if prev in words["copulas"] or prev in words["dangling"]:
            return None
        for q in range(n, max(seg.body, n - 6) - 1, -1):
            low = _bare(tokens[q])
            if _ends_clause(tokens[q]) or low in words["prepositions"] or _verb_at(tokens, q):
                return None
            if low in words["determiners"]:
                if q <= seg.body:
                    return q if loose and q == seg.body else None
                lead = _bare(tokens[q - 1])
                governed = lead in words["prepositions"] or lead.endswith("ing")
                in_predicate = any(
                    _verb_at(tokens, x) or _bare(tokens[x]).endswith("ing")
                    for x in range(seg.body, q)
                )
                return q if (governed or _verb_at(tokens, q - 1)) and in_predicate else None
        return None
    return None


def _event_phrase(tokens: list[str], seg: _Seg, at: int) -> int | None:
    """Start of the noun phrase naming a happening before the date ("the truck attack ...")."""
    words = _words()
    for p in range(at - 1, seg.body - 1, -1):
        if _bare(tokens[p]) not in words["event_nouns"]:
            continue
        q = p
        while q - 1 >= seg.body:
            low = _bare(tokens[q - 1])
            if (
                low in words["prepositions"]
                or _verb_at(tokens, q - 1)
                or _ends_clause(tokens[q - 1])
            ):
                break
            if low in words["fragment_lead_ins"]:
                break
            q -= 1
            if low in words["determiners"]:
                break
        return q
    return None


# ---------------------------------------------------------------- the date phrase


def _drop_date(tokens: list[str], date_text: str, *, fragment: bool) -> list[str]:
    """``tokens`` without the date phrase when it is a whole adverbial that can go."""
    words = _words()
    i = next(n for n, t in enumerate(tokens) if _MARK in t)
    before, after = tokens[i].split(_MARK, 1)
    if before or after.startswith(("'", "’")) or after.strip(",;:.!?"):
        return tokens  # possessive, bracketed or glued to other text
    j = i
    while j > 0 and _bare(tokens[j - 1]) in words["approximators"] and tokens[j - 1].isalpha():
        j -= 1
    prev = tokens[j - 1] if j > 0 else ""
    prep = _bare(prev) if prev and not _ends_clause(prev) else ""
    bare = _bare_adverbial(date_text.lower())
    if j >= 2 and prep in words["bare_date_lead_ins"] and _bare(tokens[j - 2]) == "the":
        j -= 2  # "the following spring"
        bare, prep = True, _bare(tokens[j - 1]) if j > 0 and not _ends_clause(tokens[j - 1]) else ""
    if prep in words["removable_prepositions"]:
        j -= 1
        if j > 0 and _bare(tokens[j - 1]) in words["edge_modifiers"] and tokens[j - 1].isalpha():
            j -= 1
        if j > 0 and _bare(tokens[j - 1]) in words["copulas"]:
            return tokens  # "was in 1999": the predicate
    elif j == 0 and after.startswith(",") and not fragment:
        pass  # "The day after the attacks, ...": a whole leading adverbial
    elif (
        fragment
        or not bare
        or (prep and (prep in words["prepositions"] or prep in words["dangling"]))
        or prep in words["time_object_verbs"]  # "spent last week at home"
    ):
        return tokens
    if _is_range(tokens, i, after):
        return tokens
    if fragment and i != len(tokens) - 1:
        return tokens  # inside a fragment only a trailing date goes
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    if j > 0 and not after and nxt[:1].isupper() and _bare(nxt) not in words["pronouns"]:
        return tokens  # "at 9.20pm Paris time": the date is inside a longer phrase
    kept = tokens[:j] + tokens[i + 1 :]
    tail = after.rstrip(".")
    if j > 0 and tail and not _ends_clause(kept[j - 1]):
        kept[j - 1] += tail  # "..., on Friday, the" → "..., the"
    if _dangles(kept, j, fragment=fragment):
        return tokens
    return kept


def _bare_adverbial(low_date: str) -> bool:
    """True for a date phrase that is an adverbial without a preposition ("last week")."""
    words = _words()
    parts = low_date.split()
    if parts and parts[0] == "the" and len(parts) > 1 and parts[1] in words["bare_date_lead_ins"]:
        return True
    return bool(parts) and (
        parts[0] in words["bare_adverbial_starts"] or parts[-1] in words["bare_adverbial_ends"]
    )


def _is_range(tokens: list[str], i: int, after: str) -> bool:
    """True when the date starts a range or list ("Monday to Wednesday", "2009 and 2012")."""
    if after or i + 2 > len(tokens) - 1:
        return False
    link = _bare(tokens[i + 1])
    other = tokens[i + 2]
    return link in ("to", "and", "or", "through", "until", "till", "-", "–") and (
        other[:1].isdigit() or (other[:1].isupper() and other != "I")
    )


def _dangles(kept: list[str], gap: int, *, fragment: bool) -> bool:
    """True when removing the date leaves a dangling word or too little."""
    words = _words()
    if len(kept) < (3 if fragment else 1):
        return True
    if gap > 0:
        left = _bare(kept[gap - 1])
        if left in words["dangling"] and not _ends_clause(kept[gap - 1]):
            return True
    if gap == len(kept) and fragment:
        last = kept[-1]
        if _is_participle(last) or _bare(last) in words["dangling"]:
            return True
    return False


# ---------------------------------------------------------------- budget and clean-up


def _fit(pieces: list[list[str]]) -> list[str]:
    """The pieces joined, trailing ones dropped while over the word budget."""
    if not pieces:
        return []
    while len(pieces) > 1 and sum(len(p) for p in pieces) > MAX_WORDS:
        pieces = pieces[:-1]
    out = [t for p in pieces for t in p]
    if out and _ends_clause(out[-1]):
        out[-1] = out[-1].rstrip(_END_MARKS).rstrip(",;:")
    return out


def _drop_opener(text: str) -> str:
    """Without a leading "Meanwhile", "However," or "But"."""
    first, _, rest = text.partition(" ")
    if _bare(first) in _words()["openers"] and len(rest.split()) >= 4:
        return rest
    return text


@cache
def _verbs() -> frozenset[str]:
    """Reporting verbs, lower-case."""
    return frozenset(data_file("events-words.toml")["reporting_verbs"])


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


def _pick_clause(text: str) -> str:
    """The clause holding the date phrase, for sentences joined by ';' or a spaced dash."""
    clauses = [c for c in re.split(r"\s*;\s+|\s+[—–-]{1,2}\s+(?=[A-Z])", text) if c.strip()]
    if len(clauses) < 2:
        return text
    for clause in clauses:
        if _MARK in clause and len(clause.split()) >= 4:
            return clause
    return max(clauses[:2], key=lambda c: len(c.split()))


def _shorten(tokens: list[str], date_text: str) -> list[str]:
    """Cut to the word budget: at a clause boundary when one is near, else with an ellipsis."""
    if _count(tokens, date_text) <= MAX_WORDS:
        return tokens
    words = _words()
    limit = MAX_WORDS
    while limit > 1 and _count(tokens[:limit], date_text) > MAX_WORDS:
        limit -= 1
    for k in range(limit, 5, -1):
        if _ends_clause(tokens[k - 1]):
            return tokens[:k]
        nxt = _bare(tokens[k])
        if nxt in ("and", "but") and k + 1 < len(tokens):
            follow = tokens[k + 1]
            if _is_verb(follow) or _bare(follow) in words["adverbs"]:
                return tokens[:k]  # "... and then returned": a second verb phrase
    for k in range(limit, 5, -1):
        nxt = _bare(tokens[k])
        opens = nxt != "of" and (nxt in words["prepositions"] or nxt in ("and", "or", "but", "as"))
        if opens and _bare(tokens[k - 1]) not in words["dangling"] and _MARK not in tokens[k - 1]:
            return [*tokens[:k], "…"]
    return [*tokens[:limit], "…"]


def _finish(text: str) -> str:
    """Tidy punctuation and spacing; capitalise the first letter; no final period."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r",{2,}", ",", text)
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
