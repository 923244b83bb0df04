"""Property tests: arbitrary text and publish times never break the tagger."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chronicle.resolve import find_timexes

# TIMEX3 value grammar (dates, weeks, quarters, seasons, times, durations, sets, refs)
VALUE = re.compile(
    r"""^(?:
        PRESENT_REF|PAST_REF|FUTURE_REF
      | BC\d{4}
      | (?:\d{2,4}|XXXX)(?:-(?:\d{2}|XX)(?:-(?:\d{2}|XX))?)?
        (?:T(?:\d{2}(?::\d{2})?|MO|AF|EV|NI|DT))?
      | \d{4}-W\d{2}(?:-WE)?
      | \d{4}-WXX
      | \d{4}-Q[1-4]
      | \d{4}-H[12]
      | \d{4}-(?:SP|SU|FA|WI)
      | XXXX-WXX-[1-7](?:T(?:MO|AF|EV|NI|DT))?
      | XXXX-XX-XXT(?:MO|AF|EV|NI|DT)
      | XXXX-(?:SP|SU|FA|WI)
      | P(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|Q)(?:\d+M)?
      | PT(?:\d+(?:\.\d+)?|X)(?:H|M|S)(?:\d+[MS])?
      | P(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+S)?)?
    )$""",
    re.VERBOSE,
)

WORDS = st.sampled_from(
    [
        "Friday",
        "last",
        "next",
        "week",
        "May",
        "March",
        "1998",
        "the",
        "1990s",
        "ago",
        "three",
        "days",
        "12:33am",
        "Nov.",
        "13,",
        "2015",
        "'96",
        "quarter",
        "third",
        "fiscal",
        "now",
        "recently",
        "Christmas",
        "early",
        "late",
        "mid-",
        "every",
        "each",
        "year",
        "the day after",
        "two",
        "hours",
        "BC",
        "490",
        "tonight",
        "summer",
        "winter",
        "night",
        "nights",
        "and",
        "other",
        "months",
        "a",
        "second",
        "will",
        "said",
        "\u2019s",
        "-",
        ",",
        ".",
        "\n",
        "  ",
        "İ",
        "ß",
        "\u2013",
        "0",
        "99999",
        "31",
        "February 30",
    ]
)
TEXTS = st.one_of(st.text(max_size=300), st.lists(WORDS, max_size=40).map(" ".join))
ZONES = st.integers(min_value=-12 * 60, max_value=14 * 60).map(
    lambda m: timezone(timedelta(minutes=m))
)
PUBLISHED = st.builds(
    lambda d, z: d.replace(tzinfo=z),
    st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2100, 12, 30)),
    ZONES,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, published=PUBLISHED)
def test_never_raises_and_values_parse(text: str, published: datetime) -> None:
    """No exception; offsets cut the text; values follow TIMEX3; intervals are ordered."""
    timexes = find_timexes(text, published)
    previous_end = 0
    for timex in timexes:
        assert text[timex.start : timex.end] == timex.text
        assert timex.start >= previous_end and timex.end > timex.start
        previous_end = timex.end
        assert VALUE.match(timex.when.value), timex.when.value
        if timex.when.start is not None and timex.when.end is not None:
            assert timex.when.start <= timex.when.end
        assert "\n" not in timex.when.explanation


def test_extreme_publish_dates() -> None:
    """Relative expressions near the ends of the calendar do not overflow."""
    text = "last year, next year, 9 centuries ago, the 20th century, tomorrow, 1000 years later"
    for published in (datetime(1, 1, 1, tzinfo=UTC), datetime(9999, 12, 31, tzinfo=UTC)):
        for timex in find_timexes(text, published):
            assert VALUE.match(timex.when.value)
