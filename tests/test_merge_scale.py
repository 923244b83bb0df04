"""What keeps a merge of thousands of articles cheap changes nothing it gives: the collector
paused, copies hashed once, a name searched once, days scored when asked (chronicle.merge)."""

from __future__ import annotations

import gc
from datetime import date

import pytest

from chronicle.merge import merge
from chronicle.merge.dedup import source_groups
from chronicle.merge.heap import collector_paused
from chronicle.models import Entry
from test_merge import article, dated, events_of


def test_collector_paused_inside_and_restored_after() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("a build that fails")
    assert gc.isenabled()


def test_collector_left_off_when_it_was_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_merge_runs_with_the_collector_paused_and_restores_it() -> None:
    text = "The ferry to the island sailed again on Tuesday after the storm."
    a = article("a", text)
    seen: list[bool] = []

    def edit(entries: list[Entry]) -> list[Entry]:
        seen.append(gc.isenabled())
        return entries

    entries = merge(events_of(a, dated(text, "Tuesday", date(2015, 11, 17))), [a], edit=edit)
    assert entries and seen == [False]
    assert gc.isenabled()


LONG = (
    "The river authority opened the northern sluice gates at dawn to relieve the dam. "
    "Farmers downstream moved their herds to the higher pastures before noon."
)


def test_copies_of_one_text_form_one_group_under_the_smallest_id() -> None:
    texts = {"c": LONG, "a": LONG, "b": "A different report about the harbour ferry timetable."}
    groups = source_groups([article(key, text) for key, text in texts.items()], 0.5)
    assert groups == {"a": "a", "b": "b", "c": "a"}


def test_copies_too_short_to_compare_stay_apart() -> None:
    short = "Gates open. Herds moved."  # no sentence long enough to show a copy
    groups = source_groups([article("x", short), article("y", short)], 0.5)
    assert groups == {"x": "x", "y": "y"}


def test_copy_hashed_once_groups_as_a_copy_written_out_again() -> None:
    reworded = LONG.replace("dawn", "dawn,").upper()  # the same letters and digits
    once = source_groups([article("a", LONG), article("c", LONG)], 0.5)
    again = source_groups([article("a", LONG), article("c", reworded)], 0.5)
    assert once == again == {"a": "a", "c": "a"}


def test_a_near_copy_joins_every_copy_of_the_text_it_repeats() -> None:
    near = LONG + " The gates will close again on Sunday evening, the authority added."
    articles = [article("d", LONG), article("b", near), article("c", LONG), article("e", "Other.")]
    groups = source_groups(articles, 0.5)
    assert groups == {"b": "b", "c": "b", "d": "b", "e": "e"}


def test_an_id_given_twice_still_groups_its_copies() -> None:
    articles = [article("a", LONG), article("b", LONG), article("a", LONG)]
    assert source_groups(articles, 0.5) == {"a": "a", "b": "a"}


def test_one_name_mentioned_twice_joins_its_dated_twin_both_times() -> None:
    dated_a = article(
        "w1", "Gunmen stormed the Westgate mall in Nairobi on Saturday, killing 67 people."
    )
    saturday = date(2013, 9, 21)
    first = article("w2", "Survivors of the Westgate mall siege met the president.")
    second = article("w3", "Relatives of the Westgate mall siege victims marched on Monday.")
    events = events_of(dated_a, dated(dated_a.text, "Saturday", saturday))
    events += events_of(first) + events_of(second)
    entries = merge(events, [dated_a, first, second])
    assert len(entries) == 1
    assert {e.article_id for e in entries[0].events} == {"w1", "w2", "w3"}


def test_budget_picks_the_same_entries_whatever_the_order_of_days() -> None:
    stories = [
        ("d1", "Crews repaired the Ostvik pier on Monday after the storm.", date(2019, 3, 4)),
        (
            "d2",
            "A school choir sang in the Lindholm town hall on Monday evening.",
            date(2019, 3, 4),
        ),
        ("d3", "Ferries to Ostvik resumed on Friday once the pier reopened.", date(2019, 3, 8)),
    ]
    made = [(article(key, text, published), published) for key, text, published in stories]
    events = [e for a, day in made for e in events_of(a, dated(a.text, _weekday(a.text), day))]
    articles = [a for a, _ in made]
    every = merge(events, articles)
    assert len(every) == 3
    kept = merge(events, articles, max_events=2)
    assert len(kept) == 2
    assert {e.when.start for e in kept} == {date(2019, 3, 4), date(2019, 3, 8)}  # one per day
    assert kept == merge(list(reversed(events)), list(reversed(articles)), max_events=2)


def _weekday(text: str) -> str:
    return "Monday" if "Monday" in text else "Friday"
