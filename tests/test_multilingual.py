"""News in French, Spanish, German and Portuguese (#17): events and merge in their language.

One happening told in three languages is one entry with three sources; the possessive and
reported-speech attributions of "What happened on that date" (#10) pick the right happening in
each language. Every sentence here is written for these tests (facts of the November 2015 Paris
attacks, in our own words).
"""

from __future__ import annotations

from datetime import date

import pytest

import chronicle
from chronicle.events.headline import make_headline
from chronicle.models import Entry
from chronicle.text.keywords import key_words
from chronicle.text.sentences import sentence_spans

PUBLISHED = "2015-11-16T09:00:00+01:00"  # a Monday
FRIDAY, SUNDAY, MONDAY = date(2015, 11, 13), date(2015, 11, 15), date(2015, 11, 16)

ENGLISH = (
    "Gunmen and suicide bombers killed 130 people at the Bataclan concert hall, the Stade de "
    "France and cafés in Paris on Friday night. Earlier on Friday, the Belgian parliament in "
    "Brussels passed a budget bill after a long debate. French jets bombed Raqqa in Syria on "
    "Sunday, the defence ministry said."
)
FRENCH = (
    "Vendredi soir, des kamikazes et des tireurs ont tué 130 personnes au Bataclan, au Stade de "
    "France et dans des cafés de Paris. Dimanche, des avions français ont bombardé Raqqa, en "
    "Syrie, a indiqué le ministère de la Défense."
)
SPANISH = (
    "Terroristas suicidas y pistoleros mataron el viernes por la noche a 130 personas en la sala "
    "Bataclan, el Stade de France y varios cafés de París. Aviones franceses bombardearon Raqqa, "
    "en Siria, el domingo, según el Ministerio de Defensa."
)


def story(*articles: tuple[str, str, str]) -> list[dict[str, str]]:
    """Article dicts (id, language, text) published on the Monday after the attacks."""
    return [
        {"id": key, "title": f"Paris ({lang})", "published": PUBLISHED, "language": lang, "text": t}
        for key, lang, t in articles
    ]


def sources(entry: Entry) -> set[str]:
    """The ids of the articles an entry draws on."""
    return {event.article_id for event in entry.events}


def on(entries: list[Entry], day: date) -> list[Entry]:
    """The entries dated ``day``."""
    return [e for e in entries if e.when.start == day and e.when.end == day]


def test_one_happening_in_english_french_and_spanish_is_one_entry_with_three_sources() -> None:
    """The attacks, told in three languages, make one entry; so do Sunday's strikes; the
    English article's other Friday happening (a vote in Brussels) stays an entry of its own."""
    timeline = chronicle.build(
        story(("en", "en", ENGLISH), ("fr", "fr", FRENCH), ("es", "es", SPANISH))
    )
    friday = on(timeline.entries, FRIDAY)
    attacks = [e for e in friday if "Bataclan" in e.text]
    assert len(attacks) == 1
    assert sources(attacks[0]) == {"en", "fr", "es"}
    others = [e for e in friday if e is not attacks[0]]
    assert [sources(e) for e in others] == [{"en"}]
    assert "budget" in others[0].headline
    strikes = on(timeline.entries, SUNDAY)
    assert len(strikes) == 1 and sources(strikes[0]) == {"en", "fr", "es"}
    # the story's main language heads the entries told in several languages
    assert attacks[0].headline.startswith("Gunmen")
    assert strikes[0].headline == "French jets bombed Raqqa in Syria"


def test_two_languages_without_a_shared_name_stay_apart() -> None:
    """Content words do not carry across languages: two happenings of one day, in two
    languages, with no name or number in common, are two entries."""
    timeline = chronicle.build(
        story(
            ("en", "en", "The Belgian parliament in Brussels passed a budget bill on Friday."),
            ("fr", "fr", "Vendredi, un incendie a détruit une usine textile près de Lille."),
        )
    )
    assert sorted(map(sources, on(timeline.entries, FRIDAY)), key=sorted) == [{"en"}, {"fr"}]


def test_function_words_of_the_article_language_are_no_key_words() -> None:
    """Stop words and elided articles are those of the sentence's language."""
    assert key_words("les attentats de l'Hyper Cacher", "fr") == ["attentat", "hyper", "cacher"]
    assert key_words("los atentados del viernes", "es") == ["atentado"]
    assert "die" in key_words("Two people die", "en")
    assert "die" not in key_words("die Anschläge vom Freitag", "de")
    # an accented name is one key word, written with or without its accents
    assert key_words("François Hollande", "fr") == key_words("Francois Hollande", "en")


@pytest.mark.parametrize(
    ("lang", "text", "first"),
    [
        ("fr", "M. Hollande a parlé lundi. Le vote a eu lieu mardi.", "M. Hollande a parlé lundi."),
        (
            "es",
            "El Sr. Rajoy habló el lunes. La votación fue el martes.",
            "El Sr. Rajoy habló el lunes.",
        ),
        (
            "de",
            "Dr. Weber sprach am Montag. Die Wahl war am Dienstag.",
            "Dr. Weber sprach am Montag.",
        ),
        (
            "pt",
            "O Sr. Temer falou na segunda. A votação foi na terça.",
            "O Sr. Temer falou na segunda.",
        ),
    ],
)
def test_sentences_split_with_the_language_abbreviations(lang: str, text: str, first: str) -> None:
    """A title's period ("M.", "Sr.", "Dr.") ends no sentence in its own language."""
    start, end = sentence_spans(text, lang)[0]
    assert text[start:end] == first


# "<someone> paid tribute on Monday to the victims of Friday's attacks", and "police said on
# Monday that a factory closed on Friday", in each language: (language, text, the word that
# names Friday's happening[, the word that names Monday's]).
POSSESSIVE = [
    (
        "fr",
        "Le maire a rendu hommage lundi aux victimes des attentats de vendredi.",
        "attentats",
        "hommage",
    ),
    (
        "es",
        "El alcalde rindió homenaje el lunes a las víctimas de los atentados del viernes.",
        "atentados",
        "homenaje",
    ),
    (
        "de",
        "Der Bürgermeister ehrte am Montag die Opfer der Anschläge vom Freitag.",
        "Anschläge",
        "ehrte",
    ),
    (
        "pt",
        "O prefeito homenageou na segunda-feira as vítimas dos ataques de sexta-feira.",
        "ataques",
        "homenageou",
    ),
]
REPORTED = [
    (
        "fr",
        "La police a indiqué lundi que l'usine de Lille avait fermé ses portes vendredi.",
        "usine",
    ),
    (
        "es",
        "La policía informó el lunes de que la fábrica de Bilbao cerró sus puertas el viernes.",
        "fábrica",
    ),
    (
        "de",
        "Die Polizei teilte am Montag mit, dass die Fabrik in Bremen am Freitag geschlossen wurde.",
        "Fabrik",
    ),
    (
        "pt",
        "A polícia informou na segunda-feira que a fábrica de Porto Alegre fechou as portas na "
        "sexta-feira.",
        "fábrica",
    ),
]


def headlines_by_day(lang: str, text: str) -> dict[date, list[str]]:
    """Day -> the headlines of its entries, for one article."""
    timeline = chronicle.build(story(("a", lang, text)))
    found: dict[date, list[str]] = {}
    for entry in timeline.entries:
        assert entry.when.start is not None
        found.setdefault(entry.when.start, []).append(entry.headline)
    return found


@pytest.mark.parametrize(("lang", "text", "happening", "tribute"), POSSESSIVE)
def test_a_dated_phrase_after_its_noun_names_that_day(
    lang: str, text: str, happening: str, tribute: str
) -> None:
    """ "les attentats de vendredi": Friday's entry is the attacks (the noun phrase alone);
    Monday's is the tribute."""
    days = headlines_by_day(lang, text)
    (friday,) = days[FRIDAY]
    assert happening.lower() in friday.lower() and tribute not in friday
    assert len(friday.split()) <= 4  # "Attentats de vendredi", "Los atentados del viernes"
    (monday,) = days[MONDAY]
    assert tribute in monday


@pytest.mark.parametrize(("lang", "text", "happening"), REPORTED)
def test_reported_speech_dates_what_was_reported(lang: str, text: str, happening: str) -> None:
    """ "police said on Monday that the factory closed on Friday": Friday's headline is the
    closure, without the police's statement."""
    days = headlines_by_day(lang, text)
    (friday,) = days[FRIDAY]
    assert happening in friday
    assert not friday.lower().startswith(("la police", "la policía", "die polizei", "a polícia"))


def test_a_dated_phrase_keeps_the_english_possessive_reading() -> None:
    """English has no joining preposition: "the night of Friday" is no happening phrase, and a
    possessive still heads its noun phrase."""
    sentence = "Officials said on Monday that Friday's attacks in Paris killed 130 people."
    start = sentence.index("Friday")
    assert make_headline(sentence, start, start + 6).startswith("Friday's attacks in Paris")


def test_a_regional_code_reads_its_language() -> None:
    """An article marked "pt-BR" or "fr-CA" is cut with the Portuguese or French lists."""
    text = "O prefeito homenageou na segunda-feira as vítimas dos ataques de sexta-feira."
    assert headlines_by_day("pt-BR", text) == headlines_by_day("pt", text)


def test_an_authority_statement_says_who_said_what_in_spanish() -> None:
    """ "La policía informó el lunes de que ...": Monday's entry is the police's statement, with
    what it said ("de que" opens it, as "that" does in English)."""
    days = headlines_by_day("es", REPORTED[1][1])
    (monday,) = days[MONDAY]
    assert monday.startswith("La policía informó") and "fábrica de Bilbao cerró" in monday
