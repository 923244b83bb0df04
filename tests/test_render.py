"""Render stage: golden outputs of every format, determinism, escaping, CSP, dates, templates."""

from __future__ import annotations

import ast
import base64
import csv
import dataclasses
import hashlib
import html as html_module
import io
import json
import os
import re
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import lxml.html
import markupsafe
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import chronicle.rendering as render_module
from chronicle import resources
from chronicle.errors import ChronicleError, InputError, OutputError
from chronicle.models import Granularity, Timeline, TimexType, TzSource, When
from chronicle.rendering import Format, render, write_embed_assets
from chronicle.rendering.bidi import strip_unpaired_bidi
from chronicle.rendering.csv_ import COLUMNS, cell
from chronicle.rendering.date_labels import (
    date_label,
    html_datetime,
    precision_note,
    published_label,
)
from chronicle.rendering.document import build_document, plural, safe_url
from chronicle.rendering.html import static_text
from chronicle.rendering.markdown import escape_markdown

GOLDEN = Path(__file__).parent / "golden"
SUFFIX = {
    Format.HTML: "html",
    Format.JSON: "json",
    Format.TIMELINEJS: "timelinejs.json",
    Format.MARKDOWN: "md",
    Format.CSV: "csv",
}
HOSTILE = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>")


@pytest.mark.parametrize("fmt", list(Format))
def test_output_matches_golden(
    sample_timeline: Timeline, update_goldens: bool, fmt: Format
) -> None:
    """Each format of the sample equals its golden file (pytest --update-goldens rewrites them)."""
    output = render(sample_timeline, fmt)
    golden = GOLDEN / f"timeline.{SUFFIX[fmt]}"
    if update_goldens:
        golden.write_bytes(output.encode("utf-8"))
    assert output == golden.read_bytes().decode("utf-8")


@pytest.mark.parametrize("fmt", list(Format))
def test_output_does_not_depend_on_input_order(sample_timeline: Timeline, fmt: Format) -> None:
    """Shuffled entries and articles give byte-identical output."""
    shuffled = dataclasses.replace(
        sample_timeline,
        entries=tuple(reversed(sample_timeline.entries)),
        articles=tuple(reversed(sample_timeline.articles)),
    )
    assert render(shuffled, fmt) == render(sample_timeline, fmt)


def test_events_sorted_by_start_then_finer_granularity(sample_timeline: Timeline) -> None:
    """Start date, then day before month before year, then id; undated start uses the end."""
    events = build_document(sample_timeline)["events"]
    keys = [(e["date"]["start"] or e["date"]["end"], e["date"]["granularity"]) for e in events]
    assert [k[0] for k in keys] == sorted(k[0] for k in keys)
    ids = [e["id"] for e in events]
    assert ids.index("e-attacks") < ids.index("e-stadium")  # same day: by id
    assert ids[0] == "e-metro" and ids[-1] == "e-emergency"


def test_json_fields(sample_timeline: Timeline) -> None:
    """Issue 2's required fields, plus highlight offsets that point at the expression."""
    doc = json.loads(render(sample_timeline, Format.JSON))
    assert doc["schema"] == "chronicle.timeline/2"
    assert doc["generated"] == "2026-01-02T03:04:05+00:00"
    hk = next(a for a in doc["articles"] if a["id"] == "scmp-paris")
    assert hk["published"] == "2015-11-16T00:33:00+08:00"
    assert hk["published_label"] == "16 Nov 2015, 00:33 HKT (UTC+8)"
    for event in doc["events"]:
        for source in event["sources"]:
            mark = source["highlight"]
            assert source["quote"][mark["start"] : mark["end"]] == source["timex"]["text"]
    attacks = next(e for e in doc["events"] if e["id"] == "e-attacks")
    assert attacks["date"] == {
        "value": "2015-11-13",
        "type": "DATE",
        "start": "2015-11-13",
        "end": "2015-11-13",
        "granularity": "day",
        "mod": None,
        "label": "13 November 2015",
        "precision": "exact day",
        "approximate": False,
        "html_datetime": "2015-11-13",
        "explanation": "the Friday before the publish date, Mon 16 Nov 2015",
    }
    assert [c["articles"] for c in attacks["conflicts"]] == [
        ["scmp-paris", "wire-et"],
        ["paris-desk"],
    ]
    (recent,) = doc["background"]  # #10: a vague span is background, never a dated event
    assert recent["id"] == "b-recent" and all(e["id"] != "b-recent" for e in doc["events"])
    assert recent["date"]["label"] == "in recent years (before Nov 2015)"
    assert recent["date"]["start"] is None and recent["year"] == "2015"
    raw = render(sample_timeline, Format.JSON)
    assert raw.endswith("}\n") and "François" in raw


def test_highlight_falls_back_to_search_then_none(sample_timeline: Timeline) -> None:
    """A quote whose offsets drifted still gets its mark; a missing expression gets none."""
    entry = sample_timeline.entries[3]
    event = entry.events[0]
    drifted = dataclasses.replace(event, sentence="  " + event.sentence)
    missing = dataclasses.replace(event, sentence="No date here.")
    timeline = dataclasses.replace(
        sample_timeline,
        entries=(dataclasses.replace(entry, events=(drifted, missing)),),
    )
    sources = build_document(timeline)["events"][0]["sources"]
    assert sources[0]["quote"][sources[0]["highlight"]["start"] :].startswith("on Sunday")
    assert sources[1]["highlight"] is None
    assert (
        "<mark>" not in render(timeline, Format.HTML).split("No date here.")[0].rsplit("<li", 1)[1]
    )


def _inline(html: str, tag: str) -> str:
    """The text of the page's one inline <tag> element."""
    found = re.findall(rf"<{tag}>(.*?)</{tag}>", html, flags=re.S)
    assert len(found) == 1
    return found[0]


def test_html_csp_allows_exactly_the_inline_style_and_script(sample_timeline: Timeline) -> None:
    """The CSP meta carries the sha256 of the inline style and script and forbids the rest."""
    html = render(sample_timeline, Format.HTML)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert csp is not None
    policy = html_module.unescape(csp.group(1))
    for tag, directive in (("style", "style-src"), ("script", "script-src")):
        digest = hashlib.sha256(_inline(html, tag).encode("utf-8")).digest()
        expected = base64.b64encode(digest).decode("ascii")
        assert f"{directive} 'sha256-{expected}'" in policy
    assert "default-src 'none'" in policy and "unsafe" not in policy
    assert html.index("Content-Security-Policy") < html.index("<style>")


def test_html_escapes_everything_from_articles(sample_timeline: Timeline) -> None:
    """Hostile markup appears only escaped; javascript: never becomes a link."""
    html = render(sample_timeline, Format.HTML)
    for text in HOSTILE:
        assert text not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs and all(h.startswith(("#", "https://")) for h in hrefs)
    assert 'href="https://www.example.com/news/world/paris-attacks?id=1&amp;ref=feed"' in html


def test_html_structure(sample_timeline: Timeline) -> None:
    """Landmarks, one li per event with the JSON id, time elements, precision text, badges."""
    html = render(sample_timeline, Format.HTML)
    doc = build_document(sample_timeline)
    assert "<main" in html and "<header>" in html and "<h1>" in html
    ids = re.findall(r'<li class="event" id="([^"]+)"', html)
    assert ids == [e["id"] for e in doc["background"]] + [e["id"] for e in doc["events"]]
    background = html.index('<section class="background"')
    assert background < html.index('<div class="chronicle-events"')  # before the dates
    assert '<h2 class="year-heading" id="chronicle-background">Background</h2>' in html
    assert '<time datetime="2015-W46">week of 9–15 November 2015</time>' in html
    assert '<span class="sr-only"> (month known, day unknown)</span>' in html
    assert html.count('class="badge badge-conflict"') == 1
    assert '<span class="badge badge-approx">approximate</span>' in html
    assert "<mark>Friday&#39;s</mark>" in html
    assert '<h2 class="year-heading" id="chronicle-year-1990s">1990s</h2>' in html
    strikes = html[
        html.index('id="e-strikes"') : html.index("</li></ul>", html.index('id="e-strikes"'))
    ]
    assert '<p class="text">' not in strikes  # its text is its quote: shown once
    assert '<p class="text">' in html
    assert (
        '<time datetime="2015-11-16T00:33:00+08:00">16 Nov 2015, 00:33 HKT (UTC+8)</time>' in html
    )


def test_custom_template_folder_overrides_and_falls_back(
    sample_timeline: Timeline, tmp_path: Path
) -> None:
    """--template DIR: its files win, missing partials and assets come from the bundled ones."""
    (tmp_path / "timeline.html.j2").write_text(
        (resources.template_dir() / "timeline.html.j2").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    (tmp_path / "_event.html.j2").write_text(
        '<li class="event" id="{{ event.id }}">{{ event.date.label }}: {{ event.headline }}</li>\n',
        encoding="utf-8",
    )
    (tmp_path / "chronicle.css").write_text("body { color: red; }", encoding="utf-8")
    html = render(sample_timeline, Format.HTML, template_dir=tmp_path)
    assert (
        '<li class="event" id="e-strikes">15 November 2015: French jets strike Raqqa</li>' in html
    )
    assert "<style>body { color: red; }</style>" in html
    assert "&lt;script&gt;" in html and HOSTILE[0] not in html


def test_template_problems_are_one_line_errors(sample_timeline: Timeline, tmp_path: Path) -> None:
    """A missing folder, a syntax error or an unknown variable is a ChronicleError."""
    with pytest.raises(InputError, match="template folder not found"):
        render(sample_timeline, Format.HTML, template_dir=tmp_path / "nope")
    (tmp_path / "_event.html.j2").write_text("<li>{{ event.id }}</li>", encoding="utf-8")
    missing = re.escape(f"{tmp_path / 'timeline.html.j2'}: not found")
    with pytest.raises(InputError, match=missing):  # a folder without the page template
        render(sample_timeline, Format.HTML, template_dir=tmp_path)
    (tmp_path / "_event.html.j2").unlink()
    (tmp_path / "timeline.html.j2").write_text("{% for x in %}", encoding="utf-8")
    with pytest.raises(InputError, match="template error"):
        render(sample_timeline, Format.HTML, template_dir=tmp_path)
    (tmp_path / "timeline.html.j2").write_text("{{ no_such_variable }}", encoding="utf-8")
    with pytest.raises(ChronicleError, match="no_such_variable"):
        render(sample_timeline, Format.HTML, template_dir=tmp_path)


@pytest.mark.parametrize(
    ("name", "source", "error"),
    [
        ("timeline.html.j2", "<p>\n{{ 1/0 }}</p>", "ZeroDivisionError: division by zero"),
        ("timeline.html.j2", "\n\n{{ timeline.title + 1 }}", "TypeError: can only concatenate"),
        ("_event.html.j2", "<li>\n{{ event.headline.nope() }}</li>", "template failed"),
    ],
)
def test_runtime_errors_in_templates_name_the_file_and_line(
    sample_timeline: Timeline, tmp_path: Path, name: str, source: str, error: str
) -> None:
    """{{ 1/0 }} in a user template is one line naming file:line, not a traceback."""
    page = (resources.template_dir() / "timeline.html.j2").read_text(encoding="utf-8")
    (tmp_path / "timeline.html.j2").write_text(page, encoding="utf-8")
    (tmp_path / name).write_text(source, encoding="utf-8")
    line = source.count("\n") + 1
    with pytest.raises(InputError) as caught:
        render(sample_timeline, Format.HTML, template_dir=tmp_path)
    message = str(caught.value)
    assert message.startswith(f"{tmp_path / name}:{line}: template failed")
    assert error in message and "\n" not in message
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_template_runtime_error_through_the_cli(tmp_path: Path) -> None:
    """The user sees one line on stderr and exit status 1."""
    (tmp_path / "timeline.html.j2").write_text("{{ 1/0 }}", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text(
        "Council votes on budget\nPublished: 2019-07-10 21:20 -04:00\n\n"
        "The council voted on the budget on Monday.\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "chronicle", "build", str(article), "--template", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"{tmp_path / 'timeline.html.j2'}:1: template failed: ZeroDivisionError" in lines[0]


def test_timelinejs_dates(sample_timeline: Timeline) -> None:
    """Numeric parts only as precise as known, display_date for coarse dates, vague left out."""
    data = json.loads(render(sample_timeline, Format.TIMELINEJS))
    slides = {s["unique_id"]: s for s in data["events"]}
    assert "b-recent" not in slides  # background: TimelineJS cannot place it
    assert len(slides) == len(sample_timeline.entries)
    assert slides["e-strikes"]["start_date"] == {"year": 2015, "month": 11, "day": 15}
    assert "end_date" not in slides["e-strikes"] and "display_date" not in slides["e-strikes"]
    assert slides["e-charlie"]["start_date"] == {"year": 2015, "month": 1}
    assert slides["e-fighters"]["start_date"] == {"year": 2014}
    assert slides["e-fighters"]["display_date"] == "about 2014"
    assert slides["e-rooms"]["end_date"] == {"year": 2015, "month": 11, "day": 15}
    assert slides["e-summit"]["end_date"] == {"year": 2015, "month": 12, "day": 12}
    assert slides["e-train"]["display_date"] == "summer 2015"
    assert slides["e-metro"]["start_date"] == {"year": 1990}
    assert slides["e-metro"]["end_date"] == {"year": 1999}
    for item in data["events"]:
        for part in ("start_date", "end_date"):
            assert all(isinstance(v, int) for v in item.get(part, {}).values())
    stadium = slides["e-stadium"]
    assert "&lt;script&gt;" in stadium["text"]["headline"]
    assert all("group" not in slide for slide in data["events"])  # no editor groups here
    assert "javascript:" not in stadium["text"]["text"].replace("javascript:alert(1)&quot;", "")


def _with_date(timeline: Timeline, entry_id: str, when: When) -> Timeline:
    """The timeline with one entry's date replaced."""
    entries = tuple(
        dataclasses.replace(e, when=when) if e.id == entry_id else e for e in timeline.entries
    )
    return dataclasses.replace(timeline, entries=entries)


def test_times_of_day_reach_every_format(sample_timeline: Timeline) -> None:
    """A clock time shows in the label, the <time> value and TimelineJS's hour and minute."""
    day = date(2015, 11, 13)
    clock = When(TimexType.TIME, "2015-11-13T21:20", Granularity.DAY, day, day, None, "at 9.20pm")
    timeline = _with_date(sample_timeline, "e-attacks", clock)
    slides = {s["unique_id"]: s for s in json.loads(render(timeline, Format.TIMELINEJS))["events"]}
    assert slides["e-attacks"]["start_date"] == {
        "year": 2015,
        "month": 11,
        "day": 13,
        "hour": 21,
        "minute": 20,
    }
    assert "display_date" not in slides["e-attacks"]
    assert '<time datetime="2015-11-13T21:20">13 November 2015, 21:20</time>' in render(
        timeline, Format.HTML
    )
    assert "### 13 November 2015, 21:20:" in render(timeline, Format.MARKDOWN)
    part = When(TimexType.TIME, "2015-11-13TAF", Granularity.DAY, day, day, "END", "late")
    slides = {
        s["unique_id"]: s
        for s in json.loads(
            render(_with_date(sample_timeline, "e-attacks", part), Format.TIMELINEJS)
        )["events"]
    }
    assert slides["e-attacks"]["start_date"] == {"year": 2015, "month": 11, "day": 13}
    assert slides["e-attacks"]["display_date"] == "13 November 2015, late afternoon"


def test_weekend_label_and_precision(sample_timeline: Timeline) -> None:
    """'the weekend' reads 'weekend of …', for people and for screen readers."""
    weekend = When(
        TimexType.DATE,
        "2015-W47-WE",
        Granularity.WEEK,
        date(2015, 11, 21),
        date(2015, 11, 22),
        None,
        "the weekend after the publish date",
    )
    doc = build_document(_with_date(sample_timeline, "e-attacks", weekend))
    event = next(e for e in doc["events"] if e["id"] == "e-attacks")
    assert event["date"]["label"] == "weekend of 21–22 November 2015"
    assert event["date"]["precision"] == "weekend known, day unknown"
    assert event["date"]["html_datetime"] == "2015-W47"


def test_markdown_escapes_and_links(sample_timeline: Timeline) -> None:
    """Article text cannot become HTML or links; safe URLs become links."""
    text = render(sample_timeline, Format.MARKDOWN)
    assert "<script" not in text and "<img" not in text
    assert "](<javascript:" not in text
    assert "[Hollande vows 'merciless' response to Paris attacks](<https://www.example.com" in text
    assert text.startswith("# Paris, November 2015\n")
    assert "## 1990s" in text
    assert escape_markdown("[x](javascript:y) *b*") == r"\[x\](javascript:y) \*b\*"


def test_csv_rows_and_formula_guard(sample_timeline: Timeline) -> None:
    """One row per event and source, documented columns, no spreadsheet formulas."""
    rows = list(csv.reader(io.StringIO(render(sample_timeline, Format.CSV))))
    assert tuple(rows[0]) == COLUMNS
    entries = (*sample_timeline.background, *sample_timeline.entries)  # background rows first
    assert len(rows) - 1 == sum(len(e.events) for e in entries)
    assert rows[1][0] == "b-recent"
    assert cell("=HYPERLINK(1)") == "'=HYPERLINK(1)" and cell(-3) == "-3" and cell(None) == ""
    # fullwidth formula marks, and white space before a mark (issue 14)
    for text in ("＝1+1", "＋CMD()", "－2", "＠SUM(A1)", " =1+1", "\u3000=1", "\n=1"):
        assert cell(text) == "'" + text
    assert cell("Vote on 13 November") == "Vote on 13 November"
    attacks = [r for r in rows[1:] if r[0] == "e-attacks"]
    assert [r[COLUMNS.index("article_id")] for r in attacks] == [
        "paris-desk",
        "scmp-paris",
        "wire-et",
    ]


def test_skipped_inputs_publish_no_folder(sample_timeline: Timeline) -> None:
    """A skipped input is listed by its file name only: no local folder in any output."""
    folder = "/home/jane/Documents/story"
    skipped = (
        (f"{folder}/notes.txt", f"{folder}/notes.txt: no publish date; use --published"),
        (f"{folder}/feed.jsonl#3", f"{folder}/feed.jsonl line 3: invalid JSON at column 2"),
        ("<stdin>", "<stdin>: empty file; give it a headline"),
    )
    timeline = dataclasses.replace(sample_timeline, skipped=skipped)
    assert build_document(timeline)["skipped"] == [
        {"source": "notes.txt", "message": "notes.txt: no publish date; use --published"},
        {"source": "feed.jsonl#3", "message": "feed.jsonl line 3: invalid JSON at column 2"},
        {"source": "<stdin>", "message": "<stdin>: empty file; give it a headline"},
    ]
    for fmt in Format:
        assert "/home/jane" not in render(timeline, fmt)


def _in_order(text: str, needles: list[str]) -> bool:
    """True when every needle occurs in ``text``, in this order."""
    positions = [text.index(needle) for needle in needles]
    return positions == sorted(positions)


def test_sources_earliest_published_first_in_every_format(sample_timeline: Timeline) -> None:
    """Sources of an entry: by publish instant (not local clock time), the same in all formats."""
    # paris-desk 14 Nov 09:00 Paris < scmp-paris 16 Nov 00:33 HKT (15 Nov 16:33 UTC)
    # < wire-et 15 Nov 19:10 ET (16 Nov 00:10 UTC), whatever order merge gave them in.
    expected = ["paris-desk", "scmp-paris", "wire-et"]
    reversed_sources = tuple(
        dataclasses.replace(e, events=tuple(reversed(e.events))) for e in sample_timeline.entries
    )
    for entries in (sample_timeline.entries, reversed_sources):
        timeline = dataclasses.replace(sample_timeline, entries=entries)
        doc = build_document(timeline)
        attacks = next(e for e in doc["events"] if e["id"] == "e-attacks")
        assert [s["article"] for s in attacks["sources"]] == expected
        titles = {a["id"]: a["title"] for a in doc["articles"]}
        html = render(timeline, Format.HTML)
        start = html.index('<ul class="sources">', html.index('id="e-attacks"'))
        item = html[start : html.index("</ul>", start)]
        assert _in_order(item, [str(markupsafe.escape(titles[a])) for a in expected])
        markdown = render(timeline, Format.MARKDOWN)
        section = markdown[markdown.index("Gunmen and suicide bombers") :].split("\n### ")[0]
        section = section[section.index("\n- “") :]  # the sources, after the conflict list
        assert _in_order(section, [escape_markdown(titles[a]) for a in expected])
        slides = json.loads(render(timeline, Format.TIMELINEJS))["events"]
        text = next(s for s in slides if s["unique_id"] == "e-attacks")["text"]["text"]
        assert _in_order(text, [html_module.escape(titles[a]) for a in expected])
        rows = list(csv.reader(io.StringIO(render(timeline, Format.CSV))))
        ids = [r[COLUMNS.index("article_id")] for r in rows[1:] if r[0] == "e-attacks"]
        assert ids == expected


# value | granularity | start | end | mod | phrase | label   (empty field: None)
DATE_LABELS = """
2015-11-13|day|2015-11-13|2015-11-13|||13 November 2015
2015-11|month|2015-11-01|2015-11-30|||November 2015
2015|year|2015-01-01|2015-12-31|||2015
2015-11|month|2015-11-01|2015-11-30|MID||mid-November 2015
2015-11|month|2015-11-01|2015-11-30|START||early November 2015
2015-W46|week|2015-11-09|2015-11-15|||week of 9–15 November 2015
x|day|2015-11-30|2015-12-02|||30 November – 2 December 2015
x|day|2015-12-30|2016-01-02|||30 December 2015 – 2 January 2016
x|month|2015-09-01|2015-11-30|||September – November 2015
x|year|2014-01-01|2016-12-31|||2014–2016
2015-SU|season|2015-06-21|2015-09-22|||summer 2015
2015-WI|season|2015-12-21|2016-03-19|||winter 2015–16
2015-Q3|quarter|2015-07-01|2015-09-30|||third quarter of 2015
2015-H1|quarter|2015-01-01|2015-06-30|||first half of 2015
201|decade|2010-01-01|2019-12-31|||the 2010s
19|century|1900-01-01|1999-12-31|||the 20th century
PAST_REF|vague||2015-11-15||in recent years|in recent years (before Nov 2015)
FUTURE_REF|vague|2015-11-16||||in the future (after Nov 2015)
PRESENT_REF|vague|||||now
2015-W47-WE|week|2015-11-21|2015-11-22|||weekend of 21–22 November 2015
2015-W47-WE|week|2015-11-16|2015-11-22|||weekend of 21–22 November 2015
2015-W53-WE|week|2016-01-02|2016-01-03|||weekend of 2–3 January 2016
2016-03-18TAF|day|2016-03-18|2016-03-18|||18 March 2016, afternoon
2016-03-18TAF|day|2016-03-18|2016-03-18|END||18 March 2016, late afternoon
2016-03-18TMO|day|2016-03-18|2016-03-18|START||18 March 2016, early morning
2016-03-18TEV|day|2016-03-18|2016-03-18|||18 March 2016, evening
2016-03-18TNI|day|2016-03-18|2016-03-18|||18 March 2016, night
2016-03-18TMI|day|2016-03-18|2016-03-18|||18 March 2016, midday
2015-11-13T21:20|day|2015-11-13|2015-11-13|||13 November 2015, 21:20
2015-11-18T04:20|day|2015-11-18|2015-11-18|APPROX||18 November 2015, about 04:20
2015-11-13T21:20:00|day|2015-11-13|2015-11-13|||13 November 2015, 21:20
"""


@pytest.mark.parametrize("row", DATE_LABELS.strip().splitlines())
def test_date_labels(row: str) -> None:
    """Dates in words at their true precision."""
    value, granularity, start, end, mod, phrase, label = row.split("|")
    first = date.fromisoformat(start) if start else None
    last = date.fromisoformat(end) if end else None
    result = date_label(value, Granularity(granularity), first, last, mod or None, phrase or None)
    assert result == label


def test_precision_and_datetime_values() -> None:
    """Screen-reader precision notes and HTML datetime values that do not overclaim."""
    nov = (date(2015, 11, 1), date(2015, 11, 30))
    assert precision_note(Granularity.MONTH, *nov) == "month known, day unknown"
    assert precision_note(Granularity.DAY, date(2015, 1, 1), date(2015, 1, 3)) == "a span of days"
    assert html_datetime(Granularity.MONTH, *nov) == "2015-11"
    assert html_datetime(Granularity.WEEK, date(2015, 11, 9), date(2015, 11, 15)) == "2015-W46"
    assert html_datetime(Granularity.SEASON, date(2015, 12, 21), date(2016, 3, 19)) is None
    assert html_datetime(Granularity.VAGUE, None, date(2015, 3, 1)) is None


def test_published_labels_keep_the_zone() -> None:
    """Publish times in the publisher's zone, named and as an offset."""
    eastern = datetime(2022, 6, 2, 18, 42, tzinfo=ZoneInfo("America/New_York"))
    assert published_label(eastern, TzSource.TEXT) == "2 Jun 2022, 18:42 EDT (UTC−4)"
    india = datetime(2022, 6, 2, 9, 0, tzinfo=ZoneInfo("Asia/Kolkata"))
    assert published_label(india, TzSource.OPTION) == "2 Jun 2022, 09:00 IST (UTC+5:30)"
    utc = datetime(2022, 6, 2, 9, 0, tzinfo=ZoneInfo("UTC"))
    assert published_label(utc, TzSource.ASSUMED) == "2 Jun 2022, 09:00 UTC, zone assumed"


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.com/a?b=1", True),
        ("http://example.com", True),
        ("HTTPS://EXAMPLE.COM", True),
        ("javascript:alert(1)", False),
        (" JavaScript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,<script>", False),
        ("//example.com", False),
        ("https://exa mple.com", False),
        ("", False),
        (None, False),
    ],
)
def test_safe_url(url: str | None, safe: bool) -> None:
    """Only plain http(s) URLs become links."""
    assert (safe_url(url) is not None) is safe


def test_empty_timeline_renders_in_every_format(sample_timeline: Timeline) -> None:
    """No events at all is still a valid page, document, CSV and Markdown."""
    empty = dataclasses.replace(sample_timeline, entries=(), skipped=())
    for fmt in Format:
        assert render(empty, fmt)
    assert json.loads(render(empty, Format.JSON))["events"] == []
    assert '<p class="chronicle-count" role="status">0 events</p>' in render(empty, Format.HTML)


def test_write_embed_assets(tmp_path: Path) -> None:
    """The embed script and stylesheet are written out, the script the same one the page inlines."""
    written = write_embed_assets(tmp_path)
    assert [p.name for p in written] == ["chronicle-embed.js", "chronicle-embed.css"]
    assert "data-chronicle" in written[0].read_text(encoding="utf-8")
    assert ".chronicle" in written[1].read_text(encoding="utf-8")
    with pytest.raises(OutputError):
        write_embed_assets(tmp_path / "missing")


def test_embed_script_never_parses_data_as_html() -> None:
    """chronicle-embed.js sets text with textContent/createTextNode only."""
    script = static_text("chronicle-embed.js")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script


_TOKENS = [*"ab <>&\"'`*_[]()!#+-=.|~\\/:;{}1é—", "javascript:", "<script>", "&amp;", "\n"]
_TRICKY = (
    st.lists(st.sampled_from(_TOKENS), min_size=1, max_size=30)
    .map("".join)
    .filter(lambda text: text.strip() != "")
)


@settings(max_examples=40, deadline=None)
@given(headline=_TRICKY, quote=_TRICKY, title=_TRICKY)
def test_any_text_round_trips_through_the_page(
    sample_timeline: Timeline, headline: str, quote: str, title: str
) -> None:
    """Whatever the article says, the page shows exactly that text and no markup of its own."""
    entry = sample_timeline.entries[3]
    event = dataclasses.replace(entry.events[0], sentence=quote)
    article = dataclasses.replace(sample_timeline.articles[0], title=title)
    timeline = dataclasses.replace(
        sample_timeline,
        articles=(article,),
        entries=(dataclasses.replace(entry, headline=headline, text="", events=(event,)),),
        background=(),
    )
    page = lxml.html.document_fromstring(render(timeline, Format.HTML))
    (item,) = page.xpath("//li[@class='event']")
    assert item.xpath("string(h3)") == headline
    assert item.xpath("string(.//blockquote)") == quote
    assert item.xpath("string(.//ul[@class='sources']//a)") == title
    tags = {element.tag for element in item.iter() if isinstance(element.tag, str)}
    assert tags <= {"li", "p", "time", "span", "h3", "a", "ul", "blockquote", "mark", "details",
                    "summary", "bdi"}  # fmt: skip
    assert len(page.xpath("//script")) == 1


@settings(max_examples=150, deadline=None)
@given(text=_TRICKY)
def test_escaped_markdown_renders_as_the_same_plain_text(text: str) -> None:
    """A CommonMark renderer turns escaped text back into exactly that text, in one paragraph."""
    markdown_it = pytest.importorskip("markdown_it")
    rendered = markdown_it.MarkdownIt("commonmark").render(escape_markdown(text))
    assert rendered.startswith("<p>") and rendered.endswith("</p>\n")
    inner = rendered[3:-5]
    assert "<" not in inner.replace("&lt;", "")  # no element at all inside the paragraph
    assert html_module.unescape(inner) == " ".join(text.split())


RLO, PDF, LRI, RLI, PDI = "\u202e", "\u202c", "\u2066", "\u2067", "\u2069"
LRE, RLE = "\u202a", "\u202b"


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("plain text", "plain text"),
        (f"A {RLO}override LTR text", "A override LTR text"),  # never closed
        (f"a {RLO}b{PDF} c", "a b c"),  # an override goes even when closed, with its end
        (f"a {RLE}b{PDF} c", f"a {RLE}b{PDF} c"),  # a closed embedding stays as written
        (f"{RLI}a{RLO}b{PDF}c{PDI}", f"{RLI}abc{PDI}"),
        (f"a {PDF}b", "a b"),  # a close with nothing open
        (f"{RLI}x{PDI} {PDI}", f"{RLI}x{PDI} "),
        (f"{LRI}a{RLO}b{PDI}", f"{LRI}ab{PDI}"),  # the isolate's end closes what it holds
        (f"{RLI}a{PDF}b{PDI}", f"{RLI}ab{PDI}"),  # a PDF cannot close an isolate
        (f"{LRE}a\nb{PDF}", "a\nb"),  # no pairing across paragraphs
        (f"{RLE}{RLE}x{PDF}", f"{RLE}x{PDF}"),
        (f"{RLO}{RLO}x{PDF}", "x"),
    ],
)
def test_strip_unpaired_bidi(text: str, clean: str) -> None:
    """Bidi controls without a partner go; paired ones stay."""
    assert strip_unpaired_bidi(text) == clean


def test_bidi_controls_from_articles_cannot_reorder_the_page(sample_timeline: Timeline) -> None:
    """An unclosed override in a headline, quote or title is dropped in every format."""
    entry = sample_timeline.entries[3]
    event = dataclasses.replace(
        entry.events[0], sentence=f"{RLO}French jets struck on Sunday, said {RLO}officials."
    )
    article = dataclasses.replace(sample_timeline.articles[0], title=f"Raqqa {RLO}struck")
    timeline = dataclasses.replace(
        sample_timeline,
        articles=(article,),
        entries=(
            dataclasses.replace(entry, headline=f"A {RLO}override LTR text", events=(event,)),
        ),
    )
    for fmt in Format:
        assert RLO not in render(timeline, fmt), fmt
    (source,) = build_document(timeline)["events"][0]["sources"]
    mark = source["highlight"]
    assert source["quote"][mark["start"] : mark["end"]] == "on Sunday"
    html = render(timeline, Format.HTML)
    assert "A override LTR text" in html
    style = static_text("chronicle.css")
    assert "unicode-bidi: plaintext" in style


@pytest.mark.parametrize(("events", "articles"), [(1, 1), (2, 1), (1, 2), (0, 1)])
def test_counts_are_pluralised_in_every_format(
    sample_timeline: Timeline, events: int, articles: int
) -> None:
    """'1 event from 1 article', '2 events from 1 article', never '1 articles'."""
    entries = tuple(e for e in sample_timeline.entries if e.id in ("e-rooms", "e-charlie"))
    by_id = {a.id: a for a in sample_timeline.articles}
    timeline = dataclasses.replace(
        sample_timeline,
        entries=entries[:events],  # both from wire-et
        articles=(by_id["wire-et"], by_id["scmp-paris"])[:articles],
        background=(),
    )
    words = f"{plural(events, 'event')} from {plural(articles, 'article')}."
    assert f"\n{words}\n" in render(timeline, Format.MARKDOWN)
    assert (
        f"<p>{words}</p>"
        in json.loads(render(timeline, Format.TIMELINEJS))["title"]["text"]["text"]
    )
    html = render(timeline, Format.HTML)
    assert f'<p class="summary">{words} Dates' in html
    assert f'role="status">{plural(events, "event")}</p>' in html


def _changed_lines(first: str, second: str) -> list[tuple[str, str]]:
    """The lines that differ between two outputs of the same length in lines."""
    old, new = first.splitlines(), second.splitlines()
    assert len(old) == len(new)
    return [(a, b) for a, b in zip(old, new, strict=True) if a != b]


def test_only_the_generated_field_depends_on_the_build_time(sample_timeline: Timeline) -> None:
    """Another build time: JSON's `generated` and the HTML footer change, nothing else."""
    later = dataclasses.replace(
        sample_timeline, generated=datetime(2031, 7, 8, 9, 10, 11, tzinfo=UTC)
    )
    for fmt in (Format.MARKDOWN, Format.CSV, Format.TIMELINEJS):
        assert render(later, fmt) == render(sample_timeline, fmt)
    assert _changed_lines(render(sample_timeline, Format.JSON), render(later, Format.JSON)) == [
        (
            '  "generated": "2026-01-02T03:04:05+00:00",',
            '  "generated": "2031-07-08T09:10:11+00:00",',
        )
    ]
    (changed,) = _changed_lines(render(sample_timeline, Format.HTML), render(later, Format.HTML))
    assert '<time datetime="2031-07-08T09:10:11+00:00">8 Jul 2031, 09:10 UTC</time>' in changed[1]
    assert (
        changed[0]
        .replace("2026-01-02T03:04:05", "2031-07-08T09:10:11")
        .replace("2 Jan 2026, 03:04", "8 Jul 2031, 09:10")
        == changed[1]
    )


_RENDER_ALL = """
import sys
sys.path.insert(0, {tests!r})
from conftest import build_sample_timeline
from chronicle.rendering import Format, render
timeline = build_sample_timeline()
sys.stdout.write("\\x00".join(render(timeline, fmt) for fmt in Format))
"""


def test_output_does_not_depend_on_the_clock_or_local_zone(tmp_path: Path) -> None:
    """Two processes, different TZ and a second apart, write the same bytes in every format."""
    script = _RENDER_ALL.format(tests=str(Path(__file__).parent))
    outputs = []
    for zone in ("UTC", "Pacific/Chatham"):
        env = {**os.environ, "TZ": zone}
        env.pop("SOURCE_DATE_EPOCH", None)
        result = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, env=env, timeout=120, check=True
        )
        outputs.append(result.stdout)
        if len(outputs) == 1:
            time.sleep(1.1)  # a clock with one-second resolution would tick
    assert outputs[0] == outputs[1] and outputs[0].count(b"\x00") == len(Format) - 1


_CLOCK_CALLS = frozenset({"now", "today", "utcnow", "time", "time_ns", "localtime", "gmtime"})


def test_render_modules_never_read_the_clock() -> None:
    """No render module calls now()/today()/time(): the build time is timeline.generated."""
    package = Path(render_module.__file__).parent
    for module in sorted(package.glob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        calls = {
            node.func.attr
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
        }
        assert not calls & _CLOCK_CALLS, module.name
    script = static_text("chronicle-embed.js")
    assert "Date(" not in script and "Date.now" not in script


def test_a_bug_outside_user_templates_keeps_its_traceback(
    sample_timeline: Timeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only errors in the user's own template files become one-line template errors."""
    page = (resources.template_dir() / "timeline.html.j2").read_text(encoding="utf-8")
    (tmp_path / "timeline.html.j2").write_text(page, encoding="utf-8")

    def broken(event: dict[str, object]) -> bool:
        raise ZeroDivisionError("a bug in chronicle")

    monkeypatch.setattr("chronicle.rendering.html.shows_text", broken)
    with pytest.raises(ZeroDivisionError):  # raised in the bundled _event.html.j2
        render(sample_timeline, Format.HTML, template_dir=tmp_path)


def test_timelinejs_lanes_come_from_editor_groups_only(sample_timeline: Timeline) -> None:
    """Publishers never become lanes; an editor's group does, as plain text."""
    first, *rest = sample_timeline.entries
    grouped = dataclasses.replace(first, group="<b>Aftermath</b> & raids")
    timeline = dataclasses.replace(sample_timeline, entries=(grouped, *rest))
    slides = {s["unique_id"]: s for s in json.loads(render(timeline, Format.TIMELINEJS))["events"]}
    group = slides[first.id]["group"]
    assert "Aftermath" in group and "<" not in group and "&" not in group  # TimelineJS: as HTML
    assert sum("group" in slide for slide in slides.values()) == 1
