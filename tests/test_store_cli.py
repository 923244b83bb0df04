"""A story kept in a store, corrected in a sheet, through the command line, on real SQLite files.

The scenario of issue 12, a kill -9 at random moments of an ``add``, two adders at once, bad
sheets, and ``build STORE`` giving what ``build FILES`` gives.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import multiprocessing
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from chronicle.cli import main
from chronicle.merge.ids import founding
from chronicle.models import Article, Event, Timeline
from chronicle.store import Store, codec
from test_cli import run as run_cli

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
DAY_TWO = "08-us-verdict.txt"  # the ninth article: the 8 others come on day one
EPOCH = {"SOURCE_DATE_EPOCH": "1700000000"}


def run(args: list[object], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """``chronicle ARGS`` in this process (paths as text): (exit code, stdout, stderr)."""
    return run_cli([str(a) for a in args], capsys)


def _sheet_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def _write_sheet(path: Path, rows: list[dict[str, str]], *, delimiter: str = ",") -> None:
    """A sheet as a spreadsheet saves it: here with a column of the editor's own, no BOM."""
    columns = [*rows[0].keys(), "Desk notes"]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, columns, delimiter=delimiter, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({**row, "Desk notes": "ask the desk"} for row in rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def _build_json(store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Any:
    out = tmp_path / "timeline.json"
    code, _, err = run(["build", store, "--all", "-f", "json", "-o", out], capsys)
    assert code == 0, err
    assert "warning" not in err
    return json.loads(out.read_text(encoding="utf-8"))


def _timeline(store: Path) -> Timeline:
    """The store's corrected timeline, every entry, as the library builds it."""
    with Store(store) as opened:
        return opened.timeline(max_events=None)


def own_id(events: dict[str, Any]) -> str:
    """The id of the editor's own event."""
    (found,) = [i for i, e in events.items() if e["editor"] and e["editor"]["created"]]
    return found


def test_day_one_corrections_survive_day_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH["SOURCE_DATE_EPOCH"])
    day_one = tmp_path / "day1"
    day_one.mkdir()
    for path in EXAMPLES.iterdir():
        if path.name not in (DAY_TWO, "README.md"):
            shutil.copy(path, day_one / path.name)
    store = tmp_path / "paris.chronicle"
    code, _, err = run(["add", store, day_one, "--title", "Paris, November 2015"], capsys)
    assert code == 0 and "10 articles added" in err, err

    sheet = tmp_path / "sheet.csv"
    assert run(["edits", "export", store, "-o", sheet], capsys)[0] == 0
    rows = _sheet_rows(sheet)

    def first_from(article: str, *, but: tuple[str, ...] = ()) -> dict[str, str]:
        return next(
            r for r in rows if f"\n{article}-" in "\n" + r["sources"] and r["id"] not in but
        )

    rewritten = max(rows, key=lambda r: r["sources"].count("\n"))  # the attacks: every source
    hidden = first_from("05-us-brussels-lockdown", but=(rewritten["id"],))
    dated = first_from("cop21-opens", but=(rewritten["id"],))
    merged = first_from("01-hk-daily-raqqa-strikes", but=(rewritten["id"],))
    target = first_from("01-hk-daily-raqqa-strikes", but=(rewritten["id"], merged["id"]))
    assert len({r["id"] for r in (rewritten, hidden, dated, merged, target)}) == 5
    hidden["action"] = "hide"
    dated.update(new_date="2015-11-29", note="the summit's eve")
    rewritten["new_headline"] = "Gunmen and suicide bombers kill 130 in Paris"
    merged["action"] = f"merge-into:{target['id']}"
    own = {name: "" for name in rows[0]}
    own.update(
        action="add",
        new_date="2015-11-27",
        new_headline="National homage at Les Invalides",
        new_text="The president led the ceremony for the victims.",
        media_url="https://example.org/photos/invalides.jpg",
        media_credit="Example Photo Agency",
        media_caption="The courtyard of Les Invalides",
    )
    _write_sheet(sheet, [*rows, own], delimiter=";")
    code, _, err = run(["edits", "import", store, sheet], capsys)
    assert code == 0, err
    assert "note: " in err and "'Desk notes' is not chronicle's; ignored" in err

    def check(doc: Any) -> dict[str, Any]:
        events = {event["id"]: event for event in doc["events"]}
        assert doc["orphaned_edits"] == []
        assert hidden["id"] not in events and merged["id"] not in events
        assert events[dated["id"]]["date"]["value"] == "2015-11-29"
        assert events[dated["id"]]["editor"]["changed"] == ["date"]
        assert events[dated["id"]]["editor"]["note"] == "the summit's eve"
        assert events[rewritten["id"]]["headline"] == own_headline(rewritten)
        assert merged["id"] in events[target["id"]]["aliases"]
        (mine,) = [e for e in doc["events"] if e["editor"] and e["editor"]["created"]]
        assert mine["headline"] == "National homage at Les Invalides" and mine["sources"] == []
        assert mine["media"]["url"] == "https://example.org/photos/invalides.jpg"
        assert doc["title"] == "Paris, November 2015"
        return events

    def own_headline(row: dict[str, str]) -> str:
        return row["new_headline"]

    first = check(_build_json(store, tmp_path, capsys))
    founded = {
        entry.id: founding(entry.events).id for entry in _timeline(store).entries if entry.events
    }
    assert set(founded) | {own_id(first)} == set(first)

    code, _, err = run(["add", store, EXAMPLES / DAY_TWO], capsys)
    assert code == 0 and "1 article added" in err, err
    check(_build_json(store, tmp_path, capsys))
    holders = {e.id: entry for entry in _timeline(store).entries for e in entry.events}
    kept = 0
    for entry_id, mention in founded.items():
        if mention in holders:  # the founding mention is still there
            holder = holders[mention]
            assert entry_id == holder.id or entry_id in holder.aliases
            kept += 1
    assert kept == len(founded)  # no founding mention of day one went away

    again = tmp_path / "again.csv"
    assert run(["edits", "export", store, "-o", again], capsys)[0] == 0
    rows_again = {r["id"]: r for r in _sheet_rows(again)}
    (own_row,) = [r for r in rows_again.values() if r["action"] == "add"]
    assert own_row["id"].startswith("e-") and own_row["media_caption"].startswith("The courtyard")
    assert rows_again[hidden["id"]]["action"] == "hide"


def test_build_store_gives_what_build_files_gives(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH["SOURCE_DATE_EPOCH"])
    monkeypatch.chdir(EXAMPLES.parent)
    store = tmp_path / "story.db"
    assert run(["add", store, "examples"], capsys)[0] == 0
    for fmt in ("json", "html", "csv"):
        code, from_files, err = run(["build", "examples", "-f", fmt, "--max-events", "20"], capsys)
        assert code == 0, err
        code, from_store, err = run(["build", store, "-f", fmt, "--max-events", "20"], capsys)
        assert code == 0, err
        assert from_store == from_files


def test_reading_options_belong_to_add(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "story.db"
    assert run(["add", store, EXAMPLES / DAY_TWO, "--tz", "Europe/Paris"], capsys)[0] == 0
    for option in (["--tz", "UTC"], ["--style", "news"], ["--published", "2015-11-16"]):
        code, _, err = run(["build", store, *option], capsys)
        assert code == 2 and "chronicle add" in err
    code, _, err = run(["build", store, "--edits", "sheet.csv"], capsys)
    assert code == 2 and "chronicle edits import" in err


def test_list_remove_and_orphaned_corrections(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "story.db"
    assert run(["add", store, EXAMPLES / "07-aftermath.jsonl"], capsys)[0] == 0
    code, out, _ = run(["list", store], capsys)
    lines = out.splitlines()
    assert code == 0 and lines[0] == "id\ttitle\tpublished\tsource"
    assert [line.split("\t")[0] for line in lines[1:]] == ["cop21-opens", "abdeslam-arrested"]
    sheet = tmp_path / "sheet.csv"
    run(["edits", "export", store, "-o", sheet], capsys)
    rows = _sheet_rows(sheet)
    arrest = next(r for r in rows if r["sources"].startswith("abdeslam-arrested-"))
    arrest["new_headline"] = "Abdeslam caught in Molenbeek"
    _write_sheet(sheet, rows)
    assert run(["edits", "import", store, sheet], capsys)[0] == 0
    code, _, err = run(["remove", store, "abdeslam-arrested"], capsys)
    assert code == 0 and "1 article removed" in err
    code, out, err = run(["build", store, "-f", "json"], capsys)
    assert code == 0
    doc = json.loads(out)
    assert {o["entry"] for o in doc["orphaned_edits"]} == {arrest["id"]}
    assert f"warning: correction of {arrest['id']} not applied (headline)" in err
    assert len(err.strip().splitlines()) == 1
    again = tmp_path / "again.csv"
    run(["edits", "export", store, "-o", again], capsys)
    kept = {r["id"]: r for r in _sheet_rows(again)}[arrest["id"]]
    assert kept["new_headline"] == "Abdeslam caught in Molenbeek"  # never deleted
    code, _, err = run(["remove", store, "nowhere"], capsys)
    assert code == 1 and err.count("\n") == 1 and "nothing removed" in err


def test_an_article_added_again_with_new_content_keeps_its_entry_ids(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "story.db"
    original = (EXAMPLES / "02-wire-saint-denis-raid.txt").read_text(encoding="utf-8")
    path = tmp_path / "raid.txt"
    path.write_text(original, encoding="utf-8")
    run(["add", store, path], capsys)
    before = {e["id"] for e in json.loads(run(["build", store, "-f", "json"], capsys)[1])["events"]}
    body = original.rstrip("\n").rsplit("\n", 1)
    path.write_text(
        body[0] + "\nThe prosecutor will speak to reporters on Friday.\n" + body[1] + "\n",
        encoding="utf-8",
    )
    code, _, err = run(["add", store, path], capsys)
    assert code == 0 and "replaced article raid (new content)" in err
    after = {e["id"] for e in json.loads(run(["build", store, "-f", "json"], capsys)[1])["events"]}
    assert before <= after and len(after) > len(before)


@pytest.mark.parametrize(
    ("sheet", "expected"),
    [
        ("entry,action\r\n{known},hide\r\n", "no 'id' column"),
        ("id,new_date\r\n{known},next Friday\r\n", "row 2, column new_date"),
        ("id,action\r\ne-00000000beef,hide\r\n{known},pin\r\n", "row 2, column id: e-00000000beef"),
        ('id,new_headline\r\n{known},=IMPORTXML("x")\r\n', "row 2, column new_headline"),
        ("id,action\r\ne-00000000beef,hide\r\ne-00000000cafe,pin\r\n", "another story"),
        ("id,action\r\n{known},merge-into:e-00000000beef\r\n", "row 2, column action"),
    ],
)
def test_a_bad_sheet_is_one_line_and_nothing_is_applied(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sheet: str, expected: str
) -> None:
    store = tmp_path / "story.db"
    run(["add", store, EXAMPLES / DAY_TWO], capsys)
    good = tmp_path / "good.csv"
    run(["edits", "export", store, "-o", good], capsys)
    rows = _sheet_rows(good)
    known = rows[0]["id"]
    rows[1]["action"] = "pin"
    _write_sheet(good, rows)
    assert run(["edits", "import", store, good], capsys)[0] == 0
    before = run(["edits", "export", store], capsys)[1]
    bad = tmp_path / "bad.csv"
    bad.write_text(sheet.replace("{known}", known), encoding="utf-8")
    code, _, err = run(["edits", "import", store, bad], capsys)
    assert code == 1
    assert err.count("\n") == 1 and expected in err, err
    assert run(["edits", "export", store], capsys)[1] == before


def test_build_files_with_a_sheet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "sheet.csv"
    assert run(["edits", "export", EXAMPLES / DAY_TWO, "-o", sheet], capsys)[0] == 0
    rows = _sheet_rows(sheet)
    rows[0]["action"] = "hide"
    rows[1]["new_headline"] = "The verdict"
    _write_sheet(sheet, rows)
    code, out, err = run(["build", EXAMPLES / DAY_TWO, "--edits", sheet, "-f", "json"], capsys)
    assert code == 0, err
    events = {e["id"]: e for e in json.loads(out)["events"]}
    assert rows[0]["id"] not in events and events[rows[1]["id"]]["headline"] == "The verdict"
    code, _, err = run(["build", EXAMPLES / "03-abaaoud-confirmed.md", "--edits", sheet], capsys)
    assert code == 1 and "another story" in err


def test_a_newer_store_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "story.db"
    run(["add", store, EXAMPLES / DAY_TWO], capsys)
    db = sqlite3.connect(store)
    db.execute("PRAGMA user_version = 99")
    db.close()
    for command in (["build", store], ["list", store], ["add", store, EXAMPLES / DAY_TWO]):
        code, _, err = run(command, capsys)
        assert code == 1 and err.count("\n") == 1 and "written by a newer chronicle" in err


# -- crashes and concurrent writers ----------------------------------------------------------------

TOWNS = ("Arden", "Belmont", "Corvale", "Dunmore", "Eastwick", "Fairholm", "Glenrock", "Hartley")


def _small_articles(folder: Path, count: int, batch: int) -> Path:
    """``count`` short council reports of our own, distinct per ``batch``."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        day = date(2019, 3, 1) + timedelta(days=(i + 7 * batch) % 1500)
        town = TOWNS[(i + batch) % len(TOWNS)]
        (folder / f"b{batch:03d}-{i:03d}.txt").write_text(
            f"{town} council report {batch}-{i}\n"
            f"PUBLISHED : {day:%A}, {day.day} {day:%B}, {day.year}, 9:00am CET\n\n"
            f"The council of {town} approved plan {batch}-{i} for its harbour on "
            f"{day - timedelta(days=2):%A}. Work will begin in {day + timedelta(days=40):%B}.\n",
            encoding="utf-8",
        )
    return folder


def _cli_in_child(args: list[str]) -> None:
    """The child of a fork: run the command line, then leave without any clean-up."""
    sys.argv = ["chronicle", *args]
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    try:
        main()
    except SystemExit as exc:
        os._exit(int(exc.code or 0))
    os._exit(0)


def _consistent(store: Path) -> set[str]:
    """The ids of the articles in the store, after checking each is fully in."""
    db = sqlite3.connect(store)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = db.execute("SELECT id, article, timexes, events FROM articles").fetchall()
    finally:
        db.close()
    for article_id, article, timexes, events in rows:
        assert codec.decode(Article, json.loads(article)).id == article_id
        decoded = codec.decode(list[Event], json.loads(events))
        assert decoded and all(e.article_id == article_id for e in decoded)
        assert json.loads(timexes)
    return {row[0] for row in rows}


def test_kill_9_during_add_leaves_every_article_in_or_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """20 trials of 100 articles, each add killed at a random moment, then run again.

    Every other kill is aimed at the add's write transaction, timed in an add before.
    """
    store = tmp_path / "story.db"
    fork = multiprocessing.get_context("fork")
    rng = random.Random(12)
    assert run(["add", store, _small_articles(tmp_path / "warm", 100, 99)], capsys)[0] == 0
    marks: list[float] = []
    transaction = Store._transaction

    @contextlib.contextmanager
    def timed(self: Store) -> Iterator[None]:
        marks.append(time.perf_counter())
        with transaction(self):
            yield
        marks.append(time.perf_counter())

    monkeypatch.setattr(Store, "_transaction", timed)
    started = time.perf_counter()  # a second add, rules loaded: what a forked child takes
    assert run(["add", store, _small_articles(tmp_path / "warm2", 100, 98)], capsys)[0] == 0
    duration = time.perf_counter() - started
    monkeypatch.undo()
    window = (max(0.0, marks[0] - started - 0.03), marks[-1] - started + 0.03)
    held = _consistent(store)
    outcomes = {"absent": 0, "in": 0}
    for trial in range(20):
        batch = _small_articles(tmp_path / f"batch{trial}", 100, trial)
        names = {f"b{trial:03d}-{i:03d}" for i in range(100)}
        child = fork.Process(target=_cli_in_child, args=(["add", str(store), str(batch)],))
        child.start()
        time.sleep(rng.uniform(*window) if trial % 2 else rng.uniform(0.0, 1.1 * duration))
        if child.pid is not None and child.exitcode is None:
            os.kill(child.pid, signal.SIGKILL)
        child.join()
        now = _consistent(store)
        added = now - held
        assert added in (set(), names), f"trial {trial}: {len(added)} of 100 articles"
        outcomes["in" if added else "absent"] += 1
        code, _, err = run(["add", store, batch], capsys)
        assert code == 0, err
        held = _consistent(store)
        assert names <= held
    assert len(held) == 2200
    assert outcomes["absent"] > 0  # some kills landed before the commit


def test_two_adders_at_once_lose_nothing(tmp_path: Path) -> None:
    store = tmp_path / "story.db"
    one = _small_articles(tmp_path / "one", 40, 1)
    two = _small_articles(tmp_path / "two", 40, 2)
    command = [sys.executable, "-m", "chronicle", "add", str(store)]
    env = {**os.environ, **EPOCH}
    children = [
        subprocess.Popen([*command, str(folder)], env=env, stderr=subprocess.PIPE, text=True)
        for folder in (one, two)
    ]
    for child in children:
        _, err = child.communicate(timeout=300)
        assert child.returncode == 0, err
    assert len(_consistent(store)) == 80


@pytest.mark.parametrize(
    "command", [["add"], ["list"], ["remove"], ["edits"], ["edits", "export"], ["edits", "import"]]
)
def test_every_store_command_has_help(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run([*command, "--help"], capsys)
    assert code == 0 and "Usage:" in out
