"""Statements whose speaker comes after the verb ("..., a déclaré lundi le procureur"): the
headline tells what was said and who said it. Sentences made up for these tests."""

from __future__ import annotations

import pytest

from chronicle.events.statements import statement_headline


def _headline(sentence: str, date: str, lang: str) -> str:
    """The statement headline of ``sentence`` dated by its words ``date``."""
    start = sentence.index(date)
    return statement_headline(sentence, start, start + len(date), lang=lang)


@pytest.mark.parametrize(
    ("sentence", "date", "lang", "expected"),
    [
        (
            "Le marché couvert rouvrira ses portes au printemps, a annoncé mardi la maire du "
            "quartier.",
            "mardi",
            "fr",
            "Le marché couvert rouvrira ses portes au printemps, a annoncé la maire du quartier",
        ),
        (
            "La línea de tranvía quedará cortada dos semanas, explicó el jueves el concejal de "
            "Movilidad.",
            "el jueves",
            "es",
            "La línea de tranvía quedará cortada dos semanas, explicó el concejal de Movilidad",
        ),
        (
            "The ferry service will resume in May, said the harbour master on Tuesday.",
            "Tuesday",
            "en",
            "The ferry service will resume in May, said the harbour master",
        ),
    ],
)
def test_an_inverted_speaker_is_kept(sentence: str, date: str, lang: str, expected: str) -> None:
    """What was said comes first, as written, then the verb and its speaker."""
    assert _headline(sentence, date, lang) == expected


def test_a_speaker_before_the_verb_is_unchanged() -> None:
    """The usual order still reads speaker, verb, what was said."""
    sentence = "The ferry service will resume in May, the harbour master said on Tuesday."
    assert _headline(sentence, "Tuesday", "en") == (
        "The harbour master said the ferry service will resume in May"
    )


def test_a_speaker_before_the_date_is_kept() -> None:
    """A speaker before the date: "..., a précisé la préfecture jeudi"."""
    sentence = "Les secours ont évacué trois familles, a précisé la préfecture jeudi."
    assert _headline(sentence, "jeudi", "fr") == (
        "Les secours ont évacué trois familles, a précisé la préfecture"
    )


def test_a_clause_after_the_verb_is_no_speaker() -> None:
    """A clause after the verb is no speaker: "..., said on Tuesday it would ..."."""
    sentence = "The ferry service will resume in May, said on Tuesday it would hire more crew."
    assert _headline(sentence, "Tuesday", "en") == "It would hire more crew"
