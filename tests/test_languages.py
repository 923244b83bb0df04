"""The rule files of other languages: every example, and sentences of our own per language."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest

from chronicle.models import Style
from chronicle.resolve import find_timexes
from chronicle.tagging import Example, Rule, load_rules

LANGUAGES = ("de", "es", "fr", "pt")
CASES = [
    (lang, rule, example)
    for lang in LANGUAGES
    for rule in load_rules(lang).rules
    for example in rule.examples
]


def _published(day: str) -> datetime:
    """Noon UTC on ``day`` (YYYY-MM-DD)."""
    return datetime.combine(date.fromisoformat(day), time(12), tzinfo=UTC)


def _values(
    lang: str, text: str, published: str, style: Style = Style.AUTO
) -> list[tuple[str, str]]:
    """(text, value) of every expression found in ``text``."""
    return [
        (t.text, t.when.value)
        for t in find_timexes(text, _published(published), lang=lang, style=style)
    ]


@pytest.mark.parametrize(
    ("lang", "rule", "example"), CASES, ids=[f"{la}:{r.name}:{e.text}" for la, r, e in CASES]
)
def test_rule_example(lang: str, rule: Rule, example: Example) -> None:
    """The example is found whole, by this rule, with the stated value."""
    sentence = example.sentence or example.text
    offset = sentence.find(example.text)
    assert offset >= 0, "the example sentence must contain the example text"
    style = Style(rule.styles[0]) if rule.styles else Style.NEWS
    timexes = find_timexes(sentence, _published(example.published), lang=lang, style=style)
    found = [t for t in timexes if t.start == offset and t.end == offset + len(example.text)]
    assert found, f"not tagged whole: got {[(t.text, t.mention.rule) for t in timexes]}"
    assert found[0].mention.rule == rule.name
    assert found[0].when.value == example.value


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_rule_has_examples(lang: str) -> None:
    """No rule goes untested."""
    assert all(rule.examples for rule in load_rules(lang).rules)


def test_german_news_sentence() -> None:
    """Dates, weekdays and relative days in a German news report."""
    text = (
        "Am Freitagabend wurde das Rathaus geräumt. Gestern sagte der Bürgermeister, "
        "die Sitzung werde am 3. Dezember nachgeholt; vor zwei Jahren hatte es das schon einmal "
        "gegeben."
    )
    assert _values("de", text, "2015-11-16") == [
        ("Freitagabend", "2015-11-13TEV"),
        ("Gestern", "2015-11-15"),
        ("3. Dezember", "2015-12-03"),
        ("zwei Jahren", "P2Y"),
    ]


def test_german_capitals_are_read() -> None:
    """Words in capitals and with umlauts are read as in lower case."""
    assert _values("de", "Die Wahl ist am 1. MÄRZ 2016.", "2015-11-16") == [
        ("1. MÄRZ 2016", "2016-03-01")
    ]


def test_german_narrative_anchors_on_the_story() -> None:
    """In a history, a day without a year takes the year the story is at."""
    text = (
        "Im Jahr 1862 kam es zu schweren Kämpfen. Der Feldzug begann am 1. April 1863. "
        "Am 3. Mai griff die Armee an. Zwei Tage später fiel die Stadt. "
        "1864 folgte die Belagerung. 1865 endete der Krieg."
    )
    values = dict(_values("de", text, "2011-02-16", Style.NARRATIVE))
    assert values["3. Mai"] == "1863-05-03"
    assert values["Zwei Tage später"] == "1863-05-05"


def test_german_section_heading_gives_its_year() -> None:
    """A history's year heading holds for its section and for the sub-sections under it."""
    text = (
        "1750\n\nPolitik\n\nIm Herbst zogen die Truppen nach Süden. "
        "Am 12. Januar wurde der Vertrag unterzeichnet.\n\n"
        "Seefahrt\n\nAm 4. März lief die Flotte aus. Im Mai kehrte sie zurück.\n\n"
        "1751\n\nAm 2. Juni begann ein neuer Feldzug. Am 1. Juli fiel die Festung. "
        "1740 war das Land noch geeint. 1745 kam es zu ersten Unruhen. 1748 zerfiel es. "
        "1749 stritten die Fürsten.\n\nEnde\n\nIm April endete alles."
    )
    values = dict(_values("de", text, "2011-02-16", Style.NARRATIVE))
    assert values["12. Januar"] == "1750-01-12"  # not the January after the autumn
    assert values["4. März"] == "1750-03-04"  # the sub-section starts again in 1750
    assert values["2. Juni"] == "1751-06-02"
    # a sentence opening with another year sets a new scene: the heading's year is done
    assert values["April"] == "1749-04"


def test_history_look_back_to_an_earlier_year_keeps_the_story_year() -> None:
    """In a history, "the year before" is a look back: later months stay in the story's year."""
    text = (
        "Im Jahr 1790 begann der Bau der Brücke. Im Oktober war der erste Bogen fertig. "
        "Am Ende des vorangegangenen Jahres war der Fluss gefroren. "
        "Im Juni wurde die Brücke eröffnet."
    )
    values = dict(_values("de", text, "2011-02-16", Style.NARRATIVE))
    assert values["des vorangegangenen Jahres"] == "1789"
    assert values["Juni"] == "1790-06"


def test_history_new_year_moves_the_story_on() -> None:
    """ "des neuen Jahres" after the end of a year: later days fall in the next year."""
    text = (
        "Am 20. November 1807 brach das Heer auf. Bis zum Ende des Jahres lag es vor der Stadt. "
        "Zu Beginn des neuen Jahres zog es weiter und erreichte am 9. April die Küste. "
        "Im Mai des folgenden Jahres kehrte es heim."
    )
    values = dict(_values("de", text, "2011-02-16", Style.NARRATIVE))
    assert values["des neuen Jahres"] == "1808"
    assert values["9. April"] == "1808-04-09"
    assert values["Mai des folgenden Jahres"] == "1809-05"


def test_spanish_two_amounts_of_one_unit() -> None:
    """ "dos o tres días": both amounts are durations of the unit written after the second."""
    assert _values("es", "La obra se retrasará dos o tres días.", "2015-11-16") == [
        ("dos", "P2D"),
        ("tres días", "P3D"),
    ]


def test_this_weekday_follows_the_tense() -> None:
    """ "este miércoles" is the coming one in the future tense, the one gone in the past."""
    # published on a Saturday
    assert _values("es", "El equipo jugará este miércoles en Lisboa.", "2015-11-21") == [
        ("este miércoles", "2015-11-25")
    ]
    assert _values("es", "El equipo jugó este miércoles en Lisboa.", "2015-11-21") == [
        ("este miércoles", "2015-11-18")
    ]
    # a start with no tense of its own: from then on
    assert _values("es", "La tienda abre a partir del lunes.", "2015-11-21") == [
        ("del lunes", "2015-11-23")
    ]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("es", "El domingo votaron. El portavoz habló esta tarde con la prensa.", "esta tarde"),
        ("fr", "Dimanche, ils ont voté. Le porte-parole a parlé ce soir.", "ce soir"),
        ("pt", "No domingo votaram. O porta-voz falou esta tarde.", "esta tarde"),
    ],
)
def test_this_part_of_the_day_is_the_publish_day(lang: str, text: str, expected: str) -> None:
    """ "esta tarde", "ce soir": a part of the publish day, not of the day mentioned before."""
    values = dict(_values(lang, text, "2015-11-19"))  # a Thursday
    assert values[expected].startswith("2015-11-19T")


def test_two_years_ago_after_a_quarter_counts_from_the_publish_date() -> None:
    """ "hace dos años" well after a quarter is two years back from the publish date.

    Only "a year ago" (a year-on-year comparison) or an offset right after the quarter count
    from the quarter reported.
    """
    text = (
        "Las ventas del tercer trimestre de 2014 subieron. "
        "El grupo tiene fábricas en tres países y emplea a miles de personas en la región. "
        "Sus directivos quieren abrir tiendas nuevas en las ciudades del interior del país. "
        "La empresa dejó de fabricar el modelo hace dos años."
    )
    assert dict(_values("es", text, "2015-11-16"))["hace dos años"] == "2013"


def test_spanish_day_alone_takes_the_month_just_mentioned() -> None:
    """ "el día 12" right after "el 11 de marzo" is 12 March, not the 12th of this month."""
    text = "La feria abrió el 11 de marzo. El día 12 ya había colas en la entrada."
    assert dict(_values("es", text, "2015-05-20"))["El día 12"] == "2015-03-12"


def test_history_today_is_the_present() -> None:
    """In a history "heute" is the narrator's present, not a day of the story."""
    text = (
        "Am 3. Mai 1812 erreichte das Heer die Stadt Wilna, die heute Vilnius heißt. "
        "1813 zog es sich zurück. 1814 und 1815 folgten weitere Kriege, 1816 der Frieden."
    )
    values = dict(_values("de", text, "2011-02-16", Style.NARRATIVE))
    assert values["heute"] == "PRESENT_REF"


def test_german_today_against_the_past() -> None:
    """News: "heute" set against the past is the present age; on its own it is the day."""
    assert _values("de", "Die Fabrik steht heute noch am Fluss.", "2014-05-02") == [
        ("heute", "PRESENT_REF")
    ]
    assert _values("de", "Der Rat tagt heute im Rathaus.", "2014-05-02") == [
        ("heute", "2014-05-02")
    ]


def test_zone_of_a_clock_time() -> None:
    """A time written with a zone the rule file lists (GMT, UTC) ends in Z."""
    assert _values("es", "La salida será a las 13.00 GMT.", "2015-11-16") == [
        ("las 13.00 GMT", "2015-11-16T13:00Z")
    ]


def test_french_news_sentence() -> None:
    """Weekdays with 'dernier', parts of the day and clock times in a French report."""
    text = (
        "Vendredi dernier, le conseil a voté le budget. Hier soir, le maire a annoncé "
        "une réunion le 3 décembre à 18 h 30."
    )
    assert _values("fr", text, "2015-11-16") == [
        ("Vendredi dernier", "2015-11-13"),
        ("Hier soir", "2015-11-15TEV"),
        ("le 3 décembre", "2015-12-03"),
        ("18 h 30", "2015-12-03T18:30"),  # on the day written just before it
    ]


def test_french_participle_is_no_summer() -> None:
    """'été' after an auxiliary is the participle, not the season."""
    assert _values("fr", "Le pont a été fermé. L'été 2015 fut chaud.", "2015-11-16") == [
        ("L'été 2015", "2015-SU")
    ]


def test_spanish_news_sentence() -> None:
    """Relative words on either side and 'hace' offsets in a Spanish report."""
    text = (
        "El lunes pasado el gobierno aprobó la ley, que entrará en vigor el próximo 1 de enero. "
        "Hace tres años se votó una reforma parecida."
    )
    assert _values("es", text, "2015-11-18") == [
        ("El lunes pasado", "2015-11-16"),
        ("1 de enero", "2016-01-01"),
        ("Hace tres años", "2012"),
    ]


def test_portuguese_news_sentence() -> None:
    """Weekdays in -feira, quarters and 'há' offsets in a Portuguese report."""
    text = (
        "A empresa anunciou na sexta-feira passada que o lucro do terceiro trimestre caiu. "
        "Há dois anos, o lucro tinha subido."
    )
    assert _values("pt", text, "2015-11-18") == [
        ("na sexta-feira passada", "2015-11-13"),
        ("do terceiro trimestre", "2015-Q3"),
        ("Há dois anos", "2013-Q3"),  # two years before the quarter reported on
    ]


def test_tempeval_documents_are_read_in_their_language(tmp_path: Path) -> None:
    """A JSON Lines document's own 'lang' picks its rules; others take --lang."""
    from chronicle import tagio

    path = tmp_path / "docs.jsonl"
    lines = [
        {"id": "a", "dct": "2015-11-16", "text": "Gestern wurde gewählt.", "lang": "de"},
        {"id": "b", "dct": "2015-11-16", "text": "Ayer se votó."},
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    german, spanish = tagio.read_tempeval(str(path), lang="es")
    records = [json.loads(tagio.to_jsonl(tagio.tag_document(d))) for d in (german, spanish)]
    assert [r["rules_language"] for r in records] == ["de", "es"]
    assert [r["timexes"][0]["value"] for r in records] == ["2015-11-15", "2015-11-15"]


@pytest.mark.parametrize(
    ("lang", "text", "published", "expected"),
    [
        ("fr", "La convention sera signée en juin prochain.", "2010-05-20", "2010-06"),
        ("fr", "Le musée a rouvert le 3 mai dernier.", "2010-05-20", "2010-05-03"),
        ("es", "La feria se celebró en octubre pasado.", "2010-11-20", "2010-10"),
        ("pt", "A obra começou em março passado.", "2010-11-20", "2010-03"),
    ],
)
def test_month_with_a_relative_word_after_it(
    lang: str, text: str, published: str, expected: str
) -> None:
    """A month followed by "prochain", "pasado", "passado" is the nearest one that way."""
    assert [value for _, value in _values(lang, text, published)] == [expected]


def test_amount_between_two_happenings_is_a_duration() -> None:
    """ "dos días después del partido": TimeML reads the amount as a length of time."""
    assert _values("es", "La junta se reunió dos días después del partido.", "2010-05-20") == [
        ("dos días", "P2D")
    ]
    assert _values("pt", "A loja fechou um mês depois da inundação.", "2010-05-20") == [
        ("um mês", "P1M")
    ]


def test_french_age_is_no_duration() -> None:
    """An age ("une fillette de 6 ans", "Paul Martin, 41 ans,") is not tagged; a delay is."""
    assert _values("fr", "Paul Martin, 41 ans, habite à Metz.", "2010-05-20") == []
    assert _values("fr", "Une fillette de 6 ans a été retrouvée.", "2010-05-20") == []
    assert _values("fr", "Le vol a été retardé de vingt minutes.", "2010-05-20") == [
        ("vingt minutes", "PT20M")
    ]


def test_this_weekend_told_in_the_past() -> None:
    """ "ce week-end" in a past-tense clause, written on a weekday, is the one just gone."""
    text = "Les jeunes nageurs sont partis ce week-end à Annecy."
    assert _values("fr", text, "2011-03-08") == [("ce week-end", "2011-W09-WE")]
    text = "Les jeunes nageurs partiront ce week-end à Annecy."
    assert _values("fr", text, "2011-03-08") == [("ce week-end", "2011-W10-WE")]


def test_german_weekday_in_the_present_tense_is_coming() -> None:
    """German tells what is coming in the present tense; a past tense names the day gone."""
    published = "2012-03-07"  # a Wednesday
    assert _values("de", "Am Freitag fährt die Mannschaft nach Graz.", published) == [
        ("Freitag", "2012-03-09")
    ]
    assert _values("de", "Am Montag fand die Sitzung im Rathaus statt.", published) == [
        ("Montag", "2012-03-05")
    ]
    assert _values("de", "Das Treffen, das am Montag stattgefunden hat, war kurz.", published) == [
        ("Montag", "2012-03-05")
    ]


def test_spanish_words_that_are_no_time() -> None:
    """A connective "entonces", a noun "futuro" with its owner, "las dos centrales": no time."""
    published = "2010-05-20"
    assert _values("es", "Me llamó y entonces salí de casa.", published) == []
    assert _values("es", "Desde entonces vive en Sevilla.", published) == [
        ("Desde entonces", "PAST_REF")
    ]
    assert _values("es", "Hablaron del futuro de la fábrica.", published) == []
    assert _values("es", "Las dos centrales firmaron el pacto.", published) == []
    assert _values("es", "El Gobierno vendió durante años sus acciones.", published) == [
        ("años", "PXY")
    ]
