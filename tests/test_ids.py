"""Entry ids stay put when later coverage is added (published deep links keep working)."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chronicle.ingest import read_paths, read_text
from chronicle.merge.ids import founding
from chronicle.models import Article, Entry, Event
from chronicle.pipeline import article_events, assemble, build_timeline, with_rules_language

REPORTS = [
    (
        "PUBLISHED : Saturday, 14 November, 2015, 9:00am CET",
        "Gunmen attacked the Bataclan concert hall in Paris on Friday, killing 89 people.",
    ),
    (
        "PUBLISHED : Sunday, 15 November, 2015, 9:00am CET",
        "On Friday, gunmen stormed the Bataclan"
        " concert hall in Paris and killed 89 people, officials confirmed.",
    ),
    (
        "PUBLISHED : Monday, 16 November, 2015, 9:00am CET",
        "Islamist gunmen killed 89 people at the"
        " Bataclan concert hall in Paris on Friday, the deadliest of the attacks.",
    ),
]


def report(n: int) -> Article:
    header, body = REPORTS[n]
    return read_text(f"Report {n}\n{header}\n\n{body}\n", f"r{n}.txt")[0]


def bataclan_id(articles: list[Article]) -> str:
    timeline = build_timeline(articles)
    (entry,) = [e for e in timeline.entries if "Bataclan" in e.text]
    assert len({e.article_id for e in entry.events}) == len(articles)
    return entry.id


def test_adding_later_reports_keeps_the_entry_id() -> None:
    first_two = bataclan_id([report(0), report(1)])
    assert bataclan_id([report(0), report(1), report(2)]) == first_two
    assert bataclan_id([report(2), report(1), report(0)]) == first_two
    assert re.fullmatch(r"e-[0-9a-f]{12}", first_two)


# -- the rule on the example story: random subsets, orders and names --------------------------

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
NAMES = ("", "a-", "zz-")  # prefixes renaming an article: other ids and paths


@cache
def _examples() -> tuple[Article, ...]:
    articles, skipped = read_paths([str(EXAMPLES)], tz=None, published=None, strict=True)
    assert not skipped and len(articles) == 11
    return tuple(articles)


@cache
def _story(index: int, prefix: str) -> tuple[Article, list[Event]]:
    """Example ``index`` read under another id and path, with its own events."""
    base = _examples()[index]
    article = dataclasses.replace(
        base, id=prefix + base.id, source=f"{prefix}elsewhere/{base.source}"
    )
    (article,) = with_rules_language([article])
    return article, article_events(article)


def _mention(event: Event, texts: dict[str, str]) -> tuple[str, int]:
    """A mention by its article's content and its offset: no article id, path or position."""
    return hashlib.sha256(texts[event.article_id].encode()).hexdigest(), event.timex.start


def _build(picks: list[tuple[int, str]]) -> tuple[list[Entry], dict[str, str]]:
    stories = [_story(index, prefix) for index, prefix in picks]
    timeline = assemble(stories)
    return list(timeline.entries), {a.id: a.text for a, _ in stories}


_picks = st.lists(
    st.tuples(st.integers(0, 8), st.sampled_from(NAMES)),
    min_size=1,
    max_size=9,
    unique_by=lambda pick: pick[0],
)
_ID_OF: dict[tuple[str, int], str] = {}  # founding mention -> id, across every example run


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=_picks, second=_picks)
def test_an_entry_id_depends_only_on_its_founding_mention(
    first: list[tuple[int, str]], second: list[tuple[int, str]]
) -> None:
    entries, texts = _build(first)
    later, later_texts = _build(second)
    for entry in entries + later:
        assert re.fullmatch(r"e-[0-9a-f]{12}(-\d+)?", entry.id)
    holder = {_mention(e, later_texts): entry for entry in later for e in entry.events}
    for entry in entries:
        key = _mention(founding(entry.events), texts)
        assert _ID_OF.setdefault(key, entry.id) == entry.id
        if key in holder:  # the founding mention is still there: the id still leads to it
            still = holder[key]
            assert entry.id == still.id or entry.id in still.aliases


def test_reordering_and_renaming_the_articles_changes_no_entry() -> None:
    picks = [(i, "") for i in range(9)]
    renamed = [(i, "zz-") for i in reversed(range(9))]  # other ids, paths and order
    one, _ = _build(picks)
    two, _ = _build(renamed)
    assert {(e.id, e.headline, e.aliases) for e in one} == {
        (e.id, e.headline, e.aliases) for e in two
    }
