"""A sentence made one tidy line: no wire dateline, speaker label or update stamp."""

from __future__ import annotations

import re
from functools import cache

from chronicle.text.tokenised import detokenize
from chronicle.wordlists import wire_agencies
from chronicle.wordlists import words as words_of


@cache
def _dateline_re() -> re.Pattern[str]:
    """Wire dateline at a sentence start: ``PARIS, Nov 18 (Reuters) -``, ``WASHINGTON (AP) —``
    or any acronym after a place in capitals (``PARIS (GAN) --``)."""
    agencies = "|".join(re.escape(a) for a in wire_agencies())
    place = r"[A-Z][A-Z.'’\- ]{1,40}(?:,\s*[A-Z][A-Za-z.'’\- ]{1,30})?"
    date = r"(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
    mixed = r"[A-Z][A-Za-z.'’\- ]{1,40}(?:,\s*[A-Z][A-Za-z.'’\- ]{1,30})?"
    return re.compile(
        rf"^\s*(?:(?:{place}|{mixed}){date}\s*\((?:{agencies})[^)]*\)\s*[-–—:]+\s*"
        # any agency written as an acronym after a place in capitals: "PARIS (GAN) --"
        rf"|(?:{place}){date}\s*\([A-Z]{{2,6}}\)\s*[-–—:]+\s*"
        rf"|(?:{place})\s*[-–—]{{1,2}}\s+(?=[A-Z\"“])"
        rf"|\((?:{agencies})\)\s*[-–—]+\s*)"
    )


def dateline_length(sentence: str) -> int:
    """Length of a wire dateline prefix at the start of ``sentence`` (0 when there is none)."""
    head = sentence[:100]
    if "(" not in head and "-" not in head and "—" not in head and "–" not in head:
        return 0
    if "(" not in sentence and not _CAPS_START.match(sentence):
        return 0  # without a bracket only "PLACE -" can match, and it starts in capitals
    match = _dateline_re().match(sentence)
    return match.end() if match else 0


_CAPS_START = re.compile(r"\s*[A-Z][A-Z.'’\- ]")  # how a dateline's place starts


@cache
def _leading_junk() -> re.Pattern[str]:
    """What :func:`clean_sentence` drops before a sentence: a stray dash or bracket, a label in
    brackets ("(Update 9:38 p.m.)"; text.toml ``leading_labels``), a speaker ("AZUZ: ")."""
    labels = "|".join(re.escape(label) for label in words_of().text.leading_labels)
    return re.compile(
        r"^(?:[-–—)\]]+\s*"  # "-- Tony Blair said", a stray closing bracket
        rf"|\((?i:{labels})\b[^)]*\)\s*"  # "(Update 9:38 p.m. ...)"
        r"|[A-Z][A-Z.'’\- ]+(?:,\s*[A-Z][A-Z.'’\- ]+)*(?:\s*\([^)]*\))?:\s+)"  # "AZUZ: "
    )


def squeeze(text: str) -> str:
    """``text`` with each run of white space made one space, none at the ends.

    ``" ".join(text.split())``, spared for text that is so already: printable text holds no
    white space but " " (str.isprintable counts every other white space character out).
    """
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def clean_sentence(sentence: str, *, tokenised: bool = True) -> str:
    """One tidy line: no dateline, speaker label or update stamp; tokeniser artefacts undone.

    ``tokenised=False`` skips the search for tokeniser artefacts: for a sentence of a text
    that :func:`~chronicle.text.tokenised.may_look_tokenised` clears.
    """
    text = squeeze(sentence)
    if tokenised:
        text = detokenize(text)
    for _ in range(3):
        cut = dateline_length(text)
        if not cut:
            match = _leading_junk().match(text)
            cut = match.end() if match and len(text) - match.end() > 10 else 0
        if not cut:
            break
        text = text[cut:].lstrip()
    return text.strip()
