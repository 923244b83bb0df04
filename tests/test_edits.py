"""Editors' corrections: reading them from sheet cells, applying them after merge, the CSV sheet."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from functools import cache
from pathlib import Path

import jsonschema
import pytest

from chronicle.edits import (
    COLUMNS,
    Correction,
    RowError,
    SheetError,
    apply_corrections,
    correction,
    read_sheet,
    story_of,
    write_sheet,
)
from chronicle.edits.timex_values import parse_date
from chronicle.ingest import read_paths
from chronicle.merge.ids import anchor_id
from chronicle.models import Article, Entry, Granularity, Media, Timeline
from chronicle.pipeline import build_timeline
from chronicle.rendering import Format, render, schema_path
from chronicle.rendering.catalogue import catalogue

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@cache
def _story() -> tuple[tuple[Article, ...], tuple[Entry, ...]]:
    articles, _ = read_paths([str(EXAMPLES)], tz=None, published=None, strict=True)
    return tuple(articles), build_timeline(articles).entries


def _entries() -> list[Entry]:
    return list(_story()[1])


def _entry(words: str) -> Entry:
    """The example entry whose headline has ``words``."""
    (found,) = [e for e in _entries() if words in e.headline]
    return found


def _apply(*corrections: Correction) -> tuple[dict[str, Entry], list[tuple[str, str]]]:
    entries, orphans = apply_corrections(_entries(), corrections)
    return {e.id: e for e in entries}, [(o.entry, o.action) for o in orphans]


# -- dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "granularity", "start", "end"),
    [
        ("2015-11-13", "2015-11-13", Granularity.DAY, "2015-11-13", "2015-11-13"),
        ("2015-11-13T21:20+01:00", "2015-11-13T21:20", Granularity.DAY, "2015-11-13", "2015-11-13"),
        ("2015-11-18TEV", "2015-11-18TEV", Granularity.DAY, "2015-11-18", "2015-11-18"),
        ("2015-W47", "2015-W47", Granularity.WEEK, "2015-11-16", "2015-11-22"),
        ("2015-W47-WE", "2015-W47-WE", Granularity.WEEK, "2015-11-21", "2015-11-22"),
        ("2015-11", "2015-11", Granularity.MONTH, "2015-11-01", "2015-11-30"),
        ("2016-02", "2016-02", Granularity.MONTH, "2016-02-01", "2016-02-29"),
        ("2015-WI", "2015-WI", Granularity.SEASON, "2015-12-01", "2016-02-29"),
        ("2015-Q4", "2015-Q4", Granularity.QUARTER, "2015-10-01", "2015-12-31"),
        ("2015", "2015", Granularity.YEAR, "2015-01-01", "2015-12-31"),
        ("201", "201", Granularity.DECADE, "2010-01-01", "2019-12-31"),
        ("19", "19", Granularity.CENTURY, "1900-01-01", "1999-12-31"),
        (" 2015-11-13 ", "2015-11-13", Granularity.DAY, "2015-11-13", "2015-11-13"),
    ],
)
def test_the_editor_may_write_any_date_chronicle_shows(
    text: str, value: str, granularity: Granularity, start: str, end: str
) -> None:
    when = parse_date(text)
    assert (when.value, when.granularity) == (value, granularity)
    assert (when.start, when.end) == (date.fromisoformat(start), date.fromisoformat(end))
    assert when.explanation.startswith(catalogue("en").explain.corrected)


@pytest.mark.parametrize(
    "text", ["13/11/2015", "2015-02-30", "2015-13", "2015-11-13T25:00", "Friday", "2015-W54", ""]
)
def test_a_date_chronicle_cannot_show_says_what_to_write(text: str) -> None:
    with pytest.raises(ValueError, match=r"write e\.g\. 2015-11-13"):
        parse_date(text)


def test_the_note_comes_with_the_corrected_date() -> None:
    when = parse_date("2015-11-19", "the prosecutor's statement")
    assert when.explanation == "date corrected by the editor: the prosecutor's statement"


# -- one row's cells ------------------------------------------------------------------------------


def test_a_row_says_what_it_does() -> None:
    found = correction(
        "e-1",
        {"action": "Pin, feature", "new_date": "2015-11", "new_headline": "X", "unknown": "y"},
    )
    assert (found.pin, found.feature, found.hide) == (True, True, False)
    assert found.actions == ("pin", "feature", "date", "headline")
    assert dict(found.cells) == {
        "action": "Pin, feature",
        "new_date": "2015-11",
        "new_headline": "X",
    }
    assert correction("e-1", {"action": "merge-into: e-2"}).merge_into == "e-2"
    assert correction("e-1", {"action": "split:a-1; split:b-2"}).splits == ("a-1", "b-2")
    assert correction("e-1", {}).empty


@pytest.mark.parametrize(
    ("cells", "column"),
    [
        ({"action": "delete"}, "action"),
        ({"action": "merge-into:e-2 merge-into:e-3"}, "action"),
        ({"action": "merge-into:e-1"}, "action"),
        ({"action": "merge-into:e-2", "new_headline": "X"}, "new_headline"),
        ({"action": "merge-into:e-2 pin"}, "action"),
        ({"action": "hide pin"}, "action"),
        ({"action": "add", "new_headline": "X"}, "new_date"),
        ({"action": "add", "new_date": "2015"}, "new_headline"),
        ({"action": "add split:x-1", "new_date": "2015", "new_headline": "X"}, "action"),
        ({"new_date": "yesterday"}, "new_date"),
        ({"media_url": "javascript:alert(1)"}, "media_url"),
        ({"media_credit": "AFP"}, "media_credit"),
        ({"link": "file:///etc/passwd"}, "link"),
    ],
)
def test_a_malformed_row_names_its_column(cells: dict[str, str], column: str) -> None:
    with pytest.raises(RowError) as caught:
        correction("e-1", cells)
    assert caught.value.column == column
    assert "\n" not in str(caught.value)


# -- applying corrections -------------------------------------------------------------------------


def test_hide_pin_feature_date_headline_text_group_media() -> None:
    raid, strikes, claim = (
        _entry("special forces"),
        _entry("ordered the strikes"),
        _entry("claimed"),
    )
    entries, orphans = _apply(
        correction(raid.id, {"action": "hide"}),
        correction(
            strikes.id,
            {
                "action": "pin feature",
                "new_date": "2015-11-15T20:00+01:00",
                "note": "the Defence Ministry's statement",
                "new_headline": "France bombs Raqqa",
                "new_text": "Ten jets dropped 20 bombs.",
                "group": "France answers",
                "media_url": "https://example.org/raqqa.jpg",
                "media_credit": "Example Press",
                "media_caption": "A jet takes off",
            },
        ),
        correction(claim.id, {"group": "France answers"}),
    )
    assert orphans == []
    assert raid.id not in entries
    changed = entries[strikes.id]
    assert (changed.pinned, changed.featured) == (True, True)
    assert changed.when.value == "2015-11-15T20:00"
    assert changed.when.explanation.startswith("date corrected by the editor: the Defence")
    assert (changed.headline, changed.text) == ("France bombs Raqqa", "Ten jets dropped 20 bombs.")
    assert changed.events == strikes.events
    assert changed.media == Media(
        "https://example.org/raqqa.jpg", "Example Press", "A jet takes off"
    )
    assert changed.editor is not None
    assert changed.editor.changed == ("date", "headline", "text", "group", "media")
    assert changed.editor.note == "the Defence Ministry's statement"
    assert entries[claim.id].group == "France answers"
    untouched = [e for e in _entries() if e.id not in (raid.id, strikes.id, claim.id)]
    assert all(entries[e.id] == e for e in untouched)


def test_merging_an_entry_keeps_its_id_as_an_alias_and_its_sources() -> None:
    silence, versailles = _entry("minute of silence"), _entry("stood before the two houses")
    entries, orphans = _apply(correction(silence.id, {"action": f"merge-into:{versailles.id}"}))
    assert orphans == [] and silence.id not in entries
    merged = entries[versailles.id]
    assert silence.id in merged.aliases and set(silence.aliases) <= set(merged.aliases)
    assert {e.id for e in merged.events} == {e.id for e in silence.events + versailles.events}
    assert merged.headline == versailles.headline
    assert merged.editor is not None and merged.editor.changed == ("sources",)


def test_merges_follow_chains_and_a_circle_is_reported() -> None:
    one, two, three = _entry("claimed"), _entry("minute of silence"), _entry("ordered the strikes")
    entries, orphans = _apply(
        correction(one.id, {"action": f"merge-into:{two.id}"}),
        correction(two.id, {"action": f"merge-into:{three.id}"}),
    )
    assert orphans == []
    assert {one.id, two.id} <= set(entries[three.id].aliases)
    _, orphans = _apply(
        correction(one.id, {"action": f"merge-into:{two.id}"}),
        correction(two.id, {"action": f"merge-into:{one.id}"}),
    )
    assert orphans == [(one.id, "merge-into"), (two.id, "merge-into")]


def test_a_source_split_out_becomes_an_entry_of_its_own() -> None:
    raid = _entry("special forces")
    (confirmed,) = [e for e in raid.events if e.article_id == "03-abaaoud-confirmed"][:1]
    entries, orphans = _apply(correction(raid.id, {"action": f"split:{confirmed.id}"}))
    assert orphans == []
    rest = entries[raid.id]
    assert confirmed not in rest.events and len(rest.events) == len(raid.events) - 1
    alone = entries[anchor_id(confirmed)]
    assert alone.events == (confirmed,) and alone.when == confirmed.timex.when
    assert alone.editor is not None and alone.editor.changed == ("sources",)


def test_showing_only_some_sources() -> None:
    attacks = _entry("terror attacks in Paris")
    first = attacks.events[0]
    entries, orphans = _apply(correction(attacks.id, {"show_sources": f"{first.id}"}))
    assert orphans == [] and entries[attacks.id].events == (first,)


def test_an_editors_own_event_needs_no_article() -> None:
    own = correction(
        "e-own",
        {
            "action": "add",
            "new_date": "2015-11-27",
            "new_headline": "National homage at Les Invalides",
            "new_text": "The president led a ceremony for the 130 victims.",
            "media_url": "https://example.org/invalides.jpg",
            "media_caption": "The courtyard",
            "link": "https://example.org/homage",
        },
    )
    entries, orphans = apply_corrections([], [own])
    assert orphans == []
    (entry,) = entries
    assert (entry.id, entry.events, entry.pinned) == ("e-own", (), True)
    assert entry.editor is not None and entry.editor.created
    assert entry.editor.link == "https://example.org/homage"
    assert entry.media is not None and entry.media.caption == "The courtyard"


def test_a_correction_whose_entry_is_gone_is_kept_and_reported() -> None:
    strikes = _entry("ordered the strikes")
    entries, orphans = _apply(
        correction("e-000000000000", {"action": "hide", "new_headline": "Gone"}),
        correction(strikes.id, {"action": "merge-into:e-000000000001"}),
        correction(strikes.id + "x", {"action": f"split:{strikes.events[0].id}"}),
    )
    assert orphans == [
        ("e-000000000000", "hide"),
        ("e-000000000000", "headline"),
        (strikes.id + "x", "split"),
        (strikes.id, "merge-into"),
    ]
    assert entries[strikes.id] == strikes


def test_a_correction_follows_its_entry_through_an_alias() -> None:
    attacks = _entry("terror attacks in Paris")
    old_id = attacks.aliases[0]
    entries, orphans = _apply(correction(old_id, {"new_headline": "The attacks"}))
    assert orphans == [] and entries[attacks.id].headline == "The attacks"
    _, orphans = _apply(
        correction(attacks.id, {"new_headline": "The attacks"}),
        correction(old_id, {"new_headline": "Other words"}),
    )
    assert orphans == [(old_id, "headline")]


# -- the sheet ------------------------------------------------------------------------------------


def _sheet(corrections: list[Correction] | None = None) -> str:
    articles, entries = _story()
    return write_sheet(list(entries), list(articles), corrections or [])


def _rows(text: str, delimiter: str = ",") -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff")), delimiter=delimiter))


def _read(text: str, **cells_by_id: dict[str, str]) -> tuple[list[Correction], list[str]]:
    return read_sheet(text.encode("utf-8"), "sheet.csv", story_of(_entries()))


def test_the_sheet_has_a_row_per_entry_in_excel_friendly_utf8() -> None:
    text = _sheet()
    assert text.startswith("\ufeffid,date,headline,text,sources,action,new_date,")
    assert "\r\n" in text
    header = next(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert tuple(header) == COLUMNS
    rows = _rows(text)
    assert [r["id"] for r in rows] == [e.id for e in sorted(_entries(), key=_order)]
    attacks = _entry("terror attacks in Paris")
    (row,) = [r for r in rows if r["id"] == attacks.id]
    assert row["date"] == "2015-11-13" and row["headline"] == attacks.headline
    assert row["sources"].count("\n") == len(attacks.events) - 1
    assert all(r[c] == "" for r in rows for c in COLUMNS[5:])


def _order(entry: Entry) -> tuple[object, ...]:
    return (entry.when.start, entry.when.granularity.rank, entry.id)


def test_corrections_go_out_and_come_back_the_same() -> None:
    strikes, silence = _entry("ordered the strikes"), _entry("minute of silence")
    versailles = _entry("stood before the two houses")
    made = [
        correction(strikes.id, {"new_headline": "=cmd|' /C calc'!A0", "new_date": "2015-11-15"}),
        correction(silence.id, {"action": f"merge-into:{versailles.id}"}),
        correction("e-0123456789ab", {"action": "add", "new_date": "2015", "new_headline": "-"}),
        correction("e-gone00000000", {"action": "pin"}),
    ]
    text = _sheet(made)
    rows = {r["id"]: r for r in _rows(text)}
    assert rows[strikes.id]["new_headline"] == "'=cmd|' /C calc'!A0"  # not a formula in Excel
    assert rows["e-gone00000000"]["sources"].startswith("not in this build")
    story = story_of(_entries(), made)
    again, notes = read_sheet(text.encode("utf-8"), "sheet.csv", story)
    assert notes == []
    assert sorted(again, key=lambda c: c.entry) == sorted(made, key=lambda c: c.entry)


def test_semicolons_no_bom_and_extra_columns_are_read() -> None:
    strikes = _entry("ordered the strikes")
    text = f"ID;Headline;Action;My notes\r\n{strikes.id};whatever;hide;call the desk\r\n"
    corrections, notes = _read(text)
    assert [(c.entry, c.hide) for c in corrections] == [(strikes.id, True)]
    assert notes == ["sheet.csv: column 'My notes' is not chronicle's; ignored"]


def test_an_add_row_without_an_id_gets_one_made_from_its_content() -> None:
    text = "id,action,new_date,new_headline\r\n,add,2015-11-27,Homage at Les Invalides\r\n"
    (first,), _ = _read(text)
    (second,), _ = _read(text)
    assert first.entry == second.entry and first.entry.startswith("e-")
    assert first.add and first.headline == "Homage at Les Invalides"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("entry,action\r\ne-1,hide\r\n", "sheet.csv: no 'id' column in the first row"),
        ("id,new_date\r\n{known},13/11/2015\r\n", "sheet.csv: row 2, column new_date: "),
        ("id,action\r\n{known},pin\r\ne-0000000000ff,hide\r\n", "row 3, column id: e-0000000000ff"),
        ("id,action\r\n{known},merge-into:e-0000000000ff\r\n", "row 2, column action: merge-into"),
        ('id,new_headline\r\n{known},=HYPERLINK("x")\r\n', "row 2, column new_headline: starts"),
        ("id,action\r\ne-0000000000fe,hide\r\ne-0000000000ff,pin\r\n", "another story"),
        ("id,action\r\n{known},hide\r\n{known},pin\r\n", "row 3, column id: "),
        ("id,action\r\n,hide\r\n", "row 2, column id: is empty"),
        ("id,action\r\n{known},split:nowhere-1\r\n", "row 2, column action: split:nowhere-1"),
    ],
)
def test_a_bad_sheet_is_one_line_and_nothing_is_used(text: str, expected: str) -> None:
    known = _entry("ordered the strikes").id
    with pytest.raises(SheetError) as caught:
        _read(text.replace("{known}", known))
    message = str(caught.value)
    assert expected in message and "\n" not in message
    assert (
        "nothing of the sheet was used" in message
        or "another story" in message
        or ("no 'id' column" in message)
    )


def test_several_bad_rows_are_each_one_line() -> None:
    known = _entry("ordered the strikes").id
    text = f"id,new_date,action\r\n{known},someday,\r\n,,hide\r\n"
    with pytest.raises(SheetError) as caught:
        _read(text)
    assert len(caught.value.problems) == 2
    assert "2 rows are malformed" in str(caught.value)


def test_a_sheet_that_is_not_utf8_says_how_to_save_it() -> None:
    with pytest.raises(SheetError, match="not UTF-8 text; save it as 'CSV UTF-8'"):
        read_sheet("id,new_headline\r\ne-1,Café\r\n".encode("cp1252"), "sheet.csv")


# -- corrections in every output ---------------------------------------------------------------


@cache
def _corrected(max_events: int | None = None) -> tuple[Timeline, dict[str, str]]:
    """The examples built with one correction of each kind; the ids it names by role."""
    articles, _ = _story()
    raid, strikes = _entry("special forces"), _entry("ordered the strikes")
    silence, versailles = _entry("minute of silence"), _entry("stood before the two houses")
    ids = {"hidden": raid.id, "dated": strikes.id, "merged": silence.id, "target": versailles.id}
    corrections = [
        correction(raid.id, {"action": "hide"}),
        correction(
            strikes.id,
            {
                "action": "pin feature",
                "new_date": "2015-11-15T21:00",
                "note": "Ministry <b>figures</b>",
            },
        ),
        correction(silence.id, {"action": f"merge-into:{versailles.id}"}),
        correction(versailles.id, {"group": "France answers", "new_headline": "Hollande speaks"}),
        correction(
            "e-0123456789ab",
            {
                "action": "add",
                "new_date": "2015-11-27",
                "new_headline": "Homage at Les Invalides",
                "media_url": "https://example.org/invalides.jpg",
                "media_credit": "Example Press",
                "media_caption": "The courtyard",
                "link": "https://example.org/homage",
            },
        ),
        correction("e-fedcba987654", {"action": "pin"}),
    ]
    ids["own"] = "e-0123456789ab"
    return build_timeline(articles, corrections=corrections, max_events=max_events), ids


def test_corrected_json_is_valid_and_says_what_the_editor_did() -> None:
    timeline, ids = _corrected()
    doc = json.loads(render(timeline, Format.JSON))
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(doc)
    events = {e["id"]: e for e in doc["events"]}
    assert ids["hidden"] not in events and ids["merged"] not in events
    assert ids["merged"] in events[ids["target"]]["aliases"]
    assert events[ids["target"]]["group"] == "France answers"
    assert events[ids["dated"]]["date"]["label"] == "15 November 2015, 21:00"
    assert events[ids["dated"]]["editor"] == {
        "created": False,
        "changed": ["date"],
        "note": "Ministry <b>figures</b>",
        "link": None,
    }
    own = events[ids["own"]]
    assert own["sources"] == [] and own["pinned"] and own["editor"]["created"]
    assert own["media"] == {
        "url": "https://example.org/invalides.jpg",
        "credit": "Example Press",
        "caption": "The courtyard",
    }
    assert doc["orphaned_edits"] == [
        {
            "entry": "e-fedcba987654",
            "action": "pin",
            "message": "entry e-fedcba987654 is not in this build",
        }
    ]


def test_pinned_and_own_events_survive_max_events() -> None:
    # pinned, corrected and the editor's own entries do not count against the budget
    for budget in (3, 1):
        timeline, ids = _corrected(max_events=budget)
        kept = {e.id for e in timeline.entries if e.pinned or e.editor is not None}
        assert len(timeline.entries) == budget + len(kept)
        assert {ids["own"], ids["dated"]} <= kept


def test_corrected_page_shows_the_editors_work_safely() -> None:
    timeline, ids = _corrected()
    html = render(timeline, Format.HTML)
    assert f'data-aliases="{" ".join(_aliases(timeline, ids["target"]))}"' in html
    assert "date corrected by the editor</span>" in html and "added by the editor</span>" in html
    assert "Editor’s note: Ministry &lt;b&gt;figures&lt;/b&gt;" in html
    assert '<a href="https://example.org/invalides.jpg">The courtyard</a>' in html
    assert '<p class="group">France answers</p>' in html


def _aliases(timeline: Timeline, entry_id: str) -> tuple[str, ...]:
    (entry,) = [e for e in timeline.entries if e.id == entry_id]
    return entry.aliases


def test_corrected_timelinejs_markdown_and_csv() -> None:
    timeline, ids = _corrected()
    slides = {s["unique_id"]: s for s in json.loads(render(timeline, Format.TIMELINEJS))["events"]}
    assert slides[ids["own"]]["media"] == {
        "url": "https://example.org/invalides.jpg",
        "credit": "Example Press",
        "caption": "The courtyard",
    }
    assert slides[ids["target"]]["group"] == "France answers"
    assert "Ministry &lt;b&gt;figures" in slides[ids["dated"]]["text"]["text"]
    markdown = render(timeline, Format.MARKDOWN)
    assert "*(date corrected by the editor)*" in markdown
    assert "[The courtyard](<https://example.org/invalides.jpg>) (Example Press)" in markdown
    rows = list(csv.DictReader(io.StringIO(render(timeline, Format.CSV))))
    (own,) = [r for r in rows if r["event_id"] == ids["own"]]
    assert own["headline"] == "Homage at Les Invalides" and own["article_id"] == ""


def test_a_merge_the_machine_made_since_is_done_not_orphaned() -> None:
    attacks = _entry("terror attacks in Paris")
    old_id = attacks.aliases[0]  # as if an entry of its own before an article tied them
    found = correction(old_id, {"action": f"merge-into:{attacks.id}"})
    entries, orphans = _apply(found, correction(attacks.id, {"new_headline": "The attacks"}))
    assert orphans == [] and entries[attacks.id].headline == "The attacks"
    rows = {r["id"]: r for r in _rows(_sheet([found]))}
    assert rows[old_id]["action"] == f"merge-into:{attacks.id}"
    assert rows[old_id]["sources"] == f"merged into {attacks.id}"
