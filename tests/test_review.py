"""``chronicle review`` as a real server on 127.0.0.1: token, Host and Origin checks, bad input,
concurrent edits, and the corrections it writes (the same ones the sheet holds)."""

from __future__ import annotations

import csv
import http.client
import io
import json
import os
import re
import select
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

pytest.importorskip("starlette", reason="the review extra: pip install '.[review]'")

from chronicle.edits import Correction, correction
from chronicle.review import actions
from chronicle.review.security import Guard, split_host
from chronicle.store import Store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}


@dataclass
class Running:
    """A ``chronicle review`` process and the address it printed."""

    process: subprocess.Popen[str]
    url: str
    log: Path

    @property
    def port(self) -> int:
        """The port it listens on."""
        return int(urlsplit(self.url).port or 0)

    @property
    def base(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def token(self) -> str:
        """The access token of the printed address."""
        return self.url.split("token=", 1)[1]

    def request(
        self,
        method: str,
        path: str,
        *,
        form: dict[str, str] | None = None,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        token: bool = True,
        origin: bool = True,
    ) -> tuple[int, dict[str, str], str]:
        """One request (Host, Origin and the token header as a same-site browser sends them)."""
        sent = {"Host": f"127.0.0.1:{self.port}"}
        if token:
            sent["Authorization"] = f"token {self.token}"
        if origin and method != "GET":
            sent["Origin"] = self.base
        if form is not None:
            body = urlencode(form).encode()
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        sent.update(headers or {})
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
            for name, value in sent.items():
                connection.putheader(name, value)
            if body is not None and "Content-Length" not in sent:
                connection.putheader("Content-Length", str(len(body)))
            connection.endheaders(body)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            return response.status, {k.lower(): v for k, v in response.getheaders()}, text
        finally:
            connection.close()

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after 10 s)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        if self.process.stdout is not None:
            self.process.stdout.close()


def start(store: Path, *args: str) -> Running:
    """``chronicle review STORE --port 0 ARGS`` started; its first line read (60 s at most)."""
    log = store.with_name(f"review-{uuid.uuid4().hex[:8]}.log")
    with log.open("w") as errors:
        process = subprocess.Popen(
            [sys.executable, "-m", "chronicle", "review", str(store), "--port", "0", *args],
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            env=ENV,
        )
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], 60)
    line = process.stdout.readline().strip() if ready else ""
    if not line.startswith("http://"):
        process.kill()
        process.wait(10)
        raise AssertionError(f"no address printed: {line!r}; {log.read_text()}")
    return Running(process, line, log)


@pytest.fixture(scope="session")
def example_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples in a store, made once (copied by each test that changes it)."""
    path = tmp_path_factory.mktemp("review-store") / "story.db"
    from chronicle.ingest import read_paths

    articles, _ = read_paths([str(EXAMPLES)], tz=None, published=None, strict=True)
    with Store(path, create=True) as store:
        store.add(articles, title="The Paris attacks and after")
    return path


def copy_store(source: Path, folder: Path) -> Path:
    """A copy of a closed store (its file alone: a closed WAL store is checkpointed)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "story.db"
    shutil.copyfile(source, target)
    return target


@pytest.fixture()
def server(example_store: Path, tmp_path: Path) -> Iterator[Running]:
    """A review server over a fresh copy of the examples' store."""
    running = start(copy_store(example_store, tmp_path))
    yield running
    running.stop()


def entry_ids(page: str) -> list[str]:
    """The ids of the entries the timeline page offers tools for, in page order."""
    return list(dict.fromkeys(re.findall(r'formaction="/e/([^/"]+)/mark"', page)))


def sheet_rows(store: Path) -> dict[str, dict[str, str]]:
    """The store's sheet, by entry id."""
    with Store(store) as opened:
        text = opened.export_sheet()
    return {row["id"]: row for row in csv.DictReader(io.StringIO(text.lstrip("\ufeff")))}


# -- the address and the token ---------------------------------------------------------------


def test_first_line_is_the_address_with_its_token(server: Running) -> None:
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/\?token=[A-Za-z0-9_-]{40,}", server.url)
    assert server.port > 0


@pytest.mark.parametrize("path", ["/", "/changes", "/e/anything", "/publish", "/no-such-page"])
def test_403_without_the_token(server: Running, path: str) -> None:
    status, _, text = server.request("GET", path, token=False)
    assert status == 403
    assert "token" in text


def test_a_wrong_token_is_refused(server: Running) -> None:
    status, _, _ = server.request("GET", "/", token=False, headers={"Authorization": "token x"})
    assert status == 403
    # A token one character off: the last character changed, never to itself.
    last = "B" if server.token.endswith("A") else "A"
    wrong = f"chronicle-review-{server.port}={server.token[:-1]}{last}"
    status, _, _ = server.request("GET", "/", token=False, headers={"Cookie": wrong})
    assert status == 403


def test_the_token_sets_a_strict_cookie_and_leaves_the_address(server: Running) -> None:
    status, headers, _ = server.request("GET", f"/?token={server.token}", token=False)
    assert status == 303 and headers["location"] == "/"
    cookie = headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    status, _, text = server.request(
        "GET", "/", token=False, headers={"Cookie": cookie.split(";")[0]}
    )
    assert status == 200 and 'class="event' in text


def test_pages_carry_a_strict_policy(server: Running) -> None:
    status, headers, _ = server.request("GET", "/")
    assert status == 200
    policy = headers["content-security-policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert "'unsafe-inline'" not in policy and "form-action 'self'" in policy
    assert headers["x-frame-options"] == "DENY"


# -- Host and Origin ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "host", ["evil.example:{port}", "evil.example", "127.0.0.1:1", "localhost.evil.example:{port}"]
)
@pytest.mark.parametrize("path", ["/", "/changes", "/no-such-page"])
def test_a_foreign_host_is_refused_on_any_path(server: Running, host: str, path: str) -> None:
    status, _, text = server.request("GET", path, headers={"Host": host.format(port=server.port)})
    assert status == 403
    assert "Host" in text


def test_localhost_names_are_this_server(server: Running) -> None:
    for host in (f"localhost:{server.port}", f"[::1]:{server.port}"):
        status, _, _ = server.request("GET", "/", headers={"Host": host})
        assert status == 200


@pytest.mark.parametrize("origin", ["http://evil.example", "null", None, "http://127.0.0.1:1"])
def test_a_post_from_another_origin_changes_nothing(server: Running, origin: str | None) -> None:
    _, _, page = server.request("GET", "/")
    first = entry_ids(page)[0]
    headers = {"Origin": origin} if origin is not None else {}
    status, _, text = server.request(
        "POST", f"/e/{first}/mark", form={"do": "hide"}, origin=False, headers=headers
    )
    assert status == 403 and "Origin" in text
    status, _, text = server.request("POST", "/no-such-page", form={}, origin=False)
    assert status == 403
    assert server.request("GET", "/changes")[2].count("<tr>") == 0  # nothing kept


def test_state_changes_only_by_post(server: Running) -> None:
    _, _, page = server.request("GET", "/")
    first = entry_ids(page)[0]
    status, _, _ = server.request("GET", f"/e/{first}/mark?do=hide")
    assert status == 405
    assert first in entry_ids(server.request("GET", "/")[2])


def test_guard_reads_host_headers() -> None:
    assert split_host("127.0.0.1:8000") == ("127.0.0.1", 8000)
    assert split_host("[::1]:8000") == ("::1", 8000)
    assert split_host("Example.org") == ("example.org", None)
    assert split_host("::1:80") is None
    assert split_host("[::1]x") is None

    async def app(scope: object, receive: object, send: object) -> None:
        raise AssertionError("not reached")

    everywhere = Guard(app, token="t", host="0.0.0.0", port=8000)  # type: ignore[arg-type]
    assert everywhere.host_ok("192.0.2.7:8000")  # an address: no DNS answer can rebind it
    assert not everywhere.host_ok("evil.example:8000")
    loopback = Guard(app, token="t", host="127.0.0.1", port=8000)  # type: ignore[arg-type]
    assert loopback.host_ok("localhost:8000") and not loopback.host_ok("192.0.2.7:8000")


def test_a_host_not_loopback_is_warned_about(
    example_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chronicle.review import server as server_module

    said: list[str] = []

    def refuse(host: str, port: int) -> object:
        raise RuntimeError("stop before listening")

    monkeypatch.setattr(server_module, "bind", refuse)
    with pytest.raises(RuntimeError):
        server_module.serve(example_store, host="0.0.0.0", warn=said.append)
    assert said and "not this machine's loopback" in said[0]
    said.clear()
    with pytest.raises(RuntimeError):
        server_module.serve(example_store, host="127.0.0.1", warn=said.append)
    assert said == []


# -- actions and bad input ---------------------------------------------------------------------


def test_actions_write_the_sheets_corrections(server: Running, tmp_path: Path) -> None:
    _, _, page = server.request("GET", "/")
    ids = entry_ids(page)
    hidden, dated, merged, target = ids[0], ids[1], ids[2], ids[3]
    for path, form in (
        (f"/e/{hidden}/mark", {"do": "hide"}),
        (f"/e/{dated}/edit", {"new_date": "2015-11-14", "new_headline": "A headline of ours"}),
        (f"/e/{merged}/merge", {"into": target}),
        ("/add", {"new_date": "2015-12-01", "new_headline": "Our own event"}),
        (f"/e/{target}/mark", {"do": "pin"}),
    ):
        status, _, text = server.request("POST", path, form=form)
        assert status == 303, text
    rows = sheet_rows(tmp_path / "story.db")
    assert rows[hidden]["action"] == "hide"
    assert (rows[dated]["new_date"], rows[dated]["new_headline"]) == (
        "2015-11-14",
        "A headline of ours",
    )
    assert rows[merged]["action"] == f"merge-into:{target}"
    assert rows[target]["action"] == "pin"
    own = [row for row in rows.values() if row["action"] == "add"]
    assert [row["new_headline"] for row in own] == ["Our own event"]
    _, _, page = server.request("GET", "/")
    assert hidden not in entry_ids(page) and merged not in entry_ids(page)
    assert "A headline of ours" in page and "Our own event" in page
    # undo goes back one step at a time: the pin, then the own event
    assert server.request("POST", "/undo", form={})[0] == 303
    assert sheet_rows(tmp_path / "story.db")[target]["action"] == ""
    assert server.request("POST", "/undo", form={})[0] == 303
    assert not [r for r in sheet_rows(tmp_path / "story.db").values() if r["action"] == "add"]


def test_unknown_entry_is_a_message_and_nothing_applied(server: Running, tmp_path: Path) -> None:
    for path, form in (
        ("/e/e-000000000000/mark", {"do": "hide"}),
        ("/e/e-000000000000/edit", {"new_date": "2015"}),
        ("/e/e-000000000000/mark", {"do": "unhide"}),
    ):
        status, _, text = server.request("POST", path, form=form)
        assert status == 404
        assert 'role="alert"' in text and "no entry e-000000000000" in text
    _, _, page = server.request("GET", "/")
    first = entry_ids(page)[0]
    status, _, text = server.request("POST", f"/e/{first}/merge", form={"into": "e-nope"})
    assert status == 404 and "no entry e-nope to merge into" in text
    with Store(tmp_path / "story.db") as store:
        assert store.corrections() == []


@pytest.mark.parametrize("bad", ["2015-13-45", "next week", "1x"])
def test_a_bad_date_is_a_message_and_nothing_applied(
    server: Running, tmp_path: Path, bad: str
) -> None:
    first = entry_ids(server.request("GET", "/")[2])[0]
    status, _, text = server.request(
        "POST", f"/e/{first}/edit", form={"new_date": bad, "new_headline": "Changed too"}
    )
    assert status == 400
    assert "is not a date chronicle can show" in text and 'role="alert"' in text
    with Store(tmp_path / "story.db") as store:
        assert store.corrections() == []


def test_an_own_event_without_headline_is_refused(server: Running, tmp_path: Path) -> None:
    status, _, text = server.request("POST", "/add", form={"new_date": "2015-12-01"})
    assert status == 400 and "needs a headline" in text
    assert 'value="2015-12-01"' in text  # the form keeps what was typed


def _multipart(files: list[tuple[str, bytes]]) -> tuple[bytes, str]:
    """A multipart/form-data body of ``files`` under the field ``files``."""
    boundary = uuid.uuid4().hex
    parts = []
    for name, data in files:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n".encode()
            + data
            + b"\r\n"
        )
    return b"".join(
        parts
    ) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


ARTICLE = (
    '---\ntitle: "Flood barrier opens on the river"\npublished: 2021-03-04T10:00:00+00:00\n---\n'
    "The new flood barrier on the river opened on Tuesday after four years of work. Engineers "
    "first tested the gates on 12 February, the council said.\n"
)


def test_uploaded_articles_join_the_story(server: Running, tmp_path: Path) -> None:
    body, kind = _multipart([("flood.md", ARTICLE.encode()), ("notes.bin", b"\x00\x01\x02" * 50)])
    status, _, text = server.request("POST", "/articles", body=body, headers={"Content-Type": kind})
    assert status == 303, text
    _, _, page = server.request("GET", "/articles")
    assert "1 added" in page and "notes.bin" in page  # the bad file named, the good one kept
    assert str(tmp_path) not in page and "chronicle-review-" not in page
    with Store(tmp_path / "story.db") as store:
        assert any(a.title == "Flood barrier opens on the river" for a in store.articles())


def test_a_non_article_file_is_a_message_and_nothing_added(server: Running, tmp_path: Path) -> None:
    body, kind = _multipart([("picture.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200)])
    status, _, text = server.request("POST", "/articles", body=body, headers={"Content-Type": kind})
    assert status == 400
    assert "nothing added" in text and "picture.png" in text and 'role="alert"' in text
    with Store(tmp_path / "story.db") as store:
        assert len(store.articles()) == 11


def test_an_oversized_upload_is_a_message_and_nothing_added(
    example_store: Path, tmp_path: Path
) -> None:
    running = start(copy_store(example_store, tmp_path), "--max-article-size", "200")
    try:
        body, kind = _multipart([("flood.md", ARTICLE.encode())])
        status, _, text = running.request(
            "POST", "/articles", body=body, headers={"Content-Type": kind}
        )
        assert status == 400 and "nothing added" in text and "flood.md" in text
        # a whole upload over the bound is refused from its Content-Length, before it is read
        status, _, text = running.request(
            "POST",
            "/articles",
            body=b"",
            headers={"Content-Type": kind, "Content-Length": str(10**12)},
        )
        assert status == 413 and "send fewer files" in text
        with Store(tmp_path / "story.db") as store:
            assert len(store.articles()) == 11
    finally:
        running.stop()


def test_fifty_concurrent_edits_are_all_kept(server: Running, tmp_path: Path) -> None:
    ids = entry_ids(server.request("GET", "/")[2])
    assert len(ids) >= 25

    def edit(n: int) -> int:
        entry = ids[n % 25]
        if n < 25:
            form = {"new_headline": f"Headline number {n}"}
            return server.request("POST", f"/e/{entry}/edit", form=form)[0]
        return server.request("POST", f"/e/{entry}/mark", form={"do": "pin"})[0]

    with ThreadPoolExecutor(max_workers=50) as pool:
        statuses = list(pool.map(edit, range(50)))
    assert statuses == [303] * 50
    with Store(tmp_path / "story.db") as store:
        assert store.integrity() == "ok"
        kept = {c.entry: c for c in store.corrections()}
    for n in range(25):
        found = kept[ids[n]]
        assert found.headline == f"Headline number {n}" and found.pin


def test_corrections_survive_a_restart_and_publish_writes_them(
    example_store: Path, tmp_path: Path
) -> None:
    store = copy_store(example_store, tmp_path / "s")
    running = start(store)
    try:
        first = entry_ids(running.request("GET", "/")[2])[0]
        running.request("POST", f"/e/{first}/edit", form={"new_headline": "Kept across starts"})
    finally:
        running.stop()
    again = start(store)
    try:
        assert "Kept across starts" in again.request("GET", "/")[2]
        out = tmp_path / "out"
        out.mkdir()
        form = {"folder": str(out), "html": "1", "json": "1", "timelinejs": "1"}
        status, _, text = again.request("POST", "/publish", form=form)
        assert status == 303, text
        doc = json.loads((out / "timeline.json").read_text(encoding="utf-8"))
        assert [e["headline"] for e in doc["events"] if e["id"] == first] == ["Kept across starts"]
        assert "Kept across starts" in (out / "timeline.html").read_text(encoding="utf-8")
        assert (out / "timelinejs.json").is_file()
        assert str(tmp_path) not in (out / "timeline.json").read_text(encoding="utf-8")
        status, _, text = again.request(
            "POST", "/publish", form={**form, "folder": "/nonexistent/x"}
        )
        assert status == 400 and "no such folder" in text
    finally:
        again.stop()


def test_a_missing_store_is_one_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "chronicle", "review", str(tmp_path / "none.db")],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "no such store" in result.stderr


# -- the model behind the actions -------------------------------------------------------------


def test_merge_keeps_only_the_merge_and_undo_brings_the_rest_back(
    example_store: Path, tmp_path: Path
) -> None:
    with Store(copy_store(example_store, tmp_path)) as store:
        store.change_step(
            lambda found: actions.apply(
                found, "e-a", actions.edited({"new_headline": "Ours"}), "edit"
            )
        )
        store.change_step(
            lambda found: actions.apply(found, "e-a", actions.merged_into("e-b"), "merge")
        )
        assert [dict(c.cells) for c in store.corrections()] == [{"action": "merge-into:e-b"}]
        undone = store.undo()
        assert undone is not None and undone.label == "merge"
        assert [dict(c.cells) for c in store.corrections()] == [{"new_headline": "Ours"}]
        assert [step.label for step in store.steps()] == ["edit"]
        assert store.undo() is not None and store.corrections() == []
        assert store.undo() is None  # nothing left to undo


def test_undo_survives_a_restart(example_store: Path, tmp_path: Path) -> None:
    store = copy_store(example_store, tmp_path)
    running = start(store)
    try:
        first, second = entry_ids(running.request("GET", "/")[2])[:2]
        running.request("POST", f"/e/{first}/edit", form={"new_headline": "Kept, then undone"})
        running.request("POST", f"/e/{second}/mark", form={"do": "pin"})
    finally:
        running.stop()
    again = start(store)
    try:
        _, _, page = again.request("GET", "/changes")
        assert f"pin {second}" in page and f"edit {first}" in page  # the steps, from the store
        assert again.request("POST", "/undo", form={})[0] == 303
        assert sheet_rows(store)[second]["action"] == ""
        assert sheet_rows(store)[first]["new_headline"] == "Kept, then undone"
        assert again.request("POST", "/undo", form={})[0] == 303
        assert sheet_rows(store)[first]["new_headline"] == ""
        status, _, text = again.request("POST", "/undo", form={})
        assert status == 400 and "nothing to undo" in text
    finally:
        again.stop()


def test_marks_combine_and_come_off() -> None:
    corrections: list[Correction] = []
    actions.apply(corrections, "e-a", actions.marked("pin", True), "pin")
    actions.apply(corrections, "e-a", actions.marked("feature", True), "feature")
    actions.apply(corrections, "e-a", actions.split_out("ev-1"), "split")
    assert corrections[0].pin and corrections[0].feature and corrections[0].splits == ("ev-1",)
    with pytest.raises(actions.ActionError, match="hide with pin"):
        actions.apply(corrections, "e-a", actions.marked("hide", True), "hide")
    for word in ("pin", "feature"):
        actions.apply(corrections, "e-a", actions.marked(word, False), word)
    assert corrections[0].actions == ("split",)


def test_change_corrections_is_one_transaction(example_store: Path, tmp_path: Path) -> None:
    path = copy_store(example_store, tmp_path)
    with Store(path) as store:

        def fail(found: list[Correction]) -> list[Correction]:
            actions.apply(found, "e-a", actions.marked("pin", True), "pin")
            raise RuntimeError("midway")

        with pytest.raises(RuntimeError):
            store.change_corrections(fail)
        assert store.corrections() == []
        store.change_corrections(lambda found: [*found, correction("e-a", {"action": "pin"})])
        assert [c.entry for c in store.corrections()] == ["e-a"]
        assert store.signature() == Store(path).signature()


def test_orphaned_corrections_are_listed(example_store: Path, tmp_path: Path) -> None:
    """A correction whose entry is gone (its article removed) is listed as not applied."""
    store = copy_store(example_store, tmp_path)
    with Store(store) as opened:
        machine = opened.machine()
        entry = next(e for e in machine.entries if len({ev.article_id for ev in e.events}) == 1)
        opened.replace_corrections([correction(entry.id, {"new_headline": "Ours, orphaned"})])
        opened.remove([entry.events[0].article_id])
    running = start(store)
    try:
        status, _, page = running.request("GET", "/changes")
        assert status == 200
        assert "Corrections not applied (1)" in page and f"<li>{entry.id} (" in page
        assert "1 not applied" in page  # the navigation says so on every page
    finally:
        running.stop()
