"""The public API (issue #15): what ``import chronicle`` offers, and the README's examples."""

from __future__ import annotations

import ast
import contextlib
import dataclasses
import inspect
import io
import json
import os
import re
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

import chronicle
from chronicle import api

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
STORY = {
    "id": "harbour-1",
    "title": "Storm shuts the port",
    "published": "2019-03-12T08:00:00+00:00",
    "text": "The port closed on Friday as the storm arrived. It reopened on Monday.",
}


def _readme_blocks() -> list[str]:
    """The Python code blocks of the README's "Use it from Python" section."""
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("## Use it from Python", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, re.S)


def test_readme_has_python_examples() -> None:
    assert len(_readme_blocks()) >= 3


@pytest.mark.parametrize("number", range(4))
def test_readme_python_examples_run_and_print_what_they_say(
    number: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each example runs from the repository root; its "# " lines are exactly what it prints."""
    block = _readme_blocks()[number]
    monkeypatch.chdir(ROOT)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(block, f"README example {number + 1}", "exec"), {})
    promised = [line[2:] for line in block.splitlines() if line.startswith("# ")]
    if promised:
        assert printed.getvalue().splitlines() == promised


def test_everything_in_all_is_exported() -> None:
    """``__all__`` names exactly what the package offers (httpx's test_exported_members)."""
    assert sorted(chronicle.__all__) == sorted([*chronicle._HOME_OF, "__version__"])
    for name in chronicle.__all__:
        assert hasattr(chronicle, name), name
    public = {
        name
        for name in dir(chronicle)
        if not name.startswith("_")
        and name not in ("annotations", "Any", "TYPE_CHECKING", "importlib")
        and not inspect.ismodule(getattr(chronicle, name))  # subpackages are not the API
    }
    assert public <= set(chronicle.__all__)
    for name in ("build", "read", "read_text", "tag", "render", "load", "validate"):
        doc = getattr(chronicle, name).__doc__
        assert doc and doc.strip(), name


def test_type_checkers_see_the_names_imported_on_first_use() -> None:
    """The imports under ``TYPE_CHECKING`` in chronicle/__init__.py are those of ``_HOMES``."""
    tree = ast.parse(Path(chronicle.__file__).read_text(encoding="utf-8"))
    block = next(
        n for n in tree.body if isinstance(n, ast.If) and "TYPE_CHECKING" in ast.unparse(n.test)
    )
    seen: dict[str, list[str]] = {}
    for node in block.body:
        assert isinstance(node, ast.ImportFrom) and node.module is not None
        seen.setdefault(node.module, []).extend(alias.name for alias in node.names)
    assert {m: sorted(n) for m, n in seen.items()} == {
        m: sorted(n) for m, n in chronicle._HOMES.items()
    }


def test_build_takes_paths_articles_and_dicts_alike() -> None:
    from_paths = chronicle.build([EXAMPLES])
    articles = chronicle.read([EXAMPLES]).articles
    from_articles = chronicle.build(articles)
    assert [e.id for e in from_paths.entries] == [e.id for e in from_articles.entries]
    from_dict = chronicle.build(STORY)
    assert [e.when.value for e in from_dict.entries] == ["2019-03-08", "2019-03-11"]
    assert from_dict.articles[0].id == "harbour-1"


def test_build_options_match_the_command_line() -> None:
    everything = chronicle.build([EXAMPLES])
    few = chronicle.build([EXAMPLES], max_events=5)
    assert len(few.entries) == 5 < len(everything.entries)
    november = chronicle.build([EXAMPLES], start="2015-11", end="2015-11")
    for entry in november.entries:
        assert entry.when.end is not None and entry.when.end >= date(2015, 11, 1)
        assert entry.when.start is not None and entry.when.start <= date(2015, 11, 30)
    titled = chronicle.build([EXAMPLES], title="Paris")
    assert titled.title == "Paris"


def test_bad_inputs_are_listed_or_raised(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_text("", "utf-8")
    good = tmp_path / "good.txt"
    good.write_bytes((EXAMPLES / "01-hk-daily-raqqa-strikes.txt").read_bytes())
    timeline = chronicle.build([good, bad])
    assert [skip.source for skip in timeline.skipped] == ["empty.txt"]
    with pytest.raises(chronicle.InputError, match="empty file"):
        chronicle.build([bad, good], strict=True)
    with pytest.raises(chronicle.InputError, match="empty file"):
        chronicle.build([bad])
    with pytest.raises(chronicle.InputError, match="no publish date"):
        chronicle.build({"title": "x", "text": "Something on Friday."})
    result = chronicle.read([{"title": "x", "text": "Something on Friday."}, STORY])
    assert [a.id for a in result.articles] == ["harbour-1"]
    assert result.skipped[0].source == "<item 1>"


def test_build_rejects_nonsense_options() -> None:
    with pytest.raises(chronicle.InputError, match="sentences=0"):
        chronicle.build(STORY, sentences=0)
    with pytest.raises(chronicle.InputError, match="start '13/11/2015'"):
        chronicle.build(STORY, start="13/11/2015")
    with pytest.raises(chronicle.InputError, match="is after"):
        chronicle.build(STORY, start="2016", end="2015")


def test_tag_gives_offsets_types_and_values() -> None:
    text = "The summit opens on Monday and runs for two weeks; it was planned in 2014."
    found = chronicle.tag(text, datetime(2015, 11, 26, 9, 0))
    by_text = {t.text: t for t in found}
    assert by_text["Monday"].value == "2015-11-30"
    assert by_text["Monday"].type is chronicle.TimexType.DATE
    assert by_text["two weeks"].value == "P2W"
    assert by_text["2014"].value == "2014"
    for timex in found:
        assert text[timex.start : timex.end] == timex.text
    assert chronicle.tag(text, date(2015, 11, 26)) == found
    assert chronicle.tag(text, "2015-11-26") == found
    assert repr(by_text["2014"]).startswith("Timex('2014' = 2014 at ")


def test_render_every_format_and_alias() -> None:
    timeline = chronicle.build(STORY)
    for name in ("html", "json", "timelinejs", "markdown", "md", "csv", chronicle.Format.CSV):
        assert chronicle.render(timeline, name)
    assert chronicle.render(timeline, "md") == chronicle.render(timeline, "markdown")
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        chronicle.render(timeline, "pdf")


def test_load_and_validate(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text(chronicle.render(chronicle.build(STORY), "json"), "utf-8")
    doc = chronicle.load(path)
    assert doc["schema"] == "chronicle.timeline/2" and len(doc["events"]) == 2
    chronicle.validate(doc)
    broken = json.loads(json.dumps(doc))
    broken["events"][0]["date"]["granularity"] = "fortnight"
    with pytest.raises(chronicle.InputError, match="at events/0/date/granularity"):
        chronicle.validate(broken)
    old = json.loads(json.dumps(doc))
    old["schema"] = "chronicle.timeline/1"
    for key in ("background", "orphaned_edits"):
        old.pop(key)
    for event in old["events"]:
        for key in ("aliases", "pinned", "featured", "group", "media", "editor"):
            event.pop(key)
    for article in old["articles"]:
        article.pop("rules_language")
    chronicle.validate(old)
    with pytest.raises(chronicle.InputError, match="not a chronicle timeline"):
        chronicle.validate({"events": []})
    (tmp_path / "nested.json").write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    with pytest.raises(chronicle.InputError, match=r"nested\.json"):
        chronicle.load(tmp_path / "nested.json")


def test_timeline_is_a_plain_dataclass() -> None:
    """Users may adjust a timeline before rendering it (a frozen dataclass: replace)."""
    timeline = chronicle.build(STORY)
    retitled = dataclasses.replace(timeline, title="Port")
    assert '"title": "Port"' in chronicle.render(retitled, "json")


def test_downstream_code_type_checks_against_the_package(tmp_path: Path) -> None:
    """A user's file that calls the API passes ``mypy --strict`` (the package ships py.typed)."""
    user = tmp_path / "use_chronicle.py"
    user.write_text(
        "from __future__ import annotations\n"
        "import chronicle\n\n"
        "def headlines(folder: str) -> list[str]:\n"
        "    timeline: chronicle.Timeline = chronicle.build([folder], max_events=5)\n"
        "    return [entry.headline for entry in timeline.entries]\n\n"
        "def values(text: str) -> list[tuple[str, int, int]]:\n"
        "    return [(t.value, t.start, t.end) for t in chronicle.tag(text, '2015-11-16')]\n\n"
        "def page(timeline: chronicle.Timeline) -> str:\n"
        "    return chronicle.render(timeline, chronicle.Format.HTML)\n",
        "utf-8",
    )
    env = {k: v for k, v in os.environ.items() if k != "MYPYPATH"}
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(user)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_no_articles_message_names_the_inputs(tmp_path: Path) -> None:
    folder = tmp_path / "nothing"
    folder.mkdir()
    error = api.no_articles([str(folder)], [])
    assert str(folder) in str(error)
