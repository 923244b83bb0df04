"""Table-driven resolution cases (tests/cases/resolve.json) and the public find_timexes contract."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

import chronicle
from chronicle.models import Granularity, Style, TimexType
from chronicle.resolve import find_timexes

CASES: list[dict[str, Any]] = json.loads(
    (Path(__file__).parent / "cases" / "resolve.json").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    """Each expected expression is found with its type, value and interval, in order."""
    published = datetime.fromisoformat(case["published"])
    style = Style(case.get("style", "auto"))
    timexes = find_timexes(case["text"], published, style=style)
    found = [(t.text, t.when.type.value, t.when.value) for t in timexes]
    expected = [(e["text"], e["type"], e["value"]) for e in case["expected"]]
    assert found == expected
    for timex, want in zip(timexes, case["expected"], strict=True):
        for key in ("start", "end"):
            if key in want:
                got = getattr(timex.when, key)
                assert (got.isoformat() if got else None) == want[key], key
        if "mod" in want:
            assert timex.when.mod == want["mod"]


def test_local_calendar_date_of_publish_time() -> None:
    """'yesterday' counts from the publisher's local date, not UTC."""
    hong_kong = timezone(timedelta(hours=8))
    published = datetime(2015, 11, 16, 0, 33, tzinfo=hong_kong)  # still 15 Nov in UTC
    (timex,) = find_timexes("It rained yesterday.", published)
    assert timex.when.value == "2015-11-15"


def test_explanations() -> None:
    """Explanations are one line naming the date and what it counts from."""
    published = datetime(2015, 11, 16, 0, 33, tzinfo=timezone(timedelta(hours=8)))
    text = (
        "The attacks on Nov. 13, 2015 shocked Paris. The day after, Friday's victims were mourned."
    )
    timexes = {t.text: t.when.explanation for t in find_timexes(text, published)}
    assert timexes["Friday"] == (
        "Friday → Fri 13 Nov 2015: the Friday before the publish date, Mon 16 Nov 2015"
    )
    assert timexes["The day after"] == (
        "The day after → Sat 14 Nov 2015: 1 day after Fri 13 Nov 2015 mentioned earlier"
    )
    assert all("\n" not in e for e in timexes.values())


def test_last_month_name_explanation() -> None:
    """A month with 'last' says it is the last one before the publish date."""
    published = datetime(2015, 11, 16, 12, tzinfo=UTC)
    (timex,) = find_timexes("They met last October.", published)
    assert timex.when.explanation.startswith("last October → Oct 2014: the last October before")


def test_explanation_does_not_repeat_the_article() -> None:
    published = datetime(2016, 3, 18, 22, 30, tzinfo=UTC)
    (timex,) = find_timexes("Police surrounded a house in the late afternoon.", published)
    assert timex.when.explanation.endswith(
        ": the late afternoon of the publish date, Fri 18 Mar 2016"
    )
    assert "the the" not in timex.when.explanation


def test_granularity_and_intervals() -> None:
    """Granularity follows the value; durations and FUTURE_REF have no interval."""
    published = datetime(2015, 11, 16, 12, tzinfo=UTC)
    text = "This week, in 2014 and for three weeks; the future."
    by_text = {t.text: t.when for t in find_timexes(text, published)}
    assert by_text["This week"].granularity is Granularity.WEEK
    assert by_text["2014"].granularity is Granularity.YEAR
    assert (by_text["2014"].start, by_text["2014"].end) == (
        datetime(2014, 1, 1).date(),
        datetime(2014, 12, 31).date(),
    )
    assert by_text["three weeks"].type is TimexType.DURATION
    assert not by_text["three weeks"].anchored
    assert not by_text["the future"].anchored


def test_offsets_sorted_and_disjoint() -> None:
    """Mentions are sorted, do not overlap and cut the text exactly."""
    published = datetime(2015, 11, 16, 12, tzinfo=UTC)
    text = "On Monday, Nov. 16, 2015 at 9 a.m., three days after Friday, the 1990s ended twice."
    timexes = find_timexes(text, published)
    assert timexes
    for before, after in itertools.pairwise(timexes):
        assert before.end <= after.start
    for timex in timexes:
        assert text[timex.start : timex.end] == timex.text


def test_style_auto_picks_narrative_for_history() -> None:
    """A text full of old years anchors month names on them, not on the download date."""
    years = " ".join(f"In {y} the war went on." for y in range(1914, 1936))
    text = years + " In March the armistice was signed."
    timexes = find_timexes(text, datetime(2009, 12, 19, tzinfo=UTC))
    assert timexes[-1].text == "March"
    assert timexes[-1].when.value == "1935-03"


def test_style_auto_picks_narrative_for_a_short_history() -> None:
    """A few years, all long before the publish date, and no news words: a history."""
    text = (
        "The siege began in 1936. In 1937 the city fell, and the army reached the coast in 1938."
        " The war ended in 1939. Two days later the last units surrendered."
    )
    timexes = find_timexes(text, datetime(2009, 12, 19, tzinfo=UTC))
    assert timexes[-1].text == "Two days later"
    assert timexes[-1].when.value == "1939"
    news = text + " Officials said on Friday that the archive opens today."
    assert find_timexes(news, datetime(2009, 12, 19, tzinfo=UTC))[-3].text == "Two days"


def test_day_written_after_clock_time_explanation() -> None:
    """A clock time on the day written after it says so, not 'mentioned earlier'."""
    published = datetime(2019, 7, 10, 21, 20, tzinfo=timezone(timedelta(hours=-4)))
    text = "He was arrested at 11pm local time on Saturday."
    by_text = {t.text: t.when for t in find_timexes(text, published)}
    assert by_text["11pm"].value == "2019-07-06T23:00"
    assert by_text["11pm"].explanation == (
        "11pm → Sat 6 Jul 2019 23:00: on the day written just after it"
    )


def test_future_quarter_explanation() -> None:
    """A future quarter of next year says 'after' and does not repeat 'the'."""
    published = datetime(2019, 7, 10, 21, 20, tzinfo=UTC)
    (timex,) = find_timexes("The company will report results in the first quarter.", published)
    assert timex.when.explanation == (
        "the first quarter → Q1 2020: the first quarter after the publish date, Wed 10 Jul 2019"
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The verdict came late, so in France it was already Thursday.", "2022-06-30"),
        ("By then it was Friday in Sydney.", "2022-07-01"),
        ("It was already Wednesday in Paris.", "2022-06-29"),
        ("It was Thursday when the jury came back.", "2022-06-23"),
    ],
)
def test_weekday_already_reached(text: str, value: str) -> None:
    """A weekday that 'was already' reached is the reference day or the next one, not before."""
    published = datetime(2022, 6, 29, 18, 42, tzinfo=timezone(timedelta(hours=-4)))
    (timex,) = find_timexes(text, published)
    assert timex.when.value == value


def test_clock_time_keeps_to_its_sentence() -> None:
    """A time of day takes the day mentioned just before it only within the same sentence."""
    published = datetime(2015, 11, 16, 12, tzinfo=UTC)
    same = find_timexes("The raid ended on Wednesday, and at 9 a.m. the road opened.", published)
    assert [t.when.value for t in same] == ["2015-11-11", "2015-11-11T09:00"]
    other = find_timexes("The raid ended on Wednesday. At 9 a.m. the road reopens.", published)
    assert [t.when.value for t in other] == ["2015-11-11", "2015-11-16T09:00"]


def test_clock_time_in_a_report_of_an_earlier_day() -> None:
    """A time of day in past-tense text after a day is told about falls on that day (#11)."""
    published = datetime(2023, 11, 3, 8, tzinfo=UTC)
    text = (
        "The student vanished in the early hours of Sunday November 3, 2013. "
        "Cameras filmed him leaving a bar just after 2am. Police will search the river at 10am."
    )
    values = [t.when.value for t in find_timexes(text, published)]
    assert values == ["2013-11-03", "2013-11-03T02:00", "2023-11-03T10:00"]


def test_already_counts_from_the_day_the_story_is_at() -> None:
    """'already <weekday>' after a day is mentioned counts from that day, not the publish date."""
    text = (
        "The first blast came at about 9.20pm Paris time on Friday, which was already "
        "4.20am on Saturday in Hong Kong."
    )
    timexes = find_timexes(text, datetime(2015, 11, 16, 12, tzinfo=UTC))
    assert [t.when.value for t in timexes][-1] == "2015-11-14T04:20"


@pytest.mark.parametrize(
    ("text", "values"),
    [
        (
            "China decided to intervene on 2 October 1950 - the day after the army crossed.",
            ["1950-10-02", "1950-10-02"],
        ),
        (
            "Prosecutors said on Thursday, the day after the raid, that he was dead.",
            ["2015-11-19", "2015-11-19"],
        ),
        ("Police raided the flat on Wednesday. The day after, they named him.", None),
        ("He arrived on Monday, the day after, and left.", None),
    ],
)
def test_day_after_set_off_after_a_date_restates_it(text: str, values: list[str] | None) -> None:
    """'<date>, the day after the <happening>' names that date again; elsewhere it counts on."""
    timexes = find_timexes(text, datetime(2015, 11, 20, 9, tzinfo=UTC))
    if values is None:  # not set off before a happening: one day after the date
        first, second = (date.fromisoformat(t.when.value[:10]) for t in timexes)
        assert (second - first).days == 1
        assert "restates" not in timexes[1].when.explanation
    else:
        assert [t.when.value for t in timexes] == values
        assert "restates" in timexes[1].when.explanation


def test_a_weekday_that_is_the_publish_day_says_so() -> None:
    """'Wednesday' in a Wednesday article is the publish date itself, not 'the one before'."""
    found = chronicle.tag("Crowds gathered on Wednesday and on Monday.", "2015-11-18T10:00+01:00")
    by_text = {t.text: t.when.explanation for t in found}
    assert by_text["Wednesday"] == "Wednesday → Wed 18 Nov 2015: the publish date itself"
    assert "the Monday before the publish date, Wed 18 Nov 2015" in by_text["Monday"]


def test_road_and_verse_numbers_do_not_move_the_story() -> None:
    """Road numbers and verses are no years: dates after them stay in the publish year (#11)."""
    text = (
        "October 20: A car driven north on 1800E Road near 1950N Road struck a deer. "
        "October 21: A truck left 2010E Road at 1200N and hit a fence. "
        "October 22: The pastor read Luke 2:14 to the crowd. "
        "October 23: A van slid off 1700E Road near 2005N Road."
    )
    values = [t.when.value for t in find_timexes(text, datetime(2023, 10, 27, 8, tzinfo=UTC))]
    assert values == ["2023-10-20", "2023-10-21", "2023-10-22", "2023-10-23"]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # Wednesday 2021-03-10: the next Saturday is nearer, the lead word says so
        (
            "Rebels shelled the town yesterday to disrupt Saturday's count.",
            "2021-03-10",
            "2021-03-13",
        ),
        ("The ministers met before Tuesday's summit, aides said.", "2021-03-13", "2021-03-16"),
        ("The riders train hard to qualify for Sunday's final.", "2021-03-10", "2021-03-14"),
        ("Her rivals see Friday's race remain to be run.", "2021-03-14", "2021-03-19"),
        ("Shares slid following Friday's report on jobs.", "2021-03-14", "2021-03-12"),
        (
            "She won in Saturday's sprint, and she will ride again today.",
            "2021-03-11",
            "2021-03-06",
        ),
        ("Friday's storm left thousands without power.", "2021-03-14", "2021-03-12"),
    ],
)
def test_possessive_weekday_direction(text: str, published: str, expected: str) -> None:
    """A weekday's happening ("Tuesday's vote") is the next one when its lead word or its own
    clause points ahead, else the latest one."""
    timexes = find_timexes(text, datetime.fromisoformat(published))
    weekdays = [t for t in timexes if t.mention.rule == "weekday"]
    assert [t.when.value for t in weekdays] == [expected]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Her father died on Christmas Day last year.", "2021-06-01", ["2020-12-25"]),
        (
            "The ship sank on May 3 last year ahead of the inquiry on June 1.",
            "2021-02-10",
            ["2020-05-03", "2020-06-01"],
        ),
        ("Polls open for the April 4 and 5 vote.", "2021-03-01", ["2021-04-04", "2021-04-05"]),
    ],
)
def test_holidays_with_a_relative_year_and_days_joined_by_and(
    text: str, published: str, expected: list[str]
) -> None:
    """A holiday or date with "last year" is one timex that gives its clause the year; "and"
    joins a second day to a date."""
    timexes = find_timexes(text, datetime.fromisoformat(published))
    assert [t.when.value for t in timexes] == expected


def test_quoted_tomorrow_said_the_night_before_publication() -> None:
    """In a story of the night before, a quoted "tomorrow" is the publish day."""
    text = (
        'The band played to a full hall on Saturday night.\n"If I wake up tomorrow and it was '
        'all a dream, fine," the singer said. The tour resumes tomorrow.'
    )
    timexes = find_timexes(text, datetime.fromisoformat("2021-03-14T07:00"))
    assert [(t.mention.text, t.when.value) for t in timexes][1:] == [
        ("tomorrow", "2021-03-14"),
        ("tomorrow", "2021-03-15"),
    ]
