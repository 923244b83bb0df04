"""Explanations made outside the resolver in the reader's language (issue 17, item 4).

Background spans, dates counted from a happening ("two days after the quake"), dates set beside
another ("a day after the quake hit"), undated leads, reports of the day and the editor's dates
are written from the ``[explain]`` table of ``data/<locale>/page.toml``: in the reader's locale
when one is given, else in the article's own language. The articles are made up for these tests.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from chronicle import api
from chronicle.edits import correction
from chronicle.edits.timex_values import parse_date
from chronicle.errors import SettingsError
from chronicle.models import Timeline
from chronicle.rendering import Format, render
from chronicle.rendering.catalogue import LOCALES, ExplainWords, PageFile, catalogue, explaining
from chronicle.resources import package_file
from chronicle.settings import load
from chronicle.store import Store

QUAKE = {
    "id": "quake",
    "title": "Quake shakes the valley",
    "published": "2019-04-10T09:00+02:00",
    "text": (
        "A strong quake struck the valley on Monday, toppling the old clock tower. "
        "Two days after the quake, engineers closed the main bridge to all traffic. "
        "The valley has suffered small tremors since 2012. "
        "Geologists said on Tuesday, a day after the quake hit, that more shocks could follow."
    ),
}
SHELTER = {
    "id": "shelter",
    "title": "Valley counts the cost",
    "published": "2019-04-12T18:00+02:00",
    "text": (
        "Volunteers handed out blankets and hot soup to families who had slept outside in the "
        "cold. Three days after the quake, the mayor opened a shelter in the school gym for the "
        "homeless families. Teachers hope to reopen the classrooms within weeks."
    ),
}


def _explanations(timeline: Timeline) -> dict[str, list[str]]:
    """Every source's explanation, by the rule that dated it."""
    found: dict[str, list[str]] = {}
    for entry in (*timeline.entries, *timeline.background):
        for event in entry.events:
            found.setdefault(event.timex.mention.rule, []).append(event.timex.when.explanation)
    return found


def _build(locale: str | None, **options: Any) -> Timeline:
    """The two made-up articles built into one timeline, every entry kept, days summarised."""
    return api.build([QUAKE, SHELTER], max_events=None, sentences=3, locale=locale, **options)


def test_english_explanations_are_as_before() -> None:
    """Without a locale, English articles keep chronicle's English lines."""
    lines = _explanations(_build(None))
    assert lines["background"] == ["since 2012 → 2012–Apr 2019: from 2012 up to the publish date"]
    assert (
        "Two days after the quake → Wed 10 Apr 2019: 'quake' is dated Mon 08 Apr 2019 in this "
        "article" in lines["event-anchor"]
    )
    assert (
        "Three days after the quake → Thu 11 Apr 2019: 'quake' is dated Mon 08 Apr 2019 in "
        "another article" in lines["event-anchor"]
    )
    assert lines["set-beside"] == [
        "a day after → Mon 08 Apr 2019: 'the quake hit' came a day after Tue 09 Apr 2019, "
        "the date it is set beside"
    ]
    assert (
        "no date in the lead sentence: dated by the article's publish date, Fri 12 Apr 2019"
        in lines["publish-date"]
    )
    assert (
        "no date in the sentence: a report of the day, published Wed 10 Apr 2019"
        in lines["publish-date"]
    )


def test_a_french_page_explains_in_french() -> None:
    """``locale="fr"``: background, anchored, set-beside, lead and report lines in French."""
    timeline = _build("fr")
    lines = _explanations(timeline)
    assert lines["background"] == [
        "since 2012 → 2012–avr. 2019 : de 2012 jusqu’à la date de publication"
    ]
    assert (
        "Two days after the quake → mer. 10 avr. 2019 : « quake » est daté du lun. 8 avr. 2019 "
        "dans cet article" in lines["event-anchor"]
    )
    assert (
        "Three days after the quake → jeu. 11 avr. 2019 : « quake » est daté du lun. 8 avr. "
        "2019 dans un autre article" in lines["event-anchor"]
    )
    assert lines["set-beside"] == [
        "a day after → lun. 8 avr. 2019 : « the quake hit » : « a day after » le mar. 9 avr. "
        "2019, la date écrite à côté"
    ]
    assert (
        "pas de date dans la phrase d’attaque : datée par la date de publication de l’article, "
        "ven. 12 avr. 2019" in lines["publish-date"]
    )
    assert (
        "pas de date dans la phrase : un compte rendu du jour, publié le mer. 10 avr. 2019"
        in lines["publish-date"]
    )
    english = ("publish date", "is dated", "report of the day", "lead sentence", "set beside")
    page = render(timeline, Format.HTML, locale="fr")
    assert not [words for words in english if words in page]


def test_a_spanish_page_explains_in_spanish() -> None:
    """``locale="es"``: the same lines in Spanish."""
    lines = _explanations(_build("es"))
    assert lines["background"] == [
        "since 2012 → 2012–abr 2019: desde 2012 hasta la fecha de publicación"
    ]
    assert (
        "Three days after the quake → jue 11 abr 2019: «quake» tiene fecha del lun 8 abr 2019 "
        "en otro artículo" in lines["event-anchor"]
    )
    assert lines["set-beside"] == [
        "a day after → lun 8 abr 2019: «the quake hit»: «a day after» el mar 9 abr 2019, "
        "la fecha escrita al lado"
    ]
    assert (
        "ninguna fecha en la primera frase: fechada por la fecha de publicación del artículo, "
        "vie 12 abr 2019" in lines["publish-date"]
    )
    assert (
        "ninguna fecha en la frase: una crónica del día, publicada el mié 10 abr 2019"
        in lines["publish-date"]
    )


def test_a_french_article_explains_in_french_without_a_locale() -> None:
    """No locale: an article's own language writes its lines, as the resolver's do."""
    article = {
        "id": "vallee",
        "title": "La vallée tremble",
        "published": "2019-04-10T09:00+02:00",
        "language": "fr",
        "text": "La vallée subit de petites secousses depuis 2012, selon les géologues.",
    }
    timeline = api.build([article], max_events=None)
    assert _explanations(timeline)["background"] == [
        "depuis 2012 → 2012–avr. 2019 : de 2012 jusqu’à la date de publication"
    ]


def test_the_editors_date_is_explained_in_the_readers_language() -> None:
    """A corrected date says so in the page's language; the sheet's cells stay as written."""
    first = _build(None)
    target = next(e for e in first.entries if e.when.value == "2019-04-08")
    cells = {"new_date": "2019-04-07T23:50+02:00", "note": "selon le sismographe"}
    fixed = correction(target.id, cells)
    french = api.build([QUAKE, SHELTER], max_events=None, locale="fr", edits=_sheet([fixed]))
    corrected = next(e for e in french.entries if e.id == target.id)
    assert corrected.when.explanation == (
        "date corrigée par la rédaction : selon le sismographe (écrite 2019-04-07T23:50+02:00)"
    )
    english = api.build([QUAKE, SHELTER], max_events=None, edits=_sheet([fixed]))
    assert next(e for e in english.entries if e.id == target.id).when.explanation == (
        "date corrected by the editor: selon le sismographe (written 2019-04-07T23:50+02:00)"
    )
    assert parse_date("2019-04", None, catalogue("es")).explanation == (
        "fecha corregida por la redacción"
    )


def _sheet(corrections: list[Any]) -> Any:
    """The corrections as :func:`chronicle.api.build` takes them."""
    from chronicle.api import Edits

    return Edits(corrections=corrections, notes=[], source=None)


def test_a_store_made_before_keeps_its_lines_and_explains_edits_in_the_locale(
    tmp_path: Path,
) -> None:
    """A store keeps each article's lines as it read them; a timeline from it in French writes
    the editor's dates and the reports of the day in French."""
    articles, _ = api.read([QUAKE, SHELTER])
    with Store(tmp_path / "story.db", create=True) as store:
        store.add(articles)
        plain = store.timeline(max_events=None)
        target = next(e for e in plain.entries if e.when.value == "2019-04-08")
        store.replace_corrections([correction(target.id, {"new_date": "2019-04-07"})])
    with Store(tmp_path / "story.db") as store:
        french = store.timeline(max_events=None, locale="fr", sentences=3)
    lines = _explanations(french)
    assert lines["background"] == ["since 2012 → 2012–Apr 2019: from 2012 up to the publish date"]
    assert next(e for e in french.entries if e.id == target.id).when.explanation == (
        "date corrigée par la rédaction"
    )
    assert any(line.startswith("pas de date dans la phrase :") for line in lines["publish-date"])


def test_a_long_sentence_says_so_in_the_readers_language() -> None:
    """A sentence read in pieces: the note is in the locale, with its digit grouping."""
    body = " ".join(["the council met on Friday 12 April 2019 and"] * 60) + " left."
    article = {"id": "long", "published": "2019-04-15T09:00+02:00", "text": body}
    found = _explanations(api.build([article], locale="fr"))
    lines = [line for rule in found.values() for line in rule]
    assert any("(la phrase dépasse 2\u202f000 caractères" in line for line in lines)


@pytest.mark.parametrize("code", [c for c in LOCALES if c != "en"])
def test_every_locale_explains_with_the_keys_of_english(code: str) -> None:
    """Each catalogue has every key of English, in every table, with the same {placeholders}
    (the loader checks the fixed fields; the free tables are checked here)."""
    english, other = catalogue("en").words, catalogue(code).words
    assert _keys(other) == _keys(english)
    for name in (f.name for f in dataclasses.fields(ExplainWords)):
        assert _fields(getattr(other.explain, name)) == _fields(getattr(english.explain, name))


def _keys(words: Any, prefix: str = "") -> set[str]:
    """Every dotted key of a catalogue (dataclass fields and table keys)."""
    if dataclasses.is_dataclass(words):
        items = [(f.name, getattr(words, f.name)) for f in dataclasses.fields(words)]
    elif isinstance(words, dict):
        items = list(words.items())
    else:
        return set()
    found: set[str] = set()
    for key, value in items:
        found.add(prefix + key)
        found |= _keys(value, f"{prefix}{key}.")
    return found - _own_keys(words, prefix)


def _own_keys(words: Any, prefix: str) -> set[str]:
    """Keys each language has its own set of: the plural categories of count and ordinal tables,
    and the modifiers written inside a label ("the mid-1990s")."""
    if prefix.startswith("counts.") or prefix in ("dates.ordinal.", "dates.mods_inside."):
        return {prefix + key for key in words}
    return set()


def _fields(pattern: str) -> set[str]:
    """The {placeholders} of a pattern."""
    import string

    return {name for _, name, _, _ in string.Formatter().parse(pattern) if name}


def test_explaining_falls_back_to_english() -> None:
    """The reader's locale first, else the article's language, else English."""
    assert explaining("de", "fr").code == "de"
    assert explaining(None, "pt-BR").code == "pt"
    assert explaining(None, "it").code == "en"
    assert explaining(None, "und").code == "en"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("lede = ", "leed = "), "unknown key 'explain.leed'"),
        (("report = ", "# report = "), "missing key 'explain.report'"),
        (("grouped = false", 'grouped = "no"'), "'numbers.grouped' must be a value of type bool"),
        (("[explain]", "[explained]"), "unknown key 'explained'"),
    ],
)
def test_a_broken_catalogue_is_one_line_naming_file_and_key(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    """A misspelt, missing or mistyped key: one SettingsError line naming the file and key."""
    text = package_file("data", "en", "page.toml").read_text("utf-8")
    assert change[0] in text
    broken = tmp_path / "page.toml"
    broken.write_text(text.replace(change[0], change[1], 1), "utf-8")
    with pytest.raises(SettingsError) as caught:
        load(PageFile, broken)
    line = str(caught.value)
    assert "\n" not in line and line.startswith(str(broken)) and message in line
