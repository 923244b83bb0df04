"""The story store: faithful models, adds by URL and content, versions and refusals."""

from __future__ import annotations

import dataclasses
import json
import multiprocessing
import multiprocessing.queues
import sqlite3
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from chronicle.edits import Correction, correction
from chronicle.ingest import read_paths, read_text
from chronicle.models import Article, Event, Timex
from chronicle.pipeline import article_results, assemble, build_timeline, with_rules_language
from chronicle.rendering import Format, render
from chronicle.store import Step, Store, StoreError, codec, schema

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@cache
def _examples() -> tuple[Article, ...]:
    articles, _ = read_paths([str(EXAMPLES)], tz=None, published=None, strict=True)
    return tuple(articles)


def _report(text: str, name: str, url: str | None = None) -> Article:
    header = "PUBLISHED : Monday, 16 November, 2015, 9:00am CET\n"
    (article,) = read_text(f"{name}\n{header}\n{text}\n", f"{name}.txt")
    return dataclasses.replace(article, url=url)


def test_every_model_comes_back_the_same(tmp_path: Path) -> None:
    for article in with_rules_language(_examples()):
        timexes, events = article_results(article)
        for kind, value in ((Article, article), (list[Timex], timexes), (list[Event], events)):
            again = codec.decode(kind, json.loads(json.dumps(codec.encode(value))))
            assert again == value
        back = codec.decode(Article, codec.encode(article))
        assert back.published.tzname() == article.published.tzname()  # "HKT", not "UTC+08:00"
        assert back.published.isoformat() == article.published.isoformat()


def _stored_events() -> tuple[Article, list[Event], Any]:
    """An article of ours with its events, and the events as stored data."""
    article = _report(
        "The council met on Friday 13 November. The mayor said on Sunday that the bridge "
        "would reopen in March.",
        "bridge",
    )
    (article,) = with_rules_language([article])
    _, events = article_results(article)
    assert len(events) >= 2
    return article, events, json.loads(json.dumps(codec.encode(events)))


def test_data_from_before_a_field_existed_takes_its_defaults() -> None:
    article, events, data = _stored_events()
    for item in data:
        del item["statement"], item["places"]
        del item["timex"]["when"]["explanation"]
    again = codec.decode(list[Event], data)
    assert again == [
        dataclasses.replace(
            e,
            statement=False,
            places=(),
            timex=dataclasses.replace(
                e.timex, when=dataclasses.replace(e.timex.when, explanation="")
            ),
        )
        for e in events
    ]
    stored = codec.encode(article)
    del stored["rules_language"], stored["updated"]
    assert codec.decode(Article, stored) == dataclasses.replace(
        article, rules_language="", updated=None
    )


def test_stored_data_of_the_wrong_shape_is_an_error_not_a_value() -> None:
    article, _, data = _stored_events()
    stored = codec.encode(article)
    stored["paragraphs"] = [[0, 10], [11, 20, 30]]
    with pytest.raises(ValueError):
        codec.decode(Article, stored)
    stored["paragraphs"] = [[0, 10], None]  # a None row is let through, as everywhere else
    assert codec.decode(Article, stored).paragraphs == ((0, 10), None)
    data[0]["timex"]["when"]["granularity"] = "fortnight"
    with pytest.raises(ValueError):
        codec.decode(list[Event], data)
    with pytest.raises(TypeError):
        codec.decode(Event, ["not", "an", "event"])


@dataclasses.dataclass(frozen=True, slots=True)
class _Tidied:
    name: str
    tags: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", self.name.strip())


def test_a_model_that_checks_its_fields_is_made_by_its_init() -> None:
    assert codec.decode(_Tidied, {"name": "  harbour ", "tags": ["a"]}) == _Tidied(
        "harbour", ("a",)
    )
    assert codec.decode(list[_Tidied], [{"name": " quay"}, None]) == [_Tidied("quay"), None]


def test_the_store_builds_what_the_files_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    with Store(tmp_path / "story.db", create=True) as store:
        report = store.add(_examples())
        stories = store.stories()
    assert len(report.added) == 11
    articles = with_rules_language(a for a, _ in stories)
    from_store = assemble(list(zip(articles, [events for _, events in stories], strict=True)))
    from_files = build_timeline(_examples())
    for fmt in Format:
        assert render(from_store, fmt) == render(from_files, fmt)


def test_an_article_is_added_once_and_replaced_by_new_content(tmp_path: Path) -> None:
    first = _report("Gunmen attacked a concert hall on Friday.", "report", "https://x.test/a")
    with Store(tmp_path / "story.db", create=True) as store:
        assert store.add([first]).added == ["report"]
        again = store.add([dataclasses.replace(first, id="copy", source="copy.txt")])
        assert again.added == [] and again.skipped == [("copy.txt", "same text as article report")]
        update = _report(
            "Gunmen attacked a concert hall on Friday. Police named them on Sunday.",
            "renamed",
            "https://x.test/a",
        )
        replaced = store.add([update])
        assert replaced.replaced == [("report", "new content")] and replaced.added == []
        ((article, events),) = store.stories()
        assert article.id == "report" and "Sunday" in article.text
        assert {e.article_id for e in events} == {"report"}
        assert all(e.id.startswith("report-") for e in events)


def test_the_same_name_for_another_article_gets_its_own_id(tmp_path: Path) -> None:
    one = _report("The summit opened on Monday.", "story", "https://x.test/1")
    two = _report("The march was banned on Sunday.", "story", "https://x.test/2")
    with Store(tmp_path / "story.db", create=True) as store:
        store.add([one])
        assert store.add([two]).added == ["story-2"]
        assert [a.id for a in store.articles()] == ["story", "story-2"]


def test_remove_is_all_or_nothing(tmp_path: Path) -> None:
    with Store(tmp_path / "story.db", create=True) as store:
        store.add(_examples()[:3])
        ids = [a.id for a in store.articles()]
        with pytest.raises(StoreError, match="no article nowhere in the store; nothing removed"):
            store.remove([ids[0], "nowhere"])
        assert [a.id for a in store.articles()] == ids
        assert store.remove([ids[0]]) == [ids[0]]
        assert [a.id for a in store.articles()] == ids[1:]


def test_corrections_and_title_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "story.db"
    made = [
        correction("e-1", {"action": "hide"}),
        correction("e-2", {"new_headline": 'Ünïcode, "quotes"', "note": "n"}),
    ]
    with Store(path, create=True) as store:
        store.add(_examples()[:1], title="Paris, November 2015")
        store.replace_corrections(made)
    with Store(path) as store:
        assert store.corrections() == made
        assert store.title() == "Paris, November 2015"
        store.replace_corrections(made[1:])
        assert store.corrections() == made[1:]
        assert store.integrity() == "ok"


def test_a_store_from_a_newer_chronicle_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "story.db"
    Store(path, create=True).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {schema.latest() + 1}")
    db.close()
    with pytest.raises(StoreError) as caught:
        Store(path)
    message = str(caught.value)
    assert "written by a newer chronicle" in message and "upgrade chronicle" in message
    assert "\n" not in message


@pytest.mark.parametrize("kind", ["text", "other sqlite", "missing", "folder"])
def test_what_is_not_a_store_is_refused(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "story.db"
    if kind == "text":
        path.write_text("id,action\n", encoding="utf-8")
    elif kind == "other sqlite":
        db = sqlite3.connect(path)
        db.execute("CREATE TABLE notes (x)")
        db.commit()
        db.close()
    elif kind == "folder":
        path.mkdir()
    with pytest.raises(StoreError) as caught:
        Store(path)
    expected = "no such store" if kind == "missing" else "not a chronicle store"
    assert expected in str(caught.value)
    if kind == "other sqlite":
        with pytest.raises(StoreError, match="not a chronicle store"):
            Store(path, create=True)


def test_migrations_run_in_order_each_in_one_transaction(tmp_path: Path) -> None:
    path = tmp_path / "story.db"
    Store(path, create=True).close()
    db = sqlite3.connect(path, isolation_level=None)

    def add_column(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE story ADD COLUMN changed TEXT")

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half (x)")
        raise RuntimeError("a migration that fails halfway")

    with pytest.raises(RuntimeError):
        schema.migrate(db, [*schema.MIGRATIONS, add_column, broken])
    latest = schema.latest() + 1
    assert schema.version_of(db) == latest  # the good step is kept, the broken one left no trace
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    assert "half" not in tables
    assert schema.migrate(db, [*schema.MIGRATIONS, add_column]) == latest
    db.close()


def test_a_store_that_cannot_be_written_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "story.db"
    with Store(path, create=True) as store:
        store.add(_examples()[:1])
    with Store(path) as store:
        store.db.execute("PRAGMA query_only = ON")  # as a read-only file would answer
        with pytest.raises(StoreError, match="cannot write the store"):
            store.add(_examples()[1:2])
        with pytest.raises(StoreError, match="cannot write the store"):
            store.remove([store.articles()[0].id])
        assert len(store.articles()) == 1


def test_a_version_1_store_is_upgraded_and_keeps_everything(tmp_path: Path) -> None:
    """A store written before undo steps were kept (schema 1) opens, upgraded, data intact."""
    path = tmp_path / "story.db"
    db = sqlite3.connect(path, isolation_level=None)
    schema.migrate(db, schema.MIGRATIONS[:1])  # what chronicle wrote at version 1
    db.execute("INSERT INTO story VALUES ('title', 'Old story')")
    db.execute("INSERT INTO corrections VALUES (1, 'e-1', '{\"action\": \"hide\"}')")
    db.close()
    with Store(path) as store:
        assert schema.version_of(store.db) == schema.latest() >= 2
        assert store.title() == "Old story"
        assert [(c.entry, c.hide) for c in store.corrections()] == [("e-1", True)]
        assert store.steps() == []
        store.change_step(_adding("e-2", "pin"))
        assert store.integrity() == "ok"
    with Store(path) as store:  # the step is kept across opens, and undone
        assert [s.label for s in store.steps()] == ["pin"]
        assert store.undo() == Step("e-2", None, {"action": "pin"}, "pin")
        assert [c.entry for c in store.corrections()] == ["e-1"]


def test_a_step_and_its_change_are_one_transaction(tmp_path: Path) -> None:
    path = tmp_path / "story.db"
    with Store(path, create=True) as store:

        def broken(found: list[Correction]) -> Step:
            found.append(correction("e-1", {"action": "hide"}))
            raise RuntimeError("midway")

        with pytest.raises(RuntimeError):
            store.change_step(broken)
        assert store.corrections() == [] and store.steps() == []
        store.change_step(_adding("e-1", "hide"))
        store.replace_corrections([])  # a sheet imported: earlier steps cannot be undone
        assert store.steps() == [] and store.undo() is None


def _adding(entry: str, action: str) -> Callable[[list[Correction]], Step]:
    """A change that adds the row ``entry`` with ``action``, and its step."""

    def change(found: list[Correction]) -> Step:
        found.append(correction(entry, {"action": action}))
        return Step(entry, None, {"action": action}, action)

    return change


def _open_new_store(path: str, results: multiprocessing.queues.Queue[str]) -> None:
    """Open (creating) the store at ``path`` in a child process; put what happened."""
    try:
        Store(path, create=True).close()
        results.put("ok")
    except Exception as exc:  # reported to the parent, which asserts on it
        results.put(repr(exc))


def test_processes_creating_one_store_at_once_all_open_it(tmp_path: Path) -> None:
    """Three processes creating the same new store together: each opens it, none is refused.

    Before, about one trial in eight failed: a process read "version 0" before another's
    tables were committed and called the file no store, or met SQLite's at-once lock while
    the file switched to WAL.
    """
    fork = multiprocessing.get_context("fork")
    failures = []
    for trial in range(40):
        path = str(tmp_path / f"story-{trial}.db")
        results: multiprocessing.queues.Queue[str] = fork.Queue()
        children = [fork.Process(target=_open_new_store, args=(path, results)) for _ in range(3)]
        for child in children:
            child.start()
        outcomes = [results.get(timeout=60) for _ in children]
        for child in children:
            child.join()
        failures += [outcome for outcome in outcomes if outcome != "ok"]
        with Store(path) as store:
            assert schema.version_of(store.db) == schema.latest()
    assert not failures, failures[:3]
