"""Timeline summarisation in one process, for cross-validating merge weights.

    python benchmarks/tls_cv.py [--shared ../shared] [--datasets t17,entities]
                                [--grid grid.toml] [--objective ar1] [--out results.json]

Reads every development topic of Timeline17 and Entities once, tags each article
and extracts its events once (cached in ``--cache``, keyed by the source code of
``chronicle``), then, per gold timeline, runs only what follows: dating across
articles, merge and the JSON rendering, exactly as ``chronicle build {input}
--format json --max-events L --sentences k --query KEYWORDS`` would. Each output
is scored with the scoring functions of ``shared/tools/tls_eval.py`` (imported,
not copied), so the figures match ``benchmarks/tls.py``.

With ``--grid`` (a TOML file of ``"section.key" = [values, ...]``), every setting
of the grid is scored on every timeline, and the leave-one-topic-out figure is
computed: for each of the 17 topics, the setting with the best mean ``--objective``
over the other 16 topics is chosen and scored on the topic left out. The figure
printed beside it is the all-dev one (the setting best over all 17 topics).
Without ``--grid`` the shipped weights are scored (all-dev figures only).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import pickle
import sys
import tempfile
import time
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import chronicle.merge as merge_package  # noqa: E402
from chronicle.errors import InputError  # noqa: E402
from chronicle.events.across import date_across  # noqa: E402
from chronicle.ingest import read_text  # noqa: E402
from chronicle.merge import merge  # noqa: E402
from chronicle.models import Article, Event, Timeline  # noqa: E402
from chronicle.pipeline import article_events  # noqa: E402
from chronicle.rendering import Format, render  # noqa: E402
from chronicle.settings import with_overrides  # noqa: E402

METRICS = ("ar1", "ar2", "date")
Scores = dict[str, dict[str, float]]


def load_scorer(shared: Path) -> ModuleType:
    """shared/tools/tls_eval.py as a module (its Topic, Scorer, average, output reader)."""
    sys.path.insert(0, str(shared / "tools"))
    import tls_eval  # type: ignore[import-not-found]

    return tls_eval  # type: ignore[no-any-return]


@dataclass
class Task:
    """One gold timeline of one topic: its input window, budgets and gold."""

    dataset: str
    topic: str
    index: int
    article_ids: list[str]
    max_dates: int
    sentences: int
    keywords: str
    gold: Mapping[date, list[str]]


@dataclass
class TopicData:
    """A topic's articles and their events, computed once."""

    articles: dict[str, Article]
    events: dict[str, list[Event]]


def _source_key() -> str:
    """A digest of chronicle's source before merge, so a cache never outlives the code that
    made it (merge and its weights, what is cross-validated, are left out)."""
    digest = hashlib.sha1()
    for path in sorted((ROOT / "src" / "chronicle").rglob("*")):
        if (
            path.is_file()
            and path.suffix in {".py", ".toml", ".json"}
            and "merge" not in path.parts
            and not path.name.startswith("merge")
        ):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def load_topic(tls: ModuleType, folder: Path, cache: Path | None) -> tuple[Any, TopicData]:
    """The tls_eval Topic and its articles with their events (from the cache when fresh)."""
    topic = tls.Topic(str(folder))
    cached = cache / f"{folder.parent.name}-{folder.name}-{_source_key()}.pickle" if cache else None
    if cached is not None and cached.exists():
        with cached.open("rb") as handle:
            articles, events = pickle.load(handle)
            return topic, TopicData(articles, events)
    articles: list[Article] = []
    for item in topic.articles:  # one at a time: a bad item is skipped, as the CLI does
        line = json.dumps({k: v for k, v in item.items() if not k.startswith("_")})
        try:
            articles.extend(read_text(line, "input.jsonl", fmt="jsonl"))
        except InputError:
            continue
    data = TopicData(
        articles={a.id: a for a in articles},
        events={a.id: article_events(a) for a in articles},
    )
    if cached is not None:
        cache.mkdir(parents=True, exist_ok=True)
        with cached.open("wb") as handle:
            pickle.dump((data.articles, data.events), handle)
    return topic, data


def tasks_of(dataset: str, topic: Any, data: TopicData) -> list[Task]:
    """The protocol's tasks: one per gold timeline (window, L, k as tls_eval.run_task)."""
    ext = 7 if dataset.lower().startswith("entities") else 0
    by_day = {a["id"]: a["_day"] for a in topic.articles}
    out = []
    for index, gold in enumerate(topic.timelines):
        days = sorted(gold)
        first, last = days[0], days[-1]
        start, end = first.toordinal() - ext, last.toordinal() + ext
        ids = [
            article_id
            for article_id in data.articles
            if by_day.get(article_id) and start <= by_day[article_id].toordinal() <= end
        ]
        size = len(days)
        k = round(sum(len(s) for s in gold.values()) / size)
        out.append(Task(dataset, topic.name, index, ids, size, k, ",".join(topic.keywords), gold))
    return out


@contextmanager
def weights(overrides: Mapping[str, Any]) -> Iterator[None]:
    """Merge with some of data/merge-weights.toml replaced ("section.key" -> value)."""
    settings = with_overrides(merge_package._settings(), overrides)
    original = merge_package._settings
    merge_package._settings = lambda: settings  # type: ignore[assignment]
    try:
        yield
    finally:
        merge_package._settings = original  # type: ignore[assignment]


@contextmanager
def gold_days(days: Sequence[date] | None) -> Iterator[None]:
    """With ``days``, merge keeps one entry per gold day (its best by focus), not its own pick:
    the summaries are then scored on the right dates, apart from date selection."""
    if days is None:
        yield
        return
    wanted = set(days)
    original = merge_package.select

    def pick(
        entries: Sequence[Any], max_events: int | None, focus: Mapping[str, float] | None = None
    ) -> list[Any]:
        best: dict[date, Any] = {}
        for entry in entries:
            day = entry.when.start
            if entry.when.granularity.value != "day" or day not in wanted:
                continue
            held = best.get(day)
            score = (focus or {}).get(entry.id, entry.importance)
            if held is None or score > (focus or {}).get(held.id, held.importance):
                best[day] = entry
        return [best[d] for d in sorted(best)]

    merge_package.select = pick  # type: ignore[assignment]
    try:
        yield
    finally:
        merge_package.select = original  # type: ignore[assignment]


def run_task(
    tls: ModuleType, scorer: Any, task: Task, data: TopicData, workdir: Path, oracle: bool = False
) -> Scores:
    """Merge, render and score one task (``oracle``: on the gold dates)."""
    articles = [data.articles[i] for i in task.article_ids]
    events = date_across([(a, data.events[a.id]) for a in articles])
    with gold_days(sorted(task.gold) if oracle else None):
        entries = merge(
            events,
            articles,
            max_events=task.max_dates,
            sentences=task.sentences,
            query=task.keywords or None,
        )
    timeline = Timeline(
        title=task.topic,
        generated=datetime(2000, 1, 1, tzinfo=UTC),
        articles=tuple(articles),
        entries=tuple(entries),
    )
    path = workdir / "output.json"
    path.write_text(render(timeline, Format.JSON), encoding="utf-8")
    pred, _ = tls.read_system_output(str(path))
    scores: Scores = scorer.score(pred, task.gold)
    scores["_sents"] = {
        "mean": sum(len(s) for s in pred.values()) / len(pred) if pred else 0.0,
        "k": float(task.sentences),
    }
    return scores


def dataset_average(tls: ModuleType, rows: Sequence[Scores]) -> dict[str, float]:
    """AR1, AR2 and date F1 averaged as tls_eval does (F of the mean P and R)."""
    return {m: tls.average(list(rows), m)["f_score"] for m in METRICS}


def settings_of(grid: Mapping[str, Sequence[Any]]) -> list[dict[str, Any]]:
    """Every combination of the grid's values."""
    names = sorted(grid)
    return [
        dict(zip(names, values, strict=True))
        for values in itertools.product(*(grid[n] for n in names))
    ]


def objective(scores: Scores, name: str) -> float:
    """The per-timeline figure a setting is chosen by."""
    if name == "sum":
        return sum(scores[m]["f_score"] for m in METRICS)
    if name == "ar":
        return scores["ar1"]["f_score"] + scores["ar2"]["f_score"]
    return scores[name]["f_score"]


def loto(
    tasks: Sequence[Task], table: Sequence[Sequence[Scores]], name: str
) -> tuple[dict[tuple[str, str], int], int]:
    """Per topic, the setting best over the other topics; and the best setting over all."""
    topics = sorted({(t.dataset, t.topic) for t in tasks})

    def topic_means(setting: int) -> dict[tuple[str, str], float]:
        sums: dict[tuple[str, str], list[float]] = {}
        for t, row in zip(tasks, table[setting], strict=True):
            sums.setdefault((t.dataset, t.topic), []).append(objective(row, name))
        return {key: sum(v) / len(v) for key, v in sums.items()}

    means = [topic_means(s) for s in range(len(table))]
    # each dataset weighs the same, each topic the same inside its dataset
    datasets = sorted({d for d, _ in topics})

    def fitness(setting: int, left_out: tuple[str, str] | None) -> float:
        total = 0.0
        for dataset in datasets:
            keys = [k for k in topics if k[0] == dataset and k != left_out]
            total += sum(means[setting][k] for k in keys) / len(keys) if keys else 0.0
        return total

    chosen = {
        key: max(range(len(table)), key=lambda s, key=key: (fitness(s, key), -s)) for key in topics
    }
    best = max(range(len(table)), key=lambda s: (fitness(s, None), -s))
    return chosen, best


def grid_settings(grid: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The settings of a grid file: one table of "section.key" = [values] (every combination),
    or ``[[grid]]`` tables whose settings are pooled (a union of smaller grids)."""
    parts = grid.get("grid")
    if isinstance(parts, list):
        return [combo for part in parts for combo in settings_of(part)]
    return settings_of(grid)


def prepare(
    tls: ModuleType, shared: Path, datasets: Sequence[str], topics: set[str] | None, cache: Path
) -> tuple[list[Task], dict[tuple[str, str], TopicData]]:
    """Every task of the development topics, with each topic's articles and events."""
    tasks: list[Task] = []
    data: dict[tuple[str, str], TopicData] = {}
    for dataset in datasets:
        root = shared / "corpora" / "tls" / dataset
        for folder in sorted(p for p in root.iterdir() if (p / "timelines.jsonl").exists()):
            if topics and folder.name not in topics:
                continue
            topic, topic_data = load_topic(tls, folder, cache)
            data[(dataset, folder.name)] = topic_data
            tasks.extend(tasks_of(dataset, topic, topic_data))
    return tasks, data


def cross_validate(
    shared: Path,
    datasets: Sequence[str],
    combos: Sequence[Mapping[str, Any]],
    *,
    objective_name: str = "ar",
    cache: Path | None = None,
    topics: set[str] | None = None,
    oracle: bool = False,
    verbose: bool = False,
) -> dict[str, Any]:
    """Score every setting on every task; all-dev and leave-one-topic-out figures per dataset."""
    tls = load_scorer(shared)
    scorer = tls.Scorer("python", "ptb")
    start = time.perf_counter()
    tasks, data = prepare(tls, shared, datasets, topics, cache or default_cache())
    print(
        f"[tls_cv] {len(tasks)} timelines ready in {time.perf_counter() - start:.1f}s",
        file=sys.stderr,
    )
    table: list[list[Scores]] = []
    with tempfile.TemporaryDirectory(prefix="tls-cv-") as tmp:
        for number, combo in enumerate(combos):
            began = time.perf_counter()
            with weights(combo):
                rows = [
                    run_task(tls, scorer, t, data[(t.dataset, t.topic)], Path(tmp), oracle)
                    for t in tasks
                ]
            table.append(rows)
            shown = " ".join(f"{k}={v}" for k, v in combo.items()) or "shipped weights"
            figures = "  ".join(
                f"{d} "
                + "/".join(
                    f"{v:.3f}"
                    for v in dataset_average(
                        tls, [r for t, r in zip(tasks, rows, strict=True) if t.dataset == d]
                    ).values()
                )
                for d in datasets
            )
            print(
                f"[tls_cv] {number + 1}/{len(combos)} {shown}: {figures} "
                f"({time.perf_counter() - began:.1f}s)",
                file=sys.stderr,
            )
            if verbose:
                for t, r in zip(tasks, rows, strict=True):
                    print(
                        f"  {t.topic[:22]:22s}#{t.index} k={t.sentences} L={t.max_dates:3d} "
                        f"sents/date {r['_sents']['mean']:.2f} "
                        + " ".join(f"{m} {r[m]['f_score']:.3f}" for m in METRICS)
                        + f" (AR1 P {r['ar1']['precision']:.3f} R {r['ar1']['recall']:.3f})",
                        file=sys.stderr,
                    )
    chosen, best = loto(tasks, table, objective_name)
    report: dict[str, Any] = {"settings": len(combos), "best": combos[best], "loto_choice": {}}
    for dataset in datasets:
        index = [i for i, t in enumerate(tasks) if t.dataset == dataset]
        if not index:
            continue
        report[dataset] = {
            "all_dev": dataset_average(tls, [table[best][i] for i in index]),
            "loto": dataset_average(
                tls, [table[chosen[(dataset, tasks[i].topic)]][i] for i in index]
            ),
        }
    for (dataset, topic), setting in sorted(chosen.items()):
        report["loto_choice"][f"{dataset}/{topic}"] = combos[setting]
    report["distinct_choices"] = len(
        {json.dumps(combos[s], sort_keys=True) for s in chosen.values()}
    )
    return report


def default_cache() -> Path:
    """Where per-topic events are kept between runs."""
    return Path(tempfile.gettempdir()) / "chronicle-tls"


def main(argv: list[str] | None = None) -> int:
    """Score the shipped weights, or a grid with leave-one-topic-out selection."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--datasets", default="t17,entities")
    parser.add_argument("--topics", default=None, help="comma-separated topic names")
    parser.add_argument("--grid", type=Path, default=None)
    parser.add_argument("--set", action="append", default=[], help="section.key=value (TOML)")
    parser.add_argument("--objective", default="ar", choices=["ar1", "ar2", "date", "ar", "sum"])
    parser.add_argument("--cache", type=Path, default=default_cache())
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument(
        "--oracle-dates", action="store_true", help="summaries on the gold dates (no date choice)"
    )
    parser.add_argument("--verbose", action="store_true", help="print every timeline's scores")
    args = parser.parse_args(argv)
    fixed = {}
    for item in args.set:
        name, _, value = item.partition("=")
        fixed[name] = tomllib.loads(f"v = {value}")["v"]
    grid = tomllib.loads(args.grid.read_text(encoding="utf-8")) if args.grid else {}
    combos = [{**fixed, **c} for c in grid_settings(grid)] if grid else [fixed]
    datasets = args.datasets.split(",")
    report = cross_validate(
        args.shared,
        datasets,
        combos,
        objective_name=args.objective,
        cache=args.cache,
        topics=set(args.topics.split(",")) if args.topics else None,
        oracle=args.oracle_dates,
        verbose=args.verbose,
    )
    header = f"{'dataset':10s} {'all-dev AR1/AR2/date':>22s}   {'LOTO AR1/AR2/date':>22s}"
    lines = [header, "-" * len(header)]
    for dataset in datasets:
        if dataset in report:
            dev, held = report[dataset]["all_dev"], report[dataset]["loto"]
            lines.append(
                f"{dataset:10s} {' / '.join(f'{dev[m]:.3f}' for m in METRICS):>22s}   "
                f"{' / '.join(f'{held[m]:.3f}' for m in METRICS):>22s}"
            )
    print("\n".join(lines))
    if len(combos) > 1:
        print(f"best over all topics: {report['best']}")
        print(f"distinct LOTO choices: {report['distinct_choices']} of 17 folds")
    if args.out:
        args.out.write_text(json.dumps(report, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("SOURCE_DATE_EPOCH", "946684800")
    sys.exit(main())
