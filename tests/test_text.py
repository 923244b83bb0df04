"""Sentence splitting, detokenising and clean-up (chronicle.text)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chronicle.text.cleanup import clean_sentence, dateline_length, squeeze
from chronicle.text.keywords import fold, key_words, lower_for_search
from chronicle.text.sentences import iter_sentence_spans, sentence_at, sentence_spans
from chronicle.text.tokenised import detokenize, looks_tokenised, may_look_tokenised


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
        "PARIS (GAN) -- French police raided a flat.",  # an agency in no list: an acronym
        "NEW YORK, Nov. 3 (XNW) - French police raided a flat.",
    ],
)
def test_datelines_are_stripped(line: str) -> None:
    assert dateline_length(line) > 0
    assert clean_sentence(line) == "French police raided a flat."


def test_plain_sentence_has_no_dateline() -> None:
    assert dateline_length("The U.S. Senate voted on Friday.") == 0
    assert dateline_length("The state-run agency - it said - was wrong.") == 0
    assert dateline_length("PARIS - Police raided a flat.") == len("PARIS - ")
    assert dateline_length("The UN (UNHCR) - said it was wrong.") == 0  # not a place in capitals


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


MARKER = "\ue000"  # what a headline puts in place of the date phrase


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("He said , on Friday , that it was over .", "Friday"),
        ("It was the country 's Friday.", "Friday"),
        ("It was the country 'sFriday parade.", "Friday"),  # the marker ends the clitic
        ("Officials met ( on Friday ) in Paris.", "Friday"),
        ('He said " yes " on Friday.', "Friday"),
    ],
)
def test_may_look_tokenised_covers_the_sentence_and_its_marked_copy(text: str, date: str) -> None:
    marked = text.replace(date, MARKER)
    assert looks_tokenised(" ".join(marked.split())) or looks_tokenised(text)
    assert may_look_tokenised(text)


@pytest.mark.parametrize(
    "text", ["Gunmen attacked Paris on Friday.", "The fee (about $5) is due.", "He's 'here'."]
)
def test_plain_text_cannot_look_tokenised(text: str) -> None:
    assert not may_look_tokenised(text)
    assert clean_sentence(text, tokenised=False) == clean_sentence(text)


def test_lower_for_search_refuses_letters_a_case_blind_regex_reads_as_ascii() -> None:
    assert lower_for_search("Police SAID") == "police said"
    for letter in ("\u0130", "\u0131", "\u017f", "\u212a"):  # İ ı ſ K
        assert lower_for_search(f"Police {letter}aid") is None


@pytest.mark.parametrize(
    "text",
    [
        "First one. Second one?\n\nA new paragraph starts here\nand wraps onto a line.\nNext line",
        "\n\n  Mr. Smith met U.S. officials.  They agreed!\n \nEnd.\n",
        'He said "We will win." Then left...\nAnother line\nthat wraps. Done',
    ],
)
def test_sentence_at_finds_the_span_sentence_spans_gives(text: str) -> None:
    spans = sentence_spans(text)
    assert list(iter_sentence_spans(text)) == spans
    for offset in range(len(text) + 1):
        holding = [s for s in spans if s[0] <= offset < s[1]]
        assert sentence_at(text, offset) == (holding[0] if holding else None)


_PIECES = st.sampled_from(
    ["a", "said", "'s", "n't", ",", ".", '"', "“", "”", "(", ")", "``", "''", "-LRB-", MARKER]
)
_SPACES = st.sampled_from(["", " ", "  ", "\n", " \t"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_PIECES, _SPACES), min_size=1, max_size=12))
def test_may_look_tokenised_never_misses_a_sign(parts: list[tuple[str, str]]) -> None:
    text = "".join(piece + space for piece, space in parts).strip()
    plain = text.replace(MARKER, "x")  # the sentence before the marker stood in for its date
    if looks_tokenised(" ".join(text.split())) or looks_tokenised(" ".join(plain.split())):
        assert may_look_tokenised(plain)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", ".", " ", "\n", "\t", "\xa0", "\u2003", "\x1f"])))
def test_squeeze_is_split_and_join(chars: list[str]) -> None:
    text = "".join(chars)
    assert squeeze(text) == " ".join(text.split())
    assert squeeze("One two.") == "One two."
