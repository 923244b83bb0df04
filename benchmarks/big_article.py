"""One very large plain-text article: refused by default, linear in time with the cap raised.

    python benchmarks/big_article.py [--sizes 5,10,20,50] [--shared ../shared]

The article is ordinary news text: the Timeline17 development articles (``--shared``)
one after another, as paragraphs, repeated up to each size in MB, under a headline and a
publish line. Prints the default refusal of the largest size (one line), then for each
size ``chronicle build FILE --max-article-size ...`` as a child process: CPU and wall
seconds, seconds per MB, peak memory, and the warnings (beyond a few MB the bounds on
date expressions and events per article apply, and say so). Prints, never asserts.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAD = "A long story\nPublished: 16 Nov 2015 09:00 GMT\n\n"
MB = 1_000_000


def corpus_texts(shared: Path) -> list[str]:
    """The article texts of the Timeline17 development topics (or a stand-in paragraph)."""
    texts = []
    for path in sorted((shared / "corpora" / "tls" / "t17").glob("*/articles.jsonl")):
        with path.open(encoding="utf-8") as handle:
            texts.extend(json.loads(line)["text"] for line in handle if line.strip())
    return texts or [
        "The council met on Friday and voted on the budget after two days of talks. "
        "Members said on Monday that the vote of 13 November 2015 would be repeated in spring."
    ]


def write_article(path: Path, size: int, texts: list[str]) -> None:
    """Ordinary text of about ``size`` bytes, paragraph after paragraph."""
    written = 0
    with path.open("w", encoding="utf-8") as handle:
        handle.write(HEAD)
        index = 0
        while written < size:
            text = texts[index % len(texts)] + "\n\n"
            handle.write(text)
            written += len(text.encode("utf-8"))
            index += 1


def main() -> None:
    """Build each size and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="5,10,20,50", help="article sizes in MB")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    texts = corpus_texts(args.shared)
    command = [sys.executable, "-m", "chronicle", "build"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        largest = folder / "largest.txt"
        write_article(largest, int(max(sizes) * MB), texts)
        refused = subprocess.run([*command, str(largest)], capture_output=True, text=True)
        print(f"default cap, {max(sizes):g} MB: exit {refused.returncode}")
        print(f"  {refused.stderr.strip()}")
        largest.unlink()
        print()
        print(f"{'MB':>5} {'CPU s':>8} {'wall s':>8} {'CPU s/MB':>9} {'peak MB':>8}  warnings")
        for size in sizes:
            article = folder / f"article-{size:g}.txt"
            write_article(article, int(size * MB), texts)
            cap = f"{int(size) + 1}MB"
            out = folder / "out.json"
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            run = subprocess.run(
                [*command, str(article), "--max-article-size", cap, "-f", "json", "-o", str(out)],
                capture_output=True,
                text=True,
            )
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            warnings = [line for line in run.stderr.splitlines() if "warning" in line]
            note = "; ".join(w.split(": ", 3)[-1] for w in warnings) or "-"
            if run.returncode != 0:
                note = f"exit {run.returncode}: {run.stderr.strip()[-200:]}"
            peak = after.ru_maxrss / 1024  # the largest child so far: sizes grow
            print(
                f"{size:>5g} {cpu:>8.1f} {wall:>8.1f} {cpu / size:>9.2f} {peak:>8.0f}  {note}",
                flush=True,
            )
            article.unlink()


if __name__ == "__main__":
    main()
