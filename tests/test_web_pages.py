"""Real-web ingest (#11): publish date by evidence, page furniture, kickers, languages.

Every page and sentence here is written for these tests.
"""

from __future__ import annotations

import json
import warnings
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from chronicle import tagio
from chronicle.cli import app
from chronicle.errors import ChronicleWarning, InputError
from chronicle.ingest import read_article_file, read_text
from chronicle.ingest.furniture import is_furniture
from chronicle.ingest.published import Clue, choose, local_offset, url_clues, written_in
from chronicle.ingest.stamps import UTC_ASSUMED, Stamp
from chronicle.language import article_language, code, rules_language
from chronicle.models import Article, TzSource
from chronicle.pipeline import build_timeline
from chronicle.resolve import find_timexes

STORY = (
    "<p>The harbour board voted on Tuesday to close the old ferry pier, after engineers found "
    "that storms over the winter had cracked two of its piles and loosened the deck.</p>"
    "<p>Ferries will use the north quay until a new pier is built, the board said, and the "
    "fishing fleet keeps its moorings on the east side of the basin.</p>"
)
GERMAN = (
    "<p>Der Hafenrat hat am Dienstag beschlossen, den alten Fähranleger zu schließen, nachdem "
    "Ingenieure festgestellt hatten, dass die Winterstürme zwei Pfähle beschädigt hatten.</p>"
    "<p>Die Fähren legen bis zum Bau eines neuen Anlegers am Nordkai an, teilte der Rat mit, "
    "und die Fischer behalten ihre Liegeplätze auf der Ostseite des Beckens.</p>"
)


def page(head: str, body: str, lang: str | None = "en") -> str:
    """A small saved page."""
    attribute = f' lang="{lang}"' if lang else ""
    return (
        f"<!DOCTYPE html><html{attribute}><head><title>Pier closes</title>{head}</head>"
        f"<body><article><h1>Pier closes</h1>{body}</article></body></html>"
    )


def read(tmp_path: Path, html: str, **options: object) -> Article:
    """The one article of a page written to a file."""
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    (article,) = read_article_file(str(path), **options)  # type: ignore[arg-type]
    return article


def stamp(value: str, *, has_time: bool = True, problem: str | None = None) -> Stamp:
    """A stamp from an ISO string."""
    return Stamp(datetime.fromisoformat(value), TzSource.METADATA, has_time, problem)


# ------------------------------------------------------------------ publish date by evidence


def test_utc_meta_moves_to_the_local_day_the_page_writes(tmp_path: Path) -> None:
    head = '<meta property="article:published_time" content="2022-03-09T02:15:40+00:00">'
    body = f'<p class="when"><time datetime="2022-03-08 18:15:40">March 8</time></p>{STORY}'
    article = read(tmp_path, page(head, body))
    assert article.published.date() == date(2022, 3, 8)
    assert article.published.utcoffset() == timedelta(hours=-8)


def test_local_offset_needs_the_same_instant() -> None:
    instant = datetime(2022, 3, 9, 2, 15, 40, tzinfo=UTC)
    assert local_offset(instant, '"2022-03-08T21:15:40-05:00"') == timezone(timedelta(hours=-5))
    assert local_offset(instant, '"2022-03-08 21:15:41"') is None  # other seconds: another time
    assert local_offset(instant, "no stamps here") is None


def test_declared_dates_outvote_a_guess() -> None:
    clues = [
        Clue("json_ld", stamp("2021-06-02T10:00:00+02:00")),
        Clue("visible", stamp("2021-06-02T00:00:00+00:00", has_time=False)),
        Clue("htmldate_ext", stamp("2019-01-05T00:00:00+00:00", has_time=False)),
        Clue("url", stamp("2019-01-05T00:00:00+00:00", has_time=False)),
    ]
    chosen = choose(clues)
    assert chosen is not None and chosen.kind == "json_ld"


def test_a_guess_repeating_a_declared_stamp_is_no_second_witness() -> None:
    declared = "2021-01-01T11:00:00+00:00"
    clues = [
        Clue("json_ld", stamp(declared)),
        Clue("htmldate_fast", stamp(declared)),
        Clue("htmldate_ext", stamp(declared)),
        Clue("visible", stamp("2023-05-04T12:00:00+00:00")),
        Clue("time", stamp("2023-05-04T12:00:00+00:00")),
    ]
    chosen = choose(clues)
    assert chosen is not None and chosen.day == date(2023, 5, 4)


def test_an_ambiguous_date_backs_the_reading_another_clue_names() -> None:
    problem = "'04/05/2022' is ambiguous"
    ambiguous = Clue("meta", stamp("2022-05-04T09:00:00+00:00", problem=problem))
    chosen = choose([ambiguous, Clue("htmldate_fast", stamp("2022-04-05T00:00:00+00:00"))])
    assert chosen is not None and chosen.day == date(2022, 4, 5)
    alone = choose([ambiguous])
    assert alone is not None and alone.stamp.problem == problem


def test_url_day() -> None:
    (clue,) = url_clues(["https://news.example.org/2021/06/02/pier-closes/"], UTC_ASSUMED)
    assert clue.day == date(2021, 6, 2)
    assert url_clues(["https://news.example.org/pier-closes-1234567/"], UTC_ASSUMED) == []


@pytest.mark.parametrize(
    ("text", "day", "written"),
    [
        ("Posted 2. Juni 2021 by the desk", date(2021, 6, 2), True),
        ("<span>02.06.21</span>", date(2021, 6, 2), True),
        ("June 2, 2021", date(2021, 6, 2), True),
        ("&copy; 2021 Harbour News", date(2021, 1, 1), False),
        ("Generator: CMS Version 3.9.15", date(2015, 9, 3), False),
    ],
)
def test_written_in(text: str, day: date, written: bool) -> None:
    assert written_in(day, text) is written


def test_marked_date_in_the_articles_own_aside(tmp_path: Path) -> None:
    body = (
        '<aside class="meta"><span itemprop="datePublished" content="2021-06-02T08:30:00+02:00">'
        f"2 June</span></aside>{STORY}"
        '<aside class="related"><span itemprop="datePublished" content="2011-01-05">x</span>'
        "</aside>"
    )
    article = read(tmp_path, page("", body))
    assert article.published.isoformat() == "2021-06-02T08:30:00+02:00"


def test_posted_statement_in_the_pages_language(tmp_path: Path) -> None:
    body = (
        f"{GERMAN}<div class='post-info'>Dieser Beitrag wurde am 2. Juni 2021 von Anna "
        "verfasst und veröffentlicht.</div>"
    )
    article = read(tmp_path, page("", body, lang="de"))
    assert article.published.date() == date(2021, 6, 2)


def test_labelled_date_in_a_definition_list(tmp_path: Path) -> None:
    body = f"<dl><dt>Datum</dt><dd>02.06.2021</dd></dl>{GERMAN}"
    article = read(tmp_path, page("", body, lang="de"))
    assert article.published.date() == date(2021, 6, 2)


def test_taxonomy_classes_do_not_hide_the_article(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Pier</title></head><body>"
        "<article class='post category-newsletter tag-popular'><h1>Pier closes</h1>"
        f"<time datetime='2021-06-02T08:30:00+02:00'>2 June</time>{STORY}</article></body></html>"
    )
    article = read(tmp_path, html)
    assert article.published.date() == date(2021, 6, 2)


def test_a_layout_wrapper_named_sidebar_is_still_the_page(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Pier</title></head><body><div class='wrap has-sidebar'>"
        f"<div class='meta'><a class='post-date' href='/x'>02/06/2021</a></div>{STORY}"
        "<div class='widget'><p>Tags</p></div></div></body></html>"
    )
    article = read(tmp_path, html)
    assert article.published.date() == date(2021, 6, 2)


def test_a_date_only_in_the_related_list_is_never_taken(tmp_path: Path) -> None:
    body = f"{STORY}</article><aside><ul><li><a href='/o'>Old pier</a> 5 January 2011</li></ul>"
    with pytest.raises(InputError, match="no publish date found"):
        read(tmp_path, page("", body).replace("</article></body>", "</aside></body>"))


# ------------------------------------------------------------------ text: furniture


@pytest.mark.parametrize(
    "line",
    [
        "Read more on the harbour closures",
        "READ MORE: Ferry fares to rise in spring",
        "Related",
        "Lesen Sie auch: Neuer Anleger für die Fähren",
        "Lea también: El puerto cierra el muelle viejo",
        "À lire aussi : la jetée ferme",
        "Advertisement",
        "Offer ends 12/31/22",
        "Sign up to our morning briefing newsletter",
        "Follow the Harbour News on Twitter",
        "© 2021 Harbour News Ltd. All rights reserved.",
        "Photo: Jane Roe/Harbour News",
        "4 min read",
        "Aktualisiert am 02.06.2021",
    ],
)
def test_furniture_lines(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "Related research shows the piles cracked in the cold.",
        "Copyright law changed in 2019, the board's lawyer said.",
        "Read the full report, the board told residents on Tuesday.",
        "The ferry company said it would sign up two more crews in May.",
        "Mira Patel, who runs the kiosk, said the pier had been unsafe for years.",
    ],
)
def test_story_lines_are_not_furniture(line: str) -> None:
    assert not is_furniture(line)


def test_furniture_leaves_the_html_text(tmp_path: Path) -> None:
    head = '<meta property="article:published_time" content="2021-06-02T08:30:00+02:00">'
    body = f"{STORY}<p>Read more: Ferry fares to rise in spring</p><p>Advertisement</p>"
    article = read(tmp_path, page(head, body))
    text = article.text
    assert "north quay" in text and "Read more" not in text and "Advertisement" not in text


# ------------------------------------------------------------------ title: kicker


KICKED = (
    "Harbour closures\n"
    "Harbour board shuts the old ferry pier after storm damage to its piles\n"
    "Published: 2 June 2021 09:00 GMT\n\n"
    "The harbour board voted on Tuesday to close the old ferry pier.\n\n"
    "Read more on the harbour closures\n\n"
    "Ferries will use the north quay until a new pier is built.\n"
)


def test_kicker_above_the_headline_is_not_the_title() -> None:
    (article,) = read_text(KICKED, "pier.txt")
    assert article.title.startswith("Harbour board shuts the old ferry pier")
    assert "Read more" not in article.text and "north quay" in article.text


def test_short_headline_with_a_standfirst_stays_the_title() -> None:
    text = (
        "Pier closes\n"
        "The harbour board shuts the old ferry pier after storms cracked two of its piles.\n"
        "Published: 2 June 2021 09:00 GMT\n\n"
        "The harbour board voted on Tuesday to close the old ferry pier.\n"
    )
    (article,) = read_text(text, "pier.txt")
    assert article.title == "Pier closes"


def test_read_more_is_no_source_in_the_timeline() -> None:
    (article,) = read_text(KICKED, "pier.txt")
    timeline = build_timeline([article])
    assert timeline.entries
    assert all("Read more" not in f"{e.headline} {e.text}" for e in timeline.entries)


# ------------------------------------------------------------------ languages


def test_language_codes() -> None:
    assert code("en-GB") == "en" and code("de_DE") == "de" and code("zh-Hant") == "zh"
    assert code("x-default") is None and code("") is None and code(None) is None


def test_metadata_checked_against_the_text() -> None:
    german = (
        "Der Hafenrat hat am Dienstag beschlossen, den alten Fähranleger zu schließen, "
        "nachdem die Winterstürme zwei Pfähle beschädigt hatten."
    )
    assert article_language("en", german) == "de"  # a template's lang="en" over German text
    assert article_language(None, german) == "de"
    assert article_language("de", "The pier closes.") == "de"  # too short to overrule
    assert article_language(None, "") == "und"


def test_german_page_without_lang_is_german(tmp_path: Path) -> None:
    head = '<meta property="article:published_time" content="2021-06-02T08:30:00+02:00">'
    article = read(tmp_path, page(head, GERMAN, lang=None))
    assert article.language == "de"


def test_neutral_rules_for_a_language_without_its_own() -> None:
    assert rules_language("en") == "en"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert rules_language("xq") == "und"
        rules_language("xq")
    said = [str(w.message) for w in caught if issubclass(w.category, ChronicleWarning)]
    assert len(said) == 1 and "'xq'" in said[0]  # warned once per language
    published = datetime(2021, 6, 9, 12, tzinfo=UTC)
    found = find_timexes("Ouvert le 02.06.2021 à 14h30, fermé 2021-06-05.", published, lang="und")
    assert [(t.text, t.when.value) for t in found] == [
        ("02.06.2021", "2021-06-02"),
        ("14h30", "2021-06-02T14:30"),
        ("2021-06-05", "2021-06-05"),
    ]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("am 13/11/2015", ["2015-11-13"]),
        ("on 11/13/2015", ["2015-11-13"]),
        ("le 2015/11/13", ["2015-11-13"]),
        ("version 1.2.3 build", []),
        ("score 2:1", []),
        ("Tel. 030-12-2015x", []),
        ("eröffnet 2019, Preis 2000 €, Rabatt 1999%, Code A1998, 2.019,50", ["2019"]),
    ],
)
def test_neutral_rules_read_numbers_only_as_plain_dates(text: str, values: list[str]) -> None:
    found = find_timexes(text, datetime(2021, 6, 9, tzinfo=UTC), lang="und")
    assert [t.when.value for t in found] == values


def test_und_rule_examples() -> None:
    from chronicle.tagging import load_rules

    rules = load_rules("und")
    for rule in rules.rules:
        assert rule.examples, rule.name
        for example in rule.examples:
            published = datetime.fromisoformat(example.published).replace(hour=12, tzinfo=UTC)
            found = find_timexes(example.text, published, lang="und")
            assert [(t.text, t.mention.rule, t.when.value) for t in found] == [
                (example.text, rule.name, example.value)
            ]


def test_tempeval_lang_option_and_field(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text(
        json.dumps({"id": "a", "dct": "2021-06-09", "text": "Op 02.06.2021 gesloten."})
        + "\n"
        + json.dumps({"id": "b", "dct": "2021-06-09", "text": "Closed on Friday.", "lang": "en"})
        + "\n",
        encoding="utf-8",
    )
    first, second = tagio.read_tempeval(str(path), lang="nl")
    assert (first.language, second.language) == ("nl", "en")
    with warnings.catch_warnings():  # Dutch falls back to the shared rules: warned once, elsewhere
        warnings.simplefilter("ignore", ChronicleWarning)
        records = [json.loads(tagio.to_jsonl(tagio.tag_document(d))) for d in (first, second)]
    assert records[0]["rules_language"] == "und"
    assert records[0]["timexes"][0]["value"] == "2021-06-02"
    assert records[1]["timexes"][0]["value"] == "2021-06-04"
    with pytest.raises(InputError, match="--lang"):
        tagio.read_tempeval(str(path), lang="1x")


def test_tag_command_reads_a_page_with_its_language_rules(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    head = '<meta property="article:published_time" content="2021-06-02T08:30:00+02:00">'
    path = tmp_path / "seite.html"
    path.write_text(page(head, GERMAN + "<p>Stand: 01.06.2021, 14:30 Uhr, Hafenamt.</p>", None))
    result = CliRunner().invoke(app, ["tag", str(path)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout.splitlines()[0])
    assert record["language"] == "de" and record["rules_language"] == "de"
    assert "2021-06-01T14:30" in [t["value"] for t in record["timexes"]]


def test_html_kicker_above_the_headline_is_not_the_title(tmp_path: Path) -> None:
    head = '<meta property="article:published_time" content="2021-06-02T08:30:00+02:00">'
    html = (
        "<html lang='en'><head><title>Harbour board shuts the old ferry pier | Harbour News"
        f"</title>{head}</head><body><article><p class='kicker'>Harbour closures</p>"
        f"<h1>Harbour board shuts the old ferry pier</h1>{STORY}"
        "<p>Read more on the harbour closures</p></article></body></html>"
    )
    article = read(tmp_path, html)
    assert article.title == "Harbour board shuts the old ferry pier"
    assert "Read more" not in article.text
