"""The archive index, in-process: index, build --index equal to build FILES, incremental runs,
killed runs, bad inputs, JSON Lines read in chunks (the Dask runs: test_archive_dask.py)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chronicle import api
from chronicle.archive import index, layout
from chronicle.cli import app
from chronicle.errors import InputError, UsageError
from chronicle.ingest.decode import line_chunks

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# Our own sentences about invented happenings in invented places.
STORIES = [
    (
        "Harbour bridge closes for repairs",
        "2021-03-08",
        "The Kestrel Harbour bridge closed on Monday for repairs. Engineers found cracks on "
        "Friday, the city said. Works will last until 30 April 2021.",
    ),
    (
        "Kestrel council approves ferry",
        "2021-03-10",
        "The Kestrel council approved a ferry service on Tuesday. The ferry will start on "
        "15 March 2021 while the bridge is closed. The vote was 9 to 2.",
    ),
    (
        "Orchard festival moves",
        "2021-03-12",
        "The Lindqvist orchard festival moved to 4 June 2021. Organisers said on Thursday that "
        "rain had flooded the fields on 2 March.",
    ),
    (
        "Bridge reopens early",
        "2021-04-20",
        "The Kestrel Harbour bridge reopened on Monday, ten days early. The repairs, begun on "
        "8 March, cost less than planned.",
    ),
]


def _jsonl(path: Path, stories: list[tuple[str, str, str]], start: int = 1) -> Path:
    """Write stories as JSON Lines (ids made from the position)."""
    lines = [
        json.dumps({"id": f"a{n}", "title": t, "published": p, "text": x})
        for n, (t, p, x) in enumerate(stories, start=start)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _events(timeline: object) -> list[object]:
    """The ``events`` of a timeline's JSON."""
    return json.loads(api.render(timeline, "json"))["events"]  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def _reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1447630380")


@pytest.mark.parametrize("query", [None, "Abaaoud", "state of emergency, Molenbeek"])
def test_index_equals_files(tmp_path: Path, query: str | None) -> None:
    root = tmp_path / "ix"
    report = index([str(EXAMPLES)], root, partition_size=3)
    assert report.articles > 0 and not report.skipped
    from_index = api.build_index(root, query=query, max_events=None)
    from_files = api.build([str(EXAMPLES)], query=query, max_events=None)
    assert _events(from_index) == _events(from_files)
    assert _events(from_index)
    if query:
        assert len(from_index.articles) < report.articles  # only the matching ones were read


def test_query_reads_only_matching_articles(tmp_path: Path) -> None:
    from chronicle.archive import stories

    archive = _jsonl(tmp_path / "news.jsonl", STORIES)
    index([str(archive)], tmp_path / "ix", partition_size=2)
    found = stories(tmp_path / "ix", query="Lindqvist")
    assert [article.title for article, _ in found] == ["Orchard festival moves"]
    two = stories(tmp_path / "ix", query="harbour bridge")
    assert {a.id for a, _ in two} == {"a1", "a4"}
    assert stories(tmp_path / "ix", query="zeppelin") == []


def test_jsonl_chunks_give_the_ids_of_a_whole_read(tmp_path: Path) -> None:
    lines = [json.dumps({"title": t, "published": p, "text": x}) for t, p, x in STORIES]
    archive = tmp_path / "feed.jsonl"
    archive.write_text("\n".join([lines[0], "", lines[1], "not json", *lines[2:]]) + "\n")
    chunks = list(line_chunks(str(archive), 2))
    assert [c.items for c in chunks] == [2, 2, 1]
    assert [c.first for c in chunks] == [1, 4, 6]
    root = tmp_path / "ix"
    report = index([str(archive)], root, partition_size=2)
    assert report.articles == 4 and len(report.skipped) == 1
    assert "feed.jsonl line 4" in report.skipped[0][1]
    from_index = api.build_index(root, max_events=None)
    from_files = api.build([str(archive)], max_events=None)
    assert [a.id for a in from_index.articles] == [a.id for a in from_files.articles]
    assert _events(from_index) == _events(from_files)


def test_incremental_run_does_only_new_work(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    _jsonl(archive / "one.jsonl", STORIES[:2])
    root = tmp_path / "ix"
    first = index([str(archive)], root)
    assert first.articles == 2
    again = index([str(archive)], root)
    assert (again.partitions, again.articles, again.reused) == (0, 0, 1)
    _jsonl(archive / "one.jsonl", STORIES[:3])  # the file grew: its part is redone
    grown = index([str(archive)], root)
    assert (grown.articles, grown.known) == (1, 2)
    from_index = api.build_index(root, max_events=None)
    assert len(from_index.articles) == 3
    assert _events(from_index) == _events(api.build([str(archive)], max_events=None))


def test_changed_article_replaces_its_old_copy(tmp_path: Path) -> None:
    archive = _jsonl(tmp_path / "news.jsonl", STORIES[:2])
    root = tmp_path / "ix"
    index([str(archive)], root)
    changed = [
        STORIES[0],
        (STORIES[1][0], STORIES[1][1], STORIES[1][2] + " The Lindqvist mayor agreed."),
    ]
    _jsonl(archive, changed)
    index([str(archive)], root)
    built = api.build_index(root, max_events=None)
    assert [a.id for a in built.articles] == ["a1", "a2"]
    assert "Lindqvist" in built.articles[1].text
    assert _events(built) == _events(api.build([str(archive)], max_events=None))


def test_killed_run_leaves_a_usable_index_and_is_finished(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    for n, story in enumerate(STORIES, start=1):
        _jsonl(archive / f"{n}.jsonl", [story], start=n)
    root = tmp_path / "ix"
    index([str(archive)], root, partition_size=1)
    # A killed run: the last part written but never noted, a temporary file left behind.
    manifest = layout.read_manifest(root)
    assert manifest is not None and len(manifest.parts) == 4
    lost = sorted(manifest.parts)[0]
    del manifest.parts[lost]
    (root / layout.MANIFEST).write_text(manifest.to_json(), encoding="utf-8")
    (root / "articles" / f".part-x.parquet.{os.getpid()}.tmp").write_bytes(b"half")
    usable = api.build_index(root, max_events=None)
    assert len(usable.articles) == 3
    rerun = index([str(archive)], root, partition_size=1)
    assert rerun.partitions == 0  # the complete part was adopted, nothing redone
    assert len(api.build_index(root, max_events=None).articles) == 4


def test_bad_file_is_skipped_not_fatal(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    _jsonl(archive / "good.jsonl", STORIES)
    (archive / "bad.json").write_text("{not json", encoding="utf-8")
    (archive / "binary.txt").write_bytes(b"\x00\x01\x02" * 10)
    report = index([str(archive)], tmp_path / "ix")
    assert report.articles == 4
    assert sorted(source for source, _ in report.skipped) == ["bad.json", "binary.txt"]
    assert all(str(tmp_path) not in message for _, message in report.skipped)
    with pytest.raises(InputError, match=r"bad\.json"):
        index([str(archive)], tmp_path / "strict", strict=True)


def test_jsonl_line_over_the_size_cap_is_skipped(tmp_path: Path) -> None:
    big = ("Kestrel " * 400).strip()
    archive = _jsonl(tmp_path / "news.jsonl", [*STORIES[:2], ("Huge", "2021-03-11", big)])
    report = index([str(archive)], tmp_path / "ix", max_article_bytes=1000)
    assert report.articles == 2
    assert "news.jsonl line 3" in report.skipped[0][1] and "1 KB" in report.skipped[0][1]


def test_other_options_are_refused(tmp_path: Path) -> None:
    archive = _jsonl(tmp_path / "news.jsonl", STORIES)
    index([str(archive)], tmp_path / "ix")
    with pytest.raises(UsageError, match="--tz Europe/Paris"):
        index([str(archive)], tmp_path / "ix", tz="Europe/Paris")


def test_cli_index_and_build_index(tmp_path: Path) -> None:
    runner = CliRunner()
    root = tmp_path / "ix"
    done = runner.invoke(app, ["index", str(EXAMPLES), "-o", str(root)])
    assert done.exit_code == 0, done.output
    assert "articles indexed" in done.output
    out = tmp_path / "t.json"
    built = runner.invoke(
        app, ["build", "--index", str(root), "--query", "Abaaoud", "-o", str(out), "--all"]
    )
    assert built.exit_code == 0, built.output
    files = tmp_path / "f.json"
    runner.invoke(app, ["build", str(EXAMPLES), "--query", "Abaaoud", "-o", str(files), "--all"])
    assert json.loads(out.read_text())["events"] == json.loads(files.read_text())["events"]
    md = runner.invoke(app, ["build", "--index", str(root), "--from", "2015-11-18", "-f", "md"])
    assert md.exit_code == 0 and "# Timeline" in md.output
    refused = runner.invoke(app, ["build", "--index", str(root), "--tz", "UTC"])
    assert refused.exit_code == 2 and "chronicle index" in refused.output
    both = runner.invoke(app, ["build", str(EXAMPLES), "--index", str(root)])
    assert both.exit_code == 2
    missing = runner.invoke(app, ["build", "--index", str(tmp_path / "nothing")])
    assert missing.exit_code == 1
    assert "no such index" in str(missing.exception) or "no such index" in missing.output


def _one(path: Path, article_id: str, story: tuple[str, str, str]) -> Path:
    """One JSON Lines file of one story under ``article_id``."""
    title, published, text = story
    row = {"id": article_id, "title": title, "published": published, "text": text}
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("query", [None, "ferry", "Lindqvist"])
def test_files_sharing_an_id_are_both_kept_under_distinct_ids(
    tmp_path: Path, query: str | None
) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    _one(archive / "a.jsonl", "x", STORIES[0])
    _one(archive / "b.jsonl", "x", STORIES[1])  # another article, the same id
    _one(archive / "c.jsonl", "x", STORIES[2])
    report = index([str(archive)], tmp_path / "ix", partition_size=1)
    assert report.articles == 3 and not report.skipped
    from_index = api.build_index(tmp_path / "ix", query=query, max_events=None)
    from_files = api.build([str(archive)], query=query, max_events=None)
    named = sorted((a.id, a.source) for a in from_index.articles)
    assert named == sorted((a.id, a.source) for a in from_files.articles)
    assert _events(from_index) == _events(from_files)
    expected = {None: ["x", "x-2", "x-3"], "ferry": ["x-2"], "Lindqvist": ["x-3"]}[query]
    assert [article_id for article_id, _ in named] == expected
    ids = {event["article"] for entry in _events(from_index) for event in entry["sources"]}  # type: ignore[index]
    assert ids == set(expected)


@pytest.mark.parametrize("query", [None, "bridge"])
def test_index_lists_the_articles_in_the_order_of_a_folder_build(
    tmp_path: Path, query: str | None
) -> None:
    archive = tmp_path / "archive"
    (archive / "north").mkdir(parents=True)
    _one(archive / "zeta.jsonl", "z", STORIES[0])  # a folder's own files come first ...
    _one(archive / "north" / "feed.jsonl", "n", STORIES[3])  # ... then its subfolders
    _one(archive / "alpha.jsonl", "a", STORIES[1])
    index([str(archive)], tmp_path / "ix", partition_size=1)
    from_index = api.build_index(tmp_path / "ix", query=query, max_events=None)
    from_files = api.build([str(archive)], query=query, max_events=None)
    listed = [a.source for a in from_index.articles]
    assert listed == [a.source for a in from_files.articles]
    assert listed == ["alpha.jsonl#1", "zeta.jsonl#1", "north/feed.jsonl#1"]
    assert _events(from_index) == _events(from_files)


def test_renamed_copy_skips_an_id_the_archive_gives(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    _one(archive / "a.jsonl", "x", STORIES[0])
    _one(archive / "b.jsonl", "x", STORIES[1])
    _one(archive / "c.jsonl", "x-2", STORIES[2])  # an id of the archive's own, like a rename
    index([str(archive)], tmp_path / "ix")
    built = api.build_index(tmp_path / "ix", query="ferry", max_events=None)
    assert [(a.id, a.source) for a in built.articles] == [("x-3", "b.jsonl#1")]
    every = api.build_index(tmp_path / "ix", max_events=None)
    assert sorted(a.id for a in every.articles) == ["x", "x-2", "x-3"]


def test_same_id_and_text_in_a_file_indexed_later_is_kept(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    _one(archive / "a.jsonl", "x", STORIES[0])
    (archive / "b.jsonl").write_text("", encoding="utf-8")
    index([str(archive)], tmp_path / "ix")
    _one(archive / "b.jsonl", "x", STORIES[0])  # a copy of the same article, added later
    again = index([str(archive)], tmp_path / "ix")
    assert (again.articles, again.known) == (1, 0)
    built = api.build_index(tmp_path / "ix", max_events=None)
    assert sorted((a.id, a.source) for a in built.articles) == [
        ("x", "a.jsonl#1"),
        ("x-2", "b.jsonl#1"),
    ]
    assert _events(built) == _events(api.build([str(archive)], max_events=None))


def test_another_file_of_a_name_already_indexed_is_reported(tmp_path: Path) -> None:
    for year, story in (("2019", STORIES[0]), ("2020", STORIES[1])):
        (tmp_path / year).mkdir()
        row = {"title": story[0], "published": story[1], "text": story[2]}  # ids from the name
        (tmp_path / year / "feed.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    root = tmp_path / "ix"
    assert index([str(tmp_path / "2019")], root).articles == 1
    later = index([str(tmp_path / "2020")], root)  # also named feed.jsonl: id feed, same source
    assert later.articles == 0
    assert [source for source, _ in later.skipped] == ["feed.jsonl"]
    assert "holds articles of another file of this name" in later.skipped[0][1]
    built = api.build_index(root, max_events=None)
    assert [a.title for a in built.articles] == [STORIES[0][0]]  # kept, not replaced
    with pytest.raises(InputError, match="another file of this name"):
        index([str(tmp_path / "2020")], root, strict=True)
    touched = tmp_path / "2019" / "feed.jsonl"
    touched.write_text(touched.read_text() + "\n", encoding="utf-8")  # the same file, changed
    assert not index([str(touched)], root).skipped


def test_query_picks_rows_across_row_groups(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(layout, "ARTICLE_ROWS", 2)  # four articles: two row groups a part
    monkeypatch.setattr(layout, "TERM_ROWS", 3)  # words in row groups of three: most pruned
    archive = _jsonl(tmp_path / "news.jsonl", STORIES)
    index([str(archive)], tmp_path / "ix", partition_size=4)
    for query, titles in (
        ("Lindqvist", ["Orchard festival moves"]),
        ("harbour bridge", ["Harbour bridge closes for repairs", "Bridge reopens early"]),
        ("ferry", ["Kestrel council approves ferry"]),
    ):
        built = api.build_index(tmp_path / "ix", query=query, max_events=None)
        assert [a.title for a in built.articles] == titles
        assert _events(built) == _events(api.build([str(archive)], query=query, max_events=None))


def test_row_groups_are_pruned_by_their_statistics_only(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from chronicle.archive.reader import _groups_holding

    table = pa.table({"n": list(range(6)), "word": ["ant", "bee", "cat", "dog", "eel", "fox"]})
    pq.write_table(table, tmp_path / "s.parquet", row_group_size=2)
    handle = pq.ParquetFile(tmp_path / "s.parquet")
    assert _groups_holding(handle, "word", ["bee"]) == [0]
    assert _groups_holding(handle, "word", ["cat", "fox"]) == [1, 2]
    assert _groups_holding(handle, "word", ["bird", "dove", "zebra"]) == []  # between the ranges
    assert _groups_holding(handle, "word", ["ant", "cod"]) == [0, 1]  # "cod" may be in cat..dog
    pq.write_table(table, tmp_path / "n.parquet", row_group_size=2, write_statistics=False)
    blind = pq.ParquetFile(tmp_path / "n.parquet")
    assert _groups_holding(blind, "word", ["zebra"]) == [0, 1, 2]  # no statistics: read them all
