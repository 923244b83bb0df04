"""The story store under load: crashes during ``add``, adding to a big store, building from it.

    python benchmarks/store.py [--shared ../shared] [--store-size 10000] [--new 1000]
                               [--kill-trials 500] [--kill-articles 100] [--repeat 3]
                               [--build-repeat 1] [--work DIR] [--skip kill,add,build]

Articles are the dev TLS corpora (Timeline17 and Entities, ``corpora/tls/*/*/articles.jsonl``,
6,706 articles) replayed under new ids: each copy gets an id of its own and a last line naming
the copy in letters (no digits, so no date), so every copy is new to the store's dedupe and
gives the events of the original.

Prints three sets of figures (never asserts):

1. ``kill -9`` during ``add``: each trial copies a 500-article store, starts
   ``chronicle add STORE BATCH`` (100 new articles; the command line run in a forked child, the
   rules already loaded, as a warm process would be) and kills it with SIGKILL at a random
   moment up to 1.1 times an unkilled add, every other trial within 50 ms of the add's write
   transaction (timed in unkilled adds started the same way); then ``PRAGMA integrity_check``,
   every stored article's results decode, the batch is all in or all out, and the same ``add``
   run again completes it. The child notes when its transaction begins and ends, so each kill
   is counted as before, inside or after the write.
2. ``chronicle add`` of ``--new`` articles to a store of ``--store-size`` against a plain
   ``chronicle build`` of the same new articles (both commands, wall clock and child CPU, best of
   ``--repeat``; each add on a fresh copy of the store).
3. ``chronicle build STORE`` against ``chronicle build FILES`` for the store's articles (JSON
   out, wall clock and child CPU, best of ``--build-repeat``).

The 10,000-article store is made once per ``--work`` folder (in-process adds of 1,000) and reused.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import os
import random
import resource
import shutil
import signal
import sqlite3
import string
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from chronicle.cli import main
from chronicle.ingest import read_paths
from chronicle.models import Article, Event
from chronicle.store import Store, codec

ROOT = Path(__file__).resolve().parent.parent


def corpus(shared: Path) -> list[dict[str, object]]:
    """Every dev TLS article, in a fixed order."""
    items: list[dict[str, object]] = []
    for path in sorted((shared / "corpora" / "tls").glob("*/*/articles.jsonl")):
        with path.open(encoding="utf-8") as handle:
            items.extend(json.loads(line) for line in handle if line.strip())
    return items


def letters(number: int) -> str:
    """``number`` written in letters only (a copy's name that no rule reads as a date)."""
    out = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        out = string.ascii_lowercase[rest] + out
    return out


def replay(items: list[dict[str, object]], start: int, count: int, path: Path) -> Path:
    """Write copies ``start`` .. ``start + count`` of the corpus as one JSON Lines file."""
    with path.open("w", encoding="utf-8") as handle:
        for n in range(start, start + count):
            item = items[n % len(items)]
            copy = dict(item)
            copy["id"] = f"copy-{letters(n)}-{item['id']}"
            copy["text"] = f"{item['text']}\nArchive copy {letters(n)}."
            handle.write(json.dumps(copy, ensure_ascii=False) + "\n")
    return path


def read(path: Path) -> list[Article]:
    """The articles of one replay file."""
    articles, skipped = read_paths([str(path)], tz=None, published=None, strict=False)
    if skipped:
        print(f"  ({len(skipped)} corpus items left out by ingest)", file=sys.stderr)
    return articles


def seeded_store(items: list[dict[str, object]], size: int, work: Path) -> Path:
    """A store of ``size`` replayed articles, made once per work folder (adds of 1,000)."""
    path = work / f"store-{size}.db"
    if path.exists():
        return path
    partial = work / f"store-{size}.partial.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(partial) + suffix).unlink(missing_ok=True)
    started = time.perf_counter()
    with Store(partial, create=True) as store:
        for start in range(0, size, 1000):
            batch = replay(items, start, min(1000, size - start), work / "seed.jsonl")
            store.add(read(batch))
            print(f"  seeded {start + 1000:,} articles ({time.perf_counter() - started:.0f} s)")
    partial.rename(path)
    return path


def run_command(args: list[str]) -> tuple[float, float]:
    """Wall-clock and child CPU seconds of ``python -m chronicle ARGS``."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "chronicle", *args], check=True, capture_output=True, env=env
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def copy_store(source: Path, target: Path) -> Path:
    """A copy of a store (closed, so its WAL is checkpointed into the file)."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    shutil.copy(source, target)
    return target


def best(runs: list[tuple[float, float]]) -> tuple[float, float]:
    """Best wall clock and best CPU of several runs."""
    return min(r[0] for r in runs), min(r[1] for r in runs)


# -- 1. kill -9 ----------------------------------------------------------------------------------


def _child(args: list[str]) -> None:
    """A forked child: the command line, quiet, then out without clean-up."""
    quiet = os.open(os.devnull, os.O_WRONLY)
    for stream in (1, 2):
        os.dup2(quiet, stream)
    code = 0
    try:
        cli(args)
    except SystemExit as exc:
        code = int(exc.code or 1)
    os._exit(code)


def cli(args: list[str]) -> None:
    """The command line in this process (rules stay loaded, stderr quiet); raises if it fails."""
    old = sys.argv
    sys.argv = ["chronicle", *args]
    try:
        with open(os.devnull, "w") as sink, contextlib.redirect_stderr(sink):
            main()
    except SystemExit as exc:
        if exc.code:
            raise
    finally:
        sys.argv = old


def _timed_child(args: list[str], marks: Path) -> None:
    """A forked child as in the trials, noting when its write transaction begins and ends."""
    transaction = Store._transaction

    @contextlib.contextmanager
    def timed(self: Store) -> Iterator[None]:
        begin = str(time.perf_counter())
        marks.write_text(begin, encoding="utf-8")  # a kill from here on strikes the transaction
        with transaction(self):
            yield
        marks.write_text(f"{begin} {time.perf_counter()}", encoding="utf-8")

    Store._transaction = timed  # type: ignore[method-assign]
    _child(args)


def write_window(base: Path, store: Path, batch: Path) -> tuple[float, float, float]:
    """Unkilled adds in forked children, as the trials start them: the median (whole add, start
    and end of its write transaction) in seconds after the child is started (perf_counter is
    one clock for every process)."""
    fork = multiprocessing.get_context("fork")
    marks = store.with_suffix(".marks")
    runs = []
    for _ in range(5):
        copy_store(base, store)
        child = fork.Process(target=_timed_child, args=(["add", str(store), str(batch)], marks))
        started = time.perf_counter()
        child.start()
        child.join()
        duration = time.perf_counter() - started
        begin, end = (float(t) for t in marks.read_text(encoding="utf-8").split())
        runs.append((duration, begin - started, end - started))
    runs.sort()
    return runs[len(runs) // 2]


def consistent(store: Path) -> set[str]:
    """Integrity checked and every stored article's results decoded: the article ids."""
    db = sqlite3.connect(store)
    try:
        check = db.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            raise AssertionError(f"integrity_check: {check}")
        rows = db.execute("SELECT id, article, events FROM articles").fetchall()
    finally:
        db.close()
    for article_id, article, events in rows:
        if codec.decode(Article, json.loads(article)).id != article_id:
            raise AssertionError(f"{article_id}: article row does not decode")
        if any(e.article_id != article_id for e in codec.decode(list[Event], json.loads(events))):
            raise AssertionError(f"{article_id}: events of another article")
    return {row[0] for row in rows}


def kill_trials(
    items: list[dict[str, object]], trials: int, count: int, work: Path, seed: int
) -> None:
    """Trials of add killed at random moments; prints what was found."""
    base = work / "kill-base.db"
    if not base.exists():
        with Store(base, create=True) as opened:
            opened.add(read(replay(items, 50_000, 500, work / "kill-base.jsonl")))
    store = work / "kill.db"
    batch = replay(items, 60_000, count, work / "kill-batch.jsonl")
    names = {a.id for a in read(batch)}
    cli(["add", str(copy_store(base, store)), str(batch)])  # warm: rules loaded, files cached
    duration, begin, end = write_window(base, store, batch)
    held = consistent(copy_store(base, store))
    fork = multiprocessing.get_context("fork")
    rng = random.Random(seed)
    outcomes = {"absent": 0, "in": 0, "finished": 0, "aimed": 0}
    struck = {"before": 0, "inside": 0, "after": 0}  # where the kill fell, from the child's marks
    marks = store.with_suffix(".marks")
    failures: list[str] = []
    started = time.perf_counter()
    for trial in range(trials):
        copy_store(base, store)
        marks.unlink(missing_ok=True)
        child = fork.Process(target=_timed_child, args=(["add", str(store), str(batch)], marks))
        child.start()
        if trial % 2:  # every other kill aimed at the write transaction (and just around it)
            outcomes["aimed"] += 1
            time.sleep(rng.uniform(max(0.0, begin - 0.05), end + 0.05))
        else:
            time.sleep(rng.uniform(0.0, 1.1 * duration))
        if child.exitcode is None and child.pid is not None:
            os.kill(child.pid, signal.SIGKILL)
            child.join()
            noted = marks.read_text(encoding="utf-8").split() if marks.exists() else []
            struck[("before", "inside", "after")[len(noted)]] += 1
        else:
            outcomes["finished"] += 1
            child.join()
        try:
            added = consistent(store) - held
            if added not in (set(), names):
                raise AssertionError(f"{len(added)} of {count} articles in")
            outcomes["in" if added else "absent"] += 1
            cli(["add", str(store), str(batch)])
            if not names <= consistent(store):
                raise AssertionError("the add run again did not complete it")
        except (AssertionError, sqlite3.Error) as exc:
            failures.append(f"trial {trial}: {exc}")
    elapsed = time.perf_counter() - started
    print(f"1. kill -9 during add: {trials} trials of {count} articles into a 500-article store")
    print(
        f"   unkilled add {duration:.2f} s, its write transaction from {begin:.2f} to {end:.2f} s;"
        f" kills at random from 0 to {1.1 * duration:.2f} s, every other one"
        f" ({outcomes['aimed']}) from {max(0.0, begin - 0.05):.2f} to {end + 0.05:.2f} s"
    )
    print(
        f"   after the kill: batch absent {outcomes['absent']}, fully in {outcomes['in']} "
        f"(add had finished before the kill: {outcomes['finished']})"
    )
    print(
        f"   kills that struck a running add: {sum(struck.values())}: before its write "
        f"transaction {struck['before']}, inside it {struck['inside']}, after the commit "
        f"{struck['after']}"
    )
    print(f"   failures: {len(failures)} ({elapsed:.0f} s)")
    for failure in failures[:10]:
        print(f"     {failure}")


# -- 2. and 3. ------------------------------------------------------------------------------------


def add_against_build(
    items: list[dict[str, object]], size: int, new: int, repeat: int, work: Path
) -> None:
    """``add`` of the new articles to the big store against a plain build of them."""
    store = seeded_store(items, size, work)
    fresh = replay(items, size, new, work / "new.jsonl")
    target = work / "add-target.db"
    adds = []
    for _ in range(repeat):
        copy_store(store, target)
        adds.append(run_command(["add", str(target), str(fresh)]))
    builds = [
        run_command(["build", str(fresh), "-f", "json", "-o", str(work / "new.json")])
        for _ in range(repeat)
    ]
    add_wall, add_cpu = best(adds)
    build_wall, build_cpu = best(builds)
    print(f"2. {new:,} new articles: add to a {size:,}-article store vs a plain build of them")
    print(
        f"   add   {add_wall:6.1f} s wall {add_cpu:6.1f} s CPU ({new / add_wall:5.0f} articles/s)"
    )
    print(
        f"   build {build_wall:6.1f} s wall {build_cpu:6.1f} s CPU "
        f"({new / build_wall:5.0f} articles/s)"
    )
    print(f"   add / build: {add_wall / build_wall:.2f} wall, {add_cpu / build_cpu:.2f} CPU")


def store_against_files(
    items: list[dict[str, object]], size: int, new: int, repeat: int, work: Path
) -> None:
    """``build STORE`` against ``build FILES`` for the same articles."""
    store = copy_store(seeded_store(items, size, work), work / "build.db")
    cli(["add", str(store), str(replay(items, size, new, work / "new.jsonl"))])
    files = work / "all"
    files.mkdir(exist_ok=True)
    for start in range(0, size, 1000):
        replay(items, start, min(1000, size - start), files / f"seed-{start // 1000:03d}.jsonl")
    shutil.copy(work / "new.jsonl", files / "seed-999.jsonl")
    out = str(work / "timeline.json")
    from_store = best(
        [run_command(["build", str(store), "-f", "json", "-o", out]) for _ in range(repeat)]
    )
    from_files = best(
        [run_command(["build", str(files), "-f", "json", "-o", out]) for _ in range(repeat)]
    )
    total = size + new
    print(f"3. build of {total:,} articles: from the store vs from the files (JSON)")
    print(f"   store {from_store[0]:6.1f} s wall {from_store[1]:6.1f} s CPU")
    print(f"   files {from_files[0]:6.1f} s wall {from_files[1]:6.1f} s CPU")
    wall, cpu = from_store[0] / from_files[0], from_store[1] / from_files[1]
    print(f"   store / files: {wall:.2f} wall, {cpu:.2f} CPU")


def main_benchmark() -> None:
    """Parse the options and print every figure."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--store-size", type=int, default=10_000)
    parser.add_argument("--new", type=int, default=1_000)
    parser.add_argument("--kill-trials", type=int, default=500)
    parser.add_argument("--kill-articles", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each add and small build")
    parser.add_argument("--build-repeat", type=int, default=1, help="runs of each big build")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--work", type=Path, default=None, help="keep the stores here")
    parser.add_argument("--skip", default="", help="comma-separated: kill, add, build")
    options = parser.parse_args()
    items = corpus(options.shared)
    print(f"corpus: {len(items):,} dev TLS articles, replayed under new ids")
    skip = set(options.skip.split(","))
    with tempfile.TemporaryDirectory() as tmp:
        work = options.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        if "kill" not in skip:
            kill_trials(items, options.kill_trials, options.kill_articles, work, options.seed)
        if "add" not in skip:
            add_against_build(items, options.store_size, options.new, options.repeat, work)
        if "build" not in skip:
            store_against_files(items, options.store_size, options.new, options.build_repeat, work)


if __name__ == "__main__":
    main_benchmark()
