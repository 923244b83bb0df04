"""The archive index at scale: indexing speed in-process and on Dask, index size, query time.

    python benchmarks/archive.py [--shared ../shared] [--articles 100000] [--sample 2000]
                                 [--repeat 3] [--partition-size 1000] [--work DIR]
                                 [--query "chris brown"] [--skip throughput,index,query]

The archive: the dev TLS corpora (Timeline17 and Entities, ``corpora/tls/*/*/articles.jsonl``,
6,706 articles) replayed until there are ``--articles``: copy ``c`` (one JSON Lines file each,
``archive/copy-NN.jsonl``) gives every article the id ``cNN-<id>`` and a publish date 364 * c
days earlier (whole weeks: weekdays stay right; earlier, as a later one may be refused as in
the future), so each copy is new to the index and its relative dates resolve to new days.
Written once per ``--work`` folder and reused.

Prints (never asserts):

1. Throughput on a sample (every k-th article of copy 0, ``--sample`` of them): articles/s
   in-process, with 1 and with 2 Dask workers (a ``LocalCluster`` of processes started first,
   its start-up timed apart), median of ``--repeat`` runs each (a fresh index each run), by wall
   clock and by CPU time (the partitions' own CPU, summed over workers), and the speed-ups.
2. The whole archive indexed once with 2 workers: wall and CPU time, peak memory per worker
   (``ru_maxrss``), index size on disk, the per-partition overhead (worker time not spent in a
   partition's own CPU, per partition).
3. ``chronicle build --index DIR --query Q -f json`` (a fresh process each time, median of 5,
   by wall clock and by CPU time), and its parts in-process: reading the index vs assembling
   (merge, ranking), in all and per candidate article.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from chronicle.archive import IndexReport, index, local_cluster
from store import corpus  # benchmarks/store.py: the dev TLS articles, in a fixed order

ROOT = Path(__file__).resolve().parent.parent
CORPUS = 6_706  # dev TLS articles


def replay(item: dict[str, object], copy: int) -> dict[str, object]:
    """One article as copy ``copy``: its own id, published 364 * copy days earlier."""
    day = date.fromisoformat(str(item["published"])[:10]) - timedelta(days=364 * copy)
    return {**item, "id": f"c{copy:02d}-{item['id']}", "published": day.isoformat()}


def write_archive(shared: Path, folder: Path, articles: int) -> int:
    """The replayed archive (made once); how many articles it holds."""
    done = folder / "done"
    if done.exists():
        return int(done.read_text())
    items = corpus(shared)
    folder.mkdir(parents=True, exist_ok=True)
    total, copy = 0, 0
    while total < articles:
        with (folder / f"copy-{copy:02d}.jsonl").open("w", encoding="utf-8") as handle:
            for item in items:
                handle.write(json.dumps(replay(item, copy), ensure_ascii=False) + "\n")
        total += len(items)
        copy += 1
    done.write_text(str(total))
    return total


def cluster(workers: int) -> tuple[object, object, float]:
    """A LocalCluster of ``workers`` processes and a client; how long it took to start."""
    began = time.perf_counter()
    local, client = local_cluster(workers)
    client.run(_warm)  # rules loaded in each worker: the start-up of a long run, timed here
    return local, client, time.perf_counter() - began


def _warm() -> None:
    """Load the English rules in this process."""
    from chronicle.tagging import load_rules

    load_rules("en")


def run(inputs: list[str], folder: Path, scheduler: str | None, size: int) -> IndexReport:
    """One fresh index of ``inputs``."""
    shutil.rmtree(folder, ignore_errors=True)
    return index(inputs, folder, scheduler=scheduler, partition_size=size)


def throughput(sample: Path, work: Path, repeat: int, size: int) -> dict[str, float]:
    """Articles/s by wall clock and CPU time: in-process, 1 and 2 workers (medians)."""
    _warm()
    figures: dict[str, float] = {}
    for workers in (0, 1, 2):
        label = "in-process" if workers == 0 else f"{workers} worker" + "s" * (workers > 1)
        local = client = None
        address = None
        if workers:
            local, client, start = cluster(workers)
            address = local.scheduler_address  # type: ignore[attr-defined]
            print(f"  {label}: cluster start-up {start:.1f} s (not counted below)")
        walls, cpus, counts = [], [], []
        try:
            for _ in range(repeat):
                report = run([str(sample)], work / "throughput", address, size)
                walls.append(report.seconds)
                cpus.append(report.cpu)
                counts.append(report.articles)
        finally:
            if client is not None:
                client.close()  # type: ignore[attr-defined]
                local.close()  # type: ignore[union-attr]
        wall, cpu, count = statistics.median(walls), statistics.median(cpus), counts[0]
        figures[f"{workers}-wall"], figures[f"{workers}-cpu"] = count / wall, count / cpu
        print(
            f"  {label}: {count / wall:7.1f} articles/s wall (median of {repeat}: "
            f"{', '.join(f'{w:.1f}' for w in walls)} s), {count / cpu:7.1f} articles per CPU-s "
            f"({cpu:.1f} CPU-s), {count} articles"
        )
    print(
        f"  speed-up with 2 workers, wall: {figures['2-wall'] / figures['0-wall']:.2f}x "
        f"in-process, {figures['2-wall'] / figures['1-wall']:.2f}x 1 worker; "
        f"CPU-time capacity (2 x per-CPU rate): "
        f"{2 * figures['2-cpu'] / figures['0-cpu']:.2f}x in-process"
    )
    return figures


def size_on_disk(folder: Path) -> int:
    """Bytes of every file under ``folder``."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def whole(archive: Path, folder: Path, size: int) -> None:
    """Index the whole archive once with 2 workers."""
    local, client, start = cluster(2)
    try:
        address = local.scheduler_address  # type: ignore[attr-defined]
        shutil.rmtree(folder, ignore_errors=True)
        report = index([str(archive)], folder, scheduler=address, partition_size=size)
    finally:
        client.close()  # type: ignore[attr-defined]
        local.close()  # type: ignore[attr-defined]
    parts = report.partitions
    overhead = max(0.0, 2 * report.seconds - report.cpu) / max(parts, 1)
    print(
        f"  {report.articles:,} articles, {report.events:,} events, {parts} partitions of "
        f"{size} ({len(report.skipped)} skipped): {report.seconds:.0f} s wall "
        f"({report.articles / report.seconds:.0f} articles/s), "
        f"{report.cpu:.0f} CPU-s ({report.cpu / report.articles * 1000:.2f} ms per article); "
        f"cluster start-up {start:.1f} s"
    )
    print(
        "  peak memory per worker: "
        + ", ".join(f"{rss / 1e6:.0f} MB" for rss in sorted(report.peak_rss.values()))
    )
    print(f"  worker time outside a partition's own CPU: {overhead:.2f} s per partition")
    total = size_on_disk(folder)
    by_table = {t: size_on_disk(folder / t) for t in ("articles", "events", "terms")}
    print(
        f"  index size on disk: {total / 1e6:.0f} MB ("
        + ", ".join(f"{t} {b / 1e6:.0f} MB" for t, b in by_table.items())
        + f"; archive {size_on_disk(archive) / 1e6:.0f} MB)"
    )


def query(folder: Path, wanted: str, repeat: int = 5) -> None:
    """Time ``build --index --query`` in fresh processes, and its parts in-process."""
    from chronicle.archive import stories
    from chronicle.merge.heap import collector_paused
    from chronicle.pipeline import assemble, with_rules_language

    out = folder.parent / "query.json"
    command = [sys.executable, "-m", "chronicle", "build", "--index", str(folder)]
    command += ["--query", wanted, "-f", "json", "-o", str(out)]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1447630380"}
    times, cpus = [], []
    for _ in range(repeat):
        used = _children_cpu()
        began = time.perf_counter()
        subprocess.run(command, check=True, env=env, capture_output=True)
        times.append(time.perf_counter() - began)
        cpus.append(_children_cpu() - used)
    entries = len(json.loads(out.read_text())["events"])
    with collector_paused():  # as build_index runs them
        began = time.perf_counter()
        found = stories(folder, query=wanted)
        read = time.perf_counter() - began
        began = time.perf_counter()
        articles = with_rules_language(article for article, _ in found)
        ready = [(a, events) for a, (_, events) in zip(articles, found, strict=True)]
        timeline = assemble(ready, query=wanted, max_events=30)
        merged = time.perf_counter() - began
    count = max(len(found), 1)
    print(
        f"  build --index --query {wanted!r}: {statistics.median(times):.2f} s "
        f"(median of {repeat}: {', '.join(f'{t:.2f}' for t in times)}), "
        f"CPU {statistics.median(cpus):.2f} s (user + system: steadier on a shared machine), "
        f"{entries} entries; "
        f"in-process: reading {len(found):,} candidate articles {read:.2f} s "
        f"({read / count * 1000:.2f} ms each), "
        f"assembling {len(timeline.articles):,} articles {merged:.2f} s "
        f"({merged / count * 1000:.2f} ms each)"
    )


def _children_cpu() -> float:
    """CPU seconds (user + system) of the finished child processes so far."""
    import resource

    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def main() -> None:
    """Parse the options and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--partition-size", type=int, default=1_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/chronicle-archive-bench"))
    parser.add_argument("--query", action="append", default=[])
    parser.add_argument("--skip", default="")
    options = parser.parse_args()
    skip = set(options.skip.split(","))
    archive = options.work / "archive"
    total = write_archive(options.shared, archive, options.articles)
    print(f"archive: {total:,} articles in {archive} ({CORPUS:,} dev articles replayed)")
    if "throughput" not in skip:
        sample = options.work / "sample" / "sample.jsonl"
        sample.parent.mkdir(parents=True, exist_ok=True)
        lines = (archive / "copy-00.jsonl").read_text(encoding="utf-8").splitlines()
        step = max(1, len(lines) // options.sample)
        sample.write_text("\n".join(lines[::step][: options.sample]) + "\n", encoding="utf-8")
        size = max(1, options.sample // 8)  # 8 partitions: both workers busy to the end
        print(f"throughput ({options.sample:,} articles, partitions of {size}):")
        throughput(sample, options.work, options.repeat, size)
    folder = options.work / "index"
    if "index" not in skip:
        print(f"whole archive with 2 workers (partitions of {options.partition_size}):")
        whole(archive, folder, options.partition_size)
    if "query" not in skip:
        for wanted in options.query or ["tsvangirai", "chris brown"]:
            query(folder, wanted)


if __name__ == "__main__":
    main()
