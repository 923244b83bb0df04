"""Clause segmentation: which segment of a sentence the headline comes from."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from itertools import compress, count

from chronicle.events.headline.phrases import dated_noun_phrase, relation_phrase, skip_range
from chronicle.events.headline.words import (
    CLAUSE_ENDS,
    DASHES,
    END_MARKS,
    MARK,
    PLAIN,
    ends_clause,
    is_gerund,
    is_other,
    is_participle,
    language,
    mark_index,
    plain,
    unpunctuated,
    verb_at,
    verb_between,
    word_lists,
)

# Kinds of segments the code names (the others are a connector or a punctuation mark).
CONJUNCT = "+"  # a clause or verb phrase joined by a conjunction ("and the Senate will vote")
LIST = "list"  # the next item of a list or range ("from the truck attack to the raids")


@dataclass(slots=True)
class Segment:
    """A stretch of tokens between clause boundaries; ``body`` skips its opener."""

    start: int
    end: int
    kind: str  # "start", a punctuation mark, "-", "list" or the opening connector
    body: int  # index of the first token after the opener
    verb: bool | None = field(default=None, compare=False, repr=False)  # has_verb, once known

    def has_verb(self, tokens: list[str]) -> bool:
        """True when a verb-like token stands in the body (a segment belongs to one sentence)."""
        if self.verb is None:
            self.verb = verb_between(tokens, self.body, self.end)
        return self.verb

    def has_subject(self, tokens: list[str]) -> bool:
        """True when the body does not start with its verb or an -ing form."""
        adverbs = word_lists()["adverbs"]
        at = self.body
        while at < self.end - 1 and plain(tokens[at]) in adverbs:
            at += 1
        if at >= self.end:
            return False
        first = tokens[at]
        return not (verb_at(tokens, at) or (is_gerund(plain(first)) and first.islower()))

    def opens_clause(self, tokens: list[str]) -> bool:
        """True when the body starts with a subject of its own ("the Senate will vote")."""
        if not self.has_verb(tokens) or self.body >= self.end:
            return False
        first = tokens[self.body]
        words = word_lists()
        low = plain(first)
        return low in words["determiners"] or low in words["pronouns"] or first[:1].isupper()


def _may_open() -> frozenset[str]:
    """Lower-case words that may open a segment: the connectors and the ``segment_openers``."""
    return _may_open_in(language())


@cache
def _may_open_in(code: str) -> frozenset[str]:
    """:func:`_may_open` for the lists of ``code``."""
    words = word_lists()
    return words["connectors"] | words["segment_openers"]


def _cut_points(tokens: list[str], lows: list[str]) -> list[int]:
    """Indices where a segment may start: the first word, an opener, a dash and what follows a
    dash or a clause mark (most words open nothing)."""
    points = set(compress(count(), map(_may_open().__contains__, lows)))
    points.add(0)
    points.update(compress(count(1), CLAUSE_ENDS.map(tokens[:-1])))  # no dash ends a clause
    if not DASHES.isdisjoint(tokens):
        last = len(tokens) - 1
        for i, token in enumerate(tokens):
            if token in DASHES:
                points.add(i)
                if i < last:
                    points.add(i + 1)
    return sorted(points)


def segments(tokens: list[str]) -> list[Segment]:
    """Cut ``tokens`` at punctuation, dashes and clause openers."""
    words = word_lists()
    connectors = words["connectors"]
    cuts: list[tuple[int, str, int]] = []  # (start, kind, body)
    lead = ""
    lows = PLAIN.map(tokens)
    n_tokens = len(tokens)
    for i in _cut_points(tokens, lows) if tokens else ():
        token = tokens[i]
        low = lows[i]
        nxt = lows[i + 1] if i + 1 < n_tokens else ""
        prev = tokens[i - 1] if i else ""
        kind = ""
        skip = 0
        if i == 0:
            opens_clause = low not in connectors or low in words["complementizers"]
            kind, skip = ("start", 0) if opens_clause else (low, 1)
        elif token in DASHES:
            kind, skip = "-", 1
        elif prev in DASHES:
            continue
        elif f"{low} {nxt}" in words["purpose_connectors"]:
            kind, skip = f"{low} {nxt}", 2
        elif ends_clause(prev):
            kind = low if low in connectors else prev.rstrip(END_MARKS)[-1]
            skip = 1 if low in connectors or low in words["clause_conjunctions"] else 0
            if low in words["clause_conjunctions"]:
                kind = CONJUNCT
        elif f"{lows[i - 1]} {low}" in words["purpose_connectors"]:
            continue
        elif low in connectors:
            prev_low = lows[i - 1]
            if (
                low in words["complementizers"]
                and prev_low in words["prepositions"]
                and prev_low not in words["prepositions_before_complementizer"]
            ):
                continue  # "in that case" (but "informó de que ...": a statement)
            kind, skip = low, 1
        elif (
            low in words["list_joiners"]
            and lead in words["list_openers"]
            and nxt in words["determiners"]
        ):
            kind, skip = LIST, 0
        elif low in words["clause_joiners"] and _subject_next(tokens, i + 1):
            kind, skip = CONJUNCT, 1
        if not kind:
            continue
        cuts.append((i, kind, i + skip))
        lead = low
    segs = []
    for n, (start, kind, body) in enumerate(cuts):
        end = cuts[n + 1][0] if n + 1 < len(cuts) else len(tokens)
        segs.append(Segment(start, end, kind, min(body, end)))
    return _join_lists(tokens, segs)


def _subject_next(tokens: list[str], at: int) -> bool:
    """True when a new clause with its own subject and verb starts at ``at`` ("the party will")."""
    if at >= len(tokens):
        return False
    words = word_lists()
    first = plain(tokens[at])
    if first not in words["determiners"] and first not in words["pronouns"]:
        return False
    for i in range(at + 1, min(len(tokens), at + 6)):
        if ends_clause(tokens[i - 1]) or plain(tokens[i]) in words["prepositions"]:
            return False
        if verb_at(tokens, i):
            return True
    return False


def _join_lists(tokens: list[str], segs: list[Segment]) -> list[Segment]:
    """Glue list items ("Molenbeek, Anderlecht, Jette and ...") back into one segment."""
    out: list[Segment] = []
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
            out[-1] = Segment(last.start, seg.end, last.kind, last.body)
        else:
            out.append(seg)
        open_list = short
    return out


_SUBORDINATE = frozenset({CONJUNCT, LIST})


def _subordinate(kind: str) -> bool:
    """True for a segment kind that is no main clause, connectors aside: a conjunct, a list
    item or a purpose clause (headline.toml ``purpose_connectors``: "so that")."""
    return kind in _SUBORDINATE or kind in word_lists()["purpose_connectors"]


# Words of an anchored date phrase opening the sentence ("The day after the strike, ...") past
# which it would crowd out the clause it dates: the headline is then the main clause alone.
LONG_OPENER = 6


def choose(tokens: list[str], *, anchored: bool = False) -> tuple[list[list[str]], bool]:
    """Pieces of the headline (the clause first) and whether it is a verbless fragment.

    An ``anchored`` date ("two days after") opens a clause that dates the main
    one, so the main clause makes the headline.
    """
    if not tokens:
        return [], False
    segs = segments(tokens)
    connectors = word_lists()["connectors"]
    at = mark_index(tokens)  # the date marker's token, in segment ``mark``
    mark = next(n for n, s in enumerate(segs) if s.start <= at < s.end) if at >= 0 else -1
    if mark > 0:
        mark = _join_date_segment(tokens, segs, mark, at, connectors)
    main = next(
        (
            n
            for n, s in enumerate(segs)
            if s.kind not in connectors and not _subordinate(s.kind) and s.has_verb(tokens)
        ),
        -1,
    )
    if main < 0:
        if mark > 0 and not anchored:  # no main verb found: the date's own clause, if any
            own = _own_clause(tokens, segs[mark], segs[mark - 1], at)
            if own is not None:
                return [own[0]], own[1]
        return [tokens], False
    fragment = _fragment(tokens, segs, main, mark, at, anchored=anchored)
    if fragment is not None:
        return fragment
    if (
        anchored
        and mark == 0 < main
        and segs[main].start - segs[0].start > LONG_OPENER
        and not any(seg.has_verb(tokens) for seg in segs[:main])
    ):
        mark = -1  # "Three days after the deadliest attacks on French soil since ..., X did"
    reported = _reported_statement(tokens, segs, main)
    if reported:  # "Molins told reporters that investigators ...": the statement
        nxt = segs[main + 1]
        segs = [*segs[: main + 1], Segment(nxt.body, nxt.end, "start", nxt.body), *segs[main + 2 :]]
        return _main_pieces(tokens, segs, main + 1, mark if mark > main else -1), False
    return _main_pieces(tokens, segs, main, mark), False


def _join_date_segment(
    tokens: list[str], segs: list[Segment], mark: int, at: int, connectors: frozenset[str]
) -> int:
    """Join a verbless segment holding the date (at ``at``) to the clause before it, in
    ``segs``; the index of the segment that holds the date now."""
    seg = segs[mark]
    listing = seg.kind in word_lists()["list_openers"]
    verbless = seg.kind in connectors and not listing and not seg.has_verb(tokens)
    if verbless and _event_phrase(tokens, seg, at) is None:  # "since Monday": the clause before
        before = segs[mark - 1]
        segs[mark - 1 : mark + 1] = [Segment(before.start, seg.end, before.kind, before.body)]
        return mark - 1
    if _date_only(tokens, seg) and not seg.has_verb(tokens):
        # "..., in Sacramento, the state capital, tomorrow.": the date joins the clause before
        # it, over an apposition between them
        first = mark - 1
        if first > 0 and segs[first].kind == "," and not segs[first].has_verb(tokens):
            first -= 1
        lead = segs[first]
        segs[first : mark + 1] = [Segment(lead.start, seg.end, lead.kind, lead.body)]
        return first
    return mark


def _fragment(
    tokens: list[str], segs: list[Segment], main: int, mark: int, at: int, *, anchored: bool
) -> tuple[list[list[str]], bool] | None:
    """The headline when the date's own phrase or clause makes it rather than the main
    clause (an apposition, a named happening, a reduced relative), or None."""
    if (
        mark == main
        and not anchored
        and _apposition(tokens, segs, main)
        and not segs[0].has_verb(tokens)
        and is_participle(tokens[segs[main].body])
    ):
        return [unpunctuated(tokens[segs[0].start : segs[main].end])], True  # "The law, passed"
    if (
        mark == main + 1
        and main > 0
        and _apposition(tokens, segs, main)
        and not segs[0].has_verb(tokens)
        and any(map(is_other, tokens[segs[main].start : segs[main].end]))
    ):  # "The clip, aired last week, was played on Wednesday": the subject and its predicate
        subject = unpunctuated(tokens[segs[0].start : segs[main].start])
        return [subject + tokens[segs[mark].body : segs[mark].end]], False
    if mark < 0 or anchored:
        return None
    named = _named_happening(tokens, segs[mark], at)
    if named is not None:
        return [named], True
    seg = segs[mark]
    loose = mark != main and seg.kind != "start" and not seg.has_verb(tokens)
    start = _reduced_relative(tokens, seg, at, loose=loose)
    if start is not None:
        return [tokens[start : seg.end]], True
    if mark > main or (0 < mark < main and segs[mark].kind != "start"):
        before = segs[mark - 1]
        skip = mark >= 2 and before.kind == "," and not before.has_verb(tokens)
        # "the cuts, about half to defence, that kicked in": the noun before the apposition
        own = _own_clause(tokens, segs[mark], before, at, segs[mark - 2] if skip else None)
        if own is not None:
            return [own[0]], own[1]
    return None


def _date_only(tokens: list[str], seg: Segment) -> bool:
    """True when the segment's body is the date phrase alone (with its preposition)."""
    words = word_lists()
    body = tokens[seg.body : seg.end]
    extra = words["removable_prepositions"] | words["approximators"] | words["edge_modifiers"]
    return bool(body) and all(MARK in t or plain(t) in extra for t in body)


def _reported_statement(tokens: list[str], segs: list[Segment], main: int) -> bool:
    """True when the main clause is only "X said (to reporters)" before a "that" clause
    (headline.toml ``complementizers``)."""
    if main + 1 >= len(segs) or segs[main + 1].kind not in word_lists()["complementizers"]:
        return False
    seg, nxt = segs[main], segs[main + 1]
    if seg.end - seg.start > 8 or not nxt.has_subject(tokens) or not nxt.has_verb(tokens):
        return False
    reporting = word_lists()["reporting_verbs"]
    return any(plain(t) in reporting for t in tokens[max(seg.start, seg.end - 3) : seg.end])


def _named_happening(tokens: list[str], seg: Segment, at: int) -> list[str] | None:
    """ "the attacks of 13 November": a happening named with its date (at ``at``), in any clause."""
    words = word_lists()
    if (
        at - 2 < seg.body
        or plain(tokens[at - 1]) not in words["happening_of"]
        or ends_clause(tokens[at - 1])
    ):
        return None
    if plain(tokens[at - 2]) not in words["event_nouns"] or MARK + "'" in tokens[at]:
        return None
    start = _event_phrase(tokens, seg, at)
    if start is None:
        return None
    if start == seg.body and verb_between(tokens, at + 1, seg.end):
        return None  # "The attacks of 13 November killed 130 people": the clause says more
    return unpunctuated(tokens[start : at + 1])


def _relative_that(tokens: list[str], at: int) -> bool:
    """True when "that" at ``at`` opens a relative clause ("the plots that police foiled").

    A few words after a verb ("told reporters that", "said on Monday that") it
    opens a reported statement instead.
    """
    if at < 2 or ends_clause(tokens[at - 1]):
        return False
    for i in range(at - 1, max(-1, at - 5), -1):
        if verb_at(tokens, i):
            return False  # "said on Monday that ..."
        if i < at - 1 and ends_clause(tokens[i]):
            break
    return True


def _own_clause(
    tokens: list[str], seg: Segment, before: Segment, at: int, over: Segment | None = None
) -> tuple[list[str], bool] | None:
    """The segment holding the date (at ``at``) as a headline of its own, when it can stand
    alone. ``over``: the segment before an apposition ``before``, where the antecedent of a
    relative clause may stand instead."""
    words = word_lists()
    body = tokens[seg.body : seg.end]
    if not body:
        return None
    if seg.has_verb(tokens):
        relative = seg.kind not in words["complementizers"] or _relative_that(tokens, seg.start)
        if seg.has_subject(tokens) and seg.kind in words["relatives"] and relative:
            head = _antecedent(tokens, seg.start, before.start)  # "a sitting, which X allowed"
            return (unpunctuated(head) + tokens[seg.start : seg.end], True) if head else None
        if seg.has_subject(tokens) and (seg.kind not in (",", "-") or seg.opens_clause(tokens)):
            return body, False  # not "..., phone records and bank checks gathered since"
        if seg.kind in words["relatives"]:
            head = _antecedent(tokens, seg.start, before.start)
            if head is None and over is not None:
                head = _antecedent(tokens, over.end, over.start)
            if head is not None:
                return head + body, False
        if seg.kind in words["possessive_relatives"]:
            return body, False
        return None
    start = _event_phrase(tokens, seg, at)
    if start is not None:
        return tokens[start : seg.end], True
    return None


def _apposition(tokens: list[str], segs: list[Segment], main: int) -> bool:
    """True for "The factory, founded in 1940, closed": the first verb segment is an apposition."""
    if main == 0 or main + 1 >= len(segs) or segs[main].has_subject(tokens):
        return False
    nxt = segs[main + 1]
    return nxt.kind == "," and nxt.has_verb(tokens) and not nxt.has_subject(tokens)


def _main_pieces(tokens: list[str], segs: list[Segment], main: int, mark: int) -> list[list[str]]:
    """The main clause (with its subject and leading adverbials) and the segments that follow it."""
    words = word_lists()
    seg = segs[main]
    core = tokens[seg.start : seg.end]
    first = segs[0]
    if main > 0 and not seg.has_subject(tokens) and not first.has_verb(tokens):
        head = tokens[first.start : first.end]  # "X, the ..., returns to Egypt"
        if 0 < mark < main:
            head = tokens[first.start : segs[mark].end]  # "The talks, due on Monday, were"
        keep = _apposition(tokens, segs, main) or 0 < mark < main
        core = (head if keep else unpunctuated(head)) + core
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
        if _subordinate(after.kind) or (
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
        if skipping and not glue:
            break  # what follows a left-out subordinate clause belongs to it
        skipping = False
        if glue:
            pieces[-1] = unpunctuated(pieces[-1]) + part
            glue = False
            continue
        pieces.append(part)
        frag_last = not after.has_verb(tokens)
    return pieces


def _antecedent(tokens: list[str], at: int, floor: int) -> list[str] | None:
    """The noun phrase just before a relative pronoun at ``at`` ("the bridge over the river")."""
    words = word_lists()
    start: int | None = None
    bare = False
    i = at - 1
    while i >= floor and at - i <= 9:
        token = tokens[i]
        low = plain(token)
        if (i != at - 1 and ends_clause(token)) or MARK in token or verb_at(tokens, i):
            break
        if low in words["prepositions"]:
            extends = low in words["antecedent_prepositions"] and start is not None
            if extends and start is not None and plain(tokens[start]) in words["determiners"]:
                i -= 1
                continue
            if start is None and low in words["antecedent_prepositions"] and not bare:
                bare = True  # "the $85bn in automatic cuts": the noun before has no determiner
                i -= 1
                continue
            break
        if low in words["determiners"] or token[:1].isupper():
            start = i
            if bare:
                break
        i -= 1
    if start is None or plain(tokens[at - 1]) in words["calendar_words"]:
        return None
    return unpunctuated(tokens[start:at])


def _reduced_relative(tokens: list[str], seg: Segment, at: int, *, loose: bool) -> int | None:
    """Start of "a law written during the war <date>": a noun phrase and its participle.

    In a clause the noun phrase must stand in the predicate (after a verb or a
    preposition), so that "A bridge over the river collapsed on Monday" keeps its
    verb; a ``loose`` verbless apposition may start with it.
    """
    words = word_lists()
    for p in range(at - 1, max(seg.body, at - 7) - 1, -1):  # the date near its participle
        token = tokens[p]
        if ends_clause(token):
            return None
        if not is_participle(token):
            if verb_at(tokens, p):
                return None
            continue
        n = p - 1
        while n > seg.body and plain(tokens[n]) in words["participle_adverbs"]:
            n -= 1
        if n < seg.body:
            return None
        prev = plain(tokens[n])
        if prev in words["prepositions"] or prev in words["adjective_markers"]:
            return None
        if prev in words["determiners"] or verb_at(tokens, n):
            return None
        if prev in words["copulas"] or prev in words["dangling"]:
            return None
        for q in range(n, max(seg.body, n - 6) - 1, -1):
            low = plain(tokens[q])
            if ends_clause(tokens[q]) or low in words["prepositions"] or verb_at(tokens, q):
                return None
            if low in words["determiners"]:
                if q <= seg.body:
                    return q if loose and q == seg.body else None
                lead = plain(tokens[q - 1])
                governed = lead in words["prepositions"] or is_gerund(lead)
                in_predicate = any(
                    verb_at(tokens, x) or is_gerund(plain(tokens[x])) for x in range(seg.body, q)
                )
                return q if (governed or verb_at(tokens, q - 1)) and in_predicate else None
        return None
    return None


def _event_phrase(tokens: list[str], seg: Segment, at: int) -> int | None:
    """Start of the noun phrase naming a happening before the date ("the truck attack ...")."""
    words = word_lists()
    for p in range(at - 1, seg.body - 1, -1):
        if plain(tokens[p]) not in words["event_nouns"]:
            continue
        q = p
        while q - 1 >= seg.body:
            low = plain(tokens[q - 1])
            if low in words["prepositions"] or verb_at(tokens, q - 1) or ends_clause(tokens[q - 1]):
                break
            if low in words["fragment_lead_ins"]:
                break
            q -= 1
            if low in words["determiners"]:
                break
        return q
    return None


def phrase_of_date(tokens: list[str], at: int) -> tuple[int, int, bool, bool] | None:
    """The phrase the date at ``at`` belongs to when it is not its clause: (start, end, keep the
    date, check the clause first), or None (see :mod:`chronicle.events.headline.phrases`)."""
    words = word_lists()
    segs = segments(tokens)
    seg = next(s for s in segs if s.start <= at < s.end)
    in_clause = any(map(is_other, tokens[seg.start : seg.end]))
    found = dated_noun_phrase(tokens, at, seg.body)
    if found is not None:
        elsewhere = any(map(is_other, tokens[: seg.start])) or any(map(is_other, tokens[seg.end :]))
        subject = (
            found.subject
            and _predicate_after(tokens, segs, seg, found.end)
            and not (seg.kind in words["connectors"] and elsewhere)
        )
        if subject and not in_clause:
            return None  # "Sunday's bombings have hardly improved the mood": the clause tells it
        check = found.lead in words["co_temporal"] and not in_clause
        if found.head_first:
            return found.start, found.end, True, check  # "les attentats de vendredi à Paris"
        after = found.at + 1 if found.possessive else skip_range(tokens, found.at)
        rest = [t for t in tokens[after : found.end] if any(c.isalnum() for c in t)]
        keep = len(rest) < 2
        start = found.start if keep else after
        return start, found.end, keep, check
    edge = _state_edge(tokens, segs, seg, at)
    if edge is not None or not any(map(is_other, tokens)):
        return edge
    related = relation_phrase(tokens, at, seg.start)
    if related is not None:
        start, end = related
        if plain(tokens[start]) in words["articles"] and end - start > 2:
            start += 1
        return start, end, False, False
    return None


def _predicate_after(tokens: list[str], segs: list[Segment], seg: Segment, end: int) -> bool:
    """True when a verb follows the noun phrase ending at ``end`` in its clause: in its own
    segment, or, for the sentence's opening phrase, in the first later segment that is no
    relative or other subordinate clause ("Friday's attacks, which ..., killed 130")."""
    if verb_between(tokens, end, seg.end):
        return True
    if seg.kind != "start":
        return False
    connectors = word_lists()["connectors"]
    for later in segs[segs.index(seg) + 1 :]:
        if later.kind in connectors or _subordinate(later.kind):
            continue
        return later.has_verb(tokens)
    return False


def _state_edge(
    tokens: list[str], segs: list[Segment], seg: Segment, at: int
) -> tuple[int, int, bool, bool] | None:
    """ "until last June, when the court case ended": the ``when`` clause after a date that ends
    (or starts) a state."""
    words = word_lists()
    if at == 0 or plain(tokens[at - 1]) not in words["state_edges"] or not ends_clause(tokens[at]):
        return None
    nxt = next((s for s in segs if s.start == seg.end), None)
    if nxt is None or nxt.kind not in words["time_relatives"] or not nxt.has_verb(tokens):
        return None
    return nxt.body, nxt.end, False, False


def own_part(tokens: list[str], at: int) -> tuple[list[str], bool] | None:
    """The part of its clause that the date at ``at`` belongs to when the sentence dates another
    happening elsewhere: a second verb phrase sharing the subject ("The woman arrived on Friday
    and showed symptoms on Monday"), what a reporting verb reports ("told him he would face a
    hearing in June"), or a non-finite phrase ("..., giving parliament until Monday to ...").
    Returns (tokens, is a fragment), or None."""
    segs = segments(tokens)
    n = next(n for n, s in enumerate(segs) if s.start <= at < s.end)
    seg = segs[n]
    reported = _reported_part(tokens, seg, at)
    if reported is not None:
        return reported, False
    if not any(map(is_other, tokens)):
        return None
    conjunct = _conjunct(tokens, segs, at)
    if conjunct is not None:
        return conjunct, False
    connectors = word_lists()["connectors"]
    while n > 0 and segs[n].kind in connectors and not ends_clause(tokens[segs[n].start - 1]):
        n -= 1  # ", giving parliament until Monday": the phrase from its comma
    if _event_phrase(tokens, seg, at) is not None:
        return None  # "for a referendum on October 15": the happening is named
    return _non_finite(tokens, segs[n], seg.end)


def _reported_part(tokens: list[str], seg: Segment, at: int) -> list[str] | None:
    """What a reporting verb before the date reports, inside the date's segment."""
    reporting = word_lists()["reporting_verbs"]
    words = word_lists()
    verb = -1
    for i in range(at - 1, seg.start - 1, -1):
        if plain(tokens[i]) in reporting:
            verb = i
            break
    if verb < 0 or seg.kind == "start":
        return None
    i = verb + 1
    if i < at and (plain(tokens[i]) in words["objects"] or plain(tokens[i]) in words["audiences"]):
        i += 1
    if i < at and plain(tokens[i]) in words["complementizers"]:
        i += 1
    if i >= at or ends_clause(tokens[i - 1]):
        return None
    first = plain(tokens[i])
    opens = first in words["determiners"] or first in words["pronouns"]
    if not opens and not tokens[i][:1].isupper():
        return None
    if not verb_between(tokens, i + 1, at):
        return None
    if verb_between(tokens, seg.body, verb) and plain(tokens[seg.body]) not in words["pronouns"]:
        return None  # "X said ... told": a clause of its own before the verb
    return tokens[i : seg.end]


def _conjunct(tokens: list[str], segs: list[Segment], at: int) -> list[str] | None:
    """Subject and second verb phrase when the date stands in a verb phrase joined by "and" or
    "but" to one that holds another date ("... left on Sunday and landed the following day")."""
    others = [i for i in range(at) if is_other(tokens[i])]
    if not others:
        return None
    adverbs = word_lists()["adverbs"]
    joiners = word_lists()["clause_joiners"]
    join = -1
    for k in range(at - 1, others[-1], -1):
        if ends_clause(tokens[k]) and plain(tokens[k]) not in joiners:
            break
        if plain(tokens[k]) in joiners:
            nxt = k + 1
            while nxt < at and plain(tokens[nxt]) in adverbs:
                nxt += 1
            if nxt < at and verb_at(tokens, nxt) and MARK not in tokens[nxt]:
                join = k
                break
    if join < 0:
        return None
    end = next((j + 1 for j in range(at, len(tokens)) if ends_clause(tokens[j])), len(tokens))
    first = next(s for s in segs if s.start <= join - 1 < s.end)
    if not any(map(is_other, tokens[first.start : join])):
        return None  # the verb phrase joined is another clause's ("the crash that killed ...")
    subject = _subject_of(tokens, segs, first)
    if not subject:
        return None
    return unpunctuated(subject) + tokens[join + 1 : end]


def _subject_of(tokens: list[str], segs: list[Segment], seg: Segment) -> list[str]:
    """The subject of the clause ``seg`` belongs to: its words before its verb, a relative
    clause's antecedent, or the sentence's opening noun phrase."""
    words = word_lists()
    n = segs.index(seg)
    if seg.kind in words["relatives"] and n > 0:
        head = _antecedent(tokens, seg.start, segs[n - 1].start)
        return head or []
    if seg.has_subject(tokens):
        for i in range(seg.body, seg.end):
            if verb_at(tokens, i):
                return tokens[seg.body : i] if i - seg.body <= 8 else []
        return []
    opening = segs[0]
    if opening is not seg and not opening.has_verb(tokens) and opening.end - opening.start <= 8:
        return unpunctuated(tokens[opening.body : opening.end])
    return []


def _non_finite(tokens: list[str], seg: Segment, end: int) -> tuple[list[str], bool] | None:
    """ "..., giving parliament until Monday to approve the text": a non-finite phrase of its own
    (an -ing form or "to" and a verb opening the segment, up to ``end``), when another date is
    outside it."""
    outside = any(map(is_other, tokens[: seg.start])) or any(map(is_other, tokens[end:]))
    if seg.kind == "start" or not outside:
        return None
    body = tokens[seg.body : end]
    if not body or not _opens_non_finite(body):
        return None
    return body, True


def _opens_non_finite(body: list[str]) -> bool:
    """True when ``body`` opens with an -ing form or "(only) to" and a word (headline.toml
    ``gerund_endings``, ``infinitive_markers``, ``infinitive_lead_ins``)."""
    words = word_lists()
    first = plain(body[0])
    if is_gerund(first) and body[0].islower() and len(first) > 4:
        return True
    rest = body[1:] if first in words["infinitive_lead_ins"] else body
    return (
        len(rest) > 1
        and plain(rest[0]) in words["infinitive_markers"]
        and rest[1].lstrip("\"“'‘")[:1].islower()
    )


def cut_other_conjunct(tokens: list[str]) -> list[str]:
    """``tokens`` without a verb phrase after the date, joined by "and"/"but", that holds another
    date ("left on Sunday and landed the following day": the landing is the other date's)."""
    at = mark_index(tokens)
    if at < 0:
        return tokens
    adverbs = word_lists()["adverbs"]
    joiners = word_lists()["clause_joiners"]
    for j in range(at + 1, len(tokens) - 1):
        if plain(tokens[j]) not in joiners:
            continue
        nxt = j + 1
        while nxt < len(tokens) - 1 and plain(tokens[nxt]) in adverbs:
            nxt += 1
        if verb_at(tokens, nxt) and any(map(is_other, tokens[nxt:])):
            return unpunctuated(tokens[:j])
    return tokens
