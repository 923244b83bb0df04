"""Hostile and careless inputs for the fuzz suite (tests/test_fuzz.py) and benchmarks/fuzz.py.

Each case is an article in one input format, built from a word list that is dense in what
chronicle reads (dates, zones, offsets, header labels, Markdown and HTML marks, JSON shapes)
and salted with random text, odd Unicode and out-of-range values: offsets of 24 h and more,
zone names of hundreds of characters, epochs of hundreds of digits, deep nesting, YAML
aliases. :func:`run_case` sends it through every public entry point: reading text, tagging,
building and rendering every format. Anything but a ChronicleError is a failure.
"""

from __future__ import annotations

import json
import warnings
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from hypothesis import strategies as st

from chronicle.errors import ChronicleError, ChronicleWarning
from chronicle.ingest import parse_published_option, read_text
from chronicle.pipeline import build_timeline
from chronicle.rendering import Format, render
from chronicle.tagio import TagDocument, tag_document, to_jsonl, to_timeml

FORMATS = ("text", "markdown", "json", "jsonl", "html")
T = TypeVar("T")

WORDS = [
    # dates and times as articles write them
    "Friday", "Friday's", "Friday’s", "yesterday", "today", "tomorrow", "last", "next", "this",
    "week", "weekend", "month", "year", "years", "ago", "later", "earlier", "the", "day", "after",
    "before", "since", "until", "between", "and", "on", "in", "at", "of", "by", "from", "to",
    "November", "Nov.", "Nov", "March", "May", "2015", "1998", "'96", "13", "16", "31", "0",
    "1990s", "20th", "century", "Q3", "H1", "spring", "summer", "Christmas", "Ramadan",
    "9.20pm", "12:33am", "12 pm", "21:20", "noon", "midnight", "morning", "tonight",
    "2015-11-13", "2015-11-13T21:20:00+01:00", "13/11/2015", "11/12/2015", "16.11.2015",
    "1447630380", "1447630380000", "W46", "2015-W46", "three", "two", "dozen", "decade",
    "early", "late", "mid-", "about", "around", "recent", "recently", "now", "then",
    # zones, offsets, header labels, bylines, datelines
    "HKT", "ET", "IST", "CET", "GMT", "UTC", "+08:00", "-05:00", "+25:00", "-2599", "+99:00",
    "GMT+8", "UTC-99", "Paris time", "Published:", "PUBLISHED :", "Updated", "By", "Jane",
    "Doe", "PARIS,", "(Reuters)", "-", "—", "–", "(AP)", "said", "officials", "attacks",
    "the attacks", "the day after the attacks", "Mr.", "U.S.", "Hollande", "vote", "raid",
    # punctuation, marks and markup
    ".", ",", "!", "?", "...", "…", ";", ":", "(", ")", "[", "]", "{", "}", '"', "'", "“", "”",
    "*", "**", "_", "__", "~~", "`", "```", "#", "##", ">", "|", "\\", "/", "&", "&amp;", "=",
    "+", "@", "＝", "－", "[a](", "![a](", "[^1]", "<b>", "</b>", "<script>", "</script>",
    "<!--", "-->", "<http://x>", "javascript:alert(1)", "{{ 7*7 }}", "${x}",
    # white space and odd characters
    "\n", "\n\n", "\r\n", "\r", "\t", "\u00a0", "\u2028", "\u200b", "\ufeff", "\u202e",
    "\x00", "\x1b", "\ud800", "İ", "ß", "ﬁ", "😀", "日曜日", "١٣", "Ⅻ", "\u0301",
]  # fmt: skip

STAMPS = [
    "16 Nov 2015 09:00 GMT", "Monday, 16 November, 2015, 12:33am HKT", "2015-11-16",
    "2015-11-16T09:00:00+01:00", "2015-11-16T09:00+99:00", "2015-11-16T09:00:00+24:00",
    "Mar 5 1-2599", "16/11/2015", "11/12/2015", "1447630380", "0", "-1", "99999999999999",
    "9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+23:59", "1799-12-31", "3000-01-01",
    "Nov 31 2015", "February 30, 2016", "yesterday", "",
]  # fmt: skip

ZONES = [
    "Europe/Paris", "Asia/Hong_Kong", "HKT", "ET", "UTC", "+08:00", "-05:30", "+23:59", "+24:00",
    "+25:00", "-99:99", "GMT+8", "../../etc/passwd", "Etc/GMT+12", "A" * 300, "\x00", "",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Case:
    """One fuzz input: a text in a format, with the command-line options a user might give."""

    fmt: str
    text: str
    tz: str | None = None
    published: str | None = None

    def __repr__(self) -> str:
        """A short, pasteable form for a failure report."""
        options = f"fmt={self.fmt!r}, tz={self.tz!r}, published={self.published!r}"
        return f"Case({options}, text={self.text[:2000]!r})"


def _pick(values: list[str]) -> st.SearchStrategy[str]:
    """One of ``values``, or random text now and then."""
    return st.one_of(st.sampled_from(values), st.text(max_size=24))


def _mostly(good: st.SearchStrategy[T], bad: st.SearchStrategy[T]) -> st.SearchStrategy[T]:
    """``good`` three times in four, so that most cases get past reading to the later stages."""
    return st.one_of(good, good, good, bad)


WORD = st.one_of(st.sampled_from(WORDS), st.sampled_from(WORDS), st.text(max_size=12))
PHRASE = st.lists(WORD, max_size=40).map(" ".join)
SENTENCES = st.lists(WORD, min_size=4, max_size=60).map(" ".join)
BODY = st.lists(SENTENCES, min_size=1, max_size=6).map("\n\n".join)
RECENT = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2025, 12, 31))
GOOD_STAMP = st.sampled_from(STAMPS[:4]) | RECENT.map(lambda d: d.isoformat())
STAMP = _mostly(GOOD_STAMP, _pick(STAMPS))
ZONE = _pick(ZONES)
GOOD_ZONE = st.sampled_from(ZONES[:7])
NUMBER = st.one_of(
    st.integers(),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([1447630380, 1447630380000, 10**400, -(10**20), 2**63]),
)
SCALAR = st.one_of(st.none(), st.booleans(), NUMBER, STAMP, ZONE, PHRASE)
JSON_VALUE = st.recursive(
    SCALAR,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(WORDS), inner, max_size=4)
    ),
    max_leaves=12,
)


def _json(value: object) -> str:
    """JSON text of ``value`` (non-finite floats as JavaScript writes them)."""
    return json.dumps(value, ensure_ascii=False)


@st.composite
def text_articles(draw: st.DrawFn) -> str:
    """A plain-text article: headline, header lines, body."""
    lines = [draw(PHRASE)]
    for _ in range(draw(st.integers(0, 3))):
        label = draw(_pick(["Published:", "PUBLISHED :", "Updated", "Posted on", "By", "Date"]))
        lines.append(f"{label} {draw(STAMP)} {draw(st.sampled_from(['', *ZONES[:12]]))}")
    return "\n".join(lines) + "\n\n" + draw(BODY)


@st.composite
def markdown_articles(draw: st.DrawFn) -> str:
    """A Markdown article with YAML (or TOML) front matter, now and then with aliases."""
    keys = ["title", "published", "date", "updated", "timezone", "tz", "publisher", "url", "id"]
    entries = [
        f"{draw(st.sampled_from(keys))}: {draw(_pick([*STAMPS, *ZONES, '[a, b]', '{x: 1}']))}"
        for _ in range(draw(st.integers(0, 5)))
    ]
    if draw(st.integers(0, 4)) == 0:
        entries = ["base: &a [x, x, x]", "more: &b [*a, *a, *a]", *entries, "title: *b"]
    if draw(st.integers(0, 4)) == 0:
        entries.append(f"deep: {'[' * draw(st.integers(0, 2000))}")
    fence = draw(st.sampled_from(["---", "---", "+++", "--- "]))
    front = f"{fence}\n" + "\n".join(entries) + f"\n{fence}\n\n" if draw(st.booleans()) else ""
    return front + f"# {draw(PHRASE)}\n\n" + draw(BODY)


@st.composite
def json_items(draw: st.DrawFn) -> dict[str, object]:
    """One JSON article object, its fields named as found in the wild, its values now and
    then of the wrong type or out of range."""
    item: dict[str, object] = {
        draw(st.sampled_from(["title", "headline", "Title"])): draw(PHRASE),
        draw(st.sampled_from(["published", "date", "datePublished", "pubDate"])): draw(
            _mostly(STAMP, st.one_of(NUMBER, JSON_VALUE))
        ),
        draw(st.sampled_from(["text", "body", "content", "articleBody"])): draw(
            _mostly(BODY, st.one_of(st.lists(PHRASE, max_size=3), JSON_VALUE))
        ),
    }
    for key in draw(st.lists(st.sampled_from(["timezone", "language", "id", "url", "publisher"]))):
        item[key] = draw(_mostly(ZONE if key == "timezone" else PHRASE, JSON_VALUE))
    return item


@st.composite
def json_articles(draw: st.DrawFn) -> str:
    """A JSON article object, a list of them, a wrapper, or something else entirely."""
    item = draw(json_items())
    shape = draw(st.integers(0, 9))
    if shape == 1:
        return _json([item, draw(JSON_VALUE)])
    if shape == 2:
        return _json({"articles": [item]})
    if shape == 3:
        depth = draw(st.integers(0, 3000))
        return "[" * depth + _json(item) + "]" * depth
    if shape == 4:
        return _json(draw(JSON_VALUE))
    return _json(item)


@st.composite
def jsonl_articles(draw: st.DrawFn) -> str:
    """JSON Lines: article lines, broken lines, deep lines, blank lines."""
    bad = st.one_of(PHRASE, st.just(""), st.integers(0, 5000).map(lambda n: "[" * n + "]" * n))
    lines = draw(st.lists(_mostly(json_items().map(_json), bad), min_size=1, max_size=3))
    return "\n".join(line.replace("\n", " ") for line in lines)


@st.composite
def html_articles(draw: st.DrawFn) -> str:
    """A saved news page: meta tags, JSON-LD, <time>, a charset, the article's paragraphs."""
    ld = draw(st.one_of(json_articles(), st.just('{"@type": "NewsArticle"'), PHRASE))
    paragraphs = "".join(f"<p>{p}</p>" for p in draw(st.lists(PHRASE, min_size=1, max_size=5)))
    charset = draw(st.sampled_from(["utf-8", "undefined", "base64", "latin-1", "x"]))
    return (
        f'<!DOCTYPE html><html lang="{draw(_pick(["en", "fr-FR", ""]))}"><head>'
        f'<meta charset="{charset}"><title>{draw(PHRASE)}</title>'
        f'<meta property="article:published_time" content="{draw(STAMP)}">'
        f'<script type="application/ld+json">{ld}</script></head><body><article>'
        f'<h1>{draw(PHRASE)}</h1><time datetime="{draw(STAMP)}">{draw(PHRASE)}</time>'
        f"{paragraphs}</article>{draw(PHRASE)}</body></html>"
    )


STRATEGIES = {
    "text": text_articles(),
    "markdown": markdown_articles(),
    "json": json_articles(),
    "jsonl": jsonl_articles(),
    "html": html_articles(),
}


@st.composite
def cases(draw: st.DrawFn, fmt: str | None = None) -> Case:
    """A case in format ``fmt`` (any when None), with options now and then."""
    chosen = fmt or draw(st.sampled_from(FORMATS))
    text = draw(STRATEGIES[chosen])
    tz = draw(_mostly(st.none() | GOOD_ZONE, ZONE))
    published = draw(_mostly(st.none() | GOOD_STAMP, STAMP))
    return Case(chosen, text, tz, published)


def run_case(case: Case) -> int:
    """Read, tag, build and render ``case`` in every format; the number of articles read.

    A ChronicleError (bad input, said in one line) ends the case normally; any other
    exception propagates: it is the failure the fuzzing looks for.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ChronicleWarning)
        try:
            default: datetime | None = None
            if case.published:
                default = parse_published_option(case.published, case.tz)
            articles = read_text(
                case.text, f"fuzz.{case.fmt}", fmt=case.fmt, tz=case.tz, published=default
            )
        except ChronicleError as exc:
            _one_line(exc)
            return 0
        for article in articles:
            tagged = tag_document(TagDocument.from_article(article))
            json.loads(to_jsonl(tagged))
            to_timeml(tagged)
        timeline = build_timeline(articles)
        for fmt in Format:
            output = render(timeline, fmt)
            if fmt is Format.JSON:
                json.loads(output)
        return len(articles)


def _one_line(exc: ChronicleError) -> None:
    """A ChronicleError's message must be one line (it is printed as one)."""
    message = str(exc)
    if "\n" in message or "\r" in message or not message.strip():
        raise AssertionError(f"not a one-line message: {message!r}")
