"""A story kept in one SQLite file: its articles with their own results, and the corrections.

The store keeps what each article gives on its own (the article, its temporal expressions and
its events, tagged and extracted once, when it is added); everything that needs other articles
(cross-article dating, duplicate groups, merge, ranking, corrections) runs at build.

Safety: WAL journal, ``synchronous=FULL``, and each :meth:`Store.add` writes in one short
transaction after the articles are processed, so a process killed at any moment leaves every
article either fully in or absent, and two processes adding at once both keep their articles.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import stat
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from chronicle import __version__
from chronicle.edits import Correction, correction, read_sheet, story_of, write_sheet
from chronicle.errors import ChronicleError
from chronicle.ingest.common import free_id
from chronicle.limits import DEFAULT_MAX_EVENTS
from chronicle.models import Article, Event, Style, Timeline, Timex
from chronicle.store import codec, schema

__all__ = ["AddReport", "Step", "Store", "StoreError", "StoredArticle", "is_store"]

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_SECONDS = 120.0  # how long a writer waits for another one's transaction to end
_BUSY = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)  # primary result codes of a lock
MAX_UNDO_STEPS = 1_000  # steps kept for undo; older ones are forgotten

Progress = Callable[[Iterable[Article], int], Iterable[Article]]
Process = Callable[[Article], tuple[list[Timex], list[Event]]]


class StoreError(ChronicleError):
    """A store cannot be opened, or a change to it cannot be made."""


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """One article of a store, as ``chronicle list`` shows it."""

    id: str
    title: str
    published: str
    source: str
    url: str | None


@dataclass(slots=True)
class AddReport:
    """What one ``add`` did: articles added, replaced (new content) and left out (duplicates)."""

    added: list[str] = field(default_factory=list)
    replaced: list[tuple[str, str]] = field(default_factory=list)  # (id, why)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (source, why)


@dataclass(frozen=True, slots=True)
class Step:
    """One change of one correction row, kept for undo: the row's cells before and after."""

    entry: str  # the correction's entry id (the row's key)
    before: Mapping[str, str] | None  # None: no row
    after: Mapping[str, str] | None
    label: str  # what the editor did, as the list of changes shows it


def is_store(path: str | Path) -> bool:
    """True when ``path`` is an SQLite file (a store, or something chronicle will refuse).

    Only a regular file is opened: a FIFO or a device would block or never end.
    """
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def content_hash(article: Article) -> str:
    """The hash two copies of one article share: of its text."""
    return hashlib.sha256(article.text.encode("utf-8", "surrogatepass")).hexdigest()


class Store:
    """One story's SQLite file. Open it with ``Store(path)``; ``create=True`` makes it if new."""

    def __init__(self, path: str | Path, *, create: bool = False) -> None:
        """Open (or create) the store at ``path``, upgrading an older one; refuse a newer one."""
        self.path = Path(path)
        exists = self.path.exists()
        if not exists and not create:
            raise StoreError(
                f"{path}: no such store; make one with 'chronicle add {path} ARTICLES...'"
            )
        if exists and (self.path.is_dir() or (self.path.stat().st_size and not is_store(path))):
            raise StoreError(f"{path}: not a chronicle store (not an SQLite file)")
        try:
            self.db = sqlite3.connect(str(self.path), timeout=BUSY_SECONDS, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"{path}: cannot open the store ({exc})") from None
        try:
            self._prepare(create)
        except sqlite3.DatabaseError as exc:
            self.db.close()
            raise StoreError(f"{path}: cannot read the store ({exc})") from None
        except BaseException:
            self.db.close()
            raise

    def _prepare(self, create: bool) -> None:
        """Version check, journal settings and migrations.

        Two processes creating one store at once can meet a lock SQLite reports at once, without
        waiting (switching the file to WAL); every step here can be run again, so it is, until
        the other is done or BUSY_SECONDS pass.
        """
        deadline = time.monotonic() + BUSY_SECONDS
        pause = 0.01
        while True:
            try:
                self._check(create)
                self.db.execute("PRAGMA journal_mode = WAL")
                self.db.execute("PRAGMA synchronous = FULL")
                schema.migrate(self.db)
                return
            except sqlite3.OperationalError as exc:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                if exc.sqlite_errorcode & 0xFF not in _BUSY or time.monotonic() > deadline:
                    raise
            time.sleep(pause)
            pause = min(2 * pause, 0.5)

    def _check(self, create: bool) -> None:
        """Refuse a newer store or a file that is no store, reading all in one snapshot (another
        process may be creating the tables meanwhile)."""
        self.db.execute("BEGIN")
        try:
            version = schema.version_of(self.db)
            if version > schema.latest():
                raise StoreError(
                    f"{self.path}: written by a newer chronicle (store version {version}; "
                    f"chronicle {__version__} reads up to {schema.latest()}); upgrade chronicle"
                )
            if version == 0:
                tables = self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
                if tables or not create:
                    raise StoreError(f"{self.path}: not a chronicle store")
            elif schema.application_of(self.db) != schema.APPLICATION_ID:
                raise StoreError(f"{self.path}: not a chronicle store")
        finally:
            self.db.execute("COMMIT")

    def close(self) -> None:
        """Close the file."""
        self.db.close()

    def __enter__(self) -> Store:
        """The store itself."""
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        """Close the file."""
        self.close()

    # -- articles ---------------------------------------------------------------------------

    def add(
        self,
        articles: Sequence[Article],
        *,
        style: Style = Style.AUTO,
        title: str | None = None,
        progress: Progress | None = None,
        process: Process | None = None,
    ) -> AddReport:
        """Add the new articles (by URL and content), tagging and extracting only those.

        An article whose text is already in the store is left out; one with the URL (or, when
        neither has another URL, the id) of a stored article but new content replaces it and
        keeps its id. Everything is written in one transaction at the end.
        """
        run = process or _processor(style)
        report = AddReport()
        plan = self._plan(articles, report)
        looped = progress(plan, len(plan)) if progress else plan
        done = {a.id: (a, *run(a)) for a in looped}
        self._write(done, report, style, title, run)
        return report

    def _plan(self, articles: Sequence[Article], report: AddReport) -> list[Article]:
        """The articles to process, each under the id it will be stored with."""
        known = _Known.read(self.db)
        todo: dict[str, Article] = {}
        for article in articles:
            digest = content_hash(article)
            held = known.by_content.get(digest)
            if held is not None:
                report.skipped.append((article.source, f"same text as article {held}"))
                continue
            target = known.target(article)
            earlier = todo.pop(target, None)
            if earlier is not None:
                report.skipped.append((earlier.source, f"a later copy of {target} replaces it"))
            known.take(target, article.url, digest)
            todo[target] = article if target == article.id else replace(article, id=target)
        return list(todo.values())

    def _write(
        self,
        done: dict[str, tuple[Article, list[Timex], list[Event]]],
        report: AddReport,
        style: Style,
        title: str | None,
        run: Process,
    ) -> None:
        """One transaction: check again against what other writers committed, then write.

        Rows are made before the transaction begins, so other writers wait only for the
        inserts.
        """
        added = _now()
        rows = {key: _row(*item, style, added) for key, item in done.items()}
        with self._transaction():
            known = _Known.read(self.db)
            for key, (article, _, _) in done.items():
                digest = content_hash(article)
                held = known.by_content.get(digest)
                if held is not None:  # another process added it meanwhile
                    report.skipped.append((article.source, f"same text as article {held}"))
                    continue
                target = known.target(article)
                row = rows[key]
                if target != article.id:  # another process took the id or URL meanwhile
                    article = replace(article, id=target)
                    row = _row(article, *run(article), style, added)
                if target in known.ids:
                    self.db.execute("DELETE FROM articles WHERE id = ?", (target,))
                    report.replaced.append((target, "new content"))
                else:
                    report.added.append(target)
                known.take(target, article.url, digest)
                self.db.execute(
                    "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row
                )
            if title:
                self.db.execute("INSERT OR REPLACE INTO story VALUES ('title', ?)", (title,))

    def articles(self) -> list[StoredArticle]:
        """The stored articles, in the order they were added."""
        rows = self._select("SELECT id, title, published, source, url FROM articles ORDER BY rowid")
        return [StoredArticle(*row) for row in rows]

    def remove(self, article_ids: Sequence[str]) -> list[str]:
        """Take articles out (all or none); StoreError naming ids the store does not hold."""
        with self._transaction():
            held = {row[0] for row in self.db.execute("SELECT id FROM articles")}
            missing = [a for a in article_ids if a not in held]
            if missing:
                raise StoreError(
                    f"{self.path}: no article {', '.join(missing)} in the store; nothing removed "
                    f"(see 'chronicle list {self.path}')"
                )
            self.db.executemany(
                "DELETE FROM articles WHERE id = ?", [(a,) for a in dict.fromkeys(article_ids)]
            )
        return list(dict.fromkeys(article_ids))

    def stories(self) -> list[tuple[Article, list[Event]]]:
        """Every article with its own events, in the order they were added."""
        rows = self._select("SELECT article, events FROM articles ORDER BY rowid")
        return [
            (codec.decode(Article, json.loads(article)), codec.decode(list[Event], json.loads(ev)))
            for article, ev in rows
        ]

    def timexes(self, article_id: str) -> list[Timex]:
        """The resolved temporal expressions of one stored article."""
        rows = self._select("SELECT timexes FROM articles WHERE id = ?", (article_id,))
        if not rows:
            raise StoreError(f"{self.path}: no article {article_id} in the store")
        decoded: list[Timex] = codec.decode(list[Timex], json.loads(rows[0][0]))
        return decoded

    # -- the story ----------------------------------------------------------------------------

    def title(self) -> str | None:
        """The story's title given to ``add --title``, or None."""
        rows = self._select("SELECT value FROM story WHERE key = 'title'")
        return str(rows[0][0]) if rows else None

    def corrections(self) -> list[Correction]:
        """The editor's corrections, in sheet order."""
        rows = self._select("SELECT entry, cells FROM corrections ORDER BY position")
        return [correction(entry, json.loads(cells)) for entry, cells in rows]

    def replace_corrections(self, corrections: Sequence[Correction]) -> None:
        """Make ``corrections`` the whole state of the corrections (one transaction).

        The steps kept for undo are forgotten: they were changes of the state replaced.
        """
        with self._transaction():
            self._write_corrections(corrections)
            self.db.execute("DELETE FROM undo_steps")

    def change_corrections(
        self, change: Callable[[list[Correction]], list[Correction]]
    ) -> list[Correction]:
        """Read the corrections, make ``change`` of them and write the result, in one transaction.

        Two writers changing corrections at once (two editors' requests) each see the other's
        result: none is lost. An exception in ``change`` leaves the corrections as they were.
        """
        with self._transaction():
            return self._change(change)

    def change_step(self, change: Callable[[list[Correction]], Step]) -> Step:
        """Make one step of ``change`` (it edits the corrections in place) and keep it for undo.

        The corrections and the step are written in one transaction, so a step is kept exactly
        when its change is; :meth:`undo` takes the last one back, in this process or a later one.
        """
        made: list[Step] = []

        def edit(corrections: list[Correction]) -> list[Correction]:
            made.append(change(corrections))
            return corrections

        with self._transaction():
            self._change(edit)
            step = made[0]
            self.db.execute(
                "INSERT INTO undo_steps (entry, before, after, label) VALUES (?, ?, ?, ?)",
                (step.entry, _cells_json(step.before), _cells_json(step.after), step.label),
            )
            self.db.execute(
                "DELETE FROM undo_steps WHERE position <= "
                "(SELECT max(position) FROM undo_steps) - ?",
                (MAX_UNDO_STEPS,),
            )
        return step

    def undo(self) -> Step | None:
        """Put the row of the last kept step back as it was, and forget the step (one
        transaction); the step undone, or None when no step is kept."""
        with self._transaction():
            row = self.db.execute(
                "SELECT position, entry, before, after, label FROM undo_steps "
                "ORDER BY position DESC LIMIT 1"
            ).fetchone()
            if row is None:
                return None
            position, entry, before, after, label = row
            step = Step(entry, _cells_of(before), _cells_of(after), label)

            def edit(corrections: list[Correction]) -> list[Correction]:
                kept = [found for found in corrections if found.entry != entry]
                if step.before is None:
                    return kept
                at = next((i for i, c in enumerate(corrections) if c.entry == entry), len(kept))
                return [*kept[:at], correction(entry, step.before), *kept[at:]]

            self._change(edit)
            self.db.execute("DELETE FROM undo_steps WHERE position = ?", (position,))
        return step

    def steps(self, limit: int = 50) -> list[Step]:
        """The last ``limit`` steps kept for undo, the newest first."""
        rows = self._select(
            "SELECT entry, before, after, label FROM undo_steps ORDER BY position DESC LIMIT ?",
            (limit,),
        )
        return [
            Step(e, _cells_of(before), _cells_of(after), label) for e, before, after, label in rows
        ]

    def _change(self, change: Callable[[list[Correction]], list[Correction]]) -> list[Correction]:
        """Read the corrections, change them, write them (inside a transaction)."""
        rows = self.db.execute("SELECT entry, cells FROM corrections ORDER BY position")
        changed = change([correction(entry, json.loads(cells)) for entry, cells in rows])
        self._write_corrections(changed)
        return changed

    def _write_corrections(self, corrections: Sequence[Correction]) -> None:
        """Replace the corrections table's rows (inside a transaction)."""
        self.db.execute("DELETE FROM corrections")
        self.db.executemany(
            "INSERT INTO corrections (position, entry, cells) VALUES (?, ?, ?)",
            [
                (position, found.entry, json.dumps(dict(found.cells), ensure_ascii=False))
                for position, found in enumerate(corrections, start=1)
            ],
        )

    def integrity(self) -> str:
        """SQLite's ``PRAGMA integrity_check`` answer ("ok" when sound)."""
        return "; ".join(str(row[0]) for row in self._select("PRAGMA integrity_check"))

    # -- builds -------------------------------------------------------------------------------

    def timeline(
        self,
        *,
        title: str | None = None,
        max_events: int | None = DEFAULT_MAX_EVENTS,
        sentences: int = 1,
        query: str | None = None,
        span: tuple[date | None, date | None] = (None, None),
        locale: str | None = None,
    ) -> Timeline:
        """The story's timeline from the stored results, the corrections applied.

        ``max_events`` is the page's budget, 30 as for :func:`chronicle.build`; None keeps
        every entry. The sheet (:meth:`export_sheet`) always lists every entry. ``locale``: the
        reader's language of a title and of the explanations made here (dating across articles,
        reports of the day, the editor's dates); each article's own explanations keep the words
        they were stored with.
        """
        return self._assemble(
            locale=locale,
            title=title or self.title(),
            max_events=max_events,
            sentences=sentences,
            query=query,
            span=span,
            corrections=self.corrections(),
        )

    def machine(self) -> Timeline:
        """The machine's timeline: every entry, no correction applied (the sheet's rows)."""
        return self._assemble()

    def signature(self) -> str:
        """A hash of the articles held: it changes whenever one is added, replaced or removed."""
        digest = hashlib.sha256()
        for article_id, content in self._select(
            "SELECT id, content_hash FROM articles ORDER BY rowid"
        ):
            digest.update(f"{article_id}\x1f{content}\x1e".encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def export_sheet(self) -> str:
        """The editor's sheet: every entry of the machine's timeline, the corrections filled in."""
        machine = self._assemble()
        return write_sheet(machine.entries, machine.articles, self.corrections())

    def import_sheet(self, data: bytes, name: str) -> tuple[list[Correction], list[str]]:
        """Make the sheet the whole state of the corrections (checked first, all or nothing).

        Returns the corrections kept and notes for the editor (columns ignored).
        """
        machine = self._assemble()
        story = story_of(machine.entries, self.corrections())
        corrections, notes = read_sheet(data, name, story)
        self.replace_corrections(corrections)
        return corrections, notes

    def _assemble(self, **options: Any) -> Timeline:
        """The steps across articles over the stored results (no budget unless given)."""
        from chronicle.pipeline import assemble, with_rules_language

        stories = self.stories()
        articles = with_rules_language(article for article, _ in stories)
        ready = [(a, events) for a, (_, events) in zip(articles, stories, strict=True)]
        return assemble(ready, **options)

    # -- plumbing -----------------------------------------------------------------------------

    def _select(self, sql: str, parameters: tuple[Any, ...] = ()) -> list[Any]:
        """The rows of a query; StoreError when SQLite cannot answer it."""
        try:
            return self.db.execute(sql, parameters).fetchall()
        except sqlite3.Error as exc:
            raise self._failure("read", exc) from None

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        """A write transaction: BEGIN IMMEDIATE ... COMMIT, ROLLBACK on any error.

        SQLite's own errors (a read-only file, a full disk) become StoreError.
        """
        try:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            raise self._failure("write", exc) from None

    def _failure(self, doing: str, error: sqlite3.Error) -> StoreError:
        """The one-line error for SQLite's ``error`` while reading or writing the store."""
        return StoreError(
            f"{self.path}: cannot {doing} the store ({error}); check the file, its folder's "
            "permissions and the free disk space"
        )


@dataclass(slots=True)
class _Known:
    """Ids, URLs and content hashes already taken (in the store, or earlier in this add)."""

    ids: dict[str, str | None]  # id -> url
    by_url: dict[str, str]
    by_content: dict[str, str]

    @classmethod
    def read(cls, db: sqlite3.Connection) -> _Known:
        """What the store holds now."""
        ids: dict[str, str | None] = {}
        by_url: dict[str, str] = {}
        by_content: dict[str, str] = {}
        for article_id, url, digest in db.execute("SELECT id, url, content_hash FROM articles"):
            ids[article_id] = url
            by_content[digest] = article_id
            if url:
                by_url[url] = article_id
        return cls(ids, by_url, by_content)

    def target(self, article: Article) -> str:
        """The id to store ``article`` under: the id of the stored article it replaces, if any."""
        if article.url and article.url in self.by_url:
            return self.by_url[article.url]
        held_url = self.ids.get(article.id, "")
        if article.id in self.ids and held_url and article.url and held_url != article.url:
            return free_id(article.id, set(self.ids))  # same name, another article
        return article.id

    def take(self, article_id: str, url: str | None, digest: str) -> None:
        """Note an article as held."""
        self.ids[article_id] = url
        self.by_content[digest] = article_id
        if url:
            self.by_url[url] = article_id


def _processor(style: Style) -> Process:
    """Tag, resolve and extract one article with ``style`` (the pipeline's per-article step)."""
    from chronicle.pipeline import article_results, rules_language

    def run(article: Article) -> tuple[list[Timex], list[Event]]:
        ready = replace(article, rules_language=rules_language(article))
        return article_results(ready, style=style)

    return run


def _row(
    article: Article, timexes: list[Timex], events: list[Event], style: Style, added: str
) -> tuple[str | None, ...]:
    """The ``articles`` row of one processed article."""
    return (
        article.id,
        article.url,
        content_hash(article),
        article.title,
        article.published.isoformat(),
        article.source,
        str(style),
        __version__,
        added,
        _dump(article),
        _dump(timexes),
        _dump(events),
    )


def _dump(value: object) -> str:
    """Compact JSON of a model (or list of models)."""
    return json.dumps(codec.encode(value), ensure_ascii=False, separators=(",", ":"))


def _cells_json(cells: Mapping[str, str] | None) -> str | None:
    """A row's cells as JSON (None: no row)."""
    return None if cells is None else json.dumps(dict(cells), ensure_ascii=False)


def _cells_of(text: str | None) -> dict[str, str] | None:
    """A row's cells from their JSON (None: no row)."""
    return None if text is None else {str(k): str(v) for k, v in json.loads(text).items()}


def _now() -> str:
    """The current UTC time, to the second."""
    return datetime.now(tz=UTC).replace(microsecond=0).isoformat()
