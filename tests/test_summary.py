"""Per-date summaries (chronicle.merge.summary): CentroidOpt over a day's reports."""

from __future__ import annotations

from datetime import date

from chronicle.events import find_events
from chronicle.merge import merge
from chronicle.merge.summary import Budget, Candidate, centroid_opt
from chronicle.models import Article, Event
from test_merge import article, dated

MONDAY = date(2021, 3, 8)
TUESDAY = date(2021, 3, 9)


FLOOD = [
    "The river Wend burst its banks at Ashby on Monday, flooding four hundred homes.",
    "Floodwater from the river Wend covered four hundred homes in Ashby on Monday.",
    "Four hundred homes in Ashby were flooded on Monday when the river Wend rose.",
]
RESCUE = "Boats took two hundred residents of Ashby to the school hall on Monday night."
VISIT = "The regional minister visited the flooded streets of Ashby on Monday afternoon."


def flood_story() -> tuple[list[Article], list[Event]]:
    """Three reports of the flood, one of the rescue and one of the visit, all on Monday."""
    articles: list[Article] = []
    events: list[Event] = []
    for n, sentence in enumerate([*FLOOD, RESCUE, VISIT]):
        a = article(f"flood-{n}", sentence + " More reports followed in the evening.", TUESDAY)
        articles.append(a)
        events += find_events(a, [dated(a.text, "Monday", MONDAY)])
    return articles, events


def sourced(entry_text: str, events: tuple[Event, ...]) -> bool:
    """Every sentence of the text is the sentence of one of the entry's events."""
    rest = entry_text
    for sentence in sorted({e.sentence for e in events}, key=len, reverse=True):
        rest = rest.replace(sentence, "")
    return not rest.strip()


def test_one_sentence_keeps_the_entrys_own_best_sentence() -> None:
    articles, events = flood_story()
    entries = merge(events, articles, max_events=1, sentences=1)
    assert len(entries) == 1
    assert entries[0].text in FLOOD


def test_a_day_told_alone_uses_its_budget_from_the_days_reports() -> None:
    articles, events = flood_story()
    (entry,) = merge(events, articles, max_events=1, sentences=3)
    told = [s for s in [*FLOOD, RESCUE, VISIT] if s in entry.text]
    assert len(told) == 3
    assert entry.text.startswith(tuple(FLOOD))  # its own happening first
    assert RESCUE in told or VISIT in told  # not only the flood, told three times
    assert sourced(entry.text, entry.events)


def test_several_entries_on_one_day_are_each_told_by_their_own_reports() -> None:
    articles, events = flood_story()
    text = (
        "Ashby's river Wend flooded four hundred homes on Monday. "
        "In the capital, parliament elected a new speaker on Monday after a long debate."
    )
    two = article("two", text, TUESDAY)
    events += find_events(two, [dated(text, "Monday", MONDAY), dated(text, "Monday after", MONDAY)])
    speaker = article(
        "speaker", "Parliament chose its new speaker on Monday by secret ballot.", TUESDAY
    )
    events += find_events(speaker, [dated(speaker.text, "Monday", MONDAY)])
    entries = merge(events, [*articles, two, speaker], sentences=3)
    on_monday = [e for e in entries if e.when.start == MONDAY]
    assert len(on_monday) >= 2
    texts = [
        set(e.sentence for e in entry.events if e.sentence in entry.text) for entry in on_monday
    ]
    for n, mine in enumerate(texts):
        for theirs in texts[n + 1 :]:
            assert not mine & theirs  # no sentence tells two happenings


def test_undated_lead_sentences_of_the_day_are_reports_with_a_source() -> None:
    articles, events = flood_story()
    for n, detail in enumerate(
        [
            "Engineers said the river Wend flood defences at Ashby had been overtopped.",
            "The flood defences on the river Wend were overtopped in two places at Ashby.",
        ]
    ):
        follow = article(
            f"follow-{n}",
            f"Volunteers filled sandbags outside the town hall through the night.\n{detail}\n"
            "A football match in a distant city ended in a draw.",
            published=MONDAY,
        )
        articles.append(follow)
        events += find_events(follow, [])
    entries = merge(events, articles, max_events=1, sentences=3)
    (entry,) = entries
    assert "overtopped" in entry.text
    assert sourced(entry.text, entry.events)
    report = next(e for e in entry.events if "overtopped" in e.sentence)
    assert report.timex.mention.rule == "publish-date"
    assert "report of the day" in report.timex.when.explanation


def test_off_query_reports_are_left_out() -> None:
    articles, events = flood_story()
    other = article(
        "other",
        "The cycling club announced its spring programme for members.\n"
        "Its first ride will leave the market square at nine.",
        published=MONDAY,
    )
    entries = merge(
        [*events, *find_events(other, [])],
        [*articles, other],
        max_events=1,
        sentences=4,
        query="Ashby",
    )
    assert "ride" not in entries[0].text


def test_a_sentence_dating_another_day_too_is_not_a_report_of_this_one() -> None:
    articles, events = flood_story()
    both = article(
        "both",
        "Insurers began paying claims on Tuesday for homes flooded at Ashby on Monday.",
        published=TUESDAY,
    )
    events += find_events(both, [dated(both.text, "Tuesday", TUESDAY)])
    events += find_events(both, [dated(both.text, "Monday", MONDAY)])
    entries = merge(events, [*articles, both], max_events=1, sentences=4)
    monday = next(e for e in entries if e.when.start == MONDAY)
    assert "Insurers" not in monday.text


def test_run_together_lists_are_not_candidates() -> None:
    articles, events = flood_story()
    words = " ".join(f"item{n}" for n in range(60))
    listing = article("listing", f"Ashby flood on Monday: {words} river Wend homes.", TUESDAY)
    events += find_events(listing, [dated(listing.text, "Monday", MONDAY)])
    (entry,) = merge(events, [*articles, listing], max_events=1, sentences=4)
    assert "item30" not in entry.text


def candidate(sentence: str, weights: dict[str, float], sources: int = 1) -> Candidate:
    norm = sum(w * w for w in weights.values()) ** 0.5
    return Candidate(sentence, weights, norm, sources)


def test_centroid_opt_takes_the_most_representative_then_what_completes_it() -> None:
    pool = [
        candidate("Alpha beta.", {"alpha": 1.0, "beta": 1.0}, sources=3),
        candidate("Alpha beta again.", {"alpha": 1.0, "beta": 0.9}, sources=2),
        candidate("Gamma alone.", {"gamma": 1.0}, sources=2),
        candidate("Delta elsewhere.", {"delta": 1.0}),
    ]
    budget = Budget(sentences=2, max_words=50, duplicate_ratio=101)
    chosen = centroid_opt(pool, budget)
    assert [c.sentence for c in chosen] == ["Alpha beta.", "Gamma alone."]
    led = centroid_opt(pool, budget, first=pool[3])
    assert led[0].sentence == "Delta elsewhere."
    assert len(led) == 2
    assert centroid_opt(pool, Budget(5, 50, 101))[-1].sentence == "Delta elsewhere."
    assert len(centroid_opt(pool, Budget(5, 50, 101))) == 4  # only four to take
