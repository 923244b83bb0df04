"""Which happening heads each date: ``chronicle build`` scored by the shared events scorer.

    python benchmarks/what_happened.py [--shared ../shared] [--gold FILE] [--verbose]

Runs ``shared/tools/score_events.py`` on ``shared/corpora/events/what-happened-dev.jsonl`` (real
news sentences with two dates, possessive dated phrases and reported speech; gold: the stems the
headline of each date must and must not hold) with this checkout's ``chronicle`` command, and
prints the score overall and per category, with the dates that got no entry at all (a date
resolved wrong) apart from the entries headed by the wrong happening.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGET, PER_CATEGORY = 0.90, 0.85  # issue #10: overall, and in each category


def chronicle_command() -> str:
    """This checkout's ``chronicle`` executable (the virtual environment's, else on PATH)."""
    local = Path(sys.executable).parent / "chronicle"
    if local.exists():
        return str(local)
    found = shutil.which("chronicle")
    if found is None:
        raise SystemExit("chronicle: command not found; install the project first")
    return found


def main(argv: list[str] | None = None) -> int:
    """Score and print one table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--gold", type=Path, default=None, help="default: what-happened-dev.jsonl")
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    scorer = args.shared / "tools" / "score_events.py"
    gold = args.gold or args.shared / "corpora" / "events" / "what-happened-dev.jsonl"
    if not scorer.exists() or not gold.exists():
        parser.error(f"{args.shared}: no tools/score_events.py or events corpus; pass --shared")
    command = [sys.executable, str(scorer), str(gold), "--chronicle", chronicle_command()]
    result = subprocess.run([*command, "--json"], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.stderr.write(result.stderr)
        raise SystemExit(f"score_events.py failed (exit {result.returncode})")
    scores = json.loads(result.stdout)
    print("what happened on each date (shared/tools/score_events.py), dev half\n")
    print(f"{'category':16s} {'gold':>5s} {'found':>6s} {'right':>6s} {'score':>6s} {'target':>7s}")
    for name, row in _rows(scores):
        target = TARGET if name == "all" else PER_CATEGORY
        print(
            f"{name:16s} {row['gold_dates']:5d} {row['found']:6d} {row['right']:6d} "
            f"{row['score']:6.3f} {target:7.2f}"
        )
    if args.verbose:
        verbose = subprocess.run(
            [*command, "--verbose"], capture_output=True, text=True, check=False
        )
        print("\n" + verbose.stdout.split("\n\n")[0])
    return 0


def _rows(scores: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(name, counts) for the whole set, then per category, from the scorer's JSON."""
    rows: list[tuple[str, dict[str, Any]]] = [("all", scores["overall"])]
    rows.extend(sorted(scores["by_category"].items()))
    return rows


if __name__ == "__main__":
    sys.exit(main())
