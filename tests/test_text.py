"""Sentence splitting, detokenising and clean-up (chronicle.text)."""

from __future__ import annotations

import pytest

from chronicle.text import (
    clean_sentence,
    dateline_length,
    detokenize,
    fold,
    key_words,
    sentence_spans,
)


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def test_abbreviations_do_not_end_sentences() -> None:
    text = "Mr. Smith met U.S. officials on Nov. 5 at 3 p.m. in Washington. They agreed."
    assert sentences(text) == [
        "Mr. Smith met U.S. officials on Nov. 5 at 3 p.m. in Washington.",
        "They agreed.",
    ]


def test_initials_before_a_sentence_starter_end_the_sentence() -> None:
    text = "The talks were held in Washington, D.C. The next day they ended."
    assert sentences(text) == [
        "The talks were held in Washington, D.C.",
        "The next day they ended.",
    ]


def test_quotes_and_paragraphs() -> None:
    text = (
        '"We will win." He left!\n\nA new paragraph starts here\nand wraps onto a line.\nNext line'
    )
    assert sentences(text) == [
        '"We will win."',
        "He left!",
        "A new paragraph starts here\nand wraps onto a line.",
        "Next line",
    ]


def test_offsets_point_into_the_text() -> None:
    text = "  First one.   Second one?\n Third"
    for start, end in sentence_spans(text):
        assert text[start:end] == text[start:end].strip()
        assert text[start:end]
    assert [text[s:e] for s, e in sentence_spans(text)] == ["First one.", "Second one?", "Third"]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Egypt 's army , he said .", "Egypt's army, he said."),
        ("They did n't go -LRB- yet -RRB- .", "They didn't go (yet)."),
        ("He called it `` a disgrace '' today .", 'He called it "a disgrace" today.'),
        ('He said " we will go " and left .', 'He said "we will go" and left.'),
        ("It cost $ 5 million .", "It cost $5 million."),
    ],
)
def test_detokenize(raw: str, clean: str) -> None:
    assert detokenize(raw) == clean


@pytest.mark.parametrize(
    "line",
    [
        "PARIS, Nov 18 (Reuters) - French police raided a flat.",
        "WASHINGTON (AP) — French police raided a flat.",
        "NAIROBI, Kenya (CNN) -- French police raided a flat.",
    ],
)
def test_datelines_are_stripped(line: str) -> None:
    assert dateline_length(line) > 0
    assert clean_sentence(line) == "French police raided a flat."


def test_plain_sentence_has_no_dateline() -> None:
    assert dateline_length("The U.S. Senate voted on Friday.") == 0


def test_key_words_fold_plurals_and_drop_stop_words() -> None:
    assert key_words("The attacks on Paris's protesters on Friday") == [
        "attack",
        "paris",
        "protester",
    ]
    assert fold("countries") == "country"
    assert fold("crisis") == "crisis"


@pytest.mark.parametrize(
    "text",
    [
        "The template printed {{ 7*7 }} {% raw %} on the page.",
        "Prices rose by 5% in May; he said: “fine”.",
        "The fee (about $5) is due.",
    ],
)
def test_detokenize_leaves_untokenised_text_alone(text: str) -> None:
    assert detokenize(text) == text
