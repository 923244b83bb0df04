"""The shipped JSON Schema: valid 2020-12, every field described, every output valid."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import jsonschema
import pytest

from chronicle.models import EditorMark, Granularity, Media, OrphanedEdit, Timeline, TimexType, When
from chronicle.rendering import SCHEMA_ID, Format, render, schema_path


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    """A validator for the shipped schema, formats checked."""
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _properties(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every (path, schema) under a ``properties`` keyword."""
    if isinstance(node, dict):
        for name, child in node.get("properties", {}).items():
            yield f"{path}.{name}", child
        for key, child in node.items():
            yield from _properties(child, f"{path}/{key}")
    elif isinstance(node, list):
        for child in node:
            yield from _properties(child, path)


def test_schema_is_shipped_and_names_itself() -> None:
    """The schema file sits in the package and pins the schema name."""
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["schema"]["const"] == SCHEMA_ID == "chronicle.timeline/2"


def test_every_field_is_described() -> None:
    """Each property carries a description (the README documents from them)."""
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    fields = list(_properties(schema))
    assert len(fields) > 40
    missing = [path for path, child in fields if "description" not in child and "$ref" not in child]
    assert missing == []


def test_sample_output_validates(
    validator: jsonschema.Draft202012Validator, sample_timeline: Timeline
) -> None:
    """The rich sample's JSON is valid."""
    doc = json.loads(render(sample_timeline, Format.JSON))
    assert list(validator.iter_errors(doc)) == []


def test_required_fields_of_issue_2(
    validator: jsonschema.Draft202012Validator, sample_timeline: Timeline
) -> None:
    """Dropping a required field makes the document invalid: the schema really checks."""
    doc = json.loads(render(sample_timeline, Format.JSON))
    for remove in (
        lambda d: d.pop("generated"),
        lambda d: d["articles"][0].pop("published"),
        lambda d: d["events"][0]["date"].pop("granularity"),
        lambda d: d["events"][0]["sources"][0]["timex"].pop("start"),
        lambda d: d["events"][0]["sources"][0].pop("quote"),
    ):
        broken = json.loads(json.dumps(doc))
        remove(broken)
        assert not validator.is_valid(broken)
    bad_date = json.loads(json.dumps(doc))
    bad_date["events"][0]["date"]["start"] = "13/11/2015"
    assert not validator.is_valid(bad_date)
    bad_link = json.loads(json.dumps(doc))
    bad_link["articles"][0]["link"] = "javascript:alert(1)"
    assert not validator.is_valid(bad_link)


@pytest.mark.parametrize("granularity", list(Granularity))
@pytest.mark.parametrize("bounds", ["both", "end", "none"])
def test_every_kind_of_date_validates(
    validator: jsonschema.Draft202012Validator,
    sample_timeline: Timeline,
    granularity: Granularity,
    bounds: str,
) -> None:
    """Any granularity, with or without a place on the calendar, gives a valid document."""
    start = date(2015, 11, 1) if bounds == "both" else None
    end = date(2015, 11, 30) if bounds != "none" else None
    when = When(TimexType.DATE, "2015-11", granularity, start, end, "APPROX", "why")
    entry = dataclasses.replace(sample_timeline.entries[0], when=when)
    timeline = dataclasses.replace(sample_timeline, entries=(entry,))
    doc = json.loads(render(timeline, Format.JSON))
    assert list(validator.iter_errors(doc)) == []


def test_old_local_mean_time_offsets_validate(
    validator: jsonschema.Draft202012Validator, sample_timeline: Timeline
) -> None:
    """A publish date before standard time zones has an offset with seconds: still valid."""
    old = datetime(1890, 1, 1, 12, 0, tzinfo=ZoneInfo("Asia/Hong_Kong"))
    assert old.isoformat().endswith("+07:36:42")
    article = dataclasses.replace(sample_timeline.articles[0], published=old)
    timeline = dataclasses.replace(sample_timeline, articles=(article,))
    doc = json.loads(render(timeline, Format.JSON))
    assert list(validator.iter_errors(doc)) == []


def test_editor_fields_background_and_orphans_validate(
    validator: jsonschema.Draft202012Validator, sample_timeline: Timeline
) -> None:
    """Schema 2's additions: editor marks, media, aliases, a sourceless editor event, background."""
    first = sample_timeline.entries[0]
    edited = dataclasses.replace(
        first,
        aliases=("e-old-2", "e-old-1"),
        pinned=True,
        featured=True,
        group="Aftermath",
        media=Media("https://example.org/a.jpg", "Photo: A. Person", None),
        editor=EditorMark(created=False, changed=("date", "headline"), note="per police"),
    )
    own = dataclasses.replace(
        first, id="e-editor-1", events=(), editor=EditorMark(created=True), conflicts=()
    )
    vague = When(TimexType.DATE, "PAST_REF", Granularity.VAGUE, None, date(2015, 11, 16))
    background = dataclasses.replace(first, id="e-bg", when=vague)
    timeline = dataclasses.replace(
        sample_timeline,
        entries=(edited, own),
        background=(background,),
        orphaned_edits=(OrphanedEdit("e-gone", "hide", "entry e-gone is not in this build"),),
    )
    doc = json.loads(render(timeline, Format.JSON))
    assert list(validator.iter_errors(doc)) == []
    assert doc["events"][0]["aliases"] == ["e-old-1", "e-old-2"]
    assert [e["id"] for e in doc["background"]] == ["e-bg"]
    assert doc["orphaned_edits"][0]["entry"] == "e-gone"
    broken = json.loads(json.dumps(doc))
    broken["events"][0]["editor"]["changed"] = ["colour"]
    assert not validator.is_valid(broken)


def test_schema_1_is_still_shipped() -> None:
    """Consumers of version 1 can still validate old documents."""
    old = json.loads(schema_path(1).read_text(encoding="utf-8"))
    assert old["properties"]["schema"]["const"] == "chronicle.timeline/1"
    with pytest.raises(ValueError, match="ships 1 and 2"):
        schema_path(3)
