"""Timeline summarisation benchmark: ``chronicle build`` scored by the shared TLS evaluator.

    python benchmarks/tls.py [--shared ../shared] [--datasets t17,entities] [--topics egypt,h1n1]
                             [--jobs 2] [--out results.json]

Runs ``python -m chronicle build {input} --format json --max-events {max_dates}
--sentences {sents_per_date} --query {keywords} -o {output}`` through
``shared/tools/tls_eval.py`` (news-tls protocol of Ghalandari & Ifrim 2020) on
the development topics of Timeline17 and Entities, and prints date F1,
alignment ROUGE AR1/AR2 and concat ROUGE-1/2 per dataset, with run time.
Beside them, the leave-one-topic-out means (``benchmarks/tls_cv.py``): for each of
the 17 topics, the setting of ``benchmarks/tls_grid.toml`` best on the other 16 is
scored on the one left out; ``--no-loto`` skips them (they take several minutes).
Needs ``pip install --no-deps tilse`` and ``pip install nltk numpy scipy``.

Reference on the same development topics (issue 4): SDF-TLS reaches
AR1 0.143 / AR2 0.035 / date F1 0.727 on Timeline17 and 0.045 / 0.011 / 0.216
on Entities.
"""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path
from typing import Any

import tls_cv

ROOT = Path(__file__).resolve().parent.parent
SDF_TLS = {"t17": (0.143, 0.035, 0.727), "entities": (0.045, 0.011, 0.216)}


def system_command(python: str) -> str:
    """The command template tls_eval.py runs per gold timeline."""
    return (
        f"{shlex.quote(python)} -m chronicle build {{input}} --format json "
        "--max-events {max_dates} --sentences {sents_per_date} --query {keywords} -o {output}"
    )


def run_dataset(
    shared: Path, dataset: str, topics: str | None, jobs: int, python: str
) -> tuple[dict[str, dict[str, float]], list[dict[str, object]], float]:
    """Score one dataset; returns (averages, per-timeline rows, seconds)."""
    with tempfile.TemporaryDirectory(prefix=f"tls-{dataset}-") as tmp:
        out = Path(tmp) / "results.json"
        cmd = [
            python,
            str(shared / "tools" / "tls_eval.py"),
            "--data",
            str(shared / "corpora" / "tls" / dataset),
            "--system",
            system_command(python),
            "--jobs",
            str(jobs),
            "--cwd",
            str(ROOT),
            "--out",
            str(out),
        ]
        if topics:
            cmd += ["--topics", topics]
        start = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - start
        if proc.returncode != 0:
            sys.stderr.write(proc.stderr[-3000:])
            raise SystemExit(f"tls_eval.py failed on {dataset} (exit {proc.returncode})")
        sys.stderr.write(proc.stdout)
        result = json.loads(out.read_text(encoding="utf-8"))
    return result["average"], result["timelines"], seconds


def main(argv: list[str] | None = None) -> int:
    """Run every requested dataset and print one table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--datasets", default="t17,entities")
    parser.add_argument("--topics", default=None, help="comma-separated topic names (per dataset)")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--out", type=Path, default=None, help="write all results as JSON here")
    parser.add_argument(
        "--no-loto", action="store_true", help="skip the leave-one-topic-out cross-validation"
    )
    args = parser.parse_args(argv)
    if not (args.shared / "tools" / "tls_eval.py").exists():
        parser.error(f"{args.shared}: no tools/tls_eval.py; pass --shared DIR")
    header = (
        f"{'dataset':10s} {'tasks':>5s} {'AR1-F':>6s} {'AR2-F':>6s} {'Date-F':>6s} "
        f"{'cR1-F':>6s} {'cR2-F':>6s} {'seconds':>8s}   {'LOTO AR1/AR2/Date':>19s}"
        "   SDF-TLS AR1/AR2/Date"
    )
    datasets = args.datasets.split(",")
    held_out: dict[str, Any] = {}
    if not args.no_loto and not args.topics:
        grid = tomllib.loads((ROOT / "benchmarks" / "tls_grid.toml").read_text(encoding="utf-8"))
        held_out = tls_cv.cross_validate(args.shared, datasets, tls_cv.grid_settings(grid))
    lines = [header, "-" * len(header)]
    everything: dict[str, object] = {}
    for dataset in datasets:
        names = None
        if args.topics:
            available = {p.name for p in (args.shared / "corpora" / "tls" / dataset).iterdir()}
            wanted = [t for t in args.topics.split(",") if t in available]
            if not wanted:
                continue
            names = ",".join(wanted)
        average, rows, seconds = run_dataset(args.shared, dataset, names, args.jobs, sys.executable)
        ref = SDF_TLS.get(dataset)
        ref_text = f"{ref[0]:.3f} / {ref[1]:.3f} / {ref[2]:.3f}" if ref else "-"
        loto = held_out.get(dataset, {}).get("loto")
        loto_text = " / ".join(f"{loto[m]:.3f}" for m in ("ar1", "ar2", "date")) if loto else "-"
        lines.append(
            f"{dataset:10s} {len(rows):5d} {average['ar1']['f_score']:6.3f} "
            f"{average['ar2']['f_score']:6.3f} {average['date']['f_score']:6.3f} "
            f"{average['concat_r1']['f_score']:6.3f} {average['concat_r2']['f_score']:6.3f} "
            f"{seconds:8.1f}   {loto_text:>19s}   {ref_text}"
        )
        everything[dataset] = {
            "average": average,
            "timelines": rows,
            "seconds": seconds,
            "cross_validation": held_out.get(dataset),
        }
    print("\n".join(lines))
    if args.out:
        args.out.write_text(json.dumps(everything, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
