"""Word lists per language: one accessor, checked at load, chosen by the article's language."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

import chronicle.wordlists as wordlists
from chronicle.errors import SettingsError
from chronicle.events import find_events
from chronicle.events.extract import _attribution_re, _byline_re, _passive_announcement_re
from chronicle.models import Article, Granularity, Mention, Timex, TimexType, TzSource, When
from chronicle.resources import package_file

DATA = package_file("data")
FRIDAY = date(2015, 11, 13)


def _clear() -> None:
    """Forget every list read so far (and the patterns built from them)."""
    for cached in (wordlists.words, wordlists._read, wordlists.reporting_verbs, wordlists.folder):
        cached.cache_clear()
    for pattern in (_attribution_re, _byline_re, _passive_announcement_re):
        pattern.cache_clear()


@pytest.fixture()
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of data/ that the word lists are read from, for the length of one test."""
    root = tmp_path / "chronicle"
    shutil.copytree(DATA, root / "data")

    def package_copy(*parts: str) -> Path:
        return root.joinpath(*parts)

    monkeypatch.setattr(wordlists, "package_file", package_copy)
    _clear()
    yield root / "data"
    _clear()


def test_every_shipped_language_loads() -> None:
    """Each data/<code>/ folder with word lists has the four files, every key, with the right
    types (a folder may hold only a page catalogue, page.toml: a locale for readers)."""
    lists_files = ("text.toml", "events.toml", "headline.toml", "classes.toml")
    folders = sorted(
        p.name for p in DATA.iterdir() if any((p / name).is_file() for name in lists_files)
    )
    assert "en" in folders
    for code in folders:
        lists = wordlists.words(code)
        assert lists.language == code
        assert lists.events.reporting_verbs and lists.headline.verbs and lists.text.abbreviations


@pytest.mark.parametrize("code", ["xx", "EN", "en-GB", "it-IT", "../en", "", "en/../../x"])
def test_a_language_without_lists_reads_as_english(code: str) -> None:
    """A code without a folder (or that could name a path) falls back to the English lists."""
    assert wordlists.words(code) is wordlists.words("en")


@pytest.mark.parametrize("code", ["fr", "es", "de", "pt", "pt-BR", "fr-CA", "es-MX", "de-AT"])
def test_french_spanish_german_portuguese_have_their_own_lists(code: str) -> None:
    """The four languages of issue 17 read their own lists (a regional code its language's)."""
    lists = wordlists.words(code)
    assert lists.language == code.split("-")[0]
    assert lists.events.reporting_verbs != wordlists.words("en").events.reporting_verbs


def test_one_list_per_concept() -> None:
    """event_nouns is one list (the headline adds only heads of fragments); one agency list."""
    lists = wordlists.words()
    assert not set(lists.headline.fragment_heads) & set(lists.events.event_nouns)
    assert "Reuters" in wordlists.wire_agencies() and "Belga" in wordlists.wire_agencies()
    assert wordlists.reporting_verbs() == frozenset(lists.events.reporting_verbs)


def test_a_typo_in_a_word_list_is_refused(data_copy: Path) -> None:
    """An unknown key in a language's file names the file and the key."""
    path = data_copy / "en" / "events.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("hedges = [", "hedgs = [", 1), encoding="utf-8"
    )
    with pytest.raises(SettingsError, match=r"events\.toml: unknown key 'hedgs'"):
        wordlists.words("en")


def test_a_missing_list_is_refused(data_copy: Path) -> None:
    """A language folder must give every list (copy data/en/ and translate each)."""
    (data_copy / "zz").mkdir()
    for name in ("text.toml", "headline.toml", "classes.toml"):
        shutil.copy(data_copy / "en" / name, data_copy / "zz" / name)
    events = (data_copy / "en" / "events.toml").read_text(encoding="utf-8")
    (data_copy / "zz" / "events.toml").write_text(
        events.replace('agent_marker = "by"\n', ""), encoding="utf-8"
    )
    with pytest.raises(SettingsError, match=r"zz/events\.toml: missing key 'agent_marker'"):
        wordlists.words("zz")


def _article(text: str, language: str) -> Article:
    return Article(
        id="a1",
        source="a1.txt",
        title="",
        published=datetime(2015, 11, 16, 9, 0, tzinfo=UTC),
        tz_source=TzSource.TEXT,
        text=text,
        language=language,
    )


def _on(text: str, phrase: str) -> Timex:
    at = text.index(phrase)
    when = When(TimexType.DATE, FRIDAY.isoformat(), Granularity.DAY, FRIDAY, FRIDAY, "by hand")
    return Timex(Mention(at, at + len(phrase), phrase, "test"), when)


def test_events_read_an_article_with_its_language_lists(data_copy: Path) -> None:
    """Adding a language is data only: a new folder's byline openers apply to its articles."""
    shutil.copytree(data_copy / "en", data_copy / "zz")
    path = data_copy / "zz" / "events.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            'byline_openers = ["by",', 'byline_openers = ["par", "by",', 1
        ),
        encoding="utf-8",
    )
    text = "Gunmen attacked the city on Friday.\nPar Jean Dupont, envoyé spécial à Paris, Friday"
    stamps = [_on(text, "Friday")]
    later = text.rindex("Friday")
    stamps.append(dataclasses.replace(stamps[0], mention=Mention(later, later + 6, "Friday", "t")))
    english = find_events(_article(text, "en"), stamps)
    other = find_events(_article(text, "zz"), stamps)
    assert len(english) == 2  # "Par Jean Dupont" is no byline in English
    assert len(other) == 1  # in zz it is
