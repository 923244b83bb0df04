"""Archive scale: an event index (Parquet) of many articles, built in-process or on Dask.

:func:`index` reads an archive (files, folders, JSON Lines), runs the per-article steps
(tag, resolve, events) for every article not yet indexed and writes the results as a Parquet
dataset (see :mod:`chronicle.archive.layout`); :func:`stories` reads back the articles a build
needs, for :func:`chronicle.pipeline.assemble` (cross-article dating, merge, ranking).

Needs the ``archive`` extra (``pip install 'chronicle-timeline[archive]'``: pyarrow, and
dask[distributed] for ``workers``/``scheduler``).
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from chronicle.archive import layout
from chronicle.archive.layout import ArchiveError, Settings
from chronicle.archive.reader import stories
from chronicle.archive.work import Job, Known, Partition, PartResult, Piece, run_partition
from chronicle.errors import InputError, UsageError
from chronicle.ingest import InputFile, input_files
from chronicle.ingest.decode import line_chunks
from chronicle.limits import DEFAULT_MAX_ARTICLE_BYTES
from chronicle.models import Style

__all__ = ["ArchiveError", "IndexReport", "index", "stories"]

DEFAULT_PARTITION = 500  # articles (JSON Lines lines, or files) per task: a few seconds of work
COMMIT_SECONDS = 2.0  # the manifest is rewritten at most this often while parts finish
Progress = Callable[[Iterable[Partition], int], Iterable[Partition]]


@dataclass(slots=True)
class IndexReport:
    """What one ``index`` run did, and what it cost."""

    partitions: int = 0  # partitions run (not already indexed)
    reused: int = 0  # partitions already indexed, left alone
    articles: int = 0
    events: int = 0
    known: int = 0  # articles already in the index, left out
    skipped: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0  # wall-clock time of the processing
    cpu: float = 0.0  # CPU time of the partitions, summed over the workers
    peak_rss: dict[int, int] = field(default_factory=dict)  # process id -> peak bytes

    def add(self, result: PartResult) -> None:
        """Count one partition's result in."""
        self.partitions += 1
        self.articles += result.articles
        self.events += result.events
        self.known += result.known
        self.skipped.extend(result.skipped)
        self.notes.extend(result.notes)
        self.cpu += result.cpu
        self.peak_rss[result.pid] = max(self.peak_rss.get(result.pid, 0), result.peak_rss)


def index(
    inputs: Sequence[str | os.PathLike[str]],
    root: str | os.PathLike[str],
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    tz: str | None = None,
    published: str | None = None,
    style: Style | str = Style.AUTO,
    strict: bool = False,
    max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
    full_paths: bool = False,
    partition_size: int = DEFAULT_PARTITION,
    progress: Progress | None = None,
) -> IndexReport:
    """Index the articles of ``inputs`` into the folder ``root`` (made, or continued).

    In-process by default; ``workers`` starts a local Dask cluster of that many processes,
    ``scheduler`` (``tcp://host:8786``) uses a running one (its workers must see ``inputs``
    and ``root`` at the same paths). Articles already indexed (same id and text) are left
    out; bad inputs are skipped and listed in the report, unless ``strict``.
    """
    from chronicle.ingest import parse_published_option

    if workers is not None and scheduler is not None:
        raise UsageError("give --workers or --scheduler, not both")
    if workers is not None and workers < 1:
        raise UsageError(f"--workers {workers}: give 1 or more")
    if partition_size < 1:
        raise UsageError(f"partition size {partition_size}: give 1 or more")
    if published is not None:
        parse_published_option(published, tz)  # a bad value fails before the work
    folder = Path(root).absolute()
    settings = Settings(tz, published, Style(style).value, max_article_bytes)
    manifest = layout.prepare(folder, settings)
    files = input_files([os.fspath(p) for p in inputs], full_paths=full_paths)
    if strict:
        for file in files:
            if file.problem is not None:
                raise InputError(file.problem)
    parts, todo = _planned(files, partition_size, settings, manifest, strict)
    report = IndexReport(reused=len(parts) - len(todo))
    if todo:
        known = Known(_keys(folder, manifest)) if manifest.parts else Known(())
        job = Job(str(folder), settings, manifest.generation + 1, strict)
        began = time.perf_counter()
        results = (
            _in_process(todo, job, known, progress)
            if workers is None and scheduler is None
            else _on_dask(todo, job, known, progress, workers, scheduler)
        )
        try:
            _note_results(results, todo, job, manifest, report)
        finally:
            report.seconds = time.perf_counter() - began
            layout.commit(folder, manifest)
    else:
        layout.commit(folder, manifest)  # parts adopted from a killed run are noted
    return report


def _planned(
    files: list[InputFile],
    size: int,
    settings: Settings,
    manifest: layout.Manifest,
    strict: bool,
) -> tuple[list[Partition], list[Partition]]:
    """(every partition of ``files``, those not yet indexed); a file whose name the index holds
    for another file is marked as a problem (skipped with one line), or refused when
    ``strict``."""
    parts = plan(files, size, settings)
    todo = [part for part in parts if part.key not in manifest.parts]
    clashes = _name_clashes(todo, manifest.files())
    if clashes:
        if strict:
            raise InputError(next(iter(clashes.values())))
        files = [replace(f, problem=clashes.get(f.name, f.problem)) for f in files]
        parts = plan(files, size, settings)
        todo = [part for part in parts if part.key not in manifest.parts]
    return parts, todo


def _note_results(
    results: Iterable[PartResult],
    todo: Sequence[Partition],
    job: Job,
    manifest: layout.Manifest,
    report: IndexReport,
) -> None:
    """Count each finished partition in ``report`` and note it in the manifest, rewritten at
    most every ``COMMIT_SECONDS`` (the caller commits it once more at the end)."""
    read_from = {part.key: _read_from(part) for part in todo}
    folder = Path(job.root)
    last = time.monotonic()
    for result in results:
        if job.strict and result.skipped:
            raise InputError(result.skipped[0][1])
        report.add(result)
        manifest.generation = job.generation
        manifest.parts[result.key] = layout.PartEntry(
            result.key,
            job.generation,
            result.articles,
            result.events,
            [list(pair) for pair in result.skipped],
            read_from[result.key],
        )
        if time.monotonic() - last > COMMIT_SECONDS:
            layout.commit(folder, manifest)
            last = time.monotonic()


def plan(files: Sequence[InputFile], size: int, settings: Settings) -> list[Partition]:
    """The partitions of the inputs: JSON Lines files in chunks of ``size`` lines, other files
    ``size`` at a time; each named by a key of what it covers (file, size, time, lines)."""
    parts: list[Partition] = []
    batch: list[Piece] = []
    stamp = repr(sorted(vars_of(settings).items()))
    for file in files:
        where = InputFile(os.path.abspath(file.path), file.name, file.problem, file.walked)
        chunks = []
        if file.jsonl and file.problem is None:
            try:
                chunks = list(line_chunks(where.path, size))
            except InputError:
                chunks = []  # the worker reports it, as for any unreadable file
        if not chunks:
            batch.append(Piece(where))
            if len(batch) == size:
                parts.append(_partition(batch, stamp))
                batch = []
            continue
        total = sum(chunk.items for chunk in chunks)
        parts.extend(_partition([Piece(where, chunk, total)], stamp) for chunk in chunks)
    if batch:
        parts.append(_partition(batch, stamp))
    return parts


def _read_from(part: Partition) -> dict[str, str]:
    """The files a partition reads articles from: name in the index -> absolute path."""
    return {piece.file.name: piece.file.path for piece in part.pieces if piece.file.problem is None}


def _name_clashes(todo: Sequence[Partition], held: dict[str, str]) -> dict[str, str]:
    """Name -> the problem, for each file to read whose name the index already holds for
    another file (an earlier run over another folder): its articles would take the ids and
    sources of that file's, and replace them."""
    clashes: dict[str, str] = {}
    for name, path in {n: p for part in todo for n, p in _read_from(part).items()}.items():
        other = held.get(name)
        if other is not None and other != path:
            clashes[name] = (
                f"{name}: the index holds articles of another file of this name ({other}); "
                "rename this one, or index both from the folder above them into a new index"
            )
    return clashes


def vars_of(settings: Settings) -> dict[str, Any]:
    """The settings as a dict (part of every partition's key)."""
    return layout.settings_dict(settings)


def _partition(pieces: list[Piece], stamp: str) -> Partition:
    """A partition of ``pieces``, keyed by the files' names, sizes, times and the lines."""
    digest = hashlib.sha256(stamp.encode())
    for piece in pieces:
        try:
            info = os.stat(piece.file.path)
            seen = f"{info.st_size}:{info.st_mtime_ns}"
        except OSError:
            seen = "missing"
        chunk = piece.chunk
        lines = f"{chunk.offset}:{chunk.lines}:{chunk.before}:{piece.total}" if chunk else ""
        digest.update(f"\0{piece.file.name}\0{seen}\0{lines}".encode())
    size = sum(piece.chunk.items if piece.chunk else 1 for piece in pieces)
    return Partition(digest.hexdigest()[:24], tuple(pieces), size)


def _keys(root: Path, manifest: layout.Manifest) -> list[int]:
    """The keys of every article the index holds (one column read)."""
    import pyarrow.parquet as pq

    keys: list[int] = []
    for key in manifest.parts:
        table = pq.read_table(layout.part_file(root, "articles", key), columns=["key"])
        keys.extend(table["key"].to_pylist())
    return keys


def _in_process(
    todo: list[Partition], job: Job, known: Known, progress: Progress | None
) -> Iterator[PartResult]:
    """The partitions run one after the other in this process."""
    looped = progress(todo, len(todo)) if progress else todo
    for part in looped:
        yield run_partition(part, job, known)


def local_cluster(workers: int) -> tuple[Any, Any]:
    """A Dask ``LocalCluster`` of ``workers`` processes (one thread each) on 127.0.0.1, and a
    client of it; UsageError without Dask."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise UsageError(
            "--workers and --scheduler need Dask: pip install 'chronicle-timeline[archive]'"
        ) from None
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    )
    return cluster, Client(cluster)


def _on_dask(
    todo: list[Partition],
    job: Job,
    known: Known,
    progress: Progress | None,
    workers: int | None,
    scheduler: str | None,
) -> Iterator[PartResult]:
    """The partitions as Dask futures, on a local cluster of ``workers`` processes or on the
    cluster at ``scheduler``; results come back as they finish (small: counts and times)."""
    cluster = None
    if scheduler is None:
        cluster, client = local_cluster(workers or 1)
    else:
        try:
            from distributed import Client
        except ImportError:
            raise UsageError(
                "--scheduler needs Dask: pip install 'chronicle-timeline[archive]'"
            ) from None
        try:
            client = Client(scheduler, timeout=30)
        except (OSError, TimeoutError) as exc:
            raise InputError(
                f"--scheduler {scheduler}: cannot connect ({exc}); check it runs"
            ) from None
    try:
        shared = client.scatter(known, broadcast=True)
        keys = [f"chronicle-index-{job.generation}-{part.key}" for part in todo]
        futures = client.map(run_partition, todo, job=job, known=shared, key=keys)
        from distributed import as_completed

        done = as_completed(futures)
        by_key = dict(zip(keys, todo, strict=True))
        looped: Iterable[Any] = done
        if progress is not None:
            looped = _follow(done, progress, len(todo), by_key)
        for future in looped:
            yield future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _follow(
    done: Iterable[Any], progress: Progress, total: int, by_key: dict[str, Partition]
) -> Iterator[Any]:
    """The finished futures, advancing a progress bar over their partitions."""
    futures = iter(done)
    holder: list[Any] = []

    def parts() -> Iterator[Partition]:
        for future in futures:
            holder.append(future)
            yield by_key[future.key]

    for _ in progress(parts(), total):
        yield holder.pop()
