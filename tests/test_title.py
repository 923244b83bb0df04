"""The default title: the phrase most headlines share (chronicle.title)."""

from __future__ import annotations

from datetime import UTC, datetime

from chronicle.models import Article, TzSource
from chronicle.title import story_title


def art(
    n: int, title: str, text: str = "Body text of the article goes here.", **kw: str
) -> Article:
    return Article(
        id=f"a{n}",
        source=f"a{n}.txt",
        title=title,
        published=datetime(2015, 11, 14 + n, 9, tzinfo=UTC),
        tz_source=TzSource.TEXT,
        text=text,
        publisher=kw.get("publisher"),
    )


def test_two_word_phrase_shared_by_the_headlines() -> None:
    heads = [
        "France strikes back at Islamic State after Paris carnage",
        "French police kill suspects in raid aimed at Paris attacks planner",
        "Abaaoud, suspected organiser of Paris attacks, died in raid",
        "Brussels stays shut as police hunt Paris attack suspect",
        "Paris attacks trial ends with life sentence",
    ]
    assert story_title([art(i, h) for i, h in enumerate(heads)]) == "Timeline: Paris attacks"


def test_single_name_when_no_pair_is_common() -> None:
    heads = [
        "Iraq votes in first election since the invasion",
        "Bombs kill dozens in Baghdad as Iraq counts votes",
        "Shia alliance wins most seats in Iraq",
        "Kurds hold the balance of power",
    ]
    assert story_title([art(i, h) for i, h in enumerate(heads)]) == "Timeline: Iraq"


def test_publisher_names_zones_asides_and_repeated_sidebars_do_not_count() -> None:
    heads = [
        "(Wire) Swine flu reaches Europe, 10:00 GMT",
        "(Wire) Mexico closes schools over swine flu, 11:00 GMT",
        "(Wire) WHO raises pandemic alert, 12:00 GMT",
    ] + ["Teen charged in Chicago death"] * 5
    articles = [art(i, h, publisher="Daily Wire") for i, h in enumerate(heads)]
    assert story_title(articles) == "Timeline: Swine flu"


def test_falls_back_to_the_earliest_headline_then_to_a_plain_title() -> None:
    articles = [art(2, "Storm hits the coast"), art(1, "Markets rally on jobs data")]
    assert story_title(articles) == "Timeline: Markets rally on jobs data"
    assert story_title([]) == "Timeline"
    assert story_title([art(1, "", "Short.")]) == "Timeline"


def test_untitled_articles_are_named_by_their_first_real_sentence() -> None:
    texts = [
        "By Jane Roe, Staff Writer. Swine flu cases rose again in Mexico City on Monday.",
        "Swine flu closed every school in the capital on Tuesday.",
        "Doctors said swine flu spread fastest among the young.",
    ]
    articles = [art(i, "", t) for i, t in enumerate(texts)]
    assert story_title(articles) == "Timeline: Swine flu"
