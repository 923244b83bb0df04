"""The archive index on real Dask clusters: a LocalCluster of 2 worker processes, and a
``dask scheduler`` with ``dask worker`` processes started here on 127.0.0.1 (one of them killed
during the run)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import distributed
import pytest

from chronicle import api
from chronicle.archive import index, layout

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DASK = Path(sys.executable).with_name("dask")
# One thread; no nanny, so that a killed worker stays dead; listening on 127.0.0.1 only.
WORKER_OPTIONS = ["--nthreads", "1", "--no-nanny", "--no-dashboard", "--host", "127.0.0.1"]

# Our own sentences about invented happenings.
SENTENCES = [
    "The Tarn valley dam opened its gates on {day} March 2019 after a week of rain.",
    "Officials in Brevik said on Monday that the ferry to Osterholm would resume on "
    "{day} April 2019.",
    "The Kallio library reopened on {day} May 2019, two years after the fire.",
]


@pytest.fixture(autouse=True)
def _reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1447630380")


def _archive(folder: Path, count: int) -> Path:
    """A JSON Lines archive of ``count`` short articles of our own."""
    folder.mkdir()
    lines = []
    for n in range(1, count + 1):
        text = " ".join(s.format(day=(n + i) % 27 + 1) for i, s in enumerate(SENTENCES))
        lines.append(
            json.dumps(
                {
                    "id": f"n{n}",
                    "title": f"Valley news {n}",
                    "published": "2019-03-02",
                    "text": text,
                }
            )
        )
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _events(timeline: object) -> list[object]:
    """The ``events`` of a timeline's JSON."""
    return json.loads(api.render(timeline, "json"))["events"]  # type: ignore[arg-type]


def _free_port() -> int:
    """A TCP port free on 127.0.0.1 now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_local_cluster_of_two_processes(tmp_path: Path) -> None:
    root = tmp_path / "ix"
    report = index([str(EXAMPLES)], root, workers=2, partition_size=2)
    assert report.partitions >= 4 and not report.skipped
    assert os.getpid() not in report.peak_rss  # the work ran in the workers
    for query in (None, "Abaaoud"):
        from_index = api.build_index(root, query=query, max_events=None)
        assert _events(from_index) == _events(
            api.build([str(EXAMPLES)], query=query, max_events=None)
        )


@pytest.fixture
def scheduler(tmp_path: Path) -> Iterator[tuple[str, list[subprocess.Popen[bytes]]]]:
    """A ``dask scheduler`` and two ``dask worker`` processes (no nanny: a killed worker
    stays dead), on 127.0.0.1; stopped at the end."""
    if not DASK.exists():
        pytest.skip("the dask command is not installed")
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "cwd": tmp_path}
    started = [
        subprocess.Popen(
            [str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
            **quiet,  # type: ignore[call-overload]
        )
    ]
    try:
        for _ in range(2):
            started.append(
                subprocess.Popen(
                    [str(DASK), "worker", address, *WORKER_OPTIONS],
                    **quiet,  # type: ignore[call-overload]
                )
            )
        with distributed.Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=60)
        yield address, started[1:]
    finally:
        for process in reversed(started):
            if process.poll() is None:
                process.terminate()
        for process in started:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def test_scheduler_address_and_a_worker_killed_mid_run(
    tmp_path: Path, scheduler: tuple[str, list[subprocess.Popen[bytes]]]
) -> None:
    address, workers = scheduler
    archive = _archive(tmp_path / "archive", 60)
    root = tmp_path / "ix"
    killed: list[float] = []

    def kill_when_started() -> None:
        """Kill one worker as soon as the first part is written."""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if any((root / "articles").glob("part-*.parquet")):
                workers[0].send_signal(signal.SIGKILL)
                killed.append(time.monotonic())
                return
            time.sleep(0.01)

    watcher = threading.Thread(target=kill_when_started)
    watcher.start()
    report = index([str(archive)], root, scheduler=address, partition_size=2)
    finished = time.monotonic()
    watcher.join()
    assert killed and killed[0] < finished  # killed while the run was going on
    assert workers[0].wait(timeout=10) == -signal.SIGKILL
    manifest = layout.read_manifest(root)
    assert manifest is not None and len(manifest.parts) == 30
    assert report.articles + report.known == 60 and not report.skipped
    built = api.build_index(root, max_events=None)
    ids = [article.id for article in built.articles]
    assert sorted(ids) == sorted(f"n{n}" for n in range(1, 61))  # complete, none twice
    assert _events(built) == _events(api.build([str(archive)], max_events=None))
    again = index([str(archive)], root, scheduler=address, partition_size=2)
    assert again.partitions == 0
