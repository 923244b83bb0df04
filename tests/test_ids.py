"""Entry ids stay put when later coverage is added (published deep links keep working)."""

from __future__ import annotations

from chronicle.ingest import read_text
from chronicle.models import Article
from chronicle.pipeline import build_timeline

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
    assert first_two.startswith("e-2015-11-13-")
