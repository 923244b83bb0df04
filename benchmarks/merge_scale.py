"""Merge at scale: a generated workload of 100,000 events from 20,000 articles.

    python benchmarks/merge_scale.py [--articles 20000] [--events-per-article 5] [--seed 1]

Each article reports a few of several thousand happenings spread over three
years, each in its own words (a random subset of the happening's key words
among filler), with some month-level mentions, some dates off by one day
(conflicts) and some near-duplicate articles. Prints the merge time and the
peak memory (resident set size of the process, which includes the workload).
Target: under a minute on one core, under 2 GB.
"""

from __future__ import annotations

import argparse
import random
import resource
import string
import sys
import time
from datetime import UTC, date, datetime, timedelta

from chronicle.events.names import find_names
from chronicle.merge import merge
from chronicle.models import Article, Event, Granularity, Mention, Timex, TimexType, TzSource, When

FILLER_TEXT = (
    "officials reported that the situation remained tense as crowds gathered near the "
    "building while police watched and residents waited for news from the capital"
)
FILLER = FILLER_TEXT.split()


def _word(rng: random.Random) -> str:
    """A made-up content word."""
    return "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(5, 9)))


def workload(n_articles: int, per_article: int, seed: int) -> tuple[list[Article], list[Event]]:
    """Articles and their events (see the module doc)."""
    rng = random.Random(seed)
    first = date(2013, 1, 1)
    n_happenings = max(1, n_articles * per_article // 12)
    names = [_word(rng).capitalize() for _ in range(3000)]
    happenings = []
    for _ in range(n_happenings):
        day = first + timedelta(days=rng.randrange(3 * 365))
        words = [_word(rng) for _ in range(6)] + rng.sample(names, 2)
        happenings.append((day, words))
    articles: list[Article] = []
    events: list[Event] = []
    for a in range(n_articles):
        article_id = f"art{a:05d}"
        chosen = rng.sample(happenings, per_article)
        sentences: list[tuple[str, date, Granularity]] = []
        for day, words in chosen:
            picked = rng.sample(words, 5) + rng.sample(FILLER, 6)
            rng.shuffle(picked)
            granularity = Granularity.MONTH if rng.random() < 0.1 else Granularity.DAY
            if granularity is Granularity.DAY and rng.random() < 0.02:
                day = day + timedelta(days=1)  # a source that gives another date
            sentences.append((" ".join(picked).capitalize() + " on", day, granularity))
        published = max(d for _, d, _ in sentences) + timedelta(days=rng.randint(0, 3))
        text_parts: list[str] = []
        offset = 0
        spans: list[tuple[int, int, int, int]] = []
        for body, day, _ in sentences:
            phrase = f"{day:%d %B %Y}"
            sentence = f"{body} {phrase}."
            spans.append((offset, offset + len(sentence), offset + len(body) + 1, len(phrase)))
            text_parts.append(sentence)
            offset += len(sentence) + 1
        text = " ".join(text_parts)
        article = Article(
            id=article_id,
            source=f"{article_id}.txt",
            title="",
            published=datetime(published.year, published.month, published.day, 9, tzinfo=UTC),
            tz_source=TzSource.ASSUMED,
            text=text,
        )
        articles.append(article)
        for (s_start, s_end, t_start, t_len), (_, day, granularity) in zip(
            spans, sentences, strict=True
        ):
            if granularity is Granularity.MONTH:
                start = day.replace(day=1)
                end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
                value = f"{day:%Y-%m}"
            else:
                start = end = day
                value = day.isoformat()
            when = When(TimexType.DATE, value, granularity, start, end, explanation="generated")
            timex = Timex(
                Mention(t_start, t_start + t_len, text[t_start : t_start + t_len], "gen"), when
            )
            sentence = text[s_start:s_end]
            actors, places = find_names(sentence)
            events.append(
                Event(
                    id=f"{article_id}-{t_start}",
                    article_id=article_id,
                    timex=timex,
                    sentence=sentence,
                    sentence_start=s_start,
                    sentence_end=s_end,
                    headline=sentence[:80],
                    actors=actors,
                    places=places,
                    published=article.published,
                )
            )
        if rng.random() < 0.05 and articles:  # a near-duplicate wire copy
            copy = articles[-1]
            articles.append(
                Article(
                    id=f"{article_id}c",
                    source=copy.source,
                    title="",
                    published=copy.published,
                    tz_source=copy.tz_source,
                    text=copy.text,
                )
            )
    return articles, events


def peak_mb() -> float:
    """Peak resident set size of this process in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    """Generate the workload, merge it, print time and memory."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--events-per-article", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-events", type=int, default=None)
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    articles, events = workload(args.articles, args.events_per_article, args.seed)
    t1 = time.perf_counter()
    before = peak_mb()
    entries = merge(events, articles, max_events=args.max_events, sentences=2)
    t2 = time.perf_counter()
    conflicts = sum(1 for e in entries if e.conflicts)
    print(
        f"workload: {len(articles):,} articles, {len(events):,} events "
        f"(generated in {t1 - t0:.1f} s, peak RSS {before:.0f} MB)"
    )
    print(
        f"merge: {t2 - t1:.1f} s, {len(entries):,} entries ({conflicts:,} with conflicts), "
        f"peak RSS {peak_mb():.0f} MB"
    )
    ok = (t2 - t1) < 60 and peak_mb() < 2048
    print("target (< 60 s, < 2048 MB):", "met" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
