"""Gzip-compressed inputs (``.jsonl.gz``, ``.json.gz``, ``.txt.gz`` ...): read like the files
they hold, by ``build`` and ``index`` alike; the size cap applies to the decompressed bytes; a
damaged or cut-off file is one skipped line, never a traceback."""

from __future__ import annotations

import gzip
import json
import resource
from pathlib import Path

import pytest

from chronicle import api
from chronicle.archive import index
from chronicle.errors import InputError
from chronicle.ingest import read_paths
from chronicle.ingest.decode import iter_lines, line_chunks, read_bytes
from test_cli import run

# Our own sentences about invented happenings in invented places.
STORIES = [
    ("Harbour bridge closes", "2021-03-08", "The Kestrel Harbour bridge closed on Monday."),
    ("Ferry approved", "2021-03-10", "The Kestrel council approved a ferry on Tuesday."),
    ("Festival moves", "2021-03-12", "The Lindqvist orchard festival moved to 4 June 2021."),
    ("Bridge reopens", "2021-04-20", "The Kestrel Harbour bridge reopened on Monday."),
    ("Ferry ends", "2021-04-22", "The Kestrel ferry made its last crossing on Wednesday."),
]


def _lines(stories: list[tuple[str, str, str]]) -> bytes:
    """Stories as JSON Lines bytes (ids from the position)."""
    rows = [
        json.dumps({"id": f"a{n}", "title": t, "published": p, "text": x})
        for n, (t, p, x) in enumerate(stories, start=1)
    ]
    return ("\n".join(rows) + "\n").encode()


def _text(title: str, published: str, body: str) -> str:
    """One plain-text article."""
    return f"{title}\nPublished: {published}\n\n{body}\n"


def _events(timeline: object) -> list[object]:
    """The ``events`` of a timeline's JSON."""
    return json.loads(api.render(timeline, "json"))["events"]  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def _reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1447630380")


def _pair(tmp_path: Path) -> tuple[Path, Path]:
    """The same archive plain and gzip-compressed (a folder each)."""
    plain, packed = tmp_path / "plain", tmp_path / "packed"
    for folder in (plain, packed):
        (folder / "desk").mkdir(parents=True)
    data = _lines(STORIES[:3])
    (plain / "news.jsonl").write_bytes(data)
    (packed / "news.jsonl.gz").write_bytes(gzip.compress(data))
    one = json.dumps({"title": STORIES[3][0], "published": STORIES[3][1], "text": STORIES[3][2]})
    (plain / "desk" / "reopen.json").write_text(one)
    (packed / "desk" / "reopen.json.gz").write_bytes(gzip.compress(one.encode()))
    text = _text(*STORIES[4])
    (plain / "desk" / "Ferry Ends.txt").write_text(text)
    (packed / "desk" / "Ferry Ends.txt.gz").write_bytes(gzip.compress(text.encode()))
    return plain, packed


def test_gzip_files_read_as_the_files_they_hold(tmp_path: Path) -> None:
    plain, packed = _pair(tmp_path)
    read_plain = api.build([str(plain)], max_events=None)
    read_packed = api.build([str(packed)], max_events=None)
    assert [a.id for a in read_packed.articles] == [a.id for a in read_plain.articles]
    assert sorted(a.id for a in read_packed.articles) == [
        "a1",
        "a2",
        "a3",
        "desk/ferry-ends",
        "desk/reopen",
    ]
    assert _events(read_packed) == _events(read_plain)
    assert sorted(a.source for a in read_packed.articles) == [
        "desk/Ferry Ends.txt.gz",
        "desk/reopen.json.gz",
        "news.jsonl.gz#1",
        "news.jsonl.gz#2",
        "news.jsonl.gz#3",
    ]


def test_index_reads_gzip_in_chunks_like_the_plain_file(tmp_path: Path) -> None:
    plain, packed = _pair(tmp_path)
    chunks = list(line_chunks(str(packed / "news.jsonl.gz"), 2))
    assert chunks == list(line_chunks(str(plain / "news.jsonl"), 2))
    assert [c.items for c in chunks] == [2, 1]
    report = index([str(packed)], tmp_path / "ix", partition_size=2)
    assert (report.articles, report.skipped) == (5, [])
    from_index = api.build_index(tmp_path / "ix", max_events=None)
    from_files = api.build([str(plain)], max_events=None)
    assert sorted(a.id for a in from_index.articles) == sorted(a.id for a in from_files.articles)
    assert _events(from_index) == _events(from_files)


def test_cut_off_gzip_keeps_the_lines_before_and_reports_one_line(tmp_path: Path) -> None:
    whole = gzip.compress(_lines(STORIES) * 40, compresslevel=1)  # 200 lines
    cut = tmp_path / "feed.jsonl.gz"
    cut.write_bytes(whole[: len(whole) * 2 // 3])
    articles, skipped = read_paths([str(cut)], tz=None, published=None, strict=False)
    assert 0 < len(articles) < 200
    assert len(skipped) == 1
    assert skipped[0][1].startswith("feed.jsonl.gz: unreadable gzip data (cut off")
    with pytest.raises(InputError, match="unreadable gzip data"):
        read_paths([str(cut)], tz=None, published=None, strict=True)
    report = index([str(cut)], tmp_path / "ix", partition_size=30)
    assert report.articles == len(articles)
    assert [message for _, message in report.skipped] == [skipped[0][1]]
    with pytest.raises(InputError, match="unreadable gzip data"):
        index([str(cut)], tmp_path / "strict", partition_size=30, strict=True)


def test_damaged_gzip_is_one_skipped_line(tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "good.jsonl").write_bytes(_lines(STORIES[:2]))
    (folder / "fake.txt.gz").write_text(_text(*STORIES[2]))  # not compressed at all
    data = bytearray(gzip.compress(_text(*STORIES[3]).encode()))
    data[len(data) // 2] ^= 0xFF  # a flipped byte inside the compressed data
    (folder / "flipped.txt.gz").write_bytes(bytes(data))
    (folder / "broken.jsonl.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    built = api.build([str(folder)], max_events=None)
    assert [a.id for a in built.articles] == ["a1", "a2"]
    assert sorted(source for source, _ in built.skipped) == [
        "broken.jsonl.gz",
        "fake.txt.gz",
        "flipped.txt.gz",
    ]
    assert all("unreadable gzip data" in message for _, message in built.skipped)
    assert all(str(tmp_path) not in message for _, message in built.skipped)
    report = index([str(folder)], tmp_path / "ix")
    assert report.articles == 2
    assert sorted(source for source, _ in report.skipped) == sorted(
        source for source, _ in built.skipped
    )


def test_gzip_bomb_is_refused_by_its_decompressed_size(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.txt.gz"
    with gzip.open(bomb, "wb", compresslevel=9) as handle:
        for _ in range(200):
            handle.write(b"a" * 1_000_000)  # 200 MB of text in ~200 KB
    assert bomb.stat().st_size < 1_000_000
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(InputError, match=r"bomb\.txt\.gz \(decompressed\): over the 1 MB limit"):
        read_bytes(str(bomb), 1_000_000)
    _, skipped = read_paths(
        [str(bomb)], tz=None, published=None, strict=False, max_article_bytes=1_000_000
    )
    assert skipped[0][1].startswith("bomb.txt.gz (decompressed): over the 1 MB limit")
    assert "--max-article-size" in skipped[0][1]
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before  # KB
    assert grown < 50_000  # never expanded whole


def test_gzip_jsonl_line_over_the_cap_is_skipped_not_kept(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl.gz"
    with gzip.open(feed, "wb") as handle:
        handle.write(_lines(STORIES[:1]))
        handle.write(b'{"text": "' + b"x" * 5_000_000 + b'"}\n')  # one line of 5 MB
        handle.write(_lines(STORIES[1:2]).replace(b'"a1"', b'"a9"'))
    found = list(iter_lines(str(feed), 100_000))
    assert [number for number, _ in found] == [1, 2, 3]
    assert isinstance(found[1][1], InputError)
    assert "feed.jsonl.gz (decompressed) line 2: over the 100 KB limit" in str(found[1][1])
    report = index([str(feed)], tmp_path / "ix", max_article_bytes=100_000)
    assert report.articles == 2 and len(report.skipped) == 1


def test_cli_reads_gzip_and_names_the_bad_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, packed = _pair(tmp_path)
    (packed / "cut.txt.gz").write_bytes(gzip.compress(_text(*STORIES[0]).encode())[:30])
    out = tmp_path / "t.json"
    code, _, err = run(["build", str(packed), "-f", "json", "-o", str(out)], capsys)
    assert code == 0
    assert "cut.txt.gz: unreadable gzip data" in err and "Traceback" not in err
    assert len(json.loads(out.read_text())["articles"]) == 5
    strict = tmp_path / "s.json"
    code, _, err = run(["build", str(packed), "--strict", "-o", str(strict)], capsys)
    assert code == 1
    assert err.strip().count("\n") == 0 and "cut.txt.gz: unreadable gzip data" in err
    assert not strict.exists()
    code, _, err = run(["index", str(packed), "-o", str(tmp_path / "ix")], capsys)
    assert code == 0 and "cut.txt.gz: unreadable gzip data" in err
