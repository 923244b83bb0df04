"""One partition's work, run in a worker (or in-process): read, tag, resolve, extract, write.

Everything here runs where the partition runs; the partition itself is a small description
(file names, byte offsets), never the articles. The rules are loaded once per process (the
tagger's own cache), and the set of articles already indexed comes once per worker.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import resource
import time
import warnings
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from chronicle.archive import layout
from chronicle.errors import ChronicleError, ChronicleWarning
from chronicle.ingest import InputFile, read_part
from chronicle.ingest.decode import LineChunk
from chronicle.models import Article, Event, Style
from chronicle.store import codec, content_hash

_WORD = re.compile(r"\w+")
MIN_TERM = 2  # shorter words are not indexed (a query of such words reads every article)


@dataclass(frozen=True, slots=True)
class Piece:
    """One input of a partition: a file, or a chunk of lines of a JSON Lines file."""

    file: InputFile
    chunk: LineChunk | None = None
    total: int = 0  # items in the whole JSON Lines file


@dataclass(frozen=True, slots=True)
class Partition:
    """A unit of work: a few files or a chunk of lines, named by a key that changes with them."""

    key: str
    pieces: tuple[Piece, ...]
    size: int  # articles expected (for the progress bar)


@dataclass(frozen=True, slots=True)
class Job:
    """What every partition of one run shares: where, how, and under which generation."""

    root: str
    settings: layout.Settings
    generation: int
    strict: bool = False


@dataclass(slots=True)
class PartResult:
    """What a partition gave, and what it cost (for the report and the benchmark)."""

    key: str
    articles: int = 0
    events: int = 0
    known: int = 0  # articles already in the index, left out
    skipped: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    cpu: float = 0.0
    seconds: float = 0.0
    peak_rss: int = 0  # bytes, of the process that ran it
    pid: int = 0
    written: bool = False


class Known:
    """Keys of the articles an index holds (sorted 64-bit integers: 8 bytes per article)."""

    def __init__(self, keys: Sequence[int]) -> None:
        """Keep ``keys`` (sorted)."""
        from array import array

        self.keys = array("Q", sorted(keys))

    def __contains__(self, key: object) -> bool:
        """True when ``key`` (an int) is held."""
        if not isinstance(key, int):
            return False
        at = bisect_left(self.keys, key)
        return at < len(self.keys) and self.keys[at] == key

    def __len__(self) -> int:
        """How many keys are held."""
        return len(self.keys)


def article_key(name: str, article_id: str, digest: str) -> int:
    """The 64-bit key of an article: of its file's name, its id and its content hash (the same
    id and text in another file is another article, kept under its own id at build)."""
    raw = hashlib.blake2b(f"{name}\0{article_id}\0{digest}".encode(), digest_size=8).digest()
    return int.from_bytes(raw, "big")


def words(text: str, stops: frozenset[str]) -> set[str]:
    """The indexed words of ``text``: lower case, at least two characters, no stop words."""
    return {w for w in _WORD.findall(text.lower()) if len(w) >= MIN_TERM and w not in stops}


def run_partition(part: Partition, job: Job, known: Known) -> PartResult:
    """Read, process and write one partition; its part files are whole or absent."""
    from chronicle.ingest import parse_published_option
    from chronicle.pipeline import article_results, rules_language
    from chronicle.text.keywords import stop_words

    began, cpu = time.perf_counter(), time.process_time()
    settings = job.settings
    result = PartResult(part.key, pid=os.getpid())
    published = (
        parse_published_option(settings.published, settings.tz) if settings.published else None
    )
    style = Style(settings.style)
    done: list[tuple[Article, list[Event], InputFile, int]] = []
    for piece in part.pieces:
        articles, skipped = read_part(
            piece.file,
            tz=settings.tz,
            published=published,
            max_article_bytes=settings.max_article_bytes,
            chunk=piece.chunk,
            total=piece.total,
        )
        result.skipped.extend(skipped)
        first = piece.chunk.before if piece.chunk is not None else 0
        for item, article in enumerate(articles, start=first + 1):
            if article_key(piece.file.name, article.id, content_hash(article)) in known:
                result.known += 1
                continue
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", ChronicleWarning)
                ready = dataclasses.replace(article, rules_language=rules_language(article))
                try:
                    events = article_results(ready, style=style)[1]
                except ChronicleError as exc:
                    result.skipped.append((article.source, str(exc)))
                    continue
            result.notes.extend(str(w.message) for w in caught)
            done.append((ready, events, piece.file, item))
    if not (job.strict and result.skipped):
        _write(Path(job.root), part.key, job.generation, done, stop_words())
        result.written = True
    result.articles = len(done)
    result.events = sum(len(events) for _, events, _, _ in done)
    result.cpu = time.process_time() - cpu
    result.seconds = time.perf_counter() - began
    result.peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return result


def _write(
    root: Path,
    key: str,
    generation: int,
    done: list[tuple[Article, list[Event], InputFile, int]],
    stops: frozenset[str],
) -> None:
    """The part's three files: terms, events, then articles (the mark of a whole part)."""
    import pyarrow as pa

    meta = {"chronicle.generation": str(generation)}
    postings: dict[str, list[int]] = {}
    for row, (article, _, _, _) in enumerate(done):
        for word in words(article.text, stops):
            postings.setdefault(word, []).append(row)
    terms = sorted(postings)
    layout.write_table(
        layout.part_file(root, "terms", key),
        pa.table(
            {
                "term": pa.array(terms, pa.string()),
                "rows": pa.array([postings[t] for t in terms], pa.list_(pa.int32())),
            }
        ),
        layout.TERM_ROWS,
        meta,
    )
    layout.write_table(
        layout.part_file(root, "events", key), _events_table(key, done), layout.EVENT_ROWS, meta
    )
    layout.write_table(
        layout.part_file(root, "articles", key),
        _articles_table(done, generation),
        layout.ARTICLE_ROWS,
        meta,
    )


def _articles_table(
    done: list[tuple[Article, list[Event], InputFile, int]], generation: int
) -> object:
    """One row per article: its key, where it came from, and it and its events as JSON."""
    import pyarrow as pa

    schema = pa.schema(
        [
            ("key", pa.uint64()),
            ("id", pa.string()),
            ("source", pa.string()),
            ("name", pa.string()),
            ("item", pa.int32()),
            ("generation", pa.int32()),
            ("published", pa.string()),
            ("article", pa.string()),
            ("events", pa.string()),
        ]
    )
    columns: dict[str, list[object]] = {name: [] for name in schema.names}
    for article, events, file, item in done:
        columns["key"].append(article_key(file.name, article.id, content_hash(article)))
        columns["id"].append(article.id)
        columns["source"].append(article.source)
        columns["name"].append(file.name)
        columns["item"].append(item)
        columns["generation"].append(generation)
        columns["published"].append(article.published.isoformat())
        columns["article"].append(_json(article))
        columns["events"].append(_json(events))
    return pa.table(columns, schema=schema)


def _events_table(key: str, done: list[tuple[Article, list[Event], InputFile, int]]) -> object:
    """One row per event, sorted by start day (undated events last)."""
    import pyarrow as pa

    rows = [
        (article, row, event)
        for row, (article, events, _, _) in enumerate(done)
        for event in events
    ]
    rows.sort(key=lambda r: (r[2].timex.when.start is None, r[2].timex.when.start or _NO_DAY))
    when = [event.timex.when for _, _, event in rows]
    return pa.table(
        {
            "part": pa.array([key] * len(rows), pa.string()).dictionary_encode(),
            "row": pa.array([row for _, row, _ in rows], pa.int32()),
            "article_id": pa.array([a.id for a, _, _ in rows], pa.string()),
            "value": pa.array([w.value for w in when], pa.string()),
            "start": pa.array([w.start for w in when], pa.date32()),
            "end": pa.array([w.end for w in when], pa.date32()),
            "granularity": pa.array([str(w.granularity.value) for w in when], pa.string()),
            "headline": pa.array([e.headline for _, _, e in rows], pa.string()),
            "sentence": pa.array([e.sentence for _, _, e in rows], pa.string()),
            "sentence_start": pa.array([e.sentence_start for _, _, e in rows], pa.int32()),
            "sentence_end": pa.array([e.sentence_end for _, _, e in rows], pa.int32()),
            "keywords": pa.array(
                [sorted({*e.actors, *e.places}) for _, _, e in rows], pa.list_(pa.string())
            ),
        }
    )


_NO_DAY = datetime(1, 1, 1).date()


def _json(value: object) -> str:
    """Compact JSON of a model or a list of models (the store's codec)."""
    return json.dumps(codec.encode(value), ensure_ascii=False, separators=(",", ":"))
