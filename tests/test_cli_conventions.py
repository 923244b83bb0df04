"""The command line follows the conventions people expect (issue #15): format from the -o
ending, -h and -V, shell completion, URLs and PDFs as inputs, no local path published."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from test_cli import PARIS_HK, run

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Port reopens after storm | Harbour Daily</title>
<meta property="article:published_time" content="2019-03-12T08:00:00+00:00">
</head><body><article><h1>Port reopens after storm</h1>
<p>The harbour master said the port reopened on Monday after a storm closed it for three days.</p>
<p>Ferries will run a full timetable from Wednesday, the operator said in a statement.</p>
</article></body></html>"""


@pytest.fixture()
def paris(tmp_path: Path) -> Path:
    """The acceptance article of issue 2 as a plain-text file."""
    path = tmp_path / "scmp-paris.txt"
    path.write_text(PARIS_HK, encoding="utf-8")
    return path


class _Pages(BaseHTTPRequestHandler):
    """A local web server for the URL tests: /story is a page, anything else is 404."""

    def do_GET(self) -> None:
        """Serve the test page, a redirect to it, or 404."""
        if self.path == "/old-story":
            self.send_response(301)
            self.send_header("Location", "/story")
            self.end_headers()
            return
        if self.path != "/story":
            self.send_error(404, "Not Found")
            return
        body = PAGE.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: nothing on stderr."""


@pytest.fixture()
def server() -> Iterator[str]:
    """A web server on 127.0.0.1 (a free port), stopped after the test."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


@pytest.mark.parametrize(
    ("name", "starts"),
    [
        ("out.json", '{\n  "schema"'),
        ("out.html", "<!doctype html>"),
        ("out.md", "# "),
        ("out.csv", "event_id,"),
    ],
)
def test_format_follows_the_output_ending(
    name: str, starts: str, paris: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / name
    code, _, err = run(["build", str(paris), "-o", str(target)], capsys)
    assert code == 0, err
    assert target.read_text("utf-8").startswith(starts)


def test_explicit_format_wins_and_a_clash_is_a_usage_error(
    paris: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "slides.json"
    code, _, err = run(["build", str(paris), "-o", str(target), "-f", "timelinejs"], capsys)
    assert code == 0, err
    assert "events" in json.loads(target.read_text("utf-8"))
    plain = tmp_path / "notes.txt"
    code, _, err = run(["build", str(paris), "-o", str(plain), "-f", "md"], capsys)
    assert code == 0, err
    assert plain.read_text("utf-8").startswith("# ")
    clash = tmp_path / "page.json"
    code, _, err = run(["build", str(paris), "-o", str(clash), "-f", "html"], capsys)
    assert code == 2
    assert "json file name but -f says html" in err
    assert not clash.exists()


def test_unknown_format_is_a_usage_error(paris: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["build", str(paris), "-f", "pdf"], capsys)
    assert code == 2
    assert "unknown format 'pdf'" in err


@pytest.mark.parametrize("args", [["-h"], ["build", "-h"], ["tag", "-h"], ["-V"], ["--version"]])
def test_short_help_and_version_exit_0(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(args, capsys)
    assert code == 0
    assert "Usage" in out or out.startswith("chronicle ")


def test_shell_completion_completes_commands_and_options() -> None:
    env = {**os.environ, "_CHRONICLE_COMPLETE": "complete_bash", "COMP_CWORD": "1"}
    command = [str(Path(sys.executable).parent / "chronicle")]
    done = subprocess.run(
        command, env={**env, "COMP_WORDS": "chronicle bu"}, capture_output=True, text=True
    )
    assert done.stdout.split() == ["build"]
    done = subprocess.run(
        command,
        env={**env, "COMP_WORDS": "chronicle build --max-e", "COMP_CWORD": "2"},
        capture_output=True,
        text=True,
    )
    assert done.stdout.split() == ["--max-events"]
    script = subprocess.run(
        [*command, "--show-completion", "bash"], capture_output=True, text=True, check=False
    )
    assert script.returncode == 0, script.stderr  # the reason, should it ever fail again
    assert "_chronicle_completion" in script.stdout


def test_a_url_is_fetched_and_becomes_the_articles_url(
    server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "port.json"
    code, _, err = run(["build", f"{server}/old-story", "-o", str(target)], capsys)
    assert code == 0, err
    doc = json.loads(target.read_text("utf-8"))
    (article,) = doc["articles"]
    assert article["title"] == "Port reopens after storm"
    assert article["url"] == f"{server}/story"  # where the redirect led
    assert article["source"] == f"{server}/old-story"
    assert {e["date"]["value"] for e in doc["events"]} >= {"2019-03-11"}


def test_a_missing_page_is_one_line(server: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["build", f"{server}/gone"], capsys)
    assert code == 1
    assert err.count("\n") == 1
    assert "/gone: the server answered 404" in err


def test_an_unreachable_host_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["build", "http://127.0.0.1:9/nothing-listens-here"], capsys)
    assert code == 1
    assert err.count("\n") == 1 and "could not be fetched" in err


def test_a_pdf_says_pdf_is_not_read_yet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    code, _, err = run(["build", str(pdf)], capsys)
    assert code == 1
    assert err.count("\n") == 1
    assert "a PDF, which chronicle does not read yet" in err


def test_examples_built_from_an_absolute_path_publish_no_local_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "examples.json"
    code, _, err = run(["build", str(EXAMPLES.resolve()), "-o", str(target)], capsys)
    assert code == 0, err
    text = target.read_text("utf-8")
    assert str(EXAMPLES.resolve()) not in text and str(Path.home()) not in text
    for article in json.loads(text)["articles"]:
        assert not article["source"].startswith(("/", "..")) and ".." not in article["source"]
    page = tmp_path / "examples.html"
    code, _, err = run(["build", str(EXAMPLES.resolve()), "-o", str(page)], capsys)
    assert code == 0, err
    assert str(EXAMPLES.resolve()) not in page.read_text("utf-8")


def test_full_paths_is_the_explicit_way_to_publish_local_paths(
    paris: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["build", str(paris), "-f", "json", "--full-paths"], capsys)
    assert code == 0, err
    assert json.loads(out)["articles"][0]["source"] == paris.resolve().as_posix()


def test_output_onto_an_article_in_a_walked_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "a.txt").write_text(PARIS_HK, "utf-8")
    (folder / "b.txt").write_text(PARIS_HK.replace("Raqqa", "Mosul"), "utf-8")
    before = (folder / "b.txt").read_bytes()
    code, _, err = run(["build", str(folder), "-o", str(folder / "b.txt")], capsys)
    assert code != 0
    assert "is one of the inputs" in err
    assert (folder / "b.txt").read_bytes() == before


def test_rebuilding_into_the_articles_folder_is_allowed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """chronicle's own earlier page in the folder is no article: writing over it is fine."""
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "a.txt").write_text(PARIS_HK, "utf-8")
    page = folder / "timeline.html"
    for _ in range(2):
        code, _, err = run(["build", str(folder), "-o", str(page)], capsys)
        assert code == 0, err
    assert "<!doctype html>" in page.read_text("utf-8")
