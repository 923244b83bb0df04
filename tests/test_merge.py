"""Cross-article merging, conflicts, ranking and budgets (chronicle.merge)."""

from __future__ import annotations

import random
import re
from datetime import UTC, date, datetime, timedelta

import pytest

from chronicle.events import find_events
from chronicle.merge import merge
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

FRIDAY = date(2015, 11, 13)
NOVEMBER = (date(2015, 11, 1), date(2015, 11, 30))


def article(article_id: str, text: str, published: date = date(2015, 11, 16)) -> Article:
    return Article(
        id=article_id,
        source=f"{article_id}.txt",
        title="",
        published=datetime(published.year, published.month, published.day, 9, tzinfo=UTC),
        tz_source=TzSource.TEXT,
        text=text,
    )


def dated(
    text: str,
    phrase: str,
    start: date,
    end: date | None = None,
    granularity: Granularity = Granularity.DAY,
) -> Timex:
    at = text.index(phrase)
    value = start.isoformat() if granularity is Granularity.DAY else start.isoformat()[:7]
    when = When(TimexType.DATE, value, granularity, start, end or start, explanation=phrase)
    return Timex(Mention(at, at + len(phrase), phrase, "test"), when)


def events_of(a: Article, *timexes: Timex) -> list[Event]:
    return find_events(a, list(timexes))


PARIS = [
    "Gunmen attacked the Bataclan concert hall in Paris on Friday, killing 89 people.",
    "On Friday, gunmen stormed the Bataclan concert hall in Paris and killed 89 people.",
    "Islamist gunmen killed 89 people at the Bataclan concert hall in Paris on Friday.",
    "The Bataclan concert hall in Paris was attacked by gunmen on Friday; 89 people died.",
    "Gunmen killed 89 people in the Bataclan concert hall attack in Paris on Friday night.",
]


def paris_story() -> tuple[list[Article], list[Event]]:
    articles, events = [], []
    for n, sentence in enumerate(PARIS):
        a = article(f"paris-{n}", sentence + " Other news followed.")
        articles.append(a)
        events += events_of(a, dated(a.text, "Friday", FRIDAY))
    return articles, events


def test_five_reports_of_one_happening_make_one_entry_with_five_sources() -> None:
    articles, events = paris_story()
    entries = merge(events, articles)
    assert len(entries) == 1
    entry = entries[0]
    assert {e.article_id for e in entry.events} == {f"paris-{n}" for n in range(5)}
    assert entry.when.start == FRIDAY and entry.when.granularity is Granularity.DAY
    assert entry.conflicts == ()
    assert re.fullmatch(r"e-[0-9a-f]{12}", entry.id)


def test_different_happenings_on_one_day_stay_apart() -> None:
    articles, events = paris_story()
    other = article("rome", "Italy won a football match against Spain in Rome on Friday.")
    entries = merge(
        events + events_of(other, dated(other.text, "Friday", FRIDAY)), [*articles, other]
    )
    assert len(entries) == 2
    assert sorted(len(e.events) for e in entries) == [1, 5]


def test_month_mention_joins_its_day_twin() -> None:
    articles, events = paris_story()
    month = article(
        "month", "The November attacks on the Bataclan concert hall in Paris killed 89 people."
    )
    extra = events_of(
        month, dated(month.text, "November", *NOVEMBER, granularity=Granularity.MONTH)
    )
    entries = merge(events + extra, [*articles, month])
    assert len(entries) == 1
    assert "month" in {e.article_id for e in entries[0].events}
    assert entries[0].when.granularity is Granularity.DAY


def test_month_mention_without_a_twin_stays_a_month_entry() -> None:
    a = article("m", "Floods hit the Danube valley in November.")
    extra = events_of(a, dated(a.text, "November", *NOVEMBER, granularity=Granularity.MONTH))
    entries = merge(extra, [a])
    assert [e.when.granularity for e in entries] == [Granularity.MONTH]


def test_undated_named_event_attaches_to_its_dated_twin() -> None:
    dated_a = article(
        "w1", "Gunmen stormed the Westgate mall in Nairobi on Saturday, killing 67 people."
    )
    saturday = date(2013, 9, 21)
    undated_a = article("w2", "Survivors of the Westgate mall siege met the president.")
    events = events_of(dated_a, dated(dated_a.text, "Saturday", saturday)) + events_of(undated_a)
    assert any(e.timex.when.start is None for e in events)
    entries = merge(events, [dated_a, undated_a])
    assert len(entries) == 1
    assert {e.article_id for e in entries[0].events} == {"w1", "w2"}
    assert entries[0].when.start == saturday


def test_undated_named_event_without_twin_is_dropped() -> None:
    a = article("w2", "Survivors of the Westgate mall siege met the president.")
    assert merge(events_of(a), [a]) == []


def test_conflicting_dates_make_one_entry_with_conflicts() -> None:
    articles, events = paris_story()
    late = article(
        "late", "Gunmen attacked the Bataclan concert hall in Paris on Saturday, killing 89 people."
    )
    events += events_of(late, dated(late.text, "Saturday", FRIDAY + timedelta(days=1)))
    entries = merge(events, [*articles, late])
    assert len(entries) == 1
    entry = entries[0]
    assert entry.when.start == FRIDAY  # the better-supported date
    assert [(c.start, c.article_ids) for c in entry.conflicts] == [
        (FRIDAY, tuple(f"paris-{n}" for n in range(5))),
        (FRIDAY + timedelta(days=1), ("late",)),
    ]


def several_days() -> tuple[list[Article], list[Event]]:
    """Day d is reported by d+1 articles: later days matter more."""
    articles, events = [], []
    topics = ["ceasefire talks", "border closure", "election result", "bank rescue"]
    for d, topic in enumerate(topics):
        day = date(2015, 11, 2 + d * 3)
        for n in range(d + 1):
            who = ["Leaders", "Ministers", "Diplomats", "Officials"][n]
            a = article(f"d{d}-{n}", f"{who} announced the {topic} in Vienna on {day:%d %B}.", day)
            events += events_of(a, dated(a.text, f"{day:%d %B}", day))
            articles.append(a)
    return articles, events


def test_max_events_keeps_the_most_important_in_chronological_order() -> None:
    articles, events = several_days()
    everything = merge(events, articles)
    assert len(everything) == 4
    top = merge(events, articles, max_events=2)
    assert [e.when.start for e in top] == [date(2015, 11, 8), date(2015, 11, 11)]
    assert top[0].importance < top[1].importance


def test_output_is_chronological() -> None:
    articles, events = several_days()
    starts = [e.when.start for e in merge(events, articles)]
    assert starts == sorted(starts)


def test_sentences_budget_and_deduplication() -> None:
    articles, events = paris_story()
    one = merge(events, articles, sentences=1)[0]
    assert one.text in PARIS
    extra = article(
        "extra",
        "On Friday, President Hollande declared a state of emergency across France and closed "
        "the borders after the Bataclan concert hall attack.",
    )
    events += events_of(extra, dated(extra.text, "Friday", FRIDAY))
    three = merge(events, [*articles, extra], sentences=3)[0]
    chosen = [s for s in [*PARIS, extra.text] if s in three.text]
    assert 2 <= len(chosen) <= 3
    assert extra.text in chosen  # different content is not a duplicate
    copy = article("copy", PARIS[0] + " Other news followed.")
    again = merge(
        [*events, *events_of(copy, dated(copy.text, "Friday", FRIDAY))],
        [*articles, copy],
        sentences=6,
    )[0]
    assert all(again.text.count(s) <= 1 for s in PARIS)


def test_query_keeps_relevant_events_only() -> None:
    articles, events = paris_story()
    other = article("rome", "Italy won a football match against Spain in Rome on Friday.")
    events = events + events_of(other, dated(other.text, "Friday", FRIDAY))
    entries = merge(events, [*articles, other], query="football, soccer")
    assert [{e.article_id for e in entry.events} for entry in entries] == [{"rome"}]
    assert merge(events, [*articles, other], query="cricket") == []


def test_near_duplicate_articles_count_once() -> None:
    text = (
        "Parliament passed the budget bill in a late vote on Tuesday. "
        "The opposition walked out before the vote was taken by the chamber. "
        "The finance minister welcomed the result in a statement to the press."
    )
    tuesday = date(2015, 11, 10)
    one = article("one", text)
    copies = [article(f"copy{n}", text) for n in range(3)]
    other = article(
        "other",
        "Doctors went on strike across the country on Tuesday over pay and hours.",
    )
    events: list[Event] = []
    for a in [one, *copies]:
        events += events_of(a, dated(a.text, "Tuesday", tuesday))
    events += events_of(other, dated(other.text, "Tuesday", tuesday))
    second = article("other2", "Doctors stayed on strike across the country on Tuesday over pay.")
    events += events_of(second, dated(second.text, "Tuesday", tuesday))
    entries = merge(events, [one, *copies, other, second])
    by_size = {len(e.events): e for e in entries}
    assert by_size[4].importance < by_size[2].importance  # four copies of one story < two sources


def test_ids_are_stable_and_merge_is_order_independent() -> None:
    articles, events = several_days()
    more_articles, more_events = paris_story()
    articles += more_articles
    events += more_events
    first = merge(events, articles, max_events=3, sentences=2)
    shuffled_events, shuffled_articles = list(events), list(articles)
    for seed in range(3):
        random.Random(seed).shuffle(shuffled_events)
        random.Random(seed + 10).shuffle(shuffled_articles)
        again = merge(shuffled_events, shuffled_articles, max_events=3, sentences=2)
        assert again == first
    assert all(re.fullmatch(r"[a-z0-9-]+", e.id) for e in first)


def test_no_events_no_entries() -> None:
    assert merge([], []) == []


def test_query_matches_a_surname_in_an_article_that_names_the_person() -> None:
    a = article(
        "mj",
        "Michael Jackson's doctor went on trial in Los Angeles.\n"
        "Jackson died at his home in Los Angeles on Thursday, aged 50.",
    )
    thursday = date(2009, 6, 25)
    events = events_of(a, dated(a.text, "Thursday", thursday))
    assert [e.when.start for e in merge(events, [a], query="michael jackson")] == [thursday]
    other = article("other", "Jackson county held an election on Thursday.")
    events_other = events_of(other, dated(other.text, "Thursday", thursday))
    assert merge(events_other, [other], query="michael jackson") == []


def test_publish_day_with_many_articles_outranks_a_passing_mention() -> None:
    busy = date(2015, 11, 20)
    articles, events = [], []
    for n, who in enumerate(["Ministers", "Diplomats", "Officials"]):
        a = article(f"busy{n}", f"{who} signed the border treaty in Vienna today.", busy)
        events += events_of(a, dated(a.text, "today", busy))
        articles.append(a)
    old = article("old", "The border treaty was first drafted on 3 March 1990 in Vienna.", busy)
    events += events_of(old, dated(old.text, "3 March 1990", date(1990, 3, 3)))
    top = merge(events, [*articles, old], max_events=1)
    assert [e.when.start for e in top] == [busy]


def test_output_does_not_depend_on_string_hashing() -> None:
    import os
    import subprocess
    import sys
    from pathlib import Path

    script = (
        "import sys; sys.path.insert(0, 'tests'); from test_merge import *\n"
        "articles, events = paris_story()\n"
        "a, e = several_days()\n"
        "out = merge(events + e, articles + a, sentences=3)\n"
        "print([(x.id, x.text, x.importance) for x in out])"
    )
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            env=env,
            cwd=Path(__file__).resolve().parent.parent,
            check=True,
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1


def test_two_wordings_of_one_happening_with_different_dates_make_one_conflict() -> None:
    # QA #7/#20: "on Tuesday" (30 June) in one report, "on Monday, June 29" in another.
    one = article(
        "c1",
        "A motorway bridge over the Polcevera river collapsed on Tuesday, killing four people, "
        "the fire service said.",
        date(2020, 7, 2),
    )
    two = article(
        "c2",
        "Prosecutors opened an inquiry on Friday into the collapse of the motorway bridge over "
        "the Polcevera river, which collapsed on Monday, June 29, killing four people.",
        date(2020, 7, 3),
    )
    events = events_of(one, dated(one.text, "Tuesday", date(2020, 6, 30)))
    events += events_of(
        two,
        dated(two.text, "Friday", date(2020, 7, 3)),
        dated(two.text, "Monday, June 29", date(2020, 6, 29)),
    )
    entries = merge(events, [one, two])
    collapse = [
        e for e in entries if "collapsed" in e.headline and e.when.start != date(2020, 7, 3)
    ]
    assert len(collapse) == 1
    entry = collapse[0]
    assert {(c.start, c.article_ids) for c in entry.conflicts} == {
        (date(2020, 6, 29), ("c2",)),
        (date(2020, 6, 30), ("c1",)),
    }
    # The written-out date wins the tie, and the text comes from the source that gives it.
    assert entry.when.start == date(2020, 6, 29)
    assert "June 29" in entry.text and "Tuesday" not in entry.text


def test_two_happenings_told_by_one_article_on_one_day_stay_apart() -> None:
    # QA #9: an arrest and a press appearance, both on the article's Friday.
    text = (
        "Salah Abdeslam, the most wanted suspect from the Paris attacks, was arrested on Friday "
        "in the Brussels district of Molenbeek after four months on the run. "
        "Francois Hollande, who was in Brussels for a summit, appeared beside Belgian Prime "
        "Minister Charles Michel on Friday evening and said France would ask for Abdeslam "
        "to be handed over."
    )
    a = article("arrest", text, date(2016, 3, 18))
    friday = date(2016, 3, 18)
    first = dated(text, "Friday", friday)
    at = text.index("Friday evening")
    second = Timex(Mention(at, at + 6, "Friday", "test"), first.when)
    entries = merge(events_of(a, first, second), [a])
    assert len(entries) == 2
    assert any("arrested" in e.headline for e in entries)


def test_month_mention_told_in_other_words_joins_its_day_by_headline() -> None:
    # QA #19: "collapsed in June" inside a sentence about a funeral joins the dated collapse.
    one = article(
        "c1",
        "The motorway bridge over the Polcevera river collapsed on Monday, June 29, "
        "killing four people.",
        date(2020, 7, 2),
    )
    two = article(
        "c3",
        "Hundreds attended the funeral of the four people killed when the Polcevera "
        "motorway bridge collapsed in June.",
        date(2020, 7, 5),
    )
    events = events_of(one, dated(one.text, "Monday, June 29", date(2020, 6, 29)))
    events += events_of(
        two,
        dated(two.text, "June", date(2020, 6, 1), date(2020, 6, 30), Granularity.MONTH),
    )
    entries = merge(events, [one, two])
    assert len(entries) == 1
    assert entries[0].when.start == date(2020, 6, 29)
    assert {e.article_id for e in entries[0].events} == {"c1", "c3"}


def westgate(saturday: str, sunday: str) -> list[Entry]:
    """Merge two reports on the Westgate mall, dated Saturday and Sunday (21/22 Sep 2013)."""
    one = article("s1", saturday, date(2013, 9, 23))
    two = article("s2", sunday, date(2013, 9, 24))
    events = events_of(one, dated(one.text, "Saturday", date(2013, 9, 21)))
    events += events_of(two, dated(two.text, "Sunday", date(2013, 9, 22)))
    return merge(events, [one, two])


def test_siege_and_attack_on_different_days_are_one_happening_with_a_conflict() -> None:
    # QA #4: "the siege began" in one report, "the attack began" a day later in another.
    entries = westgate(
        "The siege at the Westgate mall began on Saturday, police in Nairobi said.",
        "Kenyan officials said the attack on the Westgate mall began on Sunday.",
    )
    assert len(entries) == 1
    assert {(c.start, c.article_ids) for c in entries[0].conflicts} == {
        (date(2013, 9, 21), ("s1",)),
        (date(2013, 9, 22), ("s2",)),
    }


def test_a_siege_and_an_arrest_on_different_days_stay_apart() -> None:
    entries = westgate(
        "The siege of the Westgate shopping mall in Nairobi began on Saturday.",
        "The arrest at the Westgate shopping mall in Nairobi came on Sunday.",
    )
    assert len(entries) == 2


def death_reports(
    named_nearby: bool,
    second: str = "Karl Vosberg's death in the police raid on a flat was "
    "confirmed by the police on Wednesday.",
) -> tuple[list[Article], list[Event]]:
    """A death confirmed on Thursday in one report, on Wednesday in another that names the man
    (``second``: the other report)."""
    wednesday, thursday = date(2015, 11, 18), date(2015, 11, 19)
    lead = (
        "The militant thought to have planned the bombings was among those killed in the "
        "police raid on a flat, the prosecutor said on Thursday."
    )
    more = (
        " Karl Vosberg had been in hiding since the spring."
        if named_nearby
        else " A second suspect had been in hiding since the spring."
    )
    one = article("k1", lead + more, date(2015, 11, 19))
    two = article("k2", second, date(2015, 11, 22))
    filler = [  # other news: a name in a few of many reports is rare
        article(f"f{n}", f"Ministers in London discussed the budget for {topic} on Friday.")
        for n, topic in enumerate(
            f"{kind} in {place}"
            for kind in ("schools", "roads", "hospitals", "prisons", "farms", "ports")
            for place in ("Kent", "Essex", "Devon", "Dorset", "Surrey")
        )
    ]
    spring = dated(one.text, "the spring", date(2015, 3, 1), date(2015, 5, 31), Granularity.SEASON)
    events = events_of(one, dated(one.text, "Thursday", thursday), spring)
    events += events_of(two, dated(two.text, "Wednesday", wednesday))
    for a in filler:
        events += events_of(a, dated(a.text, "Friday", date(2015, 11, 20)))
    return [one, two, *filler], events


def test_killed_and_death_of_one_named_man_are_one_happening_with_a_conflict() -> None:
    # QA #4: "X was among those killed" (said on Thursday), in an article naming X nearby, and
    # "X's death was confirmed on Wednesday": one statement, two dates.
    articles, events = death_reports(named_nearby=True)
    dated_days = [e for e in merge(events, articles) if e.when.start in NOVEMBER_DAYS]
    assert len(dated_days) == 1
    assert {(c.start, c.article_ids) for c in dated_days[0].conflicts} == {
        (date(2015, 11, 18), ("k2",)),
        (date(2015, 11, 19), ("k1",)),
    }


def test_a_statement_date_is_no_account_of_the_happening_it_reports() -> None:
    # #10: "the prosecutor said on Thursday" that X was killed, and "X died on Wednesday": the
    # statement and the death are two entries, never one happening with conflicting dates.
    articles, events = death_reports(
        named_nearby=True, second="Karl Vosberg died in the police raid on a flat on Wednesday."
    )
    dated_days = [e for e in merge(events, articles) if e.when.start in NOVEMBER_DAYS]
    assert len(dated_days) == 2
    assert all(e.conflicts == () for e in dated_days)
    said = next(e for e in dated_days if e.when.start == date(2015, 11, 19))
    assert said.headline.startswith("The prosecutor said")


def test_killed_and_death_without_a_shared_rare_name_stay_apart() -> None:
    articles, events = death_reports(named_nearby=False)
    dated_days = [e for e in merge(events, articles) if e.when.start in NOVEMBER_DAYS]
    assert len(dated_days) == 2
    assert all(e.conflicts == () for e in dated_days)


NOVEMBER_DAYS = {date(2015, 11, 18), date(2015, 11, 19)}


def test_a_sentence_dated_that_night_joins_the_happening_told_just_before() -> None:
    # QA #4: "... killed 130 people in Paris on 13 November. His brother blew himself up at a
    # cafe that night." is one happening, though the second sentence shares no word with it.
    text = (
        "The gunmen killed 130 people in Paris on 13 November. "
        "His brother Brahim blew himself up at a cafe on the Boulevard Voltaire that night."
    )
    a = article("n1", text, date(2016, 3, 18))
    others = [article(f"p{n}", s + " Other news followed.") for n, s in enumerate(PARIS)]
    events = events_of(a, dated(text, "13 November", FRIDAY), dated(text, "that night", FRIDAY))
    for o in others:
        events += events_of(o, dated(o.text, "Friday", FRIDAY))
    entries = merge(events, [a, *others])
    assert len(entries) == 1
    assert len({e.sentence_start for e in entries[0].events if e.article_id == "n1"}) == 2


def test_a_conflict_never_joins_two_dates_one_article_gives() -> None:
    # x tells of a happening on Friday and of its like on Sunday; y gives Saturday. y may be in
    # conflict with either, but not link x's two happenings into one.
    text = (
        "Gunmen attacked the Bataclan concert hall in Paris on Friday, killing 89 people. "
        "Gunmen attacked the Bataclan concert hall in Paris again on Sunday, killing 89 people."
    )
    x = article("x", text)
    y = article("y", "Gunmen attacked the Bataclan concert hall in Paris on Saturday, killing 89.")
    friday = dated(text, "Friday", FRIDAY)
    sunday = dated(text, "Sunday", FRIDAY + timedelta(days=2))
    events = events_of(x, friday, sunday)
    events += events_of(y, dated(y.text, "Saturday", FRIDAY + timedelta(days=1)))
    entries = merge(events, [x, y])
    assert len(entries) == 2
    for entry in entries:
        assert len({e.timex.when.start for e in entry.events if e.article_id == "x"}) == 1


def named_month_story(sentence: str, phrase: str, granularity: Granularity) -> list[Entry]:
    """The Paris story plus one article naming the attacks with a coarse date, about another
    happening (an arrest in March 2016)."""
    articles, events = paris_story()
    later = article("later", sentence, published=date(2016, 3, 18))
    start = date(2015, 11, 1) if granularity is Granularity.MONTH else date(2015, 1, 1)
    end = NOVEMBER[1] if granularity is Granularity.MONTH else date(2015, 12, 31)
    arrest = dated(later.text, "Friday", date(2016, 3, 18))
    coarse = dated(later.text, phrase, start, end, granularity=granularity)
    return merge(events + events_of(later, arrest, coarse), [*articles, later])


def sources_by_day(entries: list[Entry]) -> dict[str, set[str]]:
    return {e.when.value: {ev.article_id for ev in e.events} for e in entries}


def test_month_mention_naming_the_happening_joins_its_day() -> None:
    entries = named_month_story(
        "Salah Abdeslam, the most wanted suspect from the Bataclan attacks of November 2015, "
        "was arrested on Friday in the Brussels district of Molenbeek.",
        "November 2015",
        Granularity.MONTH,
    )
    by_day = sources_by_day(entries)
    assert "later" in by_day["2015-11-13"]
    assert "2015-11" not in by_day  # no separate month entry
    assert "later" in by_day["2016-03-18"]  # the arrest is still its own entry
    friday = next(e for e in entries if e.when.value == "2015-11-13")
    assert friday.when.granularity is Granularity.DAY
    assert "Abdeslam" not in friday.headline  # told by the reports of the day itself


@pytest.mark.parametrize(
    ("sentence", "phrase", "granularity"),
    [
        # a year holds too many happenings of one name to pick the day
        (
            "Salah Abdeslam, the most wanted suspect from the Bataclan attacks of 2015, "
            "was arrested on Friday.",
            "2015",
            Granularity.YEAR,
        ),
        # a clause about the month is not a name for the happening
        (
            "Salah Abdeslam, who helped the gunmen plan and carry out the Bataclan attacks in "
            "November 2015, was arrested on Friday.",
            "November 2015",
            Granularity.MONTH,
        ),
    ],
)
def test_year_mention_or_clause_with_a_happening_noun_stays_apart(
    sentence: str, phrase: str, granularity: Granularity
) -> None:
    entries = named_month_story(sentence, phrase, granularity)
    assert "later" not in sources_by_day(entries)["2015-11-13"]
