"""Budgeted selection (--max-events): which days are kept, and which entry tells a day."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from chronicle.merge import merge
from chronicle.merge.focus import Focus
from chronicle.merge.rank import select
from chronicle.models import (
    Article,
    Entry,
    Event,
    Granularity,
    Mention,
    Timex,
    TimexType,
    TzSource,
    When,
)
from chronicle.settings import FocusSettings

DAY = date(2009, 4, 27)
WEIGHTS = FocusSettings(day=2.0, story=4.0, sentence=1.0)


def when(day: date) -> When:
    return When(TimexType.DATE, day.isoformat(), Granularity.DAY, day, day, explanation="test")


def event(n: int, sentence: str, day: date = DAY) -> Event:
    timex = Timex(Mention(0, 6, "Monday", "test"), when(day))
    return Event(
        id=f"a{n}-0",
        article_id=f"a{n}",
        timex=timex,
        sentence=sentence,
        sentence_start=0,
        sentence_end=len(sentence),
        headline=sentence,
    )


def entry(name: str, importance: float, *events: Event, day: date = DAY) -> Entry:
    return Entry(
        id=f"e-{name}",
        when=when(day),
        headline=events[0].sentence,
        text=events[0].sentence,
        events=events,
        importance=importance,
    )


MAIN = "The World Health Organization raised its swine flu pandemic alert to phase four on Monday."
ASIDE = "A travel agency in Lyon said on Monday that bookings to Cancun had dropped."
STORY = [
    "The World Health Organization warned that swine flu could spread to more countries.",
    "Swine flu cases were confirmed in Mexico and the United States, health officials said.",
    "The pandemic alert level of the World Health Organization rose as swine flu spread.",
]


def story_events() -> tuple[list[Event], Entry, Entry]:
    main = event(1, MAIN)
    aside = event(2, ASIDE)
    others = [event(10 + i, s, date(2009, 4, 28)) for i, s in enumerate(STORY)]
    return [main, aside, *others], entry("main", 5.0, main), entry("aside", 5.2, aside)


def test_focus_prefers_the_entry_that_sums_up_the_day_and_the_story() -> None:
    events, main, aside = story_events()
    focus = Focus(events, WEIGHTS)
    assert focus.entry_score(main) > focus.entry_score(aside)
    assert (
        focus.entry_score(aside) >= aside.importance
    )  # a bonus on top of importance, never a penalty


def test_select_tells_a_day_with_its_most_focused_entry() -> None:
    events, main, aside = story_events()
    later = entry("later", 4.0, events[2], day=date(2009, 4, 28))
    focus = {e.id: Focus(events, WEIGHTS).entry_score(e) for e in (main, aside, later)}
    assert [e.id for e in select([main, aside, later], 2, focus)] == ["e-main", "e-later"]
    # without focus the more important aside would tell the day
    assert [e.id for e in select([main, aside, later], 2)] == ["e-aside", "e-later"]


def test_select_keeps_days_in_importance_order_and_fills_with_the_rest() -> None:
    a = entry("a", 9.0, event(1, "First thing happened."), day=date(2020, 1, 1))
    b = entry("b", 8.0, event(2, "Second thing happened."), day=date(2020, 1, 1))
    c = entry("c", 1.0, event(3, "Third thing happened."), day=date(2020, 1, 2))
    assert [e.id for e in select([a, b, c], 2)] == ["e-a", "e-c"]  # one per day first
    assert [e.id for e in select([a, b, c], 3)] == ["e-a", "e-b", "e-c"]
    assert [e.id for e in select([a, b, c], None)] == ["e-a", "e-b", "e-c"]


def test_budgeted_merge_runs_the_focus_choice() -> None:
    def art(n: int, text: str, day: int) -> Article:
        return Article(
            id=f"a{n}",
            source=f"a{n}.txt",
            title="",
            published=datetime(2009, 4, day, 12, tzinfo=UTC),
            tz_source=TzSource.TEXT,
            text=text,
        )

    events, _, _ = story_events()
    articles = [art(1, MAIN, 28), art(2, ASIDE, 28)] + [
        art(10 + i, s, 29) for i, s in enumerate(STORY)
    ]
    entries = merge(events, articles, max_events=2)
    assert len(entries) == 2
    assert entries[0].when.start == DAY
    assert "World Health Organization" in entries[0].text


def test_sentence_bonus_favours_on_story_sentences() -> None:
    events, _, _ = story_events()
    focus = Focus(events, WEIGHTS)
    assert focus.sentence_bonus(MAIN) > focus.sentence_bonus(ASIDE) >= 0.0
    assert Focus(events, replace(WEIGHTS, sentence=0.0)).sentence_bonus(MAIN) == 0.0
