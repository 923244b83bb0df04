"""The command line as a user meets it: happy paths, bad inputs, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from chronicle.cli import main
from chronicle.resources import package_file

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

PARIS_HK = """\
France strikes back at Islamic State after Paris carnage
Hollande vows a merciless response as jets hit Raqqa
PUBLISHED : Monday, 16 November, 2015, 12:33am HKT
UPDATED : Monday, 16 November, 2015, 1:05am HKT

France sent warplanes against Islamic State targets in Syria after Friday's terror attacks in \
Paris killed 129 people.

President Francois Hollande on Sunday ordered the strikes on Raqqa, the group's stronghold, \
officials said.
"""


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run ``chronicle ARGS`` in-process; return (exit code, stdout, stderr)."""
    old = sys.argv
    sys.argv = ["chronicle", *args]
    code = 0
    try:
        main()
    except SystemExit as exc:
        code = int(exc.code or 0)
    finally:
        sys.argv = old
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def paris(tmp_path: Path) -> Path:
    """The acceptance article of issue 2 as a plain-text file."""
    path = tmp_path / "scmp-paris.txt"
    path.write_text(PARIS_HK, encoding="utf-8")
    return path


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--version"], capsys)
    assert code == 0
    assert out.startswith("chronicle ")


def test_help_lists_commands(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--help"], capsys)
    assert code == 0
    assert "build" in out and "tag" in out


@pytest.mark.parametrize("command", ["build", "tag"])
def test_command_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run([command, "--help"], capsys)
    assert code == 0
    assert "--output" in out


def test_acceptance_friday_and_sunday(paris: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["build", str(paris), "--format", "json"], capsys)
    assert code == 0, err
    data = json.loads(out)
    by_value = {event["date"]["value"]: event for event in data["events"]}
    assert "2015-11-13" in by_value and "2015-11-15" in by_value
    friday = by_value["2015-11-13"]["sources"][0]
    assert friday["timex"]["text"].startswith("Friday")
    assert "Friday's terror attacks" in friday["quote"]
    assert "13 Nov 2015" in friday["explanation"]
    sunday = by_value["2015-11-15"]["sources"][0]
    assert "ordered the strikes" in sunday["quote"]
    assert data["articles"][0]["published"].startswith("2015-11-16T00:33:00+08:00")


def test_build_examples_all_formats_validate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(package_file("schema", "timeline-2.schema.json").read_text("utf-8"))
    for fmt in ("json", "html", "timelinejs", "markdown", "csv"):
        out = tmp_path / f"timeline.{fmt}"
        code, _, err = run(["build", str(EXAMPLES), "-f", fmt, "-o", str(out)], capsys)
        assert code == 0, err
        assert out.stat().st_size > 1000
    data = json.loads((tmp_path / "timeline.json").read_text("utf-8"))
    jsonschema.validate(data, schema)
    assert len(data["articles"]) >= 6
    assert len(data["events"]) >= 10
    html = (tmp_path / "timeline.html").read_text("utf-8")
    assert "<script src" not in html and "http://" not in html.split("</head>")[0]


def test_output_is_reproducible(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = run(["build", str(EXAMPLES), "-f", "json"], capsys)[1]
    second = run(["build", str(EXAMPLES), "-f", "json"], capsys)[1]
    assert first == second
    assert json.loads(first)["generated"].startswith("2023-11-14T22:13:20")


def _assert_one_line_error(err: str, name: str) -> None:
    lines = [line for line in err.strip().splitlines() if line.strip()]
    assert lines, "expected an error message"
    assert "Traceback" not in err
    assert any(name in line for line in lines), err


BAD_INPUTS: dict[str, bytes] = {
    "empty.txt": b"",
    "binary.txt": bytes(range(256)) * 4,
    "latin1.txt": "Caf\xe9 news\nPUBLISHED : Monday, 16 November, 2015, 12:33am\n\nBody.\n".encode(
        "latin-1"
    ),
    "nodate.html": (
        b"<html><head><title>No date</title></head><body><p>Just text.</p></body></html>"
    ),
    "missing.json": b'{"headline": "No body and no date"}',
    "broken.json": b'{"title": "x", ',
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_one_clear_line(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / name
    path.write_bytes(BAD_INPUTS[name])
    out_file = tmp_path / "out.json"
    code, _, err = run(["build", str(path), "-f", "json", "-o", str(out_file)], capsys)
    assert code == 1
    _assert_one_line_error(err, name)
    assert not out_file.exists()
    assert [p.name for p in tmp_path.iterdir()] == [name]  # no temp file left behind


def test_directory_with_one_broken_file(
    paris: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "broken.json").write_text('{"title": ', encoding="utf-8")
    out_file = tmp_path / "out.json"
    code, _, err = run(["build", str(tmp_path), "-f", "json", "-o", str(out_file)], capsys)
    assert code == 0
    assert "broken.json" in err and "Traceback" not in err
    assert json.loads(out_file.read_text("utf-8"))["events"]

    out_file.unlink()
    code, _, err = run(
        ["build", str(tmp_path), "-f", "json", "--strict", "-o", str(out_file)], capsys
    )
    assert code == 1
    _assert_one_line_error(err, "broken.json")
    assert not out_file.exists()


def test_unwritable_output(paris: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "no-such-folder" / "out.html"
    code, _, err = run(["build", str(paris), "-o", str(target)], capsys)
    assert code == 1
    _assert_one_line_error(err, "out.html")
    if os.geteuid() != 0:  # root can write into read-only folders
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        code, _, err = run(["build", str(paris), "-o", str(locked / "out.html")], capsys)
        assert code == 1
        _assert_one_line_error(err, "out.html")


def test_published_option_rescues_undated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "undated.md"
    path.write_text("# Vote delayed\n\nThe assembly will vote on Friday.\n", encoding="utf-8")
    code, _, err = run(["build", str(path), "-f", "json"], capsys)
    assert code == 1
    assert "--published" in err
    code, out, err = run(
        [
            "build",
            str(path),
            "-f",
            "json",
            "--published",
            "2015-11-16T09:00",
            "--tz",
            "Europe/Paris",
        ],
        capsys,
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["articles"][0]["published"] == "2015-11-16T09:00:00+01:00"
    assert [e["date"]["value"] for e in data["events"]] == ["2015-11-20"]


def test_usage_error_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["build", "--format", "pdf", "x.txt"], capsys)
    assert code == 2
    assert "Traceback" not in err


def test_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["build", str(tmp_path / "nope.txt")], capsys)
    assert code == 1
    _assert_one_line_error(err, "nope.txt")


def test_stdin_and_module_entry_point(paris: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "chronicle", "build", "-", "-f", "json"],
        input=paris.read_text("utf-8"),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    values = {e["date"]["value"] for e in json.loads(result.stdout)["events"]}
    assert {"2015-11-13", "2015-11-15"} <= values


def test_tag_tempeval_jsonl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = tmp_path / "docs.jsonl"
    docs.write_text(
        json.dumps({"id": "d1", "dct": "2015-11-16", "text": "Attacks on Friday shocked Paris."})
        + "\n",
        encoding="utf-8",
    )
    code, out, err = run(["tag", str(docs), "--input-format", "tempeval"], capsys)
    assert code == 0, err
    record = json.loads(out.splitlines()[0])
    assert record["id"] == "d1"
    timex = record["timexes"][0]
    assert record["text"][timex["start"] : timex["end"]] == "Friday"
    assert timex["value"] == "2015-11-13"
    code, out, err = run(["tag", str(docs), "--input-format", "tempeval", "-f", "timeml"], capsys)
    assert code == 0, err
    assert 'value="2015-11-13"' in out and "<TIMEX3" in out


def test_article_in_language_without_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "fr.json"
    path.write_text(
        json.dumps(
            {
                "title": "Attentats de Paris",
                "language": "fr-FR",
                "published": "2015-11-16T09:00:00+01:00",
                "text": "Le 2015-11-13, des attaques ont frappé Paris.",
            }
        ),
        encoding="utf-8",
    )
    code, out, err = run(["build", str(path), "-f", "json"], capsys)
    assert code == 0, err
    assert [e["date"]["value"] for e in json.loads(out)["events"]] == ["2015-11-13"]


def test_embed_assets(paris: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assets = tmp_path / "assets"
    out = tmp_path / "t.json"
    args = ["build", str(paris), "-o", str(out), "-f", "json", "--embed-assets", str(assets)]
    code, _, err = run(args, capsys)
    assert code == 1
    _assert_one_line_error(err, "assets")
    assert not out.exists()
    assets.mkdir()
    code, _, err = run(args, capsys)
    assert code == 0, err
    assert sorted(p.name for p in assets.iterdir()) == ["chronicle-embed.css", "chronicle-embed.js"]


def test_one_bad_input_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("", encoding="utf-8")
    code, _, err = run(["build", str(path)], capsys)
    assert code == 1
    assert len(err.strip().splitlines()) == 1, err
    code, _, err = run(["tag", str(path)], capsys)
    assert code == 1
    _assert_one_line_error(err, "empty.txt")


def test_output_must_not_overwrite_an_input(
    paris: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = paris.read_text("utf-8")
    code, _, err = run(["build", str(paris), "-o", str(paris)], capsys)
    assert code == 2  # a usage error
    _assert_one_line_error(err, paris.name)
    assert paris.read_text("utf-8") == before


def test_assumed_zone_note(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "kenya.md"
    path.write_text(
        "---\ntitle: Siege ends\npublished: 2013-09-24T18:05:00\n---\n\nTroops said on Monday.\n",
        encoding="utf-8",
    )
    code, _, err = run(["build", str(path), "-f", "json"], capsys)
    assert code == 0, err
    assert "UTC assumed" in err and "--tz" in err
    code, _, err = run(["build", str(path), "-f", "json", "--tz", "Africa/Nairobi"], capsys)
    assert code == 0, err
    assert "assumed" not in err


def test_tag_timeml_one_file_per_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from xml.dom import minidom

    docs = tmp_path / "docs.jsonl"
    docs.write_text(
        "".join(
            json.dumps({"id": f"d/{n}", "dct": "2015-11-16", "text": f"On Friday {n} left."}) + "\n"
            for n in range(2)
        ),
        encoding="utf-8",
    )
    code, _, err = run(["tag", str(docs), "--input-format", "tempeval", "-f", "timeml"], capsys)
    assert code == 1
    assert "-o FOLDER" in err
    folder = tmp_path / "tml"
    folder.mkdir()
    args = ["tag", str(docs), "--input-format", "tempeval", "-f", "timeml", "-o", str(folder)]
    code, _, err = run(args, capsys)
    assert code == 0, err
    files = sorted(folder.iterdir())
    assert [f.name for f in files] == ["d_0.tml", "d_1.tml"]
    for file in files:
        minidom.parse(str(file))  # well-formed XML, one document each


def test_from_and_to_keep_the_entries_that_reach_into_the_span(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(["build", str(EXAMPLES), "-f", "json", "--all"], capsys)
    assert code == 0, err
    everything = json.loads(out)["events"]
    code, out, err = run(
        ["build", str(EXAMPLES), "-f", "json", "--all", "--from", "2015-11-13", "--to", "2015-11"],
        capsys,
    )
    assert code == 0, err
    kept = json.loads(out)["events"]
    assert kept and len(kept) < len(everything)
    for event in kept:  # overlaps 13-30 Nov 2015 ("2015-11" as --to is the month's last day)
        assert event["date"]["end"] >= "2015-11-13" and event["date"]["start"] <= "2015-11-30"
    expected = [
        e["id"]
        for e in everything
        if e["date"]["end"] >= "2015-11-13" and e["date"]["start"] <= "2015-11-30"
    ]
    assert [e["id"] for e in kept] == expected
    assert any(e["date"]["granularity"] == "week" for e in kept)  # a week reaching in counts


def test_from_with_max_events_picks_inside_the_span(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        ["build", str(EXAMPLES), "-f", "json", "--from", "2016", "--max-events", "3"], capsys
    )
    assert code == 0, err
    kept = json.loads(out)["events"]
    assert len(kept) == 3
    assert all(e["date"]["end"] >= "2016-01-01" for e in kept)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "13/11/2015"], "--from '13/11/2015': not a date"),
        (["--to", "2015-13"], "--to '2015-13': not a date"),
        (["--from", "2016", "--to", "2015"], "--from 2016 is after --to 2015"),
    ],
)
def test_bad_span_is_one_line(
    args: list[str], message: str, paris: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.json"
    code, _, err = run(["build", str(paris), "-o", str(target), *args], capsys)
    assert code == 1
    assert message in err and err.count("\n") == 1
    assert not target.exists()
