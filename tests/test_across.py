"""Event-anchored phrases dated by other articles of the story (chronicle.events.across)."""

from __future__ import annotations

from datetime import date

from chronicle.events.across import date_across
from chronicle.ingest import read_text
from chronicle.models import Article, Event
from chronicle.pipeline import article_events, build_timeline

FIRST = (
    "Paris attacks\nPUBLISHED : Saturday, 14 November, 2015, 9:00am CET\n\n"
    "Gunmen carried out attacks on six places in Paris on Friday night, killing 130 people. "
    "The attacks were the deadliest in France since the Second World War.\n"
)
SECOND = (
    "Bataclan vigil\nPUBLISHED : Sunday, 15 November, 2015, 9:00am CET\n\n"
    "Thousands gathered at the Place de la Republique on Sunday. "
    "The attacks on Friday left the city in mourning.\n"
)
FOLLOW_UP = (
    "Raid in Saint-Denis\nPUBLISHED : Friday, 20 November, 2015, 9:00am CET\n\n"
    "Police raided a flat in Saint-Denis five days after the attacks, and the suspected "
    "organiser died there.\n"
)


def story(*texts: str) -> list[tuple[Article, list[Event]]]:
    articles = [read_text(text, f"a{i}.txt")[0] for i, text in enumerate(texts)]
    return [(a, article_events(a)) for a in articles]


def test_anchor_dated_by_other_articles() -> None:
    stories = story(FIRST, SECOND, FOLLOW_UP)
    (lede,) = [e for e in stories[2][1] if "Saint-Denis" in e.sentence]
    assert lede.timex.mention.rule == "publish-date"  # on its own: dated by its publish date
    events = date_across(stories)
    (event,) = [e for e in events if "Saint-Denis" in e.sentence]
    assert event.article_id == stories[2][0].id
    assert event.timex.text == "five days after the attacks"
    assert event.timex.when.start == date(2015, 11, 18)
    assert "in 2 other articles" in event.timex.when.explanation
    assert "Fri 13 Nov 2015" in event.timex.when.explanation
    text = stories[2][0].text
    assert text[event.timex.start : event.timex.end] == event.timex.text


def test_no_date_without_a_dated_anchor_elsewhere() -> None:
    alone = story(FOLLOW_UP)
    assert date_across(alone) == alone[0][1]
    unrelated = FIRST.replace("carried out attacks on", "visited").replace(
        "The attacks were", "It was"
    )
    both = story(unrelated, FOLLOW_UP)
    assert date_across(both) == both[0][1] + both[1][1]


def test_timeline_places_the_follow_up_on_its_day() -> None:
    articles = [read_text(t, f"a{i}.txt")[0] for i, t in enumerate((FIRST, SECOND, FOLLOW_UP))]
    entries = build_timeline(articles).entries
    raid = [e for e in entries if "Saint-Denis" in e.text]
    assert [e.when.start for e in raid] == [date(2015, 11, 18)]
