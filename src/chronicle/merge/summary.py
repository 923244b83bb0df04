"""Per-date summaries: the sentences that best represent what the sources said of a day.

DATEWISE (Ghalandari & Ifrim 2020) tells a chosen day with CentroidOpt
(Ghalandari 2017). The candidates for day *d* are the sentences that date *d*
(and no other day) and the first few undated sentences of the articles published
on *d* or the day after (reports of the day); their TF-IDF vectors, summed once
per independent source, make the day's centroid. The summary starts with the
entry's own best sentence and grows greedily by the candidate that brings the
summed summary vector closest to the centroid (cosine), skipping near-duplicates
of a chosen sentence, until the sentence budget is spent or no candidate is left.

A day with several entries in the output keeps each entry's own text (its most central
sentences, :func:`chronicle.merge.rank.build_entry`), so that no sentence tells two
happenings; so do entries of a week, a month or a year.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from rapidfuzz import fuzz

from chronicle.events.extract import build_event, is_boilerplate, is_byline
from chronicle.merge.focus import Focus
from chronicle.merge.query import Query
from chronicle.merge.vectors import dot
from chronicle.models import (
    PUBLISH_DATE_RULE,
    Article,
    Entry,
    Event,
    Granularity,
    Mention,
    Timex,
    When,
)
from chronicle.rendering.catalogue import Catalogue, explaining
from chronicle.settings import SummarySettings
from chronicle.text.cleanup import clean_sentence
from chronicle.text.sentences import rough_sentence_count, sentence_spans
from chronicle.text.tokenised import may_look_tokenised


@dataclass(frozen=True, slots=True)
class Candidate:
    """One distinct sentence: its TF-IDF weights, where it comes from and its sources."""

    sentence: str
    weights: Mapping[str, float]
    norm: float
    sources: int  # independent sources telling it
    events: tuple[Event, ...] = ()  # the events it is the sentence of ...
    article: Article | None = None  # ... or the article of an undated report of the day
    span: tuple[int, int] = (0, 0)


@dataclass(frozen=True, slots=True)
class Budget:
    """What a summary may hold: sentences (a naive splitter's count) and words per sentence."""

    sentences: int
    max_words: int
    duplicate_ratio: float  # rapidfuzz token-set ratio at which two sentences are one


class Summariser:
    """Per-date CentroidOpt summaries over one merge's events and articles."""

    def __init__(
        self,
        events: Sequence[Event],
        all_events: Sequence[Event],
        articles: Sequence[Article],
        focus: Focus,
        groups: Mapping[str, str],
        query: Query,
        weights: SummarySettings,
        locale: str | None = None,
    ) -> None:
        """Index the day-level events and the articles by publish day; reports of the day are
        explained in ``locale`` (None: each article's own language)."""
        self.focus, self.groups, self.query = focus, groups, query
        self.locale = locale
        self.lead_sentences = weights.lead_sentences
        self.days_after = weights.days_after
        days_of: dict[tuple[str, int], set[date]] = {}
        for event in events:
            if event.timex.when.start is not None:
                key = (event.article_id, event.sentence_start)
                days_of.setdefault(key, set()).add(event.timex.when.start)
        # a sentence that dates several days is no report of one of them: its main one may
        # be another
        self.several = {key for key, days in days_of.items() if len(days) > 1}
        self.on_day: dict[date, list[Event]] = {}
        for event in events:
            when = event.timex.when
            if when.granularity is Granularity.DAY and when.start:
                self.on_day.setdefault(when.start, []).append(event)
        self.dated = {(e.article_id, e.sentence_start) for e in all_events}
        self.published: dict[date, list[Article]] = {}
        for article in articles:
            self.published.setdefault(article.published.date(), []).append(article)
        self._reports: dict[date, list[Candidate]] = {}
        self._told: dict[date, list[Candidate]] = {}  # candidates of the events dating a day
        self._vectors: dict[str, tuple[Mapping[str, float], float]] = {}

    def candidate(self, sentence: str, sources: int, **origin: Any) -> Candidate | None:
        """The sentence as a candidate, or None when it has no key word."""
        vector = self._vectors.get(sentence)
        if vector is None:  # a day's sentences come back for each of its entries: kept
            bag = self.focus.bag(sentence).weights
            vector = bag, math.sqrt(sum(w * w for w in bag.values()))
            self._vectors[sentence] = vector
        weights, norm = vector
        return Candidate(sentence, weights, norm, sources, **origin) if norm else None

    def of_events(self, events: Sequence[Event], single: bool = True) -> list[Candidate]:
        """The distinct sentences of ``events``, in first-seen order (``single``: only those
        that date one day)."""
        by_sentence: dict[str, list[Event]] = {}
        for event in events:
            if single and (event.article_id, event.sentence_start) in self.several:
                continue
            by_sentence.setdefault(event.sentence, []).append(event)
        out = []
        for sentence, evs in by_sentence.items():
            sources = len({self.groups.get(e.article_id, e.article_id) for e in evs})
            found = self.candidate(sentence, sources, events=tuple(evs))
            if found is not None:
                out.append(found)
        return out

    def reports(self, day: date) -> list[Candidate]:
        """Undated lead sentences of the on-query articles published on ``day`` (memoised)."""
        found = self._reports.get(day)
        if found is not None:
            return found
        found = []
        for article in self.published.get(day, []):
            if self.query and not self.query.names(article.id, article.text):
                continue
            for span in sentence_spans(article.text, article.language)[: self.lead_sentences]:
                if (article.id, span[0]) in self.dated:
                    continue
                raw = article.text[span[0] : span[1]]
                if is_boilerplate(raw) or is_byline(raw):
                    continue
                sentence = clean_sentence(raw, tokenised=may_look_tokenised(raw))
                if self.query and not self.query.about(sentence, article.id, article.text):
                    continue
                candidate = self.candidate(sentence, 1, article=article, span=span)
                if candidate is not None:
                    found.append(candidate)
        self._reports[day] = found
        return found

    def pool(self, entry: Entry, budget: Budget) -> list[Candidate]:
        """The entry's own sentences and its day's reports."""
        pool = self.of_events(entry.events)
        day = entry.when.start
        if day is not None:
            told = self._told.get(day)
            if told is None:
                told = self._told[day] = self.of_events(self.on_day.get(day, []))
            pool += told
            for offset in range(self.days_after + 1):
                pool.extend(self.reports(day + timedelta(days=offset)))
        seen: set[str] = set()
        out = []
        for c in pool:
            if c.sentence not in seen and len(c.sentence.split()) <= budget.max_words:
                seen.add(c.sentence)
                out.append(c)
        return out

    def summarise(self, entry: Entry, alone: bool, budget: Budget) -> Entry:
        """The entry with its text told by CentroidOpt over its pool, led by its own best
        sentence (build_entry's first pick)."""
        if budget.sentences <= 1 or not alone or entry.when.granularity is not Granularity.DAY:
            # one sentence: the entry's own best; several entries on the day (or a coarser
            # date): build_entry's central sentences of the entry's own reports
            return entry
        pool = self.pool(entry, budget)
        lead = [
            e for e in entry.events if entry.text.startswith(e.sentence)
        ]  # the sentence build_entry ranked first
        first = None
        if lead:
            lead_sentence = max((e.sentence for e in lead), key=len)
            first = self.of_events([e for e in lead if e.sentence == lead_sentence], single=False)
        chosen = centroid_opt(pool, budget, first[0] if first else None)
        if not chosen:
            return entry
        known = {e.id for e in entry.events}
        added: dict[str, Event] = {}
        for c in chosen:
            for event in (*c.events, *self._report_events(c)):
                if event.id not in known:
                    added.setdefault(event.id, event)
        return replace(
            entry,
            text=" ".join(c.sentence for c in chosen),
            events=tuple(sorted((*entry.events, *added.values()), key=_in_order)),
        )

    def _report_events(self, candidate: Candidate) -> tuple[Event, ...]:
        """The source of an undated report: an event dated by its article's publish day."""
        article = candidate.article
        if article is None:
            return ()
        explain = explaining(self.locale, article.language)
        return (report_event(article, candidate.span, explain),)


def report_event(article: Article, span: tuple[int, int], explain: Catalogue) -> Event:
    """An undated report of the day: an event dated by its article's publish day, explained in
    ``explain``'s words."""
    day = article.published.date()
    when = When.on_day(day, explain.explain.report.format(day=explain.explain_day(day)))
    timex = Timex(Mention(span[0], span[0], "", PUBLISH_DATE_RULE), when)
    return build_event(article, span, timex, date_phrase=False, explain=explain)


def centroid_opt(
    pool: Sequence[Candidate], budget: Budget, first: Candidate | None = None
) -> list[Candidate]:
    """Greedy CentroidOpt: sentences whose summed vector is closest to the pool's centroid.

    ``first`` opens the summary when given; near-duplicates of a chosen sentence and
    sentences over the budget are passed over.
    """
    centroid: dict[str, float] = {}
    for c in pool:
        scale = c.sources / c.norm  # each source's sentence counts as a unit vector
        for word, weight in c.weights.items():
            centroid[word] = centroid.get(word, 0.0) + scale * weight
    centroid_norm = math.sqrt(sum(w * w for w in centroid.values())) or 1.0
    summary: dict[str, float] = {}
    summary_dot = summary_sq = 0.0  # summary . centroid, |summary|^2
    chosen: list[Candidate] = []
    used = 0
    remaining = [c for c in pool if first is None or c.sentence != first.sentence]
    toward = {id(c): dot(c.weights, centroid) for c in remaining}
    if first is not None:
        toward[id(first)] = dot(first.weights, centroid)
    while used < budget.sentences:
        if first is not None and not chosen:
            pick: Candidate | None = first
        else:
            pick, best = None, -1.0
            for c in remaining:
                if used + rough_sentence_count(c.sentence) > budget.sentences:
                    continue
                norm_sq = summary_sq + 2 * dot(c.weights, summary) + c.norm * c.norm
                score = (summary_dot + toward[id(c)]) / (math.sqrt(norm_sq) * centroid_norm)
                if score > best and not any(
                    fuzz.token_set_ratio(c.sentence, d.sentence) >= budget.duplicate_ratio
                    for d in chosen
                ):
                    pick, best = c, score
        if pick is None:
            break
        if pick is not first:
            remaining.remove(pick)
        summary_sq += 2 * dot(pick.weights, summary) + pick.norm * pick.norm
        summary_dot += toward[id(pick)]
        for word, weight in pick.weights.items():
            summary[word] = summary.get(word, 0.0) + weight
        chosen.append(pick)
        used += rough_sentence_count(pick.sentence)
    return chosen


def _in_order(event: Event) -> tuple[date, str]:
    """Events of an entry: by date, then id."""
    return (event.timex.when.start or date.max, event.id)


def day_summaries(entries: Sequence[Entry], summariser: Summariser, budget: Budget) -> list[Entry]:
    """Every entry told by its day's summary (see the module docstring)."""
    per_day: dict[tuple[object, object], int] = {}
    for entry in entries:
        key = (entry.when.start, entry.when.end)
        per_day[key] = per_day.get(key, 0) + 1
    return [
        entry
        if _told_by_editor(entry)
        else summariser.summarise(entry, per_day[(entry.when.start, entry.when.end)] == 1, budget)
        for entry in entries
    ]


def _told_by_editor(entry: Entry) -> bool:
    """True when the editor wrote the entry's text or made the entry: no summary replaces it."""
    mark = entry.editor
    return mark is not None and (mark.created or "text" in mark.changed)
