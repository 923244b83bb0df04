"""Pages in the reader's language (issue 17): the catalogues, dates, formats, CLI and API."""

from __future__ import annotations

import dataclasses
import json
import re
import string
from datetime import date, datetime
from pathlib import Path
from typing import Any

import babel
import pytest

from chronicle import api
from chronicle.errors import UsageError
from chronicle.models import Granularity, Timeline, TzSource
from chronicle.rendering import Format, render, schema_path, write_embed_assets
from chronicle.rendering.catalogue import LOCALES, catalogue, check_locale
from chronicle.rendering.date_labels import date_label, group_label, precision_note, published_label
from chronicle.rendering.html import SCRIPT_FILE, localised_script, static_text
from test_cli import run

OTHERS = [code for code in LOCALES if code != "en"]
# Keys whose patterns may name other values than English's: Roman centuries.
ALTERNATES = {
    "century": {"roman"},
    "group_century": {"roman"},
    "centuries": {"first_roman", "last_roman"},
}


def _fields(text: str) -> set[str]:
    """The {placeholders} of a pattern."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _patterns(words: Any, prefix: str = "") -> dict[str, str]:
    """Every pattern of a catalogue part, by dotted key (tables and lists flattened)."""
    found: dict[str, str] = {}
    items = (
        words.items()
        if isinstance(words, dict)
        else ((f.name, getattr(words, f.name)) for f in dataclasses.fields(words))
    )
    for key, value in items:
        name = f"{prefix}{key}"
        if isinstance(value, str):
            found[name] = value
        elif isinstance(value, dict) or dataclasses.is_dataclass(value):
            found.update(_patterns(value, name + "."))
    return found


@pytest.mark.parametrize("code", OTHERS)
def test_every_locale_has_the_keys_of_english(code: str) -> None:
    """Same keys in every table as English (the loader checks the fixed fields; tables here)."""
    english, other = catalogue("en").words, catalogue(code).words
    assert other.counts.keys() == english.counts.keys()
    for table in ("seasons", "parts_of_day", "vague", "mods", "precision"):
        assert getattr(other.dates, table).keys() == getattr(english.dates, table).keys(), table
    assert set(english.dates.precision) == {g.value for g in Granularity}
    assert len(other.dates.ordinals) == 4


@pytest.mark.parametrize("code", OTHERS)
def test_placeholders_are_those_of_english(code: str) -> None:
    """A pattern names the values chronicle gives it: English's, or a listed alternative."""
    english = _patterns(catalogue("en").words)
    other = _patterns(catalogue(code).words)
    for key, pattern in other.items():
        base = re.sub(r"^(counts\.\w+|dates\.ordinal)\.\w+$", r"\1.other", key)
        wanted = _fields(english.get(key) or english[base])
        given = _fields(pattern)
        allowed = wanted | ALTERNATES.get(key.rsplit(".", 1)[-1], set())
        assert given <= allowed, f"{code}: {key} names {given - allowed}"
        if key.rsplit(".", 1)[-1] not in ALTERNATES:
            assert given == wanted, f"{code}: {key} leaves out {wanted - given}"


@pytest.mark.parametrize("code", LOCALES)
def test_plural_tables_use_the_languages_categories(code: str) -> None:
    """Counts and ordinals give 'other', and only categories CLDR knows for the language."""
    words = catalogue(code).words
    locale = babel.Locale.parse(code)
    plural = set(locale.plural_form.tags) | {"other"}
    ordinal = set(locale.ordinal_form.tags) | {"other"}
    for forms in words.counts.values():
        assert "other" in forms and set(forms) <= plural
    assert "other" in words.dates.ordinal and set(words.dates.ordinal) <= ordinal


def test_counts_follow_the_plural_rules() -> None:
    """French counts 0 and 1 as singular; German and English only 1; French groups digits."""
    assert catalogue("fr").count(0, "event") == "0 événement"
    assert catalogue("fr").count(2, "event") == "2 événements"
    assert catalogue("fr").count(1234, "event") == "1\u202f234 événements"
    assert catalogue("en").count(0, "event") == "0 events"
    assert catalogue("en").count(1234, "event") == "1234 events"  # as chronicle always wrote
    assert catalogue("de").count(1, "article") == "1 Artikel"
    assert catalogue("en").count(2, "widget") == "2 widgets"  # a template's own noun


def test_ordinals_follow_the_ordinal_rules() -> None:
    """21st, 22nd, 23rd, 11th; 1er, 2e; 21."""
    en = catalogue("en")
    assert [en.ordinal(n) for n in (21, 22, 23, 11, 12, 13)] == [
        "21st",
        "22nd",
        "23rd",
        "11th",
        "12th",
        "13th",
    ]
    assert [catalogue("fr").ordinal(n) for n in (1, 2, 21)] == ["1er", "2e", "21e"]
    assert catalogue("de").ordinal(21) == "21."


def test_check_locale() -> None:
    """Region and case are tolerated; anything else is a usage error naming the choices."""
    assert check_locale("FR") == "fr"
    assert check_locale("pt_BR") == "pt"
    assert check_locale("de-AT") == "de"
    assert check_locale(None) is None
    for bad in ("xx", "", "english", "zh"):
        with pytest.raises(UsageError, match="choose one of those"):
            check_locale(bad)


DAY = date(2015, 11, 13)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", "13 November 2015"),
        ("fr", "13 novembre 2015"),
        ("es", "13 de noviembre de 2015"),
        ("de", "13. November 2015"),
        ("pt", "13 de novembro de 2015"),
    ],
)
def test_day_labels(code: str, expected: str) -> None:
    """A day in each locale's words and order."""
    words = catalogue(code)
    assert date_label("2015-11-13", Granularity.DAY, DAY, DAY, words=words) == expected


def test_french_labels_of_every_kind() -> None:
    """Spans, weeks, seasons, quarters, decades, centuries, times, modifiers, vague dates."""
    fr = catalogue("fr")

    def label(
        value: str, gran: Granularity, start: date | None, end: date | None, **kw: Any
    ) -> str:
        return date_label(value, gran, start, end, words=fr, **kw)

    assert label("2015-11", Granularity.DAY, DAY, date(2015, 11, 15)) == "13–15 novembre 2015"
    assert label("x", Granularity.DAY, DAY, date(2015, 12, 2)) == "13 novembre – 2 décembre 2015"
    assert label("2015-11", Granularity.MONTH, date(2015, 11, 1), date(2015, 11, 30)) == (
        "novembre 2015"
    )
    assert label("2015-11-13TEV", Granularity.DAY, DAY, DAY) == "13 novembre 2015, soir"
    assert label("2015-11-13T21:20", Granularity.DAY, DAY, DAY, mod="APPROX") == (
        "13 novembre 2015, vers 21:20"
    )
    assert label("2015-SU", Granularity.SEASON, date(2015, 6, 1), date(2015, 8, 31)) == ("été 2015")
    assert label("2015-Q3", Granularity.QUARTER, date(2015, 7, 1), date(2015, 9, 30)) == (
        "troisième trimestre 2015"
    )
    assert label("199", Granularity.DECADE, date(1990, 1, 1), date(1999, 12, 31)) == (
        "les années 1990"
    )
    assert label("20", Granularity.CENTURY, date(2000, 1, 1), date(2099, 12, 31)) == (
        "le 21e siècle"
    )
    assert label("2015-W47-WE", Granularity.WEEK, date(2015, 11, 21), date(2015, 11, 22)) == (
        "week-end des 21–22 novembre 2015"
    )
    assert label(
        "2015-11", Granularity.MONTH, date(2015, 11, 1), date(2015, 11, 30), mod="START"
    ) == ("début novembre 2015")
    assert label(
        "PAST_REF", Granularity.VAGUE, date(2012, 11, 13), DAY, phrase="ces dernières années"
    ) == ("ces dernières années (avant nov. 2015)")
    assert label("FUTURE_REF", Granularity.VAGUE, None, None) == "à l’avenir"
    assert group_label(Granularity.VAGUE, None, None, fr) == "Sans date"
    assert precision_note(Granularity.MONTH, DAY, DAY, words=fr) == "mois connu, jour inconnu"


def test_spanish_and_portuguese_centuries_are_roman() -> None:
    """'el siglo XXI', 'os séculos XIX – XX'."""
    century = (Granularity.CENTURY, date(2000, 1, 1), date(2099, 12, 31))
    assert date_label("20", *century, words=catalogue("es")) == "el siglo XXI"
    span = (Granularity.CENTURY, date(1800, 1, 1), date(1999, 12, 31))
    assert date_label("x", *span, words=catalogue("pt")) == "os séculos XIX – XX"
    assert group_label(*century, catalogue("es")) == "siglo XXI"


def test_published_labels() -> None:
    """The publish time with the locale's short month; an assumed zone said so."""
    from zoneinfo import ZoneInfo

    moment = datetime(2015, 11, 16, 0, 33, tzinfo=ZoneInfo("Asia/Hong_Kong"))
    assert published_label(moment, TzSource.TEXT, catalogue("fr")) == (
        "16 nov. 2015, 00:33 HKT (UTC+8)"
    )
    assert published_label(moment, TzSource.ASSUMED, catalogue("de")) == (
        "16. Nov. 2015, 00:33 HKT (UTC+8), Zone angenommen"
    )
    assert published_label(moment, TzSource.TEXT) == "16 Nov 2015, 00:33 HKT (UTC+8)"


def test_embed_script_ships_the_english_catalogue() -> None:
    """The LABELS line of chronicle-embed.js is the English catalogue (one source of words),
    and every locale's labels replace it whole."""
    script = static_text(SCRIPT_FILE)
    line = re.search(r"^ *var LABELS = (\{.*\});$", script, re.MULTILINE)
    assert line is not None
    assert json.loads(line.group(1)) == catalogue("en").script_labels()
    assert localised_script(script, catalogue("en")) == script
    french = localised_script(script, catalogue("fr"))
    assert '"search": "Rechercher des événements"' in french
    assert french.count("var LABELS = ") == 1
    # every label the script reads is in the table
    used = set(re.findall(r"LABELS\.(\w+)", script)) | {"event_one", "event_other"}
    assert used <= catalogue("fr").script_labels().keys()


def test_schema_names_the_locales() -> None:
    """The JSON schema's ``locale`` enum is chronicle's list of locales."""
    schema = json.loads(schema_path(2).read_text(encoding="utf-8"))
    assert schema["properties"]["locale"]["enum"] == list(LOCALES)


def test_default_output_names_no_locale(sample_timeline: Timeline) -> None:
    """Without a locale, the JSON is as before (no field); with one, it is named and valid."""
    assert '"locale"' not in render(sample_timeline, Format.JSON)
    doc = json.loads(render(sample_timeline, Format.JSON, locale="es"))
    assert doc["locale"] == "es"
    api.validate(doc)
    assert json.loads(render(sample_timeline, Format.JSON, locale="en"))["locale"] == "en"


@pytest.mark.parametrize("code", LOCALES)
def test_every_format_renders_in_every_locale(sample_timeline: Timeline, code: str) -> None:
    """HTML names its language; Markdown and TimelineJS use the locale's counts."""
    words = catalogue(code)
    html = render(sample_timeline, Format.HTML, locale=code)
    assert f'<html lang="{code}"' in html
    assert f"<summary>{words.page.why_this_date}</summary>" in html
    counts = words.counts_line(len(sample_timeline.entries), len(sample_timeline.articles))
    markdown = render(sample_timeline, Format.MARKDOWN, locale=code)
    assert counts in markdown
    assert words.page.skip_link not in markdown
    render(sample_timeline, Format.TIMELINEJS, locale=code)
    render(sample_timeline, Format.CSV, locale=code)


def test_french_markdown_has_no_english_labels(sample_timeline: Timeline) -> None:
    """The Markdown's own words are French: no English label is left."""
    markdown = render(sample_timeline, Format.MARKDOWN, locale="fr")
    english = catalogue("en").page
    for label in (english.background, english.approximate, english.sources_disagree):
        assert label not in markdown
    assert "événement" in markdown


def test_english_explanations_become_french(tmp_path: Path) -> None:
    """``build(locale="fr")`` writes the resolver's explanations with the French templates."""
    text = (
        "PARIS, Nov 16 (Desk) - Gunmen attacked the city on Friday, officials said on Monday. "
        "The president spoke on 13 November 2015."
    )
    article = {"id": "a", "title": "Attacks", "published": "2015-11-16T09:00+01:00", "text": text}
    english = api.build([article], max_events=None)
    french = api.build([article], max_events=None, locale="fr")
    lines_en = {e.timex.when.explanation for x in english.entries for e in x.events}
    lines_fr = {e.timex.when.explanation for x in french.entries for e in x.events}
    assert any("written in full" in line for line in lines_en)
    assert any("écrit en entier" in line for line in lines_fr)
    assert not any("written in full" in line for line in lines_fr)
    with pytest.raises(UsageError):
        api.build([article], locale="xx")


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    """One small article file."""
    path = tmp_path / "story.md"
    path.write_text(
        "---\ntitle: Floods\npublished: 2016-06-03T10:00+02:00\n---\n"
        "The river rose on Wednesday. Officials said the dam held on 1 June 2016.\n",
        encoding="utf-8",
    )
    return path


def test_cli_locale_writes_a_french_page(
    article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--locale fr``: French page and Markdown; the embed assets speak French too."""
    out = tmp_path / "page.html"
    assets = tmp_path / "assets"
    assets.mkdir()
    code, _, err = run(
        ["build", str(article), "--locale", "fr", "-o", str(out), "--embed-assets", str(assets)],
        capsys,
    )
    assert code == 0, err
    page = out.read_text(encoding="utf-8")
    assert '<html lang="fr"' in page and "juin 2016" in page and "Pourquoi cette date" in page
    assert "Rechercher des événements" in (assets / "chronicle-embed.js").read_text("utf-8")
    code, markdown, _ = run(["build", str(article), "--locale", "de", "-f", "md"], capsys)
    assert code == 0 and "Juni 2016" in markdown and "aus 1 Artikel." in markdown


def test_cli_unknown_locale_is_one_line(
    article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown locale: one line, exit code 2 like other usage errors, no output file."""
    out = tmp_path / "page.html"
    code, _, err = run(["build", str(article), "--locale", "klingon", "-o", str(out)], capsys)
    assert code == 2
    assert err.strip().count("\n") == 0 and "Traceback" not in err
    assert "unknown locale 'klingon'" in err and "en, fr, es, de, pt" in err
    assert not out.exists()


def test_write_embed_assets_default_is_the_shipped_script(tmp_path: Path) -> None:
    """Without a locale the embed script is written as shipped."""
    write_embed_assets(tmp_path)
    assert (tmp_path / "chronicle-embed.js").read_text("utf-8") == static_text(SCRIPT_FILE)
