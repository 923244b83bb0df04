"""Which date mentions carry an event, and the Event made from each.

Decisions (each tested in tests/test_events.py):

* Durations, sets, and expressions without a calendar interval are not events;
  neither are decade/century/vague dates.
* The publish header and dateline at the start of the body, bylines, and page
  furniture (cookie notices, "most read" lists, newsletter sign-ups, copyright
  lines) are not events.
* Attribution ("..., officials said on Tuesday"): when the sentence holds
  another event-bearing date, the attribution date is skipped and the reported
  date makes the event; when it is the only date, the statement itself is the
  event and keeps the attribution date. An announcement ("..., the prosecutor's
  office said on Thursday", "X confirmed on Thursday"; speakers and verbs in
  ``data/<language>/events.toml``) is news of its own: outside a quotation
  its date is kept too, with the announced clause as headline.
* One event per sentence and interval; a coarser mention that contains a finer
  one in the same sentence ("in March, on the 5th") is dropped.
* A lead sentence without any date ("Police have searched the doctor's
  clinic.") is dated by the publish date (rule ``publish-date``, an empty
  mention at the sentence start; the explanation says so), as news leads
  report the day's happening; not when the lead already gives an event.
* A sentence without a date that names an earlier happening ("the Westgate mall
  siege") gives an *undated* event (``when.start is None``, rule
  ``named-event``): merge attaches it to its dated twin, or drops it.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import cache
from itertools import islice
from operator import attrgetter

from chronicle.events.anchors import SetBeside, resolve_anchored, set_beside
from chronicle.events.background import background_timex
from chronicle.events.headline import make_headline
from chronicle.events.names import (
    find_names,
    may_name_events,
    name_the_pronoun,
    named_events,
    person_before,
    pronoun_subject,
)
from chronicle.events.statements import statement_headline
from chronicle.limits import MAX_SENTENCE_CHARS
from chronicle.models import (
    EVENT_ANCHOR_RULE,
    PUBLISH_DATE_RULE,
    Article,
    Event,
    Granularity,
    Mention,
    Timex,
    TimexType,
    When,
)
from chronicle.rendering.catalogue import Catalogue, explaining
from chronicle.text.cleanup import clean_sentence, dateline_length
from chronicle.text.keywords import lower_for_search
from chronicle.text.sentences import (
    Sentences,
    Span,
    iter_sentence_spans,
    sentence_cut,
    sentence_spans,
)
from chronicle.text.tokenised import may_look_tokenised
from chronicle.wordlists import DEFAULT, EventWords
from chronicle.wordlists import words as words_of

_EVENT_GRANULARITIES = frozenset(
    {
        Granularity.DAY,
        Granularity.WEEK,
        Granularity.MONTH,
        Granularity.SEASON,
        Granularity.QUARTER,
        Granularity.YEAR,
    }
)
_OFFSETS = attrgetter("mention.start", "mention.end")  # a timex's (start, end), in C
_EVENT_ORDER = attrgetter("sentence_start", "timex.mention.start")
HEADER_WINDOW = 300  # characters at the start of the body where a publish line may stand


def _words(language: str) -> EventWords:
    """The events word lists of ``language`` (data/<language>/events.toml)."""
    return words_of(language).events


def _alternatives(phrases: Iterable[str]) -> str:
    """A regex alternation of ``phrases`` in their order, any white space between words."""
    return "|".join(r"\s+".join(map(re.escape, phrase.split())) for phrase in phrases)


@cache
def _byline_re(language: str) -> re.Pattern[str]:
    """A byline opener and up to five capitalised names ("By Jane Smith")."""
    openers = "|".join(map(re.escape, _words(language).byline_openers))
    return re.compile(
        rf"^\s*(?:{openers})\s+[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){{0,4}}\b", re.IGNORECASE
    )


@cache
def _byline_verb_re(language: str) -> re.Pattern[str]:
    """A verb that makes a short line with a name a sentence, not a byline."""
    return re.compile(rf"\b(?:{'|'.join(_words(language).byline_verbs)})\b")


@cache
def _header_cues(language: str) -> tuple[tuple[str, ...], int]:
    """Lower-case words of a publish/update line, and the length of the longest."""
    cues = _words(language).header_cues
    return cues, max(map(len, cues))


@cache
def _attribution_re(language: str) -> re.Pattern[str]:
    """Text just before a date that makes it the date of a statement."""
    words = _words(language)
    verbs = "|".join(words.reporting_verbs)
    opener = _alternatives(words.statement_openers)
    statements = "|".join(words.statements)
    lead_ins = "|".join(rf"{re.escape(w)}\s+" for w in words.date_lead_ins)
    return re.compile(
        rf"(?:\b(?:{verbs})(?:\s+[\w'’]+){{0,2}}?|(?:{opener})\s+(?:\w+\s+)?(?:{statements})"
        rf"(?:\s+\w+)?)\s+(?:{lead_ins})?$",
        re.IGNORECASE,
    )


@cache
def _attribution_ends(language: str) -> tuple[tuple[str, ...], frozenset[str], frozenset[str]]:
    """(reporting verbs, last words of the statements, words after a verb that make the date its
    topic): :func:`_attribution_re` needs one of the first two near the end of the text."""
    words = _words(language)
    statements = frozenset(statement.split()[-1] for statement in words.statements)
    return words.reporting_verbs, statements, frozenset(words.not_attribution)


ATTRIBUTION_CHUNKS = 7  # white-space separated chunks an attribution spans at most ("in a ...")


def _attributes(before: str, language: str = DEFAULT) -> bool:
    """True when ``before`` (the text just before a date) ends in an attribution.

    The pattern ends at the end of ``before`` and spans at most :data:`ATTRIBUTION_CHUNKS`
    chunks: a reporting verb ends one of the last four ("said on"), the last word of a
    statement is one of the last three ("in a statement on"). Checking those chunks spares
    most texts the pattern's search, which starts at the first of the chunks.
    """
    low = lower_for_search(before)  # same offsets as ``before``
    if low is None:
        return _attribution_re(language).search(before) is not None
    parts = low.rsplit(None, ATTRIBUTION_CHUNKS)
    if len(parts) > ATTRIBUTION_CHUNKS:  # parts[0]: the text before the last chunks
        start, chunks = len(parts[0]), parts[1:]
    else:
        start, chunks = 0, parts
    verbs, statements, topics = _attribution_ends(language)
    if statements.isdisjoint(chunks[-3:]) and not any(c.endswith(verbs) for c in chunks[-4:]):
        return False
    found = _attribution_re(language).search(before, start)
    if found is None:
        return False
    words = found.group(0).lower().split()[1:]
    return topics.isdisjoint(words)  # "testified about the night of": its topic


def is_boilerplate(
    sentence: str, cues: tuple[str, ...] | None = None, language: str = DEFAULT
) -> bool:
    """True for page furniture: cookie notices, sign-ups, copyright lines, "most read" lists.

    ``cues``: the cues to look for, when the others are known to be absent (see
    :func:`boilerplate_cues_in`).
    """
    low = sentence.lower()
    return any(map(low.__contains__, _words(language).boilerplate_cues if cues is None else cues))


@cache
def _cues_hold_line_breaks(language: str) -> bool:
    """True when a cue holds a line break (:func:`boilerplate_cues_in` then finds them all)."""
    return any("\n" in cue for cue in _words(language).boilerplate_cues)


def boilerplate_cues_in(sentences: list[str], language: str = DEFAULT) -> tuple[str, ...]:
    """The page-furniture cues found in ``sentences``: the others are in none of them.

    One substring test per cue for all the sentences, joined by line breaks (a cue without
    one is in the joined text only when it is in one of the sentences); substring tests
    beat a big regex.
    """
    cues = _words(language).boilerplate_cues
    if _cues_hold_line_breaks(language):
        return cues
    low = "\n".join(sentences).lower()
    return tuple(filter(low.__contains__, cues))


def is_byline(sentence: str, language: str = DEFAULT) -> bool:
    """True for a byline such as "By Jane Smith, Reuters" (short, names only)."""
    match = _byline_re(language).match(sentence)
    return (
        bool(match)
        and len(sentence.split()) <= 12
        and not _byline_verb_re(language).search(sentence)
    )


def _is_header_line(text: str, sentence: Span, timex: Timex, language: str) -> bool:
    """True when the sentence is a publish/update line rather than prose."""
    s_text = text[sentence[0] : sentence[1]]
    if sentence[0] < HEADER_WINDOW:
        rest = (s_text[: timex.start - sentence[0]] + s_text[timex.end - sentence[0] :]).strip()
        if len(rest.split(None, 3)) <= 3:
            return True  # a bare date line at the top: the publish header
    cues, longest = _header_cues(language)
    opening = s_text.lstrip()[:longest].lower()  # the lower-case start of the whole, if ASCII
    return opening.startswith(cues) and len(s_text.split(None, 14)) <= 14


def _in_dateline(text: str, sentence: Span, timex: Timex) -> bool:
    """True when the mention sits inside a wire dateline ("PARIS, Nov 18 (Reuters) -")."""
    cut = dateline_length(text[sentence[0] : sentence[1]])
    return cut > 0 and timex.start < sentence[0] + cut


def _usable(timex: Timex) -> bool:
    """Anchored dates of event granularity (not durations, sets, vague references)."""
    when = timex.when
    if when.type in (TimexType.DURATION, TimexType.SET):
        return False
    return when.anchored and when.granularity in _EVENT_GRANULARITIES


def find_events(
    article: Article,
    timexes: list[Timex],
    *,
    limit: int | None = None,
    locale: str | None = None,
) -> list[Event]:
    """One event per resolved, event-bearing date mention of ``article`` (see module doc).

    ``limit``: at most that many events, the first in the text (an article over it is cut short).
    ``locale`` (the reader's language) writes the explanations made here; None: the article's.
    """
    text, language = article.text, article.language
    explain = explaining(locale, language)
    timexes = sorted(timexes, key=_OFFSETS)
    timexes = timexes + resolve_anchored(text, timexes, language, explain)
    by_sentence, backdrops = _dated_sentences(article, timexes, explain)
    events: list[Event] = []
    spans = sorted(by_sentence)
    raws = [text[start:end] for start, end in spans]
    cues = boilerplate_cues_in(raws, language)  # mostly none: no sentence needs its own look
    for span, sentence_raw in zip(spans, raws, strict=True):
        if (cues and is_boilerplate(sentence_raw, cues)) or is_byline(sentence_raw, language):
            continue
        kept = [
            t
            for t in by_sentence[span]
            if not _in_dateline(text, span, t) and not _is_header_line(text, span, t, language)
        ]
        for timex, said in _event_timexes(text, span, kept, language):
            others = [_date_words(t, language) for t in kept if t is not timex]
            if said:
                events.append(statement_event(article, span, timex, explain))
            else:
                events.append(build_event(article, span, timex, others=others, explain=explain))
        for found in set_beside(text, kept, span[1], language, explain):
            events.append(_set_beside_event(article, span, found, explain))
    for span, backdrop in sorted(backdrops.items()):
        raw = text[span[0] : span[1]]
        if not is_boilerplate(raw, language=language) and not is_byline(raw, language):
            others = [_date_words(t, language) for t in by_sentence.get(span, [])]
            events.append(build_event(article, span, backdrop, others=others, explain=explain))
        if limit is not None and len(events) >= limit:
            return events[:limit]
    dated = {start for start, _ in by_sentence}
    named = may_name_events(text, language)
    lead = list(islice(iter_sentence_spans(text, language), LEDE_SENTENCES))
    starts = {t.start for t in timexes}
    lede = _lede_event(article, lead, (dated, starts), events, named=named, explain=explain)
    if lede is not None:
        events.append(lede)
    if named:
        room = None if limit is None else limit - len(events)
        sentences = iter_sentence_spans(text, language)
        events.extend(_undated_named_events(article, sentences, dated, room, explain))
    events.sort(key=_EVENT_ORDER)
    if any(pronoun_subject(e.headline, language) for e in events):
        events = _name_pronouns(text, events, language)
    return events if limit is None else events[:limit]


def _dated_sentences(
    article: Article, timexes: list[Timex], explain: Catalogue
) -> tuple[dict[Span, list[Timex]], dict[Span, Timex]]:
    """(sentence → its event-bearing timexes, sentence → its background span) of ``article``
    (``explain`` writes the background's explanations)."""
    text, language = article.text, article.language
    by_sentence: dict[Span, list[Timex]] = {}
    backdrops: dict[Span, Timex] = {}
    span: Span | None = None
    published = article.published.date()
    sentences = Sentences(text, language)  # only the stretches with a date are split, each once
    for timex in timexes:
        backdrop = background_timex(text, timex, published, language, explain)
        if backdrop is not None:  # "in recent years", "since the 1990s": the scene, not a date
            where = sentences.at(timex.start)
            if where is not None:
                backdrops.setdefault(where, backdrop)
            continue
        if not _usable(timex):
            continue
        if span is None or not span[0] <= timex.start < span[1]:  # not the last one's sentence
            span = sentences.at(timex.start)
        if span is not None:
            by_sentence.setdefault(span, []).append(timex)
    return by_sentence, backdrops


COREFERENCE_SENTENCES = 3  # sentences looked back at for the person a "He" headline means


def _name_pronouns(text: str, events: list[Event], language: str) -> list[Event]:
    """Headlines opening with "He"/"She" name the person an earlier sentence of the article
    names most recently (within a few sentences), or the sentence itself before its pronoun."""
    spans = sentence_spans(text, language)
    starts = [start for start, _ in spans]
    out: list[Event] = []
    for event in events:
        if not pronoun_subject(event.headline, language):
            out.append(event)
            continue
        index = bisect.bisect_right(starts, event.sentence_start) - 1
        earlier = [text[s:e] for s, e in spans[max(0, index - COREFERENCE_SENTENCES) : index]]
        person = person_before(earlier, language)
        headline = name_the_pronoun(event.headline, person, language)
        out.append(dataclasses.replace(event, headline=headline))
    return out


def _event_timexes(
    text: str, span: Span, timexes: list[Timex], language: str
) -> list[tuple[Timex, bool]]:
    """The timexes of one sentence that each make an event (attribution and overlaps removed),
    each with True when it dates a statement: an announcement, or the only date of a sentence
    that reports what was said (the headline then says who said what)."""
    if not timexes:
        return []
    attributed = {
        t.start
        for t in timexes
        if _attributes(text[max(span[0], t.start - 80) : t.start], language)
        and not text.startswith(_words(language).possessive_endings, t.end)  # "... Friday's rally"
    }
    announced = {
        t.start for t in timexes if t.start in attributed and _announces(text, span, t, language)
    }
    passive = _passive_announcement_re(language)  # "was confirmed by French authorities on ..."
    confirmed = {t.start for t in timexes if passive.search(text, span[0], t.start)}
    attributed |= confirmed
    announced |= confirmed
    restated = _restated(text, span, timexes, language)
    aside = _aside_re(language)
    restated |= {
        t.start for t in timexes if aside.search(text, max(span[0], t.start - 40), t.start)
    }
    timexes = [t for t in timexes if t.start not in restated or t.start in attributed]
    if not timexes:
        return []
    reported = [
        t
        for t in timexes
        if (t.start not in attributed or t.start in announced) and t.start not in restated
    ]
    chosen = reported or timexes[:1]  # only an attribution date: the statement is the event
    if not reported:
        announced = {t.start for t in chosen if t.start in attributed}
    out: list[tuple[Timex, bool]] = []
    seen: set[tuple[object, object]] = set()
    for timex in chosen:
        key = (timex.when.start, timex.when.end)
        if key in seen:
            continue
        if any(_strictly_inside(other.when, timex.when) for other in chosen):
            continue  # "in March ... on the 5th": the finer one speaks for the sentence
        seen.add(key)
        out.append((timex, timex.start in announced))
    return out


@cache
def _restatement_re(language: str) -> re.Pattern[str]:
    """What sets off a time as the sentence's earlier time told again (events.toml)."""
    return re.compile(_words(language).restatement, re.IGNORECASE)


@cache
def _aside_re(language: str) -> re.Pattern[str]:
    """What sets off a time as an aside on the time somewhere (events.toml ``aside``)."""
    return re.compile(_words(language).aside, re.IGNORECASE)


def _restated(text: str, span: Span, timexes: list[Timex], language: str) -> set[int]:
    """Starts of the timexes that restate an earlier one of the sentence in other words."""
    pattern = _restatement_re(language)
    return {
        later.start
        for earlier, later in itertools.pairwise(timexes)
        if earlier.start >= span[0]
        and pattern.search(text, max(earlier.end, later.start - 40), later.start)
    }


@cache
def _announcement_words(language: str) -> tuple[frozenset[str], frozenset[str]]:
    """(announcing verbs, authority speakers) of ``data/<language>/events.toml``."""
    words = _words(language)
    return frozenset(words.announcing_verbs), frozenset(words.authorities)


@cache
def _passive_announcement_re(language: str) -> re.Pattern[str]:
    """An announcing verb and its agent just before a date ("confirmed by the police on")."""
    words = _words(language)
    verbs = "|".join(sorted(words.announcing_verbs))
    agent = re.escape(words.agent_marker)
    lead_ins = "|".join(rf"{re.escape(w)}\s+" for w in words.date_lead_ins)
    return re.compile(
        rf"\b(?:{verbs})\s+{agent}\s+[^,.;:]{{1,40}}?\s+(?:{lead_ins})?$", re.IGNORECASE
    )


def _announces(text: str, span: Span, timex: Timex, language: str) -> bool:
    """True when an attribution date dates an announcement, news of its own (see the data file).

    The attribution clause runs from the last comma (or the sentence start) to the date; a
    sentence with a quotation reports a voice, whose attribution date stays dropped.
    """
    before = text[span[0] : timex.start]
    if any(map(text[span[0] : span[1]].__contains__, _QUOTES)):
        return False
    clause = before[before.rfind(",") + 1 :]
    words = {w.strip(".;:").lower().replace("’", "'") for w in clause.split()}
    verbs, authorities = _announcement_words(language)
    return bool(words & verbs or words & authorities)


_QUOTES = ('"', "“", "”")


def _strictly_inside(inner: When, outer: When) -> bool:
    """True when ``inner``'s interval lies within ``outer``'s and is shorter."""
    if inner.start is None or inner.end is None or outer.start is None or outer.end is None:
        return False
    inside = outer.start <= inner.start and inner.end <= outer.end
    return inside and (inner.start, inner.end) != (outer.start, outer.end)


@cache
def _direction_re(language: str) -> re.Pattern[str]:
    """The connector of "two days after his death" (events.toml ``[anchors]``)."""
    directions = "|".join(map(re.escape, _words(language).anchors.directions))
    return re.compile(rf"\b(?:{directions})\b", re.IGNORECASE)


def _date_words(timex: Timex, language: str) -> tuple[int, int]:
    """The span of a date's own words: "two days" of "two days after his death" (the happening
    it counts from, after its connector, is another date's)."""
    if timex.mention.rule != EVENT_ANCHOR_RULE:
        return timex.start, timex.end
    found = _direction_re(language).search(timex.text)
    own = timex.text[: found.start()].rstrip() if found else timex.text
    return timex.start, timex.start + len(own)


def _set_beside_event(article: Article, span: Span, found: SetBeside, explain: Catalogue) -> Event:
    """The Event of a happening set beside a date ("..., a day after the agency declared ..."):
    its headline is the happening's clause."""
    raw = article.text[found.anchor_start : found.anchor_end]
    event = build_event(article, span, found.timex, explain=explain)
    return dataclasses.replace(
        event, headline=make_headline(raw, tokenised=may_look_tokenised(raw), lang=article.language)
    )


def statement_event(
    article: Article, span: Span, timex: Timex, explain: Catalogue | None = None
) -> Event:
    """The Event of a statement, dated by when it was said (:mod:`chronicle.events.statements`)."""
    raw = article.text[span[0] : span[1]]
    tokenised = may_look_tokenised(raw)
    headline = statement_headline(
        raw, timex.start - span[0], timex.end - span[0], tokenised=tokenised, lang=article.language
    )
    event = build_event(article, span, timex, explain=explain)
    return dataclasses.replace(event, headline=headline, statement=True)


def build_event(
    article: Article,
    span: Span,
    timex: Timex,
    *,
    date_phrase: bool = True,
    others: Sequence[tuple[int, int]] = (),
    explain: Catalogue | None = None,
) -> Event:
    """Build the Event of one mention in the sentence at ``span``.

    ``date_phrase`` is False when the mention is no date written in the sentence (a lead dated by
    the publish date, a named happening): the headline then keeps the whole clause. ``others``:
    the article offsets of the sentence's other dates (each date heads its own happening).
    ``explain`` writes what is added to the explanation (default: the article's language).
    """
    raw = article.text[span[0] : span[1]]
    if sentence_cut(article.text, span):
        timex = _read_in_piece(timex, explain or explaining(None, article.language))
    tokenised = may_look_tokenised(raw)  # one search for the sentence and its headline
    sentence = clean_sentence(raw, tokenised=tokenised)
    if date_phrase:
        at = timex.start - span[0], timex.end - span[0]
        inside = [(s - span[0], e - span[0]) for s, e in others]
        headline = make_headline(
            raw, *at, tokenised=tokenised, others=inside, lang=article.language
        )
        actors, places = find_names(sentence, timex.text, article.language)
    else:
        headline = make_headline(raw, tokenised=tokenised, lang=article.language)
        actors, places = find_names(sentence, language=article.language)
    return Event(
        id=f"{article.id}-{timex.start}",
        article_id=article.id,
        timex=timex,
        sentence=sentence,
        sentence_start=span[0],
        sentence_end=span[1],
        headline=headline,
        actors=actors,
        places=places,
        published=article.published,
    )


def _read_in_piece(timex: Timex, explain: Catalogue) -> Timex:
    """``timex`` with its explanation saying that its sentence was too long to read whole."""
    note = explain.explain.read_in_piece.format(
        explanation=timex.when.explanation, limit=explain.decimal(MAX_SENTENCE_CHARS)
    )
    return replace(timex, when=replace(timex.when, explanation=note.strip()))


LEDE_SENTENCES = 3  # the lead is among the first few sentences of the body
_LOWER = re.compile(r"[a-z]")
_FULL_STOP = re.compile(r"[.!?\"”']$")
LEDE_MIN_WORDS = 8


def _lede_event(
    article: Article,
    lead: list[Span],
    starts: tuple[set[int], set[int]],
    events: list[Event],
    *,
    named: bool,
    explain: Catalogue,
) -> Event | None:
    """The lead sentence dated by the publish date, when the lead itself gives no date.

    News leads report the day's happening without naming the day ("Police have
    searched the doctor's clinic."); the publish date stands in for it, and the
    explanation says so (in ``explain``'s words). No lede event when an event already comes
    from the ``lead`` (its first sentences); ``starts``: the starts of the sentences with a
    date, and those of the date mentions.
    """
    dated, timex_starts = starts
    if any(e.sentence_start < (lead[-1][1] if lead else 0) for e in events):
        return None
    for span in lead:
        raw = article.text[span[0] : span[1]]
        if span[0] in dated or span[0] in timex_starts:
            return None
        if (
            is_boilerplate(raw, language=article.language)
            or is_byline(raw, article.language)
            or len(raw.split()) < LEDE_MIN_WORDS
        ):
            continue
        if not _LOWER.search(raw) or not _FULL_STOP.search(raw.rstrip()):
            continue  # a shouted caption or a headline without a full stop
        if named and named_events(raw, article.language):
            return None  # it looks back on a named happening: left to merge
        day = article.published.date()
        when = When.on_day(day, explain.explain.lede.format(day=explain.explain_day(day)))
        timex = Timex(Mention(span[0], span[0], "", PUBLISH_DATE_RULE), when)
        return build_event(article, span, timex, date_phrase=False, explain=explain)
    return None


def _undated_named_events(
    article: Article,
    spans: Iterable[Span],
    dated: set[int],
    room: int | None,
    explain: Catalogue,
) -> list[Event]:
    """Undated events for sentences that name a happening but give no date for it (at most
    ``room``; ``explain`` writes their explanation)."""
    events: list[Event] = []
    for span in spans:
        if room is not None and len(events) >= room:
            break
        if span[0] in dated:
            continue
        raw = article.text[span[0] : span[1]]
        found = named_events(raw, article.language)
        if not found or is_boilerplate(raw, language=article.language):
            continue
        for start, end, phrase in found[:1]:
            when = When(
                type=TimexType.DATE,
                value="XXXX-XX-XX",
                granularity=Granularity.VAGUE,
                start=None,
                end=None,
                explanation=explain.explain.named.format(phrase=phrase),
            )
            mention = Mention(span[0] + start, span[0] + end, phrase, "named-event")
            timex = Timex(mention, when)
            events.append(build_event(article, span, timex, date_phrase=False, explain=explain))
    return events
