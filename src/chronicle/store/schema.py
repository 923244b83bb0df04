"""The store's tables, versioned: numbered migrations, each run in one transaction.

``PRAGMA user_version`` holds the version; ``MIGRATIONS[n]`` takes a store from version ``n``
to ``n + 1``. Every version chronicle ever wrote is upgraded step by step from the first on; a
store with a version above :data:`VERSION` was written by a newer chronicle and is refused,
never read. ``PRAGMA application_id`` marks the file as a chronicle store.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

APPLICATION_ID = 0x4368524E  # "ChRN": a chronicle store


def _create(db: sqlite3.Connection) -> None:
    """Version 1: articles with their own results, the story's settings, the corrections."""
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("CREATE TABLE story (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute(
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            url TEXT,
            content_hash TEXT NOT NULL,
            title TEXT NOT NULL,
            published TEXT NOT NULL,
            source TEXT NOT NULL,
            style TEXT NOT NULL,
            processed_by TEXT NOT NULL,
            added TEXT NOT NULL,
            article TEXT NOT NULL,
            timexes TEXT NOT NULL,
            events TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX articles_by_url ON articles (url)")
    db.execute("CREATE INDEX articles_by_content ON articles (content_hash)")
    db.execute(
        """
        CREATE TABLE corrections (
            position INTEGER PRIMARY KEY,
            entry TEXT NOT NULL,
            cells TEXT NOT NULL
        )
        """
    )


def _undo_steps(db: sqlite3.Connection) -> None:
    """Version 2: the review's steps, kept for undo across restarts (each row before and after)."""
    db.execute(
        """
        CREATE TABLE undo_steps (
            position INTEGER PRIMARY KEY AUTOINCREMENT,
            entry TEXT NOT NULL,
            before TEXT,
            after TEXT,
            label TEXT NOT NULL
        )
        """
    )


Migration = Callable[[sqlite3.Connection], None]

MIGRATIONS: list[Migration] = [_create, _undo_steps]  # index n: version n -> n + 1


def latest() -> int:
    """The version this chronicle writes."""
    return len(MIGRATIONS)


def version_of(db: sqlite3.Connection) -> int:
    """The store's schema version (0: a new, empty file)."""
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def application_of(db: sqlite3.Connection) -> int:
    """The file's application id (0 when none was set)."""
    return int(db.execute("PRAGMA application_id").fetchone()[0])


def migrate(db: sqlite3.Connection, migrations: list[Migration] | None = None) -> int:
    """Bring the store to the latest version, one transaction per step; the version reached.

    Each step re-reads the version inside its transaction, so two processes opening an old
    store at once migrate it once.
    """
    steps = MIGRATIONS if migrations is None else migrations
    while True:
        db.execute("BEGIN IMMEDIATE")
        try:
            current = version_of(db)
            if current >= len(steps):
                db.execute("COMMIT")
                return current
            steps[current](db)
            db.execute(f"PRAGMA user_version = {current + 1}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
