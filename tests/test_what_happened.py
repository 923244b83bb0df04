"""What happened on each date (#10): its own happening, statements, background, the page budget.

Every sentence here is written for these tests.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chronicle.cli import app
from chronicle.events.headline import make_headline
from chronicle.merge import merge, merge_background
from chronicle.merge.rank import select
from chronicle.models import Article, Entry, Event, Granularity, TzSource
from chronicle.pipeline import DEFAULT_MAX_EVENTS, article_events, build_timeline, page_budget

PUBLISHED = datetime(2019, 4, 17, 10, 0, tzinfo=UTC)  # a Wednesday
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def article(text: str, article_id: str = "w1", published: datetime = PUBLISHED) -> Article:
    return Article(
        id=article_id,
        source=f"{article_id}.txt",
        title="Test story",
        published=published,
        tz_source=TzSource.TEXT,
        text=text,
    )


def headlines(text: str) -> dict[str, str]:
    """The headline each written date of ``text`` gets, by the date's words."""
    return {e.timex.text: e.headline for e in article_events(article(text))}


def headline(sentence: str, phrase: str, *others: str) -> str:
    """The headline of ``phrase`` in ``sentence``; ``others``: the sentence's other dates."""
    at = sentence.index(phrase)
    spans = [(sentence.index(o), sentence.index(o) + len(o)) for o in others]
    return make_headline(sentence, at, at + len(phrase), others=spans)


@pytest.mark.parametrize(
    ("sentence", "phrase", "others", "expected"),
    [
        # a possessive date makes its noun phrase the happening, unless it is the subject
        (
            "Rescuers searched the rubble after Saturday's earthquake in the northern hills.",
            "Saturday",
            (),
            "Earthquake in the northern hills",
        ),
        (
            "Sunday's flooding closed three schools.",
            "Sunday",
            (),
            "Sunday's flooding closed three schools",
        ),
        (
            "The mayor praised last week's cleanup of the harbour.",
            "last week",
            (),
            "Cleanup of the harbour",
        ),
        # attributive: "the June 4 referendum"; a one-word phrase keeps its date to read alone
        (
            "The council met on Tuesday to prepare for the June 4 referendum on the bridge.",
            "June 4",
            ("Tuesday",),
            "Referendum on the bridge",
        ),
        ("Prices have doubled since the 2019 drought.", "2019", (), "The 2019 drought"),
        # co-temporal: the clause tells the phrase's happening whole
        (
            "The striker scored twice in Saturday's final at the national stadium.",
            "Saturday",
            (),
            "The striker scored twice in Saturday's final at the national stadium",
        ),
        # two dated phrases in one subject: each its own
        (
            "Both Friday's opening ceremony and Sunday's closing parade drew large crowds.",
            "Sunday",
            ("Friday",),
            "Closing parade",
        ),
        # the noun phrase of a temporal connector, when another date dates the clause
        (
            "The ferry company cancelled sailings on Friday following a collision in the harbour "
            "on Wednesday.",
            "Wednesday",
            ("Friday",),
            "Collision in the harbour",
        ),
        # the when-clause of a date that ends a state
        (
            "The dispute dragged on until last spring, when the two firms signed a settlement.",
            "last spring",
            (),
            "The two firms signed a settlement",
        ),
        # a second verb phrase sharing the subject
        (
            "The climber reached the summit on Monday and returned to base camp on Thursday.",
            "Thursday",
            ("Monday",),
            "The climber returned to base camp",
        ),
        (
            "The climber reached the summit on Monday and returned to base camp on Thursday.",
            "Monday",
            ("Thursday",),
            "The climber reached the summit",
        ),
        # what a reporting verb reports, in a later clause
        (
            "On Tuesday the coach was in court, where a judge told him he would face a retrial "
            "in September.",
            "September",
            ("Tuesday",),
            "He would face a retrial",
        ),
        # a non-finite phrase of its own
        (
            "The board approved the budget yesterday, giving the council until Friday to reply.",
            "Friday",
            ("yesterday",),
            "Giving the council until Friday to reply",
        ),
    ],
)
def test_each_date_gets_the_phrase_or_clause_it_modifies(
    sentence: str, phrase: str, others: tuple[str, ...], expected: str
) -> None:
    assert headline(sentence, phrase, *others) == expected


def test_a_sentence_dating_two_happenings_sources_both_with_their_own_headlines() -> None:
    text = "The bridge reopened on Tuesday, four months after Friday's storm had closed it."
    found = article_events(article(text))
    by_phrase = {e.timex.text: e for e in found}
    assert set(by_phrase) == {"Tuesday", "Friday"}
    assert by_phrase["Tuesday"].headline == "The bridge reopened"
    assert "storm" in by_phrase["Friday"].headline.lower()
    assert "reopened" not in by_phrase["Friday"].headline
    assert len({e.sentence_start for e in found}) == 1  # one sentence, two sources


def test_statement_date_says_who_said_what_and_is_marked() -> None:
    text = "The ferry line will close for a month, the transport ministry announced on Monday."
    (event,) = article_events(article(text))
    assert event.statement
    assert (
        event.headline == "The transport ministry announced the ferry line will close for a month"
    )


def test_a_passive_announcement_is_a_statement_too() -> None:
    text = "The mayor's resignation was confirmed by the city council on Tuesday."
    (event,) = article_events(article(text))
    assert event.statement and event.timex.when.start == date(2019, 4, 16)


def test_reported_date_goes_to_the_reported_happening() -> None:
    text = "A spokeswoman said on Tuesday that the reservoir had overflowed on Sunday."
    found = {e.timex.text: e for e in article_events(article(text))}
    assert found["Sunday"].headline == "The reservoir had overflowed"
    assert not found["Sunday"].statement
    # an authority speaking is news of its own: a statement, and its headline says so
    assert found["Tuesday"].statement
    assert found["Tuesday"].headline == "A spokeswoman said the reservoir had overflowed on Sunday"


def test_a_happening_set_beside_a_date_is_counted_from_it() -> None:
    text = (
        "The airline resumed flights on Monday, a day after the storm closed the airport and "
        "stranded hundreds of passengers."
    )
    found = {e.timex.when.start: e for e in article_events(article(text))}
    sunday = date(2019, 4, 14)
    assert sunday in found
    assert found[sunday].headline.startswith("The storm closed the airport")
    assert found[sunday].timex.mention.rule == "set-beside"
    assert "a day after" in found[sunday].timex.when.explanation


def test_an_anchor_dated_in_its_own_phrase_counts_from_that_date() -> None:
    text = "The inquiry opened three days after the crash on 2 March 2019, officials said."
    found = {e.timex.when.start: e for e in article_events(article(text))}
    assert date(2019, 3, 5) in found
    assert "crash" in found[date(2019, 3, 2)].headline.lower()


def test_a_hedged_count_names_no_day() -> None:
    text = "The festival opened barely two weeks after the floods of 1 March."
    found = article_events(article(text))
    assert [e.timex.when.start for e in found] == [date(2019, 3, 1)]


def test_an_aside_on_the_time_elsewhere_makes_no_entry() -> None:
    text = (
        "The result was announced late on Tuesday evening in Lima, so that in Tokyo it was "
        "already Wednesday when the news broke."
    )
    found = article_events(article(text))
    assert all(e.timex.text != "Wednesday" for e in found)


def test_he_names_the_person_an_earlier_sentence_named() -> None:
    text = (
        "Mayor Ana Kovac opened the new tram line in the city centre. "
        "He had promised in March that it would run by Easter."
    )
    found = {e.timex.text: e for e in article_events(article(text))}
    assert found["March"].headline.startswith("Mayor Ana Kovac had promised")


@pytest.mark.parametrize(
    ("text", "label_start", "interval"),
    [
        (
            "Floods have hit the valley repeatedly in recent years.",
            "in recent years",
            (None, date(2019, 4, 17)),
        ),
        (
            "The port has lost trade in the past decade.",
            "in the past decade",
            (date(2009, 4, 17), date(2019, 4, 17)),
        ),
        ("The mill has stood empty for decades.", "for decades", (None, date(2019, 4, 17))),
        (
            "Rents have risen sharply since the 1990s.",
            "since the 1990s",
            (date(1990, 1, 1), date(2019, 4, 17)),
        ),
    ],
)
def test_vague_and_open_spans_are_background(
    text: str, label_start: str, interval: tuple[date | None, date | None]
) -> None:
    timeline = build_timeline([article(text)])
    assert timeline.entries == ()
    (entry,) = timeline.background
    assert entry.events[0].timex.text.lower() == label_start
    assert entry.when.granularity is Granularity.VAGUE
    start, end = interval
    if start is not None:
        assert entry.when.start == start
    assert entry.when.end == end


def test_background_never_counts_against_the_budget() -> None:
    text = (
        "Tourism has grown in recent years. The museum opened on Monday. The bridge closed on "
        "Tuesday. The market burned down on 2 April."
    )
    timeline = build_timeline([article(text)], max_events=1)
    assert len(timeline.entries) == 1
    assert len(timeline.background) == 1


def test_the_same_background_in_two_reports_is_one_entry_when_the_spans_meet() -> None:
    one = article("Wildfires have grown worse in recent years.", "b1")
    two = article("Wildfires have grown much worse in recent years.", "b2")
    later = article(
        "Wildfires have grown worse in recent years.",
        "b3",
        published=datetime(2031, 4, 17, tzinfo=UTC),
    )
    events = [e for a in (one, two, later) for e in article_events(a)]
    entries = merge_background(events, [one, two, later])
    assert sorted(len(e.events) for e in entries) == [1, 2]
    assert merge(events, [one, two, later]) == []  # no dated entry from a background


def test_page_budget_defaults_to_thirty_and_all_keeps_everything() -> None:
    assert DEFAULT_MAX_EVENTS == 30
    assert page_budget(None) == 30
    assert page_budget(12) == 12
    assert page_budget(None, everything=True) is None
    assert page_budget(12, everything=True) is None


def _entry(entry_id: str, day: int, importance: float, *, pinned: bool = False) -> Entry:
    from chronicle.models import When

    when = When.on_day(date(2019, 4, day), "test")
    return Entry(entry_id, when, entry_id, "", (), importance=importance, pinned=pinned)


def test_pinned_entries_are_kept_beside_the_budget() -> None:
    entries = [_entry(f"e{n}", n, float(n)) for n in range(1, 6)]
    entries.append(_entry("pin", 9, 0.0, pinned=True))
    kept = select(entries, 2)
    assert [e.id for e in kept] == ["e4", "e5", "pin"]


def test_the_default_page_keeps_thirty_and_all_keeps_every_entry(tmp_path: Path) -> None:
    runner = CliRunner()
    default = runner.invoke(app, ["build", str(EXAMPLES), "-f", "json"])
    everything = runner.invoke(app, ["build", str(EXAMPLES), "-f", "json", "--all"])
    assert default.exit_code == 0 and everything.exit_code == 0
    page, full = json.loads(default.stdout), json.loads(everything.stdout)
    assert len(full["events"]) > DEFAULT_MAX_EVENTS >= len(page["events"])
    assert page["background"] == full["background"] != []
    # no sentence is the text of two entries that tell one happening
    told: dict[tuple[str, int], list[str]] = {}
    for event in full["events"]:
        for source in event["sources"]:
            told.setdefault((source["article"], source["sentence"]["start"]), []).append(
                event["headline"]
            )
    assert all(len(set(heads)) == len(heads) for heads in told.values())
    # no entry from an aside on the time elsewhere
    assert all("already Thursday" not in e["headline"] for e in full["events"])


def test_the_seed_example_heads_each_date_with_its_own_happening() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["build", str(EXAMPLES), "-f", "json", "--all"])
    doc = json.loads(result.stdout)
    seed = "01-hk-daily-raqqa-strikes"
    by_day: dict[str, list[str]] = {}
    for event in doc["events"]:
        if any(s["article"] == seed for s in event["sources"]):
            by_day.setdefault(event["date"]["value"], []).append(event["headline"].lower())
    assert all("attack" in h and "order" not in h for h in by_day["2015-11-13"])
    assert any("order" in h for h in by_day["2015-11-15"])
    recent = [e for e in doc["background"] if any(s["article"] == seed for s in e["sources"])]
    assert recent and recent[0]["date"]["label"] == "in recent years (before Nov 2015)"


def test_an_event_is_never_both_background_and_dated() -> None:
    events: list[Event] = article_events(
        article("The town has shrunk since the 1990s. Its last factory shut on 3 April.")
    )
    timeline = build_timeline([article(events[0].sentence + " Its last factory shut on 3 April.")])
    dated = {e.id for entry in timeline.entries for e in entry.events}
    background = {e.id for entry in timeline.background for e in entry.events}
    assert dated and background and not dated & background
