"""End-to-end speed of ``chronicle build`` on a Timeline17 topic (issue 4: 200 articles/s).

    python benchmarks/build_speed.py [--shared ../shared] [--topic t17/h1n1] [--repeat 3]

Prints two figures, best of ``--repeat`` runs:

* the command itself, ``python -m chronicle build ARTICLES --format json -o FILE``, by wall clock
  and by CPU time of the child process (start-up, reading, every stage and writing);
* the stages in one process, by CPU time: ingest, tag + resolve, events, merge, render.

The articles per second of "tag + events + merge" is the issue's figure (one core).
Prints, never asserts.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from chronicle.events import find_events
from chronicle.events.across import date_across
from chronicle.ingest import read_paths
from chronicle.merge import merge
from chronicle.models import Timeline
from chronicle.pipeline import generated_time, rules_language
from chronicle.rendering import Format, render
from chronicle.resolve import find_timexes
from chronicle.title import story_title

ROOT = Path(__file__).resolve().parent.parent
T = TypeVar("T")


def cpu(fn: Callable[[], T]) -> tuple[T, float]:
    """Run ``fn``; return its result and the CPU seconds it took."""
    start = time.process_time()
    result = fn()
    return result, time.process_time() - start


def command(path: Path, repeat: int) -> tuple[float, float]:
    """Best wall-clock and child CPU seconds of the CLI over ``repeat`` runs."""
    best_wall = best_cpu = float("inf")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "timeline.json"
        cmd = [sys.executable, "-m", "chronicle", "build", str(path), "-f", "json", "-o", str(out)]
        for _ in range(repeat):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            best_wall, best_cpu = min(best_wall, wall), min(best_cpu, used)
    return best_wall, best_cpu


def one_run(path: Path) -> dict[str, float]:
    """CPU seconds of each stage for one in-process run, and the article count."""
    (articles, _), t_ingest = cpu(
        lambda: read_paths([str(path)], tz=None, published=None, strict=False)
    )
    timexes, t_tag = cpu(
        lambda: [find_timexes(a.text, a.published, lang=rules_language(a)) for a in articles]
    )
    events, t_events = cpu(
        lambda: date_across(
            [(a, find_events(a, ts)) for a, ts in zip(articles, timexes, strict=True)]
        )
    )
    entries, t_merge = cpu(lambda: merge(events, articles))
    timeline = Timeline(
        title=story_title(articles),
        generated=generated_time(),
        articles=tuple(articles),
        entries=tuple(entries),
    )
    _, t_render = cpu(lambda: render(timeline, Format.JSON))
    return {
        "articles": float(len(articles)),
        "ingest": t_ingest,
        "tag + resolve": t_tag,
        "events": t_events,
        "merge": t_merge,
        "render json": t_render,
    }


def stages(path: Path, repeat: int) -> dict[str, float]:
    """Best CPU seconds per stage over ``repeat`` in-process runs (a first run warms caches)."""
    runs = [one_run(path) for _ in range(repeat + 1)]
    return {key: min(run[key] for run in runs[1:]) for key in runs[0]}


def main() -> None:
    """Print the command's and the stages' figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--topic", default="t17/h1n1")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    path = Path(args.shared) / "corpora" / "tls" / args.topic / "articles.jsonl"
    if not path.is_file():
        sys.exit(f"build_speed: {path} not found: pass --shared PATH to the shared corpora")
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    times = stages(path, args.repeat)
    n = int(times.pop("articles"))
    size = path.stat().st_size / max(1, n) / 1024
    print(f"{args.topic}: {n} articles, {size:.1f} KB each on average")
    print("\nstages in one process (CPU seconds, best of runs):")
    for name, seconds in times.items():
        print(f"  {name:14s} {seconds:6.3f} s  {n / seconds:7.0f} articles/s")
    core = times["tag + resolve"] + times["events"] + times["merge"]
    print(f"  {'tag+events+merge':14s} {core:6.3f} s  {n / core:7.0f} articles/s  (target 200)")
    wall, child = command(path, args.repeat)
    print("\nthe command (start-up, reading, all stages, writing JSON):")
    print(f"  wall {wall:.2f} s = {n / wall:.0f} articles/s")
    print(f"  CPU  {child:.2f} s = {n / child:.0f} articles/s")


if __name__ == "__main__":
    main()
