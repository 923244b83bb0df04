"""Dates in real web text: chronicle on the webtraps items (../shared/corpora/webtraps/).

Runs the shared scorer (../shared/tools/score_webtraps.py) with this checkout's ``chronicle``
executable over the saved pages it names and prints its figures: the false-date traps (items
with no temporal expression), the true expressions, overall accuracy and each category, then
the run time. Prints, never asserts.

    python benchmarks/webtraps.py [--shared DIR] [--items FILE] [--jobs N] [--verbose]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    """Run the scorer and print what it prints."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared"
    )
    parser.add_argument("--items", type=Path, help="items file (default: the dev half)")
    parser.add_argument("--jobs", type=int, default=1, help="pages tagged at once (default 1)")
    parser.add_argument("--verbose", action="store_true", help="list every failed item")
    args = parser.parse_args(argv)
    scorer = args.shared / "tools" / "score_webtraps.py"
    items = args.items or args.shared / "corpora" / "webtraps" / "dev.jsonl"
    pages = args.shared / "corpora" / "html-dev" / "pages"
    chronicle = _chronicle()
    for needed in (scorer, items, pages):
        if not needed.exists():
            print(f"{needed} is missing; webtraps needs the shared corpora beside the checkout")
            return 1
    if chronicle is None:
        print("no chronicle executable next to this Python; install the project (pip install -e .)")
        return 1
    command = [sys.executable, str(scorer), str(items), "--pages", str(pages)]
    command += ["--chronicle", chronicle, "--jobs", str(args.jobs)]
    if args.verbose:
        command.append("--verbose")
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    print(f"chronicle on webtraps ({items.name}, {chronicle})\n")
    print(done.stdout.rstrip())
    if done.returncode != 0:
        print(f"scorer failed ({done.returncode}): {done.stderr.strip()[-300:]}")
        return 1
    print(f"\nwall time: {elapsed:.1f} s with {args.jobs} job(s)")
    return 0


def _chronicle() -> str | None:
    """The ``chronicle`` executable installed with this Python, else the one on PATH."""
    beside = Path(sys.executable).parent / "chronicle"
    if beside.is_file():
        return str(beside)
    return shutil.which("chronicle")


if __name__ == "__main__":
    raise SystemExit(main())
