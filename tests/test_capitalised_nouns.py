"""German writes every noun with a capital: capitalisation alone names nobody there
(``nouns_capitalised`` in data/<language>/events.toml). Sentences made up for these tests."""

from __future__ import annotations

from chronicle.events.names import find_names


def test_german_nouns_are_no_names() -> None:
    """A lone capitalised noun ("Feuerwehr", "Brücke") is no actor; a place after a place
    preposition and two capitalised words together (a first name and a surname) still are."""
    actors, places = find_names(
        "Die Feuerwehr sperrte am Dienstag in Dresden die alte Brücke für Lastwagen.",
        language="de",
    )
    assert actors == () and places == ("Dresden",)
    actors, _ = find_names(
        "Bürgermeisterin Karla Sommer sagte am Mittwoch, die Brücke bleibe geschlossen.",
        language="de",
    )
    assert actors == ("Bürgermeisterin Karla Sommer",)


def test_english_capitals_still_name() -> None:
    """Where nouns are written in lower case, a lone capitalised word is a name as before."""
    actors, places = find_names(
        "The fire brigade closed the old bridge in Dresden, Sommer said.", language="en"
    )
    assert actors == ("Sommer",) and places == ("Dresden",)


def test_names_may_start_with_an_accented_capital() -> None:
    """ "Élodie", "Ángel", "Östersund", "Łukasz": a capital outside A-Z starts a name too."""
    actors, places = find_names(
        "La ministre Élodie Marchand a reçu jeudi Ángel Ruiz à Orléans.", language="fr"
    )
    assert actors == ("Élodie Marchand", "Ángel Ruiz") and places == ("Orléans",)
    actors, places = find_names(
        "Łukasz Nowak said on Monday the ferry to Östersund would run again.", language="en"
    )
    assert actors == ("Łukasz Nowak",) and places == ("Östersund",)
    actors, places = find_names(
        "Der Bürgermeister Özdemir Yılmaz eröffnete am Freitag in Überlingen die Brücke.",
        language="de",
    )
    assert "Özdemir Yılmaz" in " ".join(actors) and places == ("Überlingen",)
