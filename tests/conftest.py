"""Shared fixtures: the --update-goldens option and a rich sample Timeline built by hand."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from chronicle.models import (
    Article,
    Conflict,
    Entry,
    Event,
    Granularity,
    Mention,
    Timeline,
    Timex,
    TimexType,
    TzSource,
    When,
)

HOSTILE_SCRIPT = "<script>alert(1)</script>"
HOSTILE_IMG = "<img src=x onerror=alert(1)>"
HOSTILE_LINK = '<a href="javascript:alert(1)">click me</a>'


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--update-goldens`` rewrites tests/golden/ from the current output."""
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="rewrite the golden files in tests/golden/ instead of comparing with them",
    )


@pytest.fixture(scope="session")
def update_goldens(request: pytest.FixtureRequest) -> bool:
    """True when the run should rewrite golden files."""
    return bool(request.config.getoption("--update-goldens"))


@dataclass(frozen=True)
class _Said:
    """One sentence of an article and the date expression in it."""

    sentence: str
    timex: str
    when: When


def _article(
    article_id: str,
    *,
    title: str,
    published: datetime,
    tz_source: TzSource,
    said: Sequence[_Said],
    url: str | None = None,
    publisher: str | None = None,
) -> tuple[Article, list[Event]]:
    """An article whose body is the given sentences, with one event per sentence."""
    text = " ".join(item.sentence for item in said)
    article = Article(
        id=article_id,
        source=f"examples/{article_id}.txt",
        title=title,
        published=published,
        tz_source=tz_source,
        text=text,
        paragraphs=((0, len(text)),),
        url=url,
        publisher=publisher,
    )
    events = []
    cursor = 0
    for item in said:
        start = text.index(item.sentence, cursor)
        end = start + len(item.sentence)
        cursor = end
        t_start = text.index(item.timex, start)
        mention = Mention(t_start, t_start + len(item.timex), item.timex, rule="sample")
        events.append(
            Event(
                id=f"{article_id}-{t_start}",
                article_id=article_id,
                timex=Timex(mention, item.when),
                sentence=item.sentence,
                sentence_start=start,
                sentence_end=end,
                headline=item.sentence[:60],
                published=published,
            )
        )
    return article, events


def _day(value: str, explanation: str, end: str | None = None, mod: str | None = None) -> When:
    """A day-precise When (or a span of days when ``end`` is given)."""
    first = date.fromisoformat(value)
    last = date.fromisoformat(end) if end else first
    return When(TimexType.DATE, value, Granularity.DAY, first, last, mod, explanation)


def build_sample_timeline() -> Timeline:
    """Four articles (HKT, ET, Paris, hostile), ten entries of every precision and a background."""
    hkt = ZoneInfo("Asia/Hong_Kong")
    friday = _day("2015-11-13", "the Friday before the publish date, Mon 16 Nov 2015")
    paris_hk, (hk_friday, hk_sunday, hk_recent) = _article(
        "scmp-paris",
        title="Hollande vows 'merciless' response to Paris attacks",
        published=datetime(2015, 11, 16, 0, 33, tzinfo=hkt),
        tz_source=TzSource.TEXT,
        url="https://www.example.com/news/world/paris-attacks?id=1&ref=feed",
        publisher="Harbour Daily",
        said=[
            _Said(
                "President François Hollande promised a merciless answer to Friday's terror "
                "attacks in Paris.",
                "Friday's",
                friday,
            ),
            _Said(
                "The French air force on Sunday ordered its heaviest strikes yet on Raqqa.",
                "on Sunday",
                _day("2015-11-15", "the Sunday before the publish date, Mon 16 Nov 2015"),
            ),
            _Said(
                "In recent years the group has claimed attacks far beyond Syria.",
                "In recent years",
                When(
                    TimexType.DATE,
                    "PAST_REF",
                    Granularity.VAGUE,
                    None,
                    date(2015, 11, 15),
                    None,
                    "a time before the publish date, Mon 16 Nov 2015",
                ),
            ),
        ],
    )
    eastern = ZoneInfo("America/New_York")
    paris_et, (et_friday, et_week, et_january) = _article(
        "wire-et",
        title="Paris attackers rented rooms days before the assault",
        published=datetime(2015, 11, 15, 19, 10, tzinfo=eastern),
        tz_source=TzSource.METADATA,
        said=[
            _Said(
                "The coordinated attacks on Friday night killed 130 people.",
                "on Friday night",
                _day("2015-11-13", "the Friday before the publish date, Sun 15 Nov 2015"),
            ),
            _Said(
                "Investigators say the suspects rented rooms in Alfortville that week.",
                "that week",
                When(
                    TimexType.DATE,
                    "2015-W46",
                    Granularity.WEEK,
                    date(2015, 11, 9),
                    date(2015, 11, 15),
                    None,
                    "the week of the attacks, Mon 9 – Sun 15 Nov 2015",
                ),
            ),
            _Said(
                "In January, gunmen had attacked the offices of Charlie Hebdo.",
                "In January",
                When(
                    TimexType.DATE,
                    "2015-01",
                    Granularity.MONTH,
                    date(2015, 1, 1),
                    date(2015, 1, 31),
                    None,
                    "the last January before the publish date, Nov 2015",
                ),
            ),
        ],
    )
    paris = ZoneInfo("Europe/Paris")
    paris_fr, (fr_saturday, fr_summit, fr_summer, fr_2014, fr_nineties, fr_quarter) = _article(
        "paris-desk",
        title="City in mourning as climate summit plans go ahead",
        published=datetime(2015, 11, 14, 9, 0, tzinfo=paris),
        tz_source=TzSource.TEXT,
        url="https://news.example.org/2015/11/14/mourning",
        publisher="Paris Desk",
        said=[
            _Said(
                "The siege of the concert hall ended early on Saturday.",
                "early on Saturday",
                _day("2015-11-14", "the publish date itself, Sat 14 Nov 2015", mod="START"),
            ),
            _Said(
                "World leaders will still meet from 30 November to 12 December.",
                "from 30 November to 12 December",
                _day("2015-11-30", "the days between the two dates", end="2015-12-12"),
            ),
            _Said(
                "Last summer passengers overpowered a gunman on a train to Paris.",
                "Last summer",
                When(
                    TimexType.DATE,
                    "2015-SU",
                    Granularity.SEASON,
                    date(2015, 6, 21),
                    date(2015, 9, 22),
                    None,
                    "the summer before the publish date, Nov 2015",
                ),
            ),
            _Said(
                "Around 2014 the first fighters returned from Syria.",
                "Around 2014",
                When(
                    TimexType.DATE,
                    "2014",
                    Granularity.YEAR,
                    date(2014, 1, 1),
                    date(2014, 12, 31),
                    "APPROX",
                    "the year written, 2014",
                ),
            ),
            _Said(
                "Bombs hit the Paris metro in the 1990s.",
                "the 1990s",
                When(
                    TimexType.DATE,
                    "199",
                    Granularity.DECADE,
                    date(1990, 1, 1),
                    date(1999, 12, 31),
                    None,
                    "the decade written, the 1990s",
                ),
            ),
            _Said(
                "A state of emergency may last into the first quarter of 2016.",
                "the first quarter of 2016",
                When(
                    TimexType.DATE,
                    "2016-Q1",
                    Granularity.QUARTER,
                    date(2016, 1, 1),
                    date(2016, 3, 31),
                    None,
                    "the quarter written, Q1 2016",
                ),
            ),
        ],
    )
    hostile, (bad_friday,) = _article(
        "hostile",
        title=f"{HOSTILE_SCRIPT} Stadium blasts {HOSTILE_IMG}",
        published=datetime(2015, 11, 14, 2, 0, tzinfo=UTC),
        tz_source=TzSource.ASSUMED,
        url="javascript:alert(1)",
        publisher=f"{HOSTILE_IMG} Wire",
        said=[
            _Said(
                f"On Friday {HOSTILE_SCRIPT} three blasts {HOSTILE_IMG} shook the stadium "
                f"{HOSTILE_LINK}.",
                "On Friday",
                _day("2015-11-13", f"the Friday before {HOSTILE_SCRIPT} the publish date"),
            ),
        ],
    )
    saturday_when = fr_saturday.timex.when
    entries = (
        Entry(
            id="e-attacks",
            when=friday,
            headline="Gunmen and suicide bombers attack Paris",
            text="Coordinated attacks on a stadium, cafés and a concert hall kill 130 people.",
            events=(hk_friday, et_friday, fr_saturday),
            conflicts=(
                Conflict(
                    "2015-11-13",
                    date(2015, 11, 13),
                    date(2015, 11, 13),
                    Granularity.DAY,
                    ("scmp-paris", "wire-et"),
                ),
                Conflict(
                    "2015-11-14",
                    date(2015, 11, 14),
                    date(2015, 11, 14),
                    Granularity.DAY,
                    ("paris-desk",),
                ),
            ),
            importance=0.93,
        ),
        Entry(
            id="e-stadium",
            when=bad_friday.timex.when,
            headline=f"{HOSTILE_SCRIPT} Blasts at the stadium {HOSTILE_IMG}",
            text=f"Three blasts shook the stadium {HOSTILE_LINK} {HOSTILE_IMG}",
            events=(bad_friday,),
            importance=0.4,
        ),
        Entry(
            id="e-siege-ends",
            when=saturday_when,
            headline="Concert hall siege ends",
            text="Police end the siege of the concert hall.",
            events=(fr_saturday,),
            importance=0.5,
        ),
        Entry(
            id="e-strikes",
            when=hk_sunday.timex.when,
            headline="French jets strike Raqqa",
            text=hk_sunday.sentence,  # as merge makes it: the text is a source's sentence
            events=(hk_sunday,),
            importance=0.7,
        ),
        Entry(
            id="e-rooms",
            when=et_week.timex.when,
            headline="Suspects rent rooms in Alfortville",
            text="Investigators say the suspects rented rooms in Alfortville.",
            events=(et_week,),
            importance=0.3,
        ),
        Entry(
            id="e-charlie",
            when=et_january.timex.when,
            headline="Gunmen attack Charlie Hebdo",
            text="Gunmen attack the offices of the satirical weekly.",
            events=(et_january,),
            importance=0.6,
        ),
        Entry(
            id="e-summit",
            when=fr_summit.timex.when,
            headline="Climate summit in Paris",
            text="World leaders meet for the climate summit.",
            events=(fr_summit,),
            importance=0.5,
        ),
        Entry(
            id="e-train",
            when=fr_summer.timex.when,
            headline="Gunman overpowered on a train",
            text="Passengers overpower a gunman on a train to Paris.",
            events=(fr_summer,),
            importance=0.4,
        ),
        Entry(
            id="e-fighters",
            when=fr_2014.timex.when,
            headline="Fighters return from Syria",
            text="The first fighters return from Syria.",
            events=(fr_2014,),
            importance=0.3,
        ),
        Entry(
            id="e-metro",
            when=fr_nineties.timex.when,
            headline="Bombs on the Paris metro",
            text="Bombs hit the Paris metro.",
            events=(fr_nineties,),
            importance=0.2,
        ),
        Entry(
            id="e-emergency",
            when=fr_quarter.timex.when,
            headline="State of emergency may last into 2016",
            text="The state of emergency may be extended.",
            events=(fr_quarter,),
            importance=0.3,
        ),
    )
    return Timeline(
        title="Paris, November 2015",
        generated=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
        articles=(paris_hk, paris_et, paris_fr, hostile),
        entries=entries,
        skipped=(("examples/broken.txt", "examples/broken.txt: no publish date; use --published"),),
        background=(  # "in recent years": the scene, not a date (#10)
            Entry(
                id="b-recent",
                when=hk_recent.timex.when,
                headline="Group claims attacks beyond Syria",
                text="",
                events=(hk_recent,),
            ),
        ),
    )


@pytest.fixture(scope="session")
def sample_timeline() -> Timeline:
    """The hand-built sample timeline: every precision, a conflict, hostile text (immutable)."""
    return build_sample_timeline()
