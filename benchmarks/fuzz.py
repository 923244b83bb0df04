"""Fuzz chronicle's public entry points with 100,000 hostile and careless inputs (issue 14).

    python benchmarks/fuzz.py [--cases 100000] [--minutes 20] [--jobs 2] [--seed 0]

The cases of ``tests/fuzzcases.py`` (the CI suite runs 2,000 of them), in chunks of
500 per worker process with a different seed each, until ``--cases`` are done or
``--minutes`` have passed. A case is read in its format, tagged, built and rendered in
every format; anything but a ChronicleError is a failure, and so is a case over 20 s
(an alarm per case) or over the 2 GiB address space each worker gets. Prints cases
per second, failures by kind with one example each, and the run time. Prints, never
asserts.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import signal
import sys
import time
import traceback
from collections import Counter
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

CHUNK = 500
CASE_SECONDS = 20
WORKER_BYTES = 2 << 30


class SlowCase(Exception):
    """A case ran over CASE_SECONDS."""


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise SlowCase(f"over {CASE_SECONDS} s")


def run_chunk(seed: int) -> tuple[int, list[tuple[str, str, str]]]:
    """Run CHUNK cases drawn with ``seed``; (cases run, failures as (kind, where, case))."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as with_seed

    from fuzzcases import Case, cases, run_case

    failures: list[tuple[str, str, str]] = []
    count = 0

    @with_seed(seed)
    @settings(
        max_examples=CHUNK,
        deadline=None,
        database=None,
        phases=(Phase.generate,),
        suppress_health_check=list(HealthCheck),
    )
    @given(cases())
    def check(case: Case) -> None:
        nonlocal count
        count += 1
        signal.alarm(CASE_SECONDS)
        try:
            run_case(case)
        except Exception as exc:  # the failures this benchmark counts
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            where = f"{Path(frame.filename).name}:{frame.lineno}"
            failures.append((f"{type(exc).__name__}: {str(exc)[:120]}", where, repr(case)))
        finally:
            signal.alarm(0)

    check()
    return count, failures


def _worker_setup() -> None:
    """Each worker: bounded memory, an alarm handler, warnings quiet."""
    resource.setrlimit(resource.RLIMIT_AS, (WORKER_BYTES, WORKER_BYTES))
    signal.signal(signal.SIGALRM, _alarm)


def main() -> None:
    """Run the chunks over ``--jobs`` processes and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--minutes", type=float, default=20.0)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0, help="first chunk's seed")
    args = parser.parse_args()

    chunks = -(-args.cases // CHUNK)
    deadline = time.monotonic() + args.minutes * 60
    start = time.monotonic()
    done = 0
    kinds: Counter[tuple[str, str]] = Counter()
    examples: dict[tuple[str, str], str] = {}
    seeds = iter(range(args.seed, args.seed + chunks))
    with multiprocessing.get_context("fork").Pool(args.jobs, initializer=_worker_setup) as pool:
        pending = [pool.apply_async(run_chunk, (next(seeds),)) for _ in range(args.jobs)]
        while pending:
            result = pending.pop(0)
            count, failures = result.get()
            done += count
            for kind, where, case in failures:
                kinds[(kind, where)] += 1
                examples.setdefault((kind, where), case)
            elapsed = time.monotonic() - start
            print(
                f"{done:>7,} cases  {elapsed:7.1f} s  {done / elapsed:6.1f} cases/s  "
                f"{sum(kinds.values())} failures",
                flush=True,
            )
            if time.monotonic() < deadline:
                following = next(seeds, None)
                if following is not None:
                    pending.append(pool.apply_async(run_chunk, (following,)))
    elapsed = time.monotonic() - start
    print()
    print(f"cases run        {done:,}")
    print(f"run time         {elapsed:,.0f} s over {args.jobs} processes")
    print(f"cases/s          {done / elapsed:,.1f}")
    failed = sum(kinds.values())
    print(f"failures         {failed} (unhandled exceptions, cases over {CASE_SECONDS} s)")
    for (kind, where), number in kinds.most_common():
        print(f"  {number:>5}  {kind}  at {where}")
        print(f"         e.g. {examples[(kind, where)][:600]}")


if __name__ == "__main__":
    main()
