"""What an index folder holds, and how it is written safely.

::

    INDEX_DIR/
      manifest.json               format, options, generation, the parts committed (written last)
      articles/part-KEY.parquet   one row per article: ids, order, the article and its events (JSON)
      events/part-KEY.parquet     one row per event, sorted by start day: dates, text, key words
      terms/part-KEY.parquet      one row per word of the part's articles, sorted: rows naming it

A part is the work of one partition, written by the worker that read it: each of its three
files goes to a temporary name and is renamed, ``articles`` last, so a part whose articles file
exists is complete. The manifest (written atomically, after each part and at the end) lists the
committed parts; a part finished by a run that was killed before noting it is adopted by the
next run. A killed run therefore leaves a usable index, and re-running it does only the rest.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chronicle import __version__
from chronicle.errors import InputError, UsageError
from chronicle.files import write_atomic

if TYPE_CHECKING:
    import pyarrow as pa

FORMAT = "chronicle.index/1"
MANIFEST = "manifest.json"
LOCK = ".lock"  # held while the manifest is rewritten
TABLES = ("terms", "events", "articles")  # in the order they are written: articles last
ARTICLE_ROWS = 256  # articles per row group: a query reads only the row groups it needs
TERM_ROWS = 4096  # words per row group of a terms file (statistics prune the rest)
EVENT_ROWS = 8192  # events per row group, sorted by start day (statistics prune by date)


class ArchiveError(InputError):
    """An index folder that cannot be used (missing, another format, other options)."""


@dataclass(frozen=True, slots=True)
class Settings:
    """What ``chronicle index`` reads articles with; fixed for the life of an index."""

    tz: str | None = None
    published: str | None = None
    style: str = "auto"
    max_article_bytes: int = 0

    def differences(self, other: Settings) -> list[str]:
        """The options whose value differs from ``other``'s, as ``--name value`` text."""
        return [
            f"--{name.replace('_', '-')} {getattr(other, name)}"
            for name in ("tz", "published", "style", "max_article_bytes")
            if getattr(self, name) != getattr(other, name)
        ]


@dataclass(slots=True)
class PartEntry:
    """One committed part: its key, the run that wrote it and what it holds."""

    key: str
    generation: int
    articles: int
    events: int
    skipped: list[list[str]] = field(default_factory=list)  # [source, message] pairs
    files: dict[str, str] = field(default_factory=dict)  # name in the index -> absolute path


@dataclass(slots=True)
class Manifest:
    """The index's table of contents."""

    settings: Settings
    generation: int = 0
    parts: dict[str, PartEntry] = field(default_factory=dict)

    def files(self) -> dict[str, str]:
        """Each file name the index holds articles of -> the absolute path it was read from."""
        return {name: path for part in self.parts.values() for name, path in part.files.items()}

    def to_json(self) -> str:
        """The manifest file's text."""
        return json.dumps(
            {
                "format": FORMAT,
                "chronicle": __version__,
                "settings": asdict(self.settings),
                "generation": self.generation,
                "parts": [asdict(part) for part in self.parts.values()],
            },
            ensure_ascii=False,
            indent=1,
        )


def part_file(root: Path, table: str, key: str) -> Path:
    """Where a part's table is."""
    return root / table / f"part-{key}.parquet"


def read_manifest(root: Path) -> Manifest | None:
    """The manifest of the index at ``root``; None when there is none yet."""
    path = root / MANIFEST
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ArchiveError(f"{path}: cannot read the index ({exc.strerror}); check it") from None
    try:
        data = json.loads(text)
        if data.get("format") != FORMAT:
            raise ArchiveError(
                f"{root}: not a chronicle index of this version ({data.get('format')!r}); "
                "build a new index, or use the chronicle that wrote it"
            )
        parts = [PartEntry(**part) for part in data["parts"]]
        return Manifest(
            Settings(**data["settings"]),
            int(data["generation"]),
            {part.key: part for part in parts},
        )
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise ArchiveError(
            f"{path}: damaged index manifest ({exc}); re-run 'chronicle index'"
        ) from None


def open_index(root: Path) -> Manifest:
    """The manifest of an existing index; one clear error when ``root`` is not one."""
    if not root.is_dir():
        raise ArchiveError(
            f"{root}: no such index; make one with 'chronicle index ARCHIVE -o {root}'"
        )
    manifest = read_manifest(root)
    if manifest is None:
        raise ArchiveError(
            f"{root}: not a chronicle index (no {MANIFEST}); make one with 'chronicle index'"
        )
    return manifest


def prepare(root: Path, settings: Settings) -> Manifest:
    """The manifest to continue (or start) an index with, complete parts of killed runs adopted.

    UsageError when the index was made with other reading options.
    """
    if root.exists() and not root.is_dir():
        raise UsageError(f"{root}: is a file; give a folder for the index")
    fresh = root.is_dir() and read_manifest(root) is None
    if fresh and any(root.iterdir()) and not (root / "articles").is_dir():
        raise UsageError(f"{root}: folder holds other files; give a new or empty folder")
    for table in TABLES:
        (root / table).mkdir(parents=True, exist_ok=True)
    manifest = read_manifest(root) or Manifest(settings)
    changed = manifest.settings.differences(settings)
    if changed and manifest.parts:
        raise UsageError(
            f"{root}: indexed with other options ({', '.join(changed)} now); "
            "index into a new folder, or give the options it was made with"
        )
    manifest.settings = settings
    for path in (root / "articles").glob("part-*.parquet"):
        key = path.stem.removeprefix("part-")
        if key not in manifest.parts and all(part_file(root, t, key).exists() for t in TABLES):
            manifest.parts[key] = _adopted(root, key, manifest.generation + 1)
    return manifest


def _adopted(root: Path, key: str, generation: int) -> PartEntry:
    """The entry of a complete part a killed run wrote but did not note."""
    import pyarrow.parquet as pq

    articles = pq.read_metadata(part_file(root, "articles", key))
    events = pq.read_metadata(part_file(root, "events", key))
    found = articles.metadata.get(b"chronicle.generation") if articles.metadata else None
    return PartEntry(key, int(found) if found else generation, articles.num_rows, events.num_rows)


def commit(root: Path, manifest: Manifest) -> None:
    """Write the manifest atomically, keeping the parts another run noted meanwhile (two runs
    indexing into one folder at once both keep their parts)."""
    import fcntl

    with open(root / LOCK, "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        on_disk = read_manifest(root)
        if on_disk is not None:
            for key, part in on_disk.parts.items():
                manifest.parts.setdefault(key, part)
            manifest.generation = max(manifest.generation, on_disk.generation)
        write_atomic(root / MANIFEST, manifest.to_json())


def write_table(path: Path, table: pa.Table, rows: int, meta: dict[str, str]) -> None:
    """Write a Parquet file through a temporary name and a rename: whole or absent."""
    import pyarrow.parquet as pq

    table = table.replace_schema_metadata({**(table.schema.metadata or {}), **meta})
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        pq.write_table(table, temp, row_group_size=rows, compression="zstd")
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def settings_dict(settings: Settings) -> dict[str, Any]:
    """The settings as plain data (for the workers)."""
    return asdict(settings)
