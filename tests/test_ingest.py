"""Ingest: every input format, header style and time-zone case, and every bad input."""

from __future__ import annotations

import importlib
import io
import json
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chronicle.errors import InputError, UsageError
from chronicle.ingest import (
    ChronicleOutput,
    parse_published_option,
    read_article_file,
    read_paths,
    read_text,
)
from chronicle.ingest.common import clean_text, paragraph_spans
from chronicle.models import Article, TzSource

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"
GOOD = FIXTURES / "good"
BAD = FIXTURES / "bad"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def one(path: Path | str, **options: object) -> Article:
    """The single article of ``path``."""
    articles = read_article_file(str(path), **options)  # type: ignore[arg-type]
    assert len(articles) == 1
    return articles[0]


def write(tmp_path: Path, name: str, text: str) -> Path:
    """Write ``text`` to ``tmp_path/name`` as UTF-8 and return the path."""
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def offset_hours(value: datetime) -> float:
    """The UTC offset of an aware datetime, in hours."""
    delta = value.utcoffset()
    assert delta is not None
    return delta / timedelta(hours=1)


def assert_paragraphs_fit(article: Article) -> None:
    """Paragraph offsets are in order, inside the text, and trimmed."""
    assert article.paragraphs
    last = 0
    for start, end in article.paragraphs:
        assert last <= start < end <= len(article.text)
        chunk = article.text[start:end]
        assert chunk == chunk.strip()
        last = end


# ------------------------------------------------------------------ plain text


def test_hong_kong_header_with_hkt_is_hong_kong_time() -> None:
    article = one(GOOD / "hk-header.txt")
    assert article.published.isoformat() == "2015-11-16T00:33:00+08:00"
    assert article.tz_source is TzSource.TEXT
    assert (
        article.updated is not None and article.updated.isoformat() == "2015-11-16T01:05:00+08:00"
    )
    assert article.title == "France strikes back at Islamic State after Paris carnage"
    assert article.text.startswith("France sent warplanes")
    assert (
        "PUBLISHED" not in article.text and "Hollande vows" not in article.text
    )  # header, standfirst
    assert "Friday's terror attacks" in article.text and "on Sunday ordered" in article.text
    assert_paragraphs_fit(article)
    assert len(article.paragraphs) == 2


def test_header_layout_never_implies_a_zone(tmp_path: Path) -> None:
    # QA #11: a Nairobi story in the "PUBLISHED :" layout is not Hong Kong time.
    path = write(
        tmp_path,
        "kenya.txt",
        "Kenya mourns after Westgate siege ends\n"
        "PUBLISHED : Wednesday, 25 September, 2013, 10:05am\n\n"
        "Kenya began three days of national mourning on Wednesday.\n",
    )
    assumed = one(path)
    assert assumed.published.isoformat() == "2013-09-25T10:05:00+00:00"
    assert assumed.tz_source is TzSource.ASSUMED
    nairobi = one(path, tz="Africa/Nairobi")
    assert nairobi.published.isoformat() == "2013-09-25T10:05:00+03:00"
    assert nairobi.tz_source is TzSource.OPTION


@pytest.mark.parametrize(
    ("clock", "expected"),
    [("12:33am", "00:33"), ("12:05pm", "12:05"), ("1:05am", "01:05"), ("11:59pm", "23:59")],
)
def test_twelve_am_and_pm(tmp_path: Path, clock: str, expected: str) -> None:
    path = write(
        tmp_path, "a.txt", f"Headline\nPUBLISHED : Monday, 16 November, 2015, {clock}\n\nBody.\n"
    )
    assert one(path).published.strftime("%H:%M") == expected


def test_wire_story_keeps_dateline_drops_byline_and_signoff() -> None:
    article = one(GOOD / "wire-dateline.txt")
    assert article.published == datetime(2015, 11, 18, 14, 5, tzinfo=UTC)
    assert article.tz_source is TzSource.TEXT
    assert article.text.startswith("PARIS, Nov 18 (Reuters) - French police")
    assert "Jane Doe" not in article.text and "Editing" not in article.text
    assert article.text.endswith("The Senate will vote on Friday.")


def test_published_with_abbreviation(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "Headline\nPublished: 16 Nov 2015 00:33 HKT\n\nBody text.\n")
    article = one(path)
    assert article.published.isoformat() == "2015-11-16T00:33:00+08:00"
    assert article.published.tzinfo == ZoneInfo("Asia/Hong_Kong")
    assert article.tz_source is TzSource.TEXT


def test_updated_line_alone_gives_the_date_and_et_follows_daylight_saving(tmp_path: Path) -> None:
    june = one(GOOD / "us-eastern-june.txt")
    assert june.published.isoformat() == "2022-06-02T18:42:00-04:00"
    assert june.tz_source is TzSource.TEXT
    path = write(
        tmp_path, "nov.txt", "Headline\nUpdated 6:42 PM ET, Mon November 16, 2015\n\nBody.\n"
    )
    assert one(path).published.isoformat() == "2015-11-16T18:42:00-05:00"


@pytest.mark.parametrize(
    ("stamp", "hours"),
    [
        ("16 Nov 2015 09:00 IST", 5.5),  # India, not Israel
        ("16 Jul 2015 09:00 BST", 1.0),
        ("16 Jul 2015 09:00 EST", -4.0),  # Eastern time by date
        ("16 Nov 2015 09:00 CET", 1.0),
        ("16 Jul 2015 09:00 CEST", 2.0),
        ("16 Nov 2015 09:00 PT", -8.0),
        ("16 Nov 2015 09:00 EAT", 3.0),
        ("16 Nov 2015 09:00 AEDT", 11.0),
        ("16 Nov 2015 09:00 GMT", 0.0),
        ("16 Nov 2015 09:00 +0530", 5.5),
        ("16 Nov 2015 09:00 GMT+8", 8.0),
        ("2015-11-16T09:00:00-03:00", -3.0),
        ("Mon, 16 Nov 2015 09:00:00 -0500", -5.0),  # RSS pubDate
        ("16 Nov 2015 09:00 UTC−3", -3.0),  # a minus sign, not a hyphen
        ("16/11/2015 09:00 SGT", 8.0),
        ("Monday 16 November 2015 09.00 CET", 1.0),
        ("November 16, 2015 at 9:00 a.m. EST", -5.0),
    ],
)
def test_zones_written_in_the_header(tmp_path: Path, stamp: str, hours: float) -> None:
    path = write(tmp_path, "a.txt", f"Headline\nPublished: {stamp}\n\nBody.\n")
    article = one(path)
    assert article.published.hour == 9
    assert offset_hours(article.published) == hours
    assert article.tz_source is TzSource.TEXT


def test_no_zone_uses_tz_option_else_assumed_utc(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "Headline\nPublished: 16 Nov 2015 09:00\n\nBody.\n")
    assumed = one(path)
    assert assumed.published == datetime(2015, 11, 16, 9, tzinfo=UTC)
    assert assumed.tz_source is TzSource.ASSUMED
    paris = one(path, tz="Europe/Paris")
    assert paris.published.isoformat() == "2015-11-16T09:00:00+01:00"
    assert paris.tz_source is TzSource.OPTION
    assert one(path, tz="HKT").published.isoformat() == "2015-11-16T09:00:00+08:00"


def test_unknown_tz_option_is_an_input_error(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "Headline\nPublished: 16 Nov 2015 09:00\n\nBody.\n")
    with pytest.raises(InputError, match="--tz 'Mars/Olympus'"):
        read_paths([str(path)], tz="Mars/Olympus", published=None, strict=False)


def test_dateline_with_full_date_serves_when_no_header(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "ap.txt",
        "Raid in Saint-Denis\n\nPARIS, Nov. 18, 2015 (AP) — Police stormed a flat.\n",
    )
    article = one(path)
    assert article.published.date().isoformat() == "2015-11-18"
    assert article.text.startswith("PARIS, Nov. 18, 2015 (AP)")


def test_bare_date_line_and_pipe_separated_header(tmp_path: Path) -> None:
    bare = write(tmp_path, "a.txt", "Headline\nMonday 16 November 2015\n\nBody text here.\n")
    assert one(bare).published.date().isoformat() == "2015-11-16"
    piped = write(
        tmp_path,
        "b.txt",
        "Headline\nPublished 16 Nov 2015 09:00 GMT | Updated 17 Nov 2015 10:00 GMT\n\nBody.\n",
    )
    article = one(piped)
    assert article.published.day == 16 and article.text == "Body."


def test_byline_and_date_on_one_line(tmp_path: Path) -> None:
    # QA #34: "By Jane Doe | 3 March 2021" is a header line with the publish date.
    path = write(
        tmp_path, "a.txt", "Some headline\nBy Jane Doe | 3 March 2021\n\nThe minister resigned.\n"
    )
    article = one(path)
    assert article.published.date().isoformat() == "2021-03-03"
    assert article.title == "Some headline" and article.text == "The minister resigned."


def test_wire_file_with_a_dateline_without_year_gets_a_wire_hint(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "w1.txt",
        "Kenyan forces storm mall\n\nNAIROBI, Sept 22 (Reuters) - Kenyan troops stormed the "
        "mall on Sunday.\n",
    )
    with pytest.raises(InputError) as err:
        read_article_file(str(path))
    message = str(err.value)
    assert "the dateline 'NAIROBI, Sept 22 (Reuters)' gives no year" in message
    assert "'Published: 18 Nov 2015 14:05 GMT'" in message and "PUBLISHED :" not in message


@pytest.mark.parametrize(
    "line",
    ["Published 3 March 2021", "*Published: 3 March 2021*", "By **Jane Doe** | 3 March 2021"],
)
def test_markdown_without_front_matter_date_line_under_the_heading(
    tmp_path: Path, line: str
) -> None:
    path = write(tmp_path, "w10.md", f"# Plain md title\n\n{line}\n\nThe minister resigned.\n")
    article = one(path)
    assert article.published.date().isoformat() == "2021-03-03"
    assert article.tz_source is TzSource.ASSUMED
    assert article.title == "Plain md title" and article.text == "The minister resigned."


def test_markdown_hints_fit_the_file(tmp_path: Path) -> None:
    bare = write(tmp_path, "bare.md", "# Vote delayed\n\nThe assembly will vote on Friday.\n")
    with pytest.raises(InputError, match="add a line like 'Published: 18 Nov 2015 14:05 GMT'"):
        read_article_file(str(bare))
    fronted = write(tmp_path, "front.md", "---\ntitle: Vote\n---\n\nThe assembly voted.\n")
    with pytest.raises(InputError, match="to the front matter"):
        read_article_file(str(fronted))


def test_body_lines_like_by_the_time_stay_in_the_body(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.txt",
        "Headline\nBy the time police arrived, the attackers had gone.\n"
        "Published: 16 Nov 2015 09:00 GMT\n\nBody.\n",
    )
    article = one(path)
    assert article.published.day == 16
    assert article.text == "Body."  # the line before the header is a standfirst


def test_text_without_header_keeps_everything_after_headline(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "Headline\nFirst line of body.\nSecond line.\n")
    article = one(path, published=datetime(2015, 11, 16, 9, tzinfo=UTC))
    assert article.text == "First line of body.\nSecond line."
    assert article.paragraphs == ((0, 19), (20, 32))
    assert article.tz_source is TzSource.OPTION


# ------------------------------------------------------------------ Markdown


def test_markdown_front_matter_and_stripping() -> None:
    article = one(GOOD / "front-matter.md")
    assert article.published.isoformat() == "2015-11-19T19:40:00+01:00"
    assert article.tz_source is TzSource.METADATA
    assert article.title == "Abaaoud confirmed dead"
    assert article.url == "https://example.org/abaaoud"
    assert article.publisher == "Example Evening"
    text = article.text
    assert text.startswith("The prosecutor said on Thursday that Abaaoud died in the raid.")
    for mark in ("**", "](", "![", "photo.jpg", "# ", "> ", "- one"):
        assert mark not in text
    assert "Background" in text and "He had been seen in Greece in January." in text
    assert_paragraphs_fit(article)
    assert text[slice(*article.paragraphs[1])] == "Background"


def test_markdown_raw_html_scripts_styles_and_comments_are_dropped() -> None:
    # QA #25: leaked CSS and a stray ")" from an image whose URL has parentheses.
    page = (
        "---\npublished: 2020-02-03T10:00:00+01:00\n---\n"
        "The panel met on Monday. <script>alert(17)</script> <b>Bold</b> words stay.\n\n"
        "On Tuesday it voted. ![x](javascript:alert(19)) <style>body{display:none}</style>\n\n"
        "<style>\n.ad { color: red }\n</style>\n\n"
        "<!-- an editor's note\nover two lines -->Visible on Wednesday.\n\n"
        "```\n<script>kept()</script> as code\n```\n"
    )
    text = read_text(page, "h3.md")[0].text
    assert text.split("\n\n") == [
        "The panel met on Monday. Bold words stay.",
        "On Tuesday it voted.",
        "Visible on Wednesday.",
        "<script>kept()</script> as code",
    ]


def test_json_text_is_kept_verbatim() -> None:
    body = "On Friday {{ 7*7 }} {% raw %} ${7*7} <b>x</b> [link](javascript:alert(4)) stayed."
    article = read_text(json.dumps({"published": "2020-02-03", "text": body}), "a.json")[0]
    assert article.text == body


def test_markdown_yaml_dates_and_timezone_field(tmp_path: Path) -> None:
    path = write(
        tmp_path, "a.md", "---\ntitle: T\ndate: 2015-11-16\ntimezone: Asia/Hong_Kong\n---\nBody.\n"
    )
    article = one(path)
    assert article.published.isoformat() == "2015-11-16T00:00:00+08:00"
    assert article.tz_source is TzSource.METADATA
    naive = write(tmp_path, "b.md", "---\ntitle: T\npublished: 2015-11-16 09:30:00\n---\nBody.\n")
    assert one(naive, tz="Europe/Paris").published.isoformat() == "2015-11-16T09:30:00+01:00"


def test_markdown_toml_front_matter(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.md",
        '+++\ntitle = "Toml"\ndate = 2015-11-16T09:00:00+01:00\n+++\n\nBody here.\n',
    )
    article = one(path)
    assert (article.title, article.text) == ("Toml", "Body here.")
    assert article.published.isoformat() == "2015-11-16T09:00:00+01:00"
    broken = write(tmp_path, "b.md", "+++\ntitle = \n+++\nBody.\n")
    with pytest.raises(InputError, match=r"b\.md: front matter is not valid TOML"):
        read_article_file(str(broken))


def test_markdown_title_from_heading_without_front_matter(tmp_path: Path) -> None:
    path = write(tmp_path, "undated.md", "# Vote delayed\n\nThe assembly will vote on Friday.\n")
    article = one(path, published=datetime(2015, 11, 16, 9, tzinfo=ZoneInfo("Europe/Paris")))
    assert article.title == "Vote delayed"
    assert article.text == "The assembly will vote on Friday."


def test_broken_front_matter_is_one_clear_error() -> None:
    with pytest.raises(
        InputError, match=r"broken-front-matter\.md: front matter is not valid YAML"
    ):
        read_article_file(str(BAD / "broken-front-matter.md"))


def test_unclosed_front_matter(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", "---\ntitle: x\n\nBody without the closing line.\n")
    with pytest.raises(InputError, match="not closed"):
        read_article_file(str(path))


# ------------------------------------------------------------------ JSON and JSON Lines


def test_json_list_field_aliases_ids_and_titles() -> None:
    first, second = read_article_file(str(GOOD / "list.json"))
    assert first.id == "list-1" and second.id == "own-id"
    assert first.source.endswith("list.json#1")
    assert first.title == "Senate extends state of emergency"
    assert first.text == "The Senate voted on Friday."
    assert first.url == "https://example.org/a"
    assert first.published.isoformat() == "2015-11-20T18:15:00+01:00"
    assert first.tz_source is TzSource.METADATA
    assert (
        second.title == "Belgium raised its threat level on Saturday."
    )  # null title: first sentence
    assert second.published == datetime(2015, 11, 21, tzinfo=UTC)  # date only: midnight
    assert second.tz_source is TzSource.ASSUMED


def test_json_rss_and_epoch_dates(tmp_path: Path) -> None:
    rss = write(tmp_path, "rss.json", '{"pubDate": "Mon, 16 Nov 2015 09:00:00 GMT", "body": "B."}')
    assert one(rss).published == datetime(2015, 11, 16, 9, tzinfo=UTC)
    epoch = write(tmp_path, "epoch.json", '{"timestamp": 1447664400, "text": "B."}')
    assert one(epoch).published == datetime(2015, 11, 16, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("16/11/2015", "2015-11-16"),  # a part above 12 is the day
        ("11/16/2015", "2015-11-16"),
        ("16-11-2015", "2015-11-16"),
        ("12/12/2015", "2015-12-12"),  # both readings agree
        ("11.12.2015", "2015-12-11"),  # dots: day first
        ("16/11/2015 09:00 SGT", "2015-11-16"),
    ],
)
def test_numeric_dates_that_can_be_read_one_way(
    tmp_path: Path, written: str, expected: str
) -> None:
    path = write(tmp_path, "a.txt", f"Headline\nPublished: {written}\n\nBody.\n")
    assert one(path).published.date().isoformat() == expected


def test_ambiguous_numeric_date_is_refused_unless_published_is_given(tmp_path: Path) -> None:
    # QA #26: 11/12/2015 is 11 December in Europe and 12 November in the US.
    path = write(tmp_path, "a.txt", "Headline\nPublished: 11/12/2015\n\nThe minister resigned.\n")
    with pytest.raises(
        InputError, match=r"a\.txt: the date line: '11/12/2015' is ambiguous"
    ) as err:
        read_article_file(str(path))
    assert "2015-12-11" in str(err.value) and "2015-11-12" in str(err.value)
    assert "Published" not in one(path, published=datetime(2015, 11, 12, tzinfo=UTC)).text
    data = write(tmp_path, "b.json", '{"date": "11/12/2015", "text": "Body."}')
    with pytest.raises(InputError, match=r"b\.json: field 'date': '11/12/2015' is ambiguous"):
        read_article_file(str(data))
    with pytest.raises(InputError, match="--published '11/12/2015': '11/12/2015' is ambiguous"):
        parse_published_option("11/12/2015", None)


@pytest.mark.parametrize("value", ["1447630380", '"1447630380"', "1447630380000"])
def test_epoch_numbers_are_utc_not_assumed(tmp_path: Path, value: str) -> None:
    path = write(tmp_path, "a.json", f'{{"published": {value}, "text": "Body."}}')
    article = one(path)
    assert article.published == datetime(2015, 11, 15, 23, 33, tzinfo=UTC)
    assert article.tz_source is TzSource.METADATA
    paris = one(path, tz="Europe/Paris")
    assert paris.published == article.published  # the same instant, shown in Paris time
    assert paris.published.isoformat() == "2015-11-16T00:33:00+01:00"


def test_a_small_number_is_not_an_epoch(tmp_path: Path) -> None:
    path = write(tmp_path, "a.json", '{"published": 2015, "text": "Body."}')
    with pytest.raises(InputError, match="'published' value '2015' is not a date"):
        read_article_file(str(path))


@pytest.mark.parametrize(
    ("name", "text", "field"),
    [
        ("old.json", '{"published": "0001-01-01T00:00:00Z", "text": "B."}', "field 'published'"),
        ("future.json", '{"date": "2099-01-01T10:00:00Z", "text": "B."}', "field 'date'"),
        ("old.md", "---\ndate: 1700-05-01\n---\n\nBody.\n", "front matter 'date'"),
        ("old.txt", "Headline\nPublished: 3 March 1066\n\nBody.\n", "the date line"),
    ],
)
def test_implausible_publish_years_are_refused(
    tmp_path: Path, name: str, text: str, field: str
) -> None:
    path = write(tmp_path, name, text)
    with pytest.raises(InputError) as err:
        read_article_file(str(path))
    message = str(err.value)
    assert message.startswith(f"{path}: {field}: ") and "not a plausible publish date" in message
    assert "\n" not in message


def test_json_title_skips_a_leading_byline(tmp_path: Path) -> None:
    text = "By Maggie Fox, Health Editor\nWHO raises pandemic alert.\nMore text."
    path = write(tmp_path, "a.json", json.dumps({"date": "2009-04-27", "text": text}))
    article = one(path)
    assert article.title == "WHO raises pandemic alert."
    assert article.text == text  # the body is left as given


def test_json_date_only_uses_tz_option(tmp_path: Path) -> None:
    path = write(tmp_path, "a.json", '{"title": "t", "published": "2015-11-16", "text": "Body."}')
    article = one(path, tz="America/New_York")
    assert article.published.isoformat() == "2015-11-16T00:00:00-05:00"
    assert article.tz_source is TzSource.OPTION


def test_json_long_text_title_is_truncated(tmp_path: Path) -> None:
    body = "word " * 60
    path = write(tmp_path, "a.json", json.dumps({"date": "2015-11-16", "body": body}))
    title = one(path).title
    assert len(title) <= 101 and title.endswith("…")


def test_jsonl_two_articles() -> None:
    first, second = read_article_file(str(GOOD / "two.jsonl"))
    assert (first.id, second.id) == ("cop21", "two-2")
    assert second.source.endswith("two.jsonl#2")
    assert second.published.date().isoformat() == "2016-03-18"


def test_jsonl_bad_line_skipped_others_kept(tmp_path: Path) -> None:
    lines = [
        '{"title": "a", "published": "2015-11-16", "text": "One."}',
        '{"title": "b", "published": ',
        '{"title": "c", "text": "No date."}',
        '{"title": "d", "published": "2015-11-17", "text": "Four."}',
    ]
    path = write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n")
    articles, skipped = read_paths([str(path)], tz=None, published=None, strict=False)
    assert [a.title for a in articles] == ["a", "d"]
    assert len(skipped) == 2
    assert "feed.jsonl line 2: invalid JSON at column" in skipped[0][1]
    assert skipped[1][0].endswith("feed.jsonl#3") and "--published" in skipped[1][1]
    with pytest.raises(InputError, match="line 2"):
        read_paths([str(path)], tz=None, published=None, strict=True)


def test_jsonl_saved_as_json(tmp_path: Path) -> None:
    text = (
        '{"title": "a", "date": "2015-11-16", "text": "One."}\n'
        '{"title": "b", "date": "2015-11-17", "text": "Two."}\n'
    )
    path = write(tmp_path, "feed.json", text)
    assert [a.title for a in read_article_file(str(path))] == ["a", "b"]


def test_json_errors_name_line_and_column() -> None:
    with pytest.raises(InputError, match=r"broken\.json: invalid JSON at line 2, column \d+"):
        read_article_file(str(BAD / "broken.json"))
    with pytest.raises(
        InputError, match=r"missing-fields\.json: no article text; add a 'text' field"
    ):
        read_article_file(str(BAD / "missing-fields.json"))


def test_json_bad_date_value(tmp_path: Path) -> None:
    path = write(tmp_path, "a.json", '{"title": "t", "published": "soon", "text": "Body."}')
    with pytest.raises(InputError, match="'published' value 'soon' is not a date"):
        read_article_file(str(path))


# ------------------------------------------------------------------ HTML


def test_html_meta_date_and_boilerplate_removed() -> None:
    article = one(GOOD / "meta.html")
    assert article.published.isoformat() == "2015-11-22T19:48:00-05:00"
    assert article.tz_source is TzSource.METADATA
    assert article.title == "Brussels stays shut"
    assert article.publisher == "The Courier"
    assert article.text.startswith("The Belgian capital will stay closed on Monday")
    for noise in ("cookies", "Most read", "Megan Ruiz", "Home", "All rights reserved", "recipes"):
        assert noise not in article.text
    assert len(article.paragraphs) == 2


def test_html_json_ld_date() -> None:
    article = one(GOOD / "jsonld.html")
    assert article.published.isoformat() == "2015-11-16T18:30:00+01:00"
    assert article.title == "Hollande addresses parliament at Versailles"
    assert article.publisher == "Eurodesk"
    assert "next week" in article.text and "Europe" not in article.text


def test_html_visible_date_through_htmldate(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Raid | Paper</title></head><body><article><h1>Raid</h1>"
        "<p class='date'>Published 18 November 2015</p>"
        "<p>Police stormed a flat in Saint-Denis before dawn, and a long siege followed in the "
        "narrow streets near the cathedral while residents watched from their windows.</p>"
        "</article></body></html>"
    )
    article = one(write(tmp_path, "page.html", page), tz="Europe/Paris")
    assert article.published.isoformat() == "2015-11-18T00:00:00+01:00"
    assert article.title == "Raid"


def test_html_visible_date_line_with_time_and_zone(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Versailles</title></head><body><article><h1>Versailles</h1>"
        "<p class='pubdate'>Monday 16 November 2015 18.30 CET</p>"
        "<p>The president told both houses of parliament that France was at war, and asked "
        "lawmakers to extend the state of emergency for three more months.</p>"
        "</article></body></html>"
    )
    article = one(write(tmp_path, "page.html", page))
    assert article.published.isoformat() == "2015-11-16T18:30:00+01:00"
    assert "CET" not in article.text


def test_html_without_date_and_copyright_year_only() -> None:
    with pytest.raises(InputError, match=r"nodate\.html: no publish date found.*--published"):
        read_article_file(str(BAD / "nodate.html"))


STORY = (
    "<p>The council approved the harbour plan on Monday after a long debate about costs and "
    "jobs in the port district, and the mayor said the works would begin in the spring.</p>"
)
RELATED = (
    "<h2>Related</h2><ul><li><a href='/a'>Old story</a> <time datetime='2011-03-02'>2 March "
    "2011</time></li><li><a href='/b'>Older</a> <time datetime='2010-01-05'>5 January 2010</time>"
    "</li></ul>"
)


@pytest.mark.parametrize(
    "outside",
    [
        f"<aside>{RELATED}</aside>",
        f"<nav>{RELATED}</nav>",
        f"<footer>{RELATED} &copy; 2024 Harbour News</footer>",
        f"<section class='c-related-list'>{RELATED}</section>",
        f"<div id='sidebar'>{RELATED}</div>",
        "<section><article class='card'><h3>Older</h3>"
        "<time datetime='2010-01-05'>5 January 2010</time></article></section>",
        "<aside><div itemscope itemtype='https://schema.org/NewsArticle'>"
        "<meta itemprop='datePublished' content='2010-01-05'>Old</div></aside>",
        "<aside><script type='application/ld+json'>"
        '{"@type": "NewsArticle", "datePublished": "2010-01-05"}</script></aside>',
        "<aside><p class='date'>Published 5 January 2010</p></aside>",
    ],
    ids=[
        "aside",
        "nav",
        "footer",
        "related",
        "sidebar",
        "card",
        "microdata",
        "json-ld",
        "dateline",
    ],
)
def test_html_dates_outside_the_article_are_never_the_publish_date(
    tmp_path: Path, outside: str
) -> None:
    # QA #10: a page without its own date must not take the date of a "Related" link.
    page = (
        "<!DOCTYPE html><html><head><title>Council approves plan</title></head><body>"
        f"<article><h1>Council approves plan</h1>{STORY}</article>{outside}</body></html>"
    )
    path = write(tmp_path, "page.html", page)
    with pytest.raises(InputError, match=r"page\.html: no publish date found"):
        read_article_file(str(path))


def test_html_article_date_wins_over_related_dates(tmp_path: Path) -> None:
    related = f"<aside>{RELATED}</aside><section><article><time datetime='2010-01-05'></time>"
    page = (
        "<html><head><title>Council approves plan</title></head><body>"
        "<header><h1>Council approves plan</h1>"
        "<time datetime='2021-03-03T10:00:00+00:00'>3 March 2021</time></header>"
        f"<article>{STORY}<aside class='related'>{RELATED}</aside></article>"
        f"{related}</article></section></body></html>"
    )
    article = one(write(tmp_path, "page.html", page))
    assert article.published.isoformat() == "2021-03-03T10:00:00+00:00"


def test_html_page_classes_never_rule_out_the_article(tmp_path: Path) -> None:
    # "sidebar"/"comments" in the page's or the article's own class do not hide its date.
    page = (
        "<html><head><title>Plan</title></head><body class='has-sidebar with-comments'>"
        "<main id='main-popular'><article class='story has-comments'><h1>Plan</h1>"
        f"<time datetime='2021-03-03T10:00:00+01:00'>3 March 2021</time>{STORY}</article>"
        f"</main><aside>{RELATED}</aside></body></html>"
    )
    article = one(write(tmp_path, "page.html", page))
    assert article.published.isoformat() == "2021-03-03T10:00:00+01:00"


def test_html_time_told_in_the_story_is_not_the_publish_date(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Plan</title></head><body><article><h1>Plan</h1>"
        "<p>The council first approved a harbour plan on <time datetime='2010-01-05'>5 January "
        "2010</time>, and the mayor said on Monday that the works would finally begin in the "
        "spring after years of delay and two changes of contractor.</p>"
        "<p class='byline'>By Jane Doe, <time datetime='2021-03-03'>3 March 2021</time></p>"
        "</article></body></html>"
    )
    article = one(write(tmp_path, "page.html", page))
    assert article.published.date().isoformat() == "2021-03-03"


def test_html_site_logo_h1_and_todays_date_in_the_masthead(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Plan</title></head><body>"
        "<header><h1 class='logo'>Harbour News</h1>"
        "<time datetime='2026-11-26'>Thursday 26 November 2026</time></header>"
        "<article><h1>Council approves plan</h1>"
        f"<time datetime='2021-03-03T10:00:00+01:00'>3 March 2021</time>{STORY}</article>"
        "</body></html>"
    )
    article = one(write(tmp_path, "page.html", page))
    assert article.published.isoformat() == "2021-03-03T10:00:00+01:00"


def test_html_htmldate_ignores_the_site_header(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Plan</title></head><body>"
        "<header class='masthead'><p>Thursday 5 January 2010</p></header>"
        f"<article><h1>Plan</h1>{STORY}</article></body></html>"
    )
    with pytest.raises(InputError, match="no publish date found"):
        read_article_file(str(write(tmp_path, "page.html", page)))


def test_html_htmldate_reads_short_lines_not_the_story(tmp_path: Path) -> None:
    dated = (
        "<html><head><title>Plan</title></head><body><article><h1>Plan</h1>"
        f"<p>Published 3 March 2021</p>{STORY}</article><aside>{RELATED}</aside></body></html>"
    )
    assert one(write(tmp_path, "dated.html", dated)).published.date().isoformat() == "2021-03-03"
    told = (
        "<html><head><title>Plan</title></head><body><article><h1>Plan</h1>"
        "<p>The council first approved a harbour plan on 5 January 2010, and the mayor said "
        "on Monday that the works would finally begin in the spring after years of delay.</p>"
        "</article></body></html>"
    )
    with pytest.raises(InputError, match="no publish date found"):
        read_article_file(str(write(tmp_path, "told.html", told)))


def test_html_wire_dateline_with_full_date(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Raid</title></head><body><article><h1>Raid</h1>"
        "<p>PARIS, Nov. 18, 2015 (AP) — Police stormed a flat in Saint-Denis before dawn, and a "
        "long siege followed in the narrow streets near the cathedral.</p></article>"
        f"<aside>{RELATED}</aside></body></html>"
    )
    article = one(write(tmp_path, "page.html", page))
    assert article.published.date().isoformat() == "2015-11-18"


def test_html_declared_charset(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="windows-1252">'
        '<meta property="article:published_time" content="2015-11-16T09:00:00+01:00">'
        "<title>Caf\xe9</title></head><body><article><p>Le caf\xe9 est ferm\xe9 depuis "
        "vendredi soir, et les habitants du quartier ont d\xe9pos\xe9 des fleurs.</p>"
        "</article></body></html>"
    ).encode("cp1252")
    path = tmp_path / "cp.html"
    path.write_bytes(page)
    article = one(path)
    assert article.title == "Café" and "fermé" in article.text


def test_html_saved_as_txt_is_read_as_html(tmp_path: Path) -> None:
    page = (GOOD / "meta.html").read_text("utf-8")
    article = one(write(tmp_path, "saved.txt", page))
    assert article.title == "Brussels stays shut"


# ------------------------------------------------------------------ stdin, folders, ids


class _Stdin:
    """A stand-in for sys.stdin with a binary buffer."""

    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


@pytest.mark.parametrize(
    ("payload", "title"),
    [
        (
            (GOOD / "hk-header.txt").read_bytes(),
            "France strikes back at Islamic State after Paris carnage",
        ),
        (b'{"title": "From JSON", "published": "2015-11-16", "text": "Body."}', "From JSON"),
        ((GOOD / "front-matter.md").read_bytes(), "Abaaoud confirmed dead"),
        ((GOOD / "meta.html").read_bytes(), "Brussels stays shut"),
    ],
)
def test_stdin_is_sniffed(monkeypatch: pytest.MonkeyPatch, payload: bytes, title: str) -> None:
    monkeypatch.setattr("sys.stdin", _Stdin(payload))
    articles, skipped = read_paths(["-"], tz=None, published=None, strict=True)
    assert not skipped
    assert [a.title for a in articles] == [title]
    assert articles[0].source == "<stdin>" and articles[0].id == "stdin"


def test_folder_walk_sorted_recursive_hidden_and_unknown_skipped(tmp_path: Path) -> None:
    body = "Headline\nPublished: 16 Nov 2015 09:00 GMT\n\nBody.\n"
    write(tmp_path, "b.txt", body)
    write(tmp_path, "a.md", "---\ntitle: A\ndate: 2015-11-16\n---\nBody.\n")
    write(tmp_path, "sub/c.txt", body)
    write(tmp_path, ".hidden.txt", body)
    write(tmp_path, ".git/d.txt", body)
    write(tmp_path, "notes.docx", "not an article")
    seen: list[int] = []

    def progress(items: Iterable[str], total: int) -> Iterator[str]:
        seen.append(total)
        yield from items

    articles, skipped = read_paths(
        [str(tmp_path)], tz=None, published=None, strict=False, progress=progress
    )
    assert [a.id for a in articles] == ["a", "b", "sub/c"]
    assert not skipped
    assert seen == [3]


@pytest.fixture(scope="module")
def rendered() -> dict[str, str]:
    """chronicle's own outputs of a one-article timeline, by file name."""
    from chronicle.pipeline import build_timeline
    from chronicle.rendering import Format, render

    article = one(GOOD / "wire-dateline.txt")
    timeline = build_timeline([article])
    names = {
        Format.HTML: "timeline.html",
        Format.JSON: "timeline.json",
        Format.TIMELINEJS: "timeline.tl.json",
        Format.MARKDOWN: "timeline.md",
    }
    return {name: render(timeline, fmt) for fmt, name in names.items()}


def test_own_output_is_left_out_of_a_folder_silently(
    tmp_path: Path, rendered: dict[str, str]
) -> None:
    # QA #12: a timeline written next to its articles is not an article on the next run.
    (tmp_path / "wire.txt").write_text((GOOD / "wire-dateline.txt").read_text("utf-8"), "utf-8")
    for name, text in rendered.items():
        (tmp_path / name).write_text(text, "utf-8")
    articles, skipped = read_paths([str(tmp_path)], tz=None, published=None, strict=True)
    assert [a.id for a in articles] == ["wire"]
    assert skipped == []


def test_own_output_named_explicitly_is_a_skipped_input(
    tmp_path: Path, rendered: dict[str, str]
) -> None:
    paths = []
    for name, text in rendered.items():
        (tmp_path / name).write_text(text, "utf-8")
        paths.append(str(tmp_path / name))
    articles, skipped = read_paths(paths, tz=None, published=None, strict=False)
    assert articles == []
    assert [source for source, _ in skipped] == [Path(path).name for path in paths]
    for _, message in skipped:
        assert "chronicle wrote, not an article" in message and "\n" not in message
    with pytest.raises(ChronicleOutput, match=r"timeline\.html: a timeline page chronicle wrote"):
        read_article_file(paths[0])


def test_other_timelinejs_and_output_among_inputs(tmp_path: Path) -> None:
    other = write(tmp_path, "tl.json", '{"title": {}, "events": [{"start_date": {"year": 2015}}]}')
    with pytest.raises(InputError, match="a TimelineJS timeline, not an article"):
        read_article_file(str(other))
    wire = tmp_path / "wire.txt"
    wire.write_text((GOOD / "wire-dateline.txt").read_text("utf-8"), "utf-8")
    out = tmp_path / "out.txt"
    out.write_text(wire.read_text("utf-8"), "utf-8")
    # an article walked in the folder is an input: -o onto it is refused, named or walked
    for paths in ([str(tmp_path)], [str(out)]):
        with pytest.raises(UsageError, match=r"out\.txt: is one of the inputs"):
            read_paths(paths, tz=None, published=None, strict=False, output=out)
    out.unlink()
    # a timeline chronicle wrote, walked, is no input: it may be replaced
    page = tmp_path / "timeline.json"
    page.write_text('{"schema": "chronicle.timeline/1", "events": []}', "utf-8")
    articles, skipped = read_paths(
        [str(tmp_path)], tz=None, published=None, strict=False, output=page
    )
    assert [a.id for a in articles] == ["wire"] and len(skipped) == 1


def test_ids_are_paths_from_the_common_folder(tmp_path: Path) -> None:
    """Same stems in different folders keep their folder: no clash, no order dependence."""
    body = "Headline\nPublished: 16 Nov 2015 09:00 GMT\n\nBody.\n"
    write(tmp_path, "one/Paris Attacks.txt", body)
    write(tmp_path, "two/paris-attacks.txt", body)
    write(tmp_path, "two/paris-attacks-2.txt", body)
    articles, _ = read_paths([str(tmp_path)], tz=None, published=None, strict=True)
    assert [a.id for a in articles] == [
        "one/paris-attacks",
        "two/paris-attacks-2",
        "two/paris-attacks",
    ]
    assert [a.source for a in articles] == [
        "one/Paris Attacks.txt",
        "two/paris-attacks-2.txt",
        "two/paris-attacks.txt",
    ]


def test_duplicate_metadata_ids_do_not_depend_on_argument_order(tmp_path: Path) -> None:
    """Two inputs giving the same id get -2 by their names' order, not the arguments' order."""
    item = '{{"id": "story", "title": "T", "published": "2015-11-16T09:00Z", "text": "{}"}}'
    first = write(tmp_path, "s1/feed.json", item.format("First body."))
    second = write(tmp_path, "s2/feed.json", item.format("Second body."))
    for order in ([first, second], [second, first]):
        articles, _ = read_paths([str(p) for p in order], tz=None, published=None, strict=True)
        by_source = {a.source: a.id for a in articles}
        assert by_source == {"s1/feed.json": "story", "s2/feed.json": "story-2"}


def test_a_bad_article_does_not_take_an_id(tmp_path: Path) -> None:
    write(tmp_path, "a/story.txt", "Headline\n\nNo date here.\n")
    write(tmp_path, "b/story.txt", "Headline\nPublished: 16 Nov 2015 09:00 GMT\n\nBody.\n")
    articles, skipped = read_paths([str(tmp_path)], tz=None, published=None, strict=False)
    assert [a.id for a in articles] == ["b/story"] and len(skipped) == 1


def test_read_text_sniffs_the_format() -> None:
    (article,) = read_text('{"title": "T", "date": "2015-11-16", "text": "Body."}')
    assert (article.id, article.title, article.source) == ("text", "T", "<text>")
    (page,) = read_text((GOOD / "meta.html").read_text("utf-8"), "page.html")
    assert page.id == "page" and page.title == "Brussels stays shut"


def test_missing_path_and_empty_folder_are_skipped(tmp_path: Path) -> None:
    good = write(tmp_path, "good.txt", "Headline\nPublished: 16 Nov 2015 09:00 GMT\n\nBody.\n")
    empty = tmp_path / "empty"
    empty.mkdir()
    missing = tmp_path / "nope.txt"
    articles, skipped = read_paths(
        [str(missing), str(empty), str(good)], tz=None, published=None, strict=False
    )
    assert [a.id for a in articles] == ["good"]
    assert "no such file" in skipped[0][1] and "nope.txt" in skipped[0][1]
    assert "no article files" in skipped[1][1]
    with pytest.raises(InputError, match=r"nope\.txt: no such file"):
        read_paths([str(missing), str(good)], tz=None, published=None, strict=True)


# ------------------------------------------------------------------ bad inputs


BAD_CASES = {
    "empty.txt": "empty file",
    "binary.txt": "binary file",
    "latin1.txt": "not UTF-8 text (byte 0xe9 at offset 3); re-save it as UTF-8",
    "nodate.html": "no publish date found",
    "missing-fields.json": "no article text",
    "broken.json": "invalid JSON at line 2",
    "broken-front-matter.md": "front matter is not valid YAML",
    "undated.txt": "add a line like 'Published: 18 Nov 2015 14:05 GMT' under the headline",
}


@pytest.mark.parametrize("name", sorted(BAD_CASES))
def test_each_bad_input_is_one_line_naming_the_file(name: str) -> None:
    with pytest.raises(InputError) as info:
        read_article_file(str(BAD / name))
    message = str(info.value)
    assert name in message and BAD_CASES[name] in message
    assert "\n" not in message


def test_folder_with_broken_files_keeps_the_good_ones() -> None:
    articles, skipped = read_paths([str(FIXTURES)], tz=None, published=None, strict=False)
    assert {Path(source).name for source, _ in skipped} == set(BAD_CASES)
    assert len(articles) == 10
    assert all(message.startswith(source) for source, message in skipped)
    with pytest.raises(InputError, match=r"binary\.txt"):  # the first bad file in sorted order
        read_paths([str(FIXTURES)], tz=None, published=None, strict=True)


def test_published_option_rescues_undated_files() -> None:
    when = parse_published_option("2015-11-16T09:00", "Europe/Paris")
    articles, skipped = read_paths([str(BAD)], tz=None, published=when, strict=False)
    assert {a.id for a in articles} == {"undated", "nodate"}
    for article in articles:
        assert article.published.isoformat() == "2015-11-16T09:00:00+01:00"
        assert article.tz_source is TzSource.OPTION
    assert len(skipped) == len(BAD_CASES) - 2  # nodate.html is rescued too
    assert "nodate.html" not in {Path(s).name for s, _ in skipped}


def test_unreadable_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = write(tmp_path, "locked.txt", "Headline\n")

    def refuse(*args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied")

    decode_module = importlib.import_module("chronicle.ingest.decode")
    with monkeypatch.context() as patched:  # chmod 000 does not stop root
        patched.setattr(decode_module.os, "open", refuse)
        with pytest.raises(InputError, match=r"locked\.txt: cannot read it \(permission denied\)"):
            read_article_file(str(path))


def test_utf8_bom_and_utf16_are_read(tmp_path: Path) -> None:
    text = "Café news\nPublished: 16 Nov 2015 09:00 GMT\n\nBody.\n"
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert one(bom).title == "Café news"
    wide = tmp_path / "wide.txt"
    wide.write_bytes(text.encode("utf-16"))
    assert one(wide).title == "Café news"


# ------------------------------------------------------------------ --published


@pytest.mark.parametrize(
    ("value", "tz", "expected"),
    [
        ("2015-11-16T09:00", None, "2015-11-16T09:00:00+00:00"),
        ("2015-11-16T09:00", "Europe/Paris", "2015-11-16T09:00:00+01:00"),
        ("2015-11-16", "Asia/Hong_Kong", "2015-11-16T00:00:00+08:00"),
        ("2015-11-16T09:00:00-05:00", "Europe/Paris", "2015-11-16T09:00:00-05:00"),
        ("16 Nov 2015 09:00 HKT", None, "2015-11-16T09:00:00+08:00"),
        ("Monday, 16 November, 2015, 12:33am", "Asia/Hong_Kong", "2015-11-16T00:33:00+08:00"),
    ],
)
def test_parse_published_option(value: str, tz: str | None, expected: str) -> None:
    assert parse_published_option(value, tz).isoformat() == expected


def test_parse_published_option_garbage() -> None:
    with pytest.raises(
        InputError, match=re.escape("--published 'next-ish': not a date; use e.g. 2015-11-16T09:00")
    ):
        parse_published_option("next-ish", None)


# ------------------------------------------------------------------ bundled examples


def test_every_example_ingests_with_a_date_and_a_body() -> None:
    files = sorted(p for p in EXAMPLES.iterdir() if p.suffix != ".md" or p.name != "README.md")
    assert len(files) >= 7
    for path in files:
        for article in read_article_file(str(path)):
            assert article.published.tzinfo is not None, path
            assert article.tz_source is not TzSource.ASSUMED, path
            assert len(article.text.split()) >= 150, path
            assert article.title, path
            assert_paragraphs_fit(article)


def test_examples_folder_reads_all_formats_without_skips() -> None:
    articles, skipped = read_paths([str(EXAMPLES)], tz=None, published=None, strict=True)
    assert not skipped
    assert len(articles) == 11
    assert len({a.id for a in articles}) == 11
    sources = {Path(a.source.split("#")[0]).suffix for a in articles}
    assert sources == {".txt", ".md", ".json", ".jsonl", ".html"}
    by_id = {a.id: a for a in articles}
    assert by_id["01-hk-daily-raqqa-strikes"].published.isoformat() == "2015-11-16T00:33:00+08:00"
    assert by_id["08-us-verdict"].published.isoformat() == "2022-06-29T18:42:00-04:00"
    assert by_id["05-us-brussels-lockdown"].published.isoformat() == "2015-11-22T19:48:00-05:00"


# ------------------------------------------------------------------ properties


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab .\n\t\r\u00a0\u2028"), max_size=80))
def test_paragraph_offsets_always_fit(raw: str) -> None:
    text = clean_text(raw)
    assert text == text.strip()
    spans = paragraph_spans(text)
    last = 0
    for start, end in spans:
        assert last <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        last = end
    assert "".join("".join(text[s:e].split()) for s, e in spans) == "".join(text.split())


# A saved page whose tracking snippet carries a stray byte: UTF-8 everywhere the article is.
_STRAY_PAGE = (
    b"<html><head><title>Harbour bridge reopens</title>"
    b'<meta property="article:published_time" content="2019-03-04T08:00:00+00:00">'
    b'<script>var tag = "\xff\xfe";</script><style>/* \xe9 */</style></head>'
    b"<body><article><h1>Harbour bridge reopens</h1>"
    b"<p>The old harbour bridge reopened to traffic on Sunday after two years of repairs.</p>"
    b"<p>Engineers said the deck had been replaced in \xc3\xa9tapes over the winter.</p>"
    b"<!-- \x80 --></article></body></html>"
)


def test_page_with_stray_bytes_only_in_scripts_is_read(tmp_path: Path) -> None:
    """Bad bytes inside a script, a style sheet and a comment: the page is read, words intact."""
    path = tmp_path / "bridge.html"
    path.write_bytes(_STRAY_PAGE)
    [article] = read_article_file(str(path))
    assert "reopened to traffic on Sunday" in article.text
    assert "étapes" in article.text and "\ufffd" not in article.text + article.title


def test_page_with_a_stray_byte_in_its_text_is_refused(tmp_path: Path) -> None:
    """One bad byte in the article itself: refused with its offset, never read as a wrong letter."""
    page = _STRAY_PAGE.replace(b"two years", b"two y\xe9ars")
    path = tmp_path / "bridge.html"
    path.write_bytes(page)
    with pytest.raises(InputError, match=r"bridge\.html: not UTF-8 text \(byte 0xe9 at offset"):
        read_article_file(str(path))


def test_page_in_another_encoding_is_refused(tmp_path: Path) -> None:
    """Many bad bytes, even all inside scripts, mean another encoding: refused."""
    script = b"<script>" + b"caf\xe9 " * 40 + b"</script>"
    page = _STRAY_PAGE.replace(b"<style>", script + b"<style>")
    path = tmp_path / "bridge.html"
    path.write_bytes(page)
    with pytest.raises(InputError, match="not UTF-8 text"):
        read_article_file(str(path))
