"""Temporal tagging benchmark: chronicle on every TempEval-style corpus in ../shared/corpora/timex/.

Tags each corpus, scores it with the official TempEval-3 metrics (../shared/tools/score_timex.py)
and prints accuracy and throughput figures. Prints, never asserts.

    python benchmarks/timex.py [--shared DIR] [--corpus NAME] [--keep DIR] [--style STYLE]
                               [--fold K/N]

A corpus named ``<lang>-<name>.jsonl`` (``de-krauts-dev``) is read in that language, the others
in English, as ``chronicle tag --lang`` would. ``--fold 0/2`` scores only the even-numbered
documents of each corpus (``1/2`` the odd ones): a split by document, to check that a rule
change helps both halves of a dev set and not just the documents it was written from.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

from chronicle import tagio
from chronicle.models import Style


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared"
    )
    parser.add_argument("--corpus", action="append", help="corpus name (default: all)")
    parser.add_argument("--keep", type=Path, help="write predictions here instead of a temp dir")
    parser.add_argument("--style", type=Style, default=Style.AUTO)
    parser.add_argument(
        "--fold",
        type=_fold,
        help="K/N: score only documents whose index modulo N is K (e.g. 0/2, 1/2)",
    )
    args = parser.parse_args(argv)
    corpora_dir = args.shared / "corpora" / "timex"
    scorer = args.shared / "tools" / "score_timex.py"
    corpora = sorted(corpora_dir.glob("*.jsonl"))
    if args.corpus:
        corpora = [c for c in corpora if c.stem in args.corpus]
    if not corpora:
        print(f"no corpora in {corpora_dir}")
        return 1
    start = time.perf_counter()
    from chronicle.tagging import load_rules

    for corpus in corpora:
        load_rules(corpus_language(corpus))
    startup = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as temp:
        out_dir = args.keep or Path(temp)
        out_dir.mkdir(parents=True, exist_ok=True)
        rows = [_run(corpus, out_dir, scorer, args.style, args.fold) for corpus in corpora]
    if args.fold:
        print(f"fold {args.fold[0]}/{args.fold[1]} (documents by index modulo {args.fold[1]})\n")
    _print_table(rows, startup)
    return 0


def _fold(text: str) -> tuple[int, int]:
    """Parse ``K/N`` into (K, N) with 0 <= K < N."""
    match = re.fullmatch(r"(\d+)/(\d+)", text.strip())
    if not match or not 0 <= int(match[1]) < int(match[2]):
        raise argparse.ArgumentTypeError(f"{text!r}: use K/N with 0 <= K < N, e.g. 0/2")
    return int(match[1]), int(match[2])


def _run(
    corpus: Path, out_dir: Path, scorer: Path, style: Style, fold: tuple[int, int] | None
) -> dict[str, Any]:
    """Tag one corpus (or one fold of it), time it, score it."""
    documents = tagio.read_tempeval(str(corpus), lang=corpus_language(corpus))
    gold = corpus
    if fold:
        documents = [d for i, d in enumerate(documents) if i % fold[1] == fold[0]]
        gold = out_dir / f"{corpus.stem}.fold{fold[0]}of{fold[1]}.gold.jsonl"
        lines = corpus.read_text(encoding="utf-8").splitlines()
        kept = [line for line in lines if line.strip()]
        gold.write_text(
            "".join(line + "\n" for i, line in enumerate(kept) if i % fold[1] == fold[0]),
            encoding="utf-8",
        )
    chars = sum(len(d.text) for d in documents)
    cold_started = time.process_time()
    tagged = [tagio.tag_document(d, style=style) for d in documents]
    cold = time.process_time() - cold_started
    # timed on a second pass: the first also fills the scanner's lazily built buckets and the
    # word caches, which on a small corpus (MEANTIME, 43,000 characters) is most of its time
    started, cpu_started = time.perf_counter(), time.process_time()
    for d in documents:
        tagio.tag_document(d, style=style)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    tracemalloc.start()
    for d in documents[:50]:
        tagio.tag_document(d, style=style)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    prediction = out_dir / f"{corpus.stem}.pred.jsonl"
    prediction.write_text("".join(tagio.to_jsonl(t) + "\n" for t in tagged), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(scorer), str(gold), str(prediction), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        scores = json.loads(done.stdout)
    except json.JSONDecodeError:
        scores = {"error": (done.stderr or done.stdout).strip()[-300:]}
    return {
        "corpus": corpus.stem,
        "docs": len(documents),
        "chars": chars,
        "seconds": elapsed,
        "cpu": cpu,
        "cold": cold,
        "peak": peak,
        "scores": scores,
    }


def corpus_language(corpus: Path) -> str:
    """The language of a corpus file: its ``xx-`` name prefix, else English."""
    prefix = corpus.stem.split("-", 1)[0]
    return prefix if "-" in corpus.stem and re.fullmatch(r"[a-z]{2}", prefix) else "en"


def _get(scores: dict[str, Any], *keys: str) -> float | None:
    """A nested score, or None."""
    node: Any = scores
    for key in keys:
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return float(node) if isinstance(node, int | float) else None


def _pct(value: float | None) -> str:
    """A score as a percentage with one decimal."""
    if value is None:
        return "   -"
    return f"{value * 100 if value <= 1 else value:5.1f}"


def _print_table(rows: list[dict[str, Any]], startup: float) -> None:
    """Print accuracy, value accuracy by type and throughput."""
    print("chronicle temporal tagger, TempEval-3 metrics (official scorer)\n")
    header = (
        f"{'corpus':<20}{'rel P':>7}{'rel R':>7}{'rel F1':>8}{'str F1':>8}{'type F1':>9}"
        f"{'val F1':>8}"
    )
    print(header)
    for row in rows:
        s = row["scores"]
        if "error" in s:
            print(f"{row['corpus']:<20} scorer failed: {s['error']}")
            continue
        print(
            f"{row['corpus']:<20}{_pct(_find(s, 'relaxed', 'P')):>7}"
            f"{_pct(_find(s, 'relaxed', 'R')):>7}{_pct(_find(s, 'relaxed', 'F1')):>8}"
            f"{_pct(_find(s, 'strict', 'F1')):>8}{_pct(_find(s, 'type', 'F1')):>9}"
            f"{_pct(_find(s, 'value', 'F1')):>8}"
        )
    print("\nvalue accuracy by gold type (aligned pairs)")
    print(f"{'corpus':<20}{'DATE':>7}{'TIME':>7}{'DURATION':>10}{'SET':>7}")
    for row in rows:
        by_type = _by_type(row["scores"])
        cells = "".join(
            f"{_pct(by_type.get(t)):>{w}}"
            for t, w in (("DATE", 7), ("TIME", 7), ("DURATION", 10), ("SET", 7))
        )
        print(f"{row['corpus']:<20}{cells}")
    print(
        "\nthroughput (one process, second pass; CPU chars/s is steadier on a shared machine;"
        " first pass: CPU chars/s while the caches fill)"
    )
    print(
        f"{'corpus':<20}{'docs':>6}{'chars':>10}{'seconds':>9}{'chars/s':>11}{'CPU chars/s':>13}"
        f"{'docs/s':>9}{'peak MB':>9}{'first pass':>12}"
    )
    for row in rows:
        seconds = max(row["seconds"], 1e-9)
        cpu = max(row["cpu"], 1e-9)
        print(
            f"{row['corpus']:<20}{row['docs']:>6}{row['chars']:>10}{seconds:>9.3f}"
            f"{row['chars'] / seconds:>11,.0f}{row['chars'] / cpu:>13,.0f}"
            f"{row['docs'] / seconds:>9.0f}{row['peak'] / 1e6:>9.1f}"
            f"{row['chars'] / max(row['cold'], 1e-9):>12,.0f}"
        )
    print(f"\nstart-up (rule loading and compiling): {startup:.3f} s")
    try:
        import resource

        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak resident memory of this process: {rss:.0f} MB")
    except ImportError:  # pragma: no cover - not on POSIX
        pass


def _find(scores: dict[str, Any], group: str, metric: str) -> float | None:
    """A metric from the scorer's JSON, whichever of its layouts it uses."""
    for keys in ((group, metric), (f"{group}_{metric}",), (metric, group)):
        value = _get(scores, *keys)
        if value is not None:
            return value
    return None


def _by_type(scores: dict[str, Any]) -> dict[str, float]:
    """Value accuracy per gold type, from the scorer's JSON."""
    for key in ("value_accuracy_by_gold_type", "value_accuracy_by_type", "by_type"):
        node = scores.get(key)
        if isinstance(node, dict):
            out: dict[str, float] = {}
            for type_, item in node.items():
                if isinstance(item, int | float):
                    out[type_] = float(item)
                elif isinstance(item, dict):
                    for name in ("accuracy", "value_accuracy", "acc"):
                        if isinstance(item.get(name), int | float):
                            out[type_] = float(item[name])
            return out
    return {}


if __name__ == "__main__":
    raise SystemExit(main())
