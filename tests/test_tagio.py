"""chronicle tag input and output: TempEval JSON Lines, JSONL records, TimeML."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import pytest

from chronicle import tagio
from chronicle.errors import InputError
from chronicle.models import Article, Style, TzSource


def _write(tmp_path: Path, *lines: str) -> str:
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_read_tempeval_dates_and_datetimes(tmp_path: Path) -> None:
    """DCTs may be dates or ISO datetimes; naive ones are UTC."""
    path = _write(
        tmp_path,
        json.dumps({"id": "a", "dct": "1998-08-07", "text": "Friday"}),
        "",
        json.dumps({"id": 2, "dct": "2015-11-16T00:33:00+08:00", "text": "today"}),
    )
    docs = tagio.read_tempeval(path)
    assert [d.id for d in docs] == ["a", "2"]
    assert docs[0].published == datetime(1998, 8, 7, tzinfo=UTC)
    assert docs[1].published.utcoffset() is not None


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not valid JSON"),
        ('["a"]', "expected an object"),
        ('{"id": "a", "dct": "1998-08-07"}', "'text' is missing"),
        ('{"dct": "1998-08-07", "text": "x"}', "'id' is missing"),
        ('{"id": "a", "text": "x"}', "'dct' is missing"),
        ('{"id": "a", "dct": "yesterday", "text": "x"}', "is not a date"),
    ],
)
def test_bad_lines_name_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    """A bad line is an InputError with file:line."""
    path = _write(tmp_path, json.dumps({"id": "ok", "dct": "1998-08-07", "text": ""}), line)
    with pytest.raises(InputError, match=message) as caught:
        tagio.read_tempeval(path)
    assert f"{path}:2" in str(caught.value)


def test_missing_file() -> None:
    """A missing file is an InputError, not a traceback."""
    with pytest.raises(InputError, match="no such file"):
        tagio.read_tempeval("/nonexistent/docs.jsonl")


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    """'-' reads standard input."""
    line = json.dumps({"id": "s", "dct": "2015-11-16", "text": "It rained yesterday."})
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(line.encode() + b"\n")))
    (doc,) = tagio.read_tempeval("-")
    assert doc.id == "s"


def test_jsonl_record() -> None:
    """A JSONL line has the text and each timex with value, interval and explanation."""
    doc = tagio.TagDocument("d1", datetime(2015, 11, 16, tzinfo=UTC), "Early last week & now.")
    line = tagio.to_jsonl(tagio.tag_document(doc, style=Style.NEWS))
    assert "\n" not in line
    data = json.loads(line)
    assert data["id"] == "d1" and data["text"] == doc.text
    first, second = data["timexes"]
    assert first["text"] == "Early last week" and first["value"] == "2015-W46"
    assert first["mod"] == "START" and first["interval"] == ["2015-11-09", "2015-11-15"]
    assert first["granularity"] == "week" and first["explanation"]
    assert second["value"] == "PRESENT_REF" and "mod" not in second


def test_timeml_is_well_formed_and_escaped() -> None:
    """TimeML output parses as XML, keeps the text and tags each timex inline."""
    text = 'Q&A <b> "quotes" on Friday, then 1998.'
    doc = tagio.TagDocument("x&y", datetime(1998, 8, 10, tzinfo=UTC), text)
    xml = tagio.to_timeml(tagio.tag_document(doc))
    root = ET.fromstring(xml.encode("utf-8"))
    assert root.tag == "TimeML"
    dct = root.find("DCT/TIMEX3")
    assert dct is not None and dct.get("value") == "1998-08-10"
    body = root.find("TEXT")
    assert body is not None
    assert "".join(body.itertext()) == text
    tags = body.findall("TIMEX3")
    assert [(t.text, t.get("value")) for t in tags] == [("Friday", "1998-08-07"), ("1998", "1998")]
    assert all(t.get("tid") and t.get("type") for t in tags)


def test_from_article() -> None:
    """An ingested article becomes a TagDocument with its body and publish time."""
    published = datetime(2015, 11, 16, tzinfo=UTC)
    article = Article("a1", "a.txt", "Title", published, TzSource.TEXT, "Body on Friday.")
    doc = tagio.TagDocument.from_article(article)
    assert (doc.id, doc.published, doc.text) == ("a1", published, "Body on Friday.")
