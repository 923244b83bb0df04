"""Text that went through a word tokeniser (PTB-style): telling it, and undoing it.

``" ,"``, ``" 's"``, ``do n't``, ``-LRB-`` and spaced-out quotes are how the corpora write
text; :func:`detokenize` gives it back as a reader writes it.
"""

from __future__ import annotations

import re

_PTB_BRACKETS = {
    "-LRB-": "(",
    "-RRB-": ")",
    "-LSB-": "[",
    "-RSB-": "]",
    "-LCB-": "{",
    "-RCB-": "}",
}
_PTB_BRACKET_RE = re.compile(r"-[LR][RSC]B-", re.IGNORECASE)
_SPACE_BEFORE = re.compile(r"\s+([,.;:!?%)\]}]|'s\b|'S\b|n't\b|N'T\b|'re\b|'ve\b|'ll\b|'d\b|'m\b)")
_SPACE_AFTER = re.compile(r"([(\[{$£€#])\s+(?=\S)")
_OPEN_QUOTES = re.compile(r"(``|“)\s*")
_CLOSE_QUOTES = re.compile(r"\s*(''|”)")
_NOT = re.compile(r"\b(ca|wo|do|does|did|is|are|was|were|have|has|had|could|would|should)\s+n't")
# Signs that a text went through a word tokeniser (PTB-style): punctuation or clitics
# split off with a space, PTB quotes or bracket names, spaced-out quotes. Every
# alternative starts with a literal character (the context before a quote is checked
# by a look-behind after it), so the regex engine skips ahead to those characters.
_TOKENISED = re.compile(
    r" (?:[,.;:!?%](?=\s|$)|(?:'s|'S|n't|N'T|'re|'ve|'ll|'d|'m)\b|[)\]]|”|(?<=\w )\"(?=\s|$|[,.]))"
    r"|``|''|-[LR][RSC]B-|[(\[] |“ |\"(?<!\S\") \w"
)
# Looser signs that :func:`may_look_tokenised` searches in unsqueezed text: any white space
# where a single space stands above, a clitic's end left open, no look-behind. Each pattern
# starts with a literal character, which the regex engine skips ahead to (it tries every
# position for an alternation, and checks a character class slowly); the signs after white
# space are searched after " " alone in text whose only white space is " " (printable text).
_LOOSE_AFTER_SPACE = r"(?:[,.;:!?%](?=\s|$)|'(?:s|S|re|ve|ll|d|m)|n't|N'T|[)\]”]|\"(?=\s|$|[,.]))"
_TOKENISED_LOOSE_SPACED = re.compile(r"\s" + _LOOSE_AFTER_SPACE)
_TOKENISED_LOOSE_SPACE = re.compile(" " + _LOOSE_AFTER_SPACE)
_TOKENISED_LOOSE = tuple(map(re.compile, (r"\(\s", r"\[\s", r"“\s", r"\"\s+\w", r"-[LR][RSC]B-")))


def looks_tokenised(text: str) -> bool:
    """True when ``text`` shows tokeniser artefacts (`` ,``, `` 's``, ``-LRB-``, spaced quotes)."""
    return _TOKENISED.search(text) is not None


def may_look_tokenised(text: str) -> bool:
    """False when no stretch of ``text`` (trimmed) can look tokenised to :func:`clean_sentence`.

    Each sign :func:`looks_tokenised` finds in the squeezed text is one the looser patterns
    find in ``text`` itself. It holds too for ``text`` with its date phrase replaced by a
    headline's marker: the marker is no word character, so it can only end a clitic
    ("'s<marker>"), whose end the looser patterns leave open. One search then spares a
    sentence and its headline theirs.
    """
    if "``" in text or "''" in text:
        return True
    spaced = _TOKENISED_LOOSE_SPACE if text.isprintable() else _TOKENISED_LOOSE_SPACED
    if spaced.search(text) is not None:
        return True
    return any(pattern.search(text) is not None for pattern in _TOKENISED_LOOSE)


def detokenize(text: str) -> str:
    """Undo tokeniser artefacts: ``" ,"``, ``" 's"``, quote pairs, ``-LRB-``, ``do n't``.

    A text that shows no such artefact is returned unchanged (``{{ 7*7 }}`` stays).
    """
    if not text or not looks_tokenised(text):
        return text
    # Each step is guarded by a cheap test: most sentences need none of them.
    if "RB-" in text or "SB-" in text or "CB-" in text or "rb-" in text:
        text = _PTB_BRACKET_RE.sub(
            lambda m: _PTB_BRACKETS.get(m.group(0).upper(), m.group(0)), text
        )
    if "``" in text or "“" in text:
        text = _OPEN_QUOTES.sub('"', text)
    if "''" in text or "”" in text:
        text = _CLOSE_QUOTES.sub('"', text)
    text = _balance_straight_quotes(text)
    text = _SPACE_BEFORE.sub(r"\1", text)
    text = _SPACE_AFTER.sub(r"\1", text)
    if " n't" in text:
        text = _NOT.sub(r"\1n't", text)
    text = re.sub(r"(\d)\s+([.,])\s*(\d)", r"\1\2\3", text) if " . " in text else text
    return text


def _balance_straight_quotes(text: str) -> str:
    """Glue spaced-out straight double quotes to their words: ``say " yes " now``."""
    if '"' not in text:
        return text
    out: list[str] = []
    opening = True
    parts = text.split('"')
    for index, part in enumerate(parts):
        if index == 0:
            out.append(part)
            continue
        if opening:
            out.append(
                '"' + part.lstrip()
                if out and (not out[-1] or out[-1][-1:].isspace())
                else '"' + part
            )
        else:
            if out:
                out[-1] = out[-1].rstrip()
            out.append('"' + part)
        opening = not opening
    return "".join(out)
