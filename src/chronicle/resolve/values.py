"""Reading the fields a rule captured: numbers, units, directions (words from the rule file)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from chronicle.tagging import Rules

_DIGITS = re.compile(r"(\d+(?:,\d{3})*)(?:\.(\d+))?(?:\s+1/2)?")
_ORDINAL_DIGITS = re.compile(r"(\d+)")
X = "X"  # an unspecified number ("several days")


def field(fields: Mapping[str, str], name: str) -> str | None:
    """A captured field, also under its alternative names ``name2``, ``name3``."""
    for key in (name, name + "2", name + "3"):
        value = fields.get(key)
        if value:
            return value
    return None


def number(text: str | None, rules: Rules) -> float | str | None:
    """The number ``text`` stands for: 3, 2.5, or X when unspecified; None when unknown."""
    if text is None:
        return None
    text = " ".join(text.lower().split())
    digits = _DIGITS.fullmatch(text)
    if digits:
        value = float(digits.group(1).replace(",", ""))
        if digits.group(2):
            value += float("0." + digits.group(2))
        if text.endswith("1/2"):
            value += 0.5
        return value
    half = 0.0
    for suffix in (" and a half", "-and-a-half"):
        if text.endswith(suffix):
            text, half = text[: -len(suffix)], 0.5
    word = rules.word("number", text)
    if word is not None:
        return X if word == X else float(word) + half
    total = 0.0
    for part in re.split(r"[\s-]+", text):
        piece = rules.word("tens", part) or rules.word("ones", part)
        if piece is None:
            return None
        total += float(piece)
    return total + half if total else None


def ordinal(text: str | None, rules: Rules) -> int | None:
    """The position an ordinal word or number stands for (first -> 1, 3rd -> 3, Q2 -> 2)."""
    if text is None:
        return None
    word = rules.word("ordinal", text)
    return int(word) if word is not None else integer(text)


def integer(text: str | None) -> int | None:
    """The leading digits of ``text`` as an int."""
    if text is None:
        return None
    digits = _ORDINAL_DIGITS.search(text)
    return int(digits.group(1)) if digits else None


def day_number(text: str | None, rules: Rules) -> int | None:
    """A day of the month written in digits or as a word ("primero", "uno": 1)."""
    if text is None:
        return None
    found = integer(text)
    if found is None:
        found = ordinal(text, rules)
    if found is None:
        amount = number(text, rules)
        found = int(amount) if isinstance(amount, float) and amount.is_integer() else None
    return found


def month_number(text: str | None, rules: Rules) -> int | None:
    """A month written as a name or a number."""
    if text is None:
        return None
    word = rules.word("month", text)
    if word is not None:
        return int(word)
    value = integer(text)
    return value if value is not None and 1 <= value <= 12 else None


def weekday_number(text: str | None, rules: Rules) -> int | None:
    """ISO weekday (Monday 1) of a weekday name."""
    word = rules.word("weekday", text)
    return int(word) if word is not None else None


def unit_code(text: str | None, rules: Rules) -> str | None:
    """The calendar unit code (D W M Q Y DE CE H MI S WE) of a unit word."""
    return rules.word("unit", text) or rules.word("cal_unit", text)


def signed(text: str | None, table: str, rules: Rules) -> int | None:
    """An integer value of ``text`` in word list ``table``."""
    word = rules.word(table, text)
    if word is None:
        return None
    try:
        return int(word)
    except ValueError:
        return None


def spelled_year(text: str, rules: Rules) -> int | None:
    """A year written in words: "nineteen ninety-six" -> 1996, "two thousand one" -> 2001."""
    tokens = [
        w for w in text.lower().replace("-", " ").split() if rules.word("year_filler", w) is None
    ]
    if not tokens:
        return None
    thousands = number(" ".join(tokens[:2]), rules)
    if isinstance(thousands, float) and thousands >= 1000:
        tail = number(" ".join(tokens[2:]), rules) if tokens[2:] else 0.0
        return int(thousands + tail) if isinstance(tail, float) and tail < 100 else None
    hundreds = number(tokens[0], rules)
    tail = number(" ".join(tokens[1:]), rules) if tokens[1:] else None
    if not isinstance(hundreds, float) or not isinstance(tail, float):
        return None
    if not 10 <= hundreds <= 99 or not 0 <= tail <= 99:
        return None
    return int(hundreds * 100 + tail)
