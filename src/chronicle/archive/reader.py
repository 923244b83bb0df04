"""Reading an index back: only the parts, row groups and rows a build can use.

A query reads the terms files (one small row group per query word, by the statistics of the
sorted ``term`` column) and then only the article row groups holding the rows it named; a
span without a query reads the events files' ``start``/``end`` columns (row groups outside
the span are pruned by their statistics). The exact checks run at build (see
:func:`chronicle.pipeline.assemble`): the index only narrows what is read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from chronicle.archive import layout
from chronicle.archive.work import MIN_TERM
from chronicle.ingest.common import free_id
from chronicle.merge import query_terms
from chronicle.merge.heap import collector_paused
from chronicle.models import Article, Event
from chronicle.store import codec

if TYPE_CHECKING:
    import pyarrow.parquet as pq

_WORD = re.compile(r"\w+")
THREADS = 4  # Parquet reads release the GIL: a few files at once hide their latency
Rows = dict[str, set[int]]  # part key -> article rows
T = TypeVar("T")
Row = tuple[str, str, str, int, int, str, str]  # id, source, name, item, generation, JSON x2


def term_words(query: str | None) -> list[list[str]] | None:
    """The indexed words of each query term; None when some term has none (read everything)."""
    from chronicle.text.keywords import stop_words

    stops = stop_words()
    wanted: list[list[str]] = []
    for term in query_terms(query):
        found = [w for w in _WORD.findall(term) if len(w) >= MIN_TERM and w not in stops]
        if not found:
            return None
        wanted.append(found)
    return wanted or None


def stories(
    root: Path, *, query: str | None = None, span: tuple[date | None, date | None] = (None, None)
) -> list[tuple[Article, list[Event]]]:
    """The articles (with their own events) of the index a build can use, in a folder's order.

    The order is the one a build from the folder reads them in (:func:`walk_order`, then line).
    With a query: the articles whose words include every word of some term (a superset of
    those naming it). Else with a span: the articles with an event in it. Else every article.
    """
    manifest = layout.open_index(root)
    keys = sorted(manifest.parts)
    words = term_words(query)
    if words is not None:
        rows = _by_words(root, keys, words)
    elif span != (None, None):
        rows = _by_span(root, keys, span)
    else:
        rows = {key: set() for key in keys}  # an empty set: every row
    # Decoded articles and events are many long-lived objects: with the collector scanning them
    # all again and again, reading 5,850 articles took ~15 % more time (benchmarks/archive.py).
    with collector_paused():
        return _articles(root, rows, everything=words is None and span == (None, None))


def _map(function: Callable[[str], T], items: Iterable[str]) -> list[T]:
    """``function`` over ``items`` on a few threads."""
    with ThreadPoolExecutor(THREADS) as pool:
        return list(pool.map(function, items))


def _by_words(root: Path, keys: list[str], words: list[list[str]]) -> Rows:
    """Rows of each part whose words include all the words of one term or another."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    needed = sorted({w for term in words for w in term})
    wanted = pa.array(needed, pa.string())

    def one(key: str) -> tuple[str, set[int]]:
        handle = pq.ParquetFile(layout.part_file(root, "terms", key))
        groups = _groups_holding(handle, "term", needed)
        if not groups:
            return key, set()
        table = handle.read_row_groups(groups)
        table = table.filter(pc.is_in(table["term"], value_set=wanted))
        postings = dict(zip(table["term"].to_pylist(), table["rows"].to_pylist(), strict=True))
        found: set[int] = set()
        for term in words:
            lists = [postings.get(w) for w in term]
            if all(lists):
                found |= set.intersection(*(set(rows) for rows in lists if rows))
        return key, found

    return {key: found for key, found in _map(one, keys) if found}


def _by_span(root: Path, keys: list[str], span: tuple[date | None, date | None]) -> Rows:
    """Rows of each part with an event whose dates reach into ``span``."""
    import pyarrow.parquet as pq

    first, last = span
    filters = []
    if first is not None:
        filters.append(("end", ">=", first))
    if last is not None:
        filters.append(("start", "<=", last))

    def one(key: str) -> tuple[str, set[int]]:
        table = pq.read_table(
            layout.part_file(root, "events", key), columns=["row"], filters=filters
        )
        return key, set(table["row"].to_pylist())

    return {key: found for key, found in _map(one, keys) if found}


def _articles(root: Path, rows: Rows, *, everything: bool) -> list[tuple[Article, list[Event]]]:
    """The live articles at ``rows`` (all rows of a part when ``everything``), decoded."""
    import pyarrow.parquet as pq

    columns = ["id", "source", "name", "item", "generation", "article", "events"]

    def one(key: str) -> list[Row]:
        handle = pq.ParquetFile(layout.part_file(root, "articles", key))
        wanted = sorted(rows[key])
        if everything:
            table = handle.read(columns=columns)
        else:
            starts, total = [], 0
            for group in range(handle.metadata.num_row_groups):
                starts.append(total)
                total += handle.metadata.row_group(group).num_rows
            groups = sorted({_group(starts, row) for row in wanted})
            table = handle.read_row_groups(groups, columns=columns)
            offset = {
                g: sum(handle.metadata.row_group(x).num_rows for x in groups[:i])
                for i, g in enumerate(groups)
            }
            picked = [offset[_group(starts, r)] + r - starts[_group(starts, r)] for r in wanted]
            # Only the rows wanted become Python text (a query whose articles are scattered,
            # "chris brown", wants 2,546 of the 31,000 rows of the row groups it reads). With
            # the one value set of _live and the codec's plain fields, builds from the 100k
            # index took 3-4 % less CPU end to end: "tsvangirai" 6.46 -> 6.26 s, "chris brown"
            # 3.11 -> 2.99 s (medians of 5, benchmarks/archive.py).
            table = table.take(picked)
        data = table.to_pydict()
        return list(zip(*(data[name] for name in columns), strict=True))

    found = [row for part in _map(one, sorted(rows)) for row in part]
    if not found:
        return []
    holders = _live(root, {row[0] for row in found})
    live = {(h.id, h.source): h.generation for held in holders.values() for h in held}
    names = _build_ids(root, holders)
    chosen = sorted(
        (row for row in found if live.get((row[0], row[1])) == row[4]),
        key=lambda row: (walk_order(row[2]), row[3]),
    )
    seen: set[tuple[str, str]] = set()
    result: list[tuple[Article, list[Event]]] = []
    for row in chosen:
        if (row[0], row[1]) in seen:
            continue
        seen.add((row[0], row[1]))
        article: Article = codec.decode(Article, json.loads(row[5]))
        events: list[Event] = codec.decode(list[Event], json.loads(row[6]))
        wanted = names.get((row[0], row[1]))
        if wanted is not None:
            article, events = _renamed(article, events, wanted)
        result.append((article, events))
    return result


def walk_order(name: str) -> tuple[tuple[int, str], ...]:
    """Sort key of a file's name in the index: the order a build reads a folder in (each
    folder's own files by name, then its subfolders by name), so a build from the index lists
    the articles as a build from the folder does."""
    *folders, file = name.split("/")
    return (*((1, folder) for folder in folders), (0, file))


def _groups_holding(handle: pq.ParquetFile, column: str, values: list[str]) -> list[int]:
    """The row groups of ``handle`` whose ``column`` may hold one of ``values`` (sorted): those
    whose statistics' range takes one in, or that have none.

    A row group holds the articles of one stretch of a file (or the words of one stretch of the
    sorted terms): a query's ids and words fall in few of them. Reading only those, and without
    building a dataset filter per file, made the query's reading ~0.1 s shorter (ids ~0.11 ->
    ~0.05 s, words ~0.06 -> ~0.03 s): a build from the 100k index took 0.967x the CPU time,
    0.98x the wall time ("tsvangirai", medians of 7, benchmarks/archive.py). It also keeps the
    id lookup from reading every id of the archive, which grew with the archive, not the query.
    """
    from bisect import bisect_left

    meta = handle.metadata
    index = [meta.schema.column(i).path for i in range(meta.num_columns)].index(column)
    groups: list[int] = []
    for group in range(meta.num_row_groups):
        stats = meta.row_group(group).column(index).statistics
        if stats is not None and stats.has_min_max:
            first = bisect_left(values, stats.min)
            if first == len(values) or values[first] > stats.max:
                continue  # no value from min to max
        groups.append(group)
    return groups


def _group(starts: list[int], row: int) -> int:
    """The row group holding ``row``, given each group's first row."""
    from bisect import bisect_right

    return bisect_right(starts, row) - 1


@dataclass(frozen=True, slots=True)
class Holder:
    """An indexed copy of an article id: which file and item holds it, from which run."""

    id: str
    source: str
    name: str
    item: int
    generation: int


def _live(root: Path, ids: set[str]) -> dict[str, list[Holder]]:
    """The live copies of each of ``ids``, in input order (file name, item): the newest
    generation of each (id, source), as a re-indexed article whose text changed replaces the
    older copy."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    manifest = layout.open_index(root)
    names = ["id", "source", "name", "item", "generation"]
    # One value set for every part (a filter of thousands of ids given to read_table is made
    # into an expression again for each part): ~40 % of this step's CPU time, and one of the
    # three changes that made a build from the index 3-4 % faster (see _articles).
    wanted = pa.array(sorted(ids), pa.string())

    ordered = wanted.to_pylist()

    def one(key: str) -> list[Holder]:
        handle = pq.ParquetFile(layout.part_file(root, "articles", key))
        groups = _groups_holding(handle, "id", ordered)
        if not groups:
            return []
        table = handle.read_row_groups(groups, columns=names)
        data = table.filter(pc.is_in(table["id"], value_set=wanted)).to_pydict()
        return [Holder(*values) for values in zip(*(data[n] for n in names), strict=True)]

    newest: dict[tuple[str, str], Holder] = {}
    for part in _map(one, sorted(manifest.parts)):
        for holder in part:
            held = newest.get((holder.id, holder.source))
            if held is None or holder.generation > held.generation:
                newest[(holder.id, holder.source)] = holder
    found: dict[str, list[Holder]] = {}
    for holder in sorted(newest.values(), key=lambda h: (h.name, h.item)):
        found.setdefault(holder.id, []).append(holder)
    return found


def _build_ids(root: Path, holders: dict[str, list[Holder]]) -> dict[tuple[str, str], str]:
    """(id, source) -> the id to build under, for the ids that files of an archive share.

    Ids are unique within a file (given at ``index``, in each worker); across files they are
    made unique here, as a build from the files does: the first copy in input order keeps the
    id, the next ones take ``ID-2``, ``ID-3``, ... skipping ids the index already holds. So two
    files giving one id are both kept, under distinct ids, whatever the query.
    """
    shared = {i: held for i, held in holders.items() if len(held) > 1}
    if not shared:
        return {}
    taken = checked = set(holders)
    while True:
        renamed: dict[tuple[str, str], str] = {}
        given = set(taken)
        for article_id, held in shared.items():
            for holder in held[1:]:
                name = free_id(article_id, given)
                given.add(name)
                renamed[(holder.id, holder.source)] = name
        unknown = set(renamed.values()) - checked
        if not unknown:
            return renamed
        taken = taken | set(_live(root, unknown))  # the archive's own ids that look renamed
        checked = checked | unknown


def _renamed(article: Article, events: list[Event], name: str) -> tuple[Article, list[Event]]:
    """An article and its events under the id ``name`` (event ids begin with the article's)."""
    old = article.id
    return replace(article, id=name), [
        replace(event, id=name + event.id.removeprefix(old), article_id=name) for event in events
    ]
