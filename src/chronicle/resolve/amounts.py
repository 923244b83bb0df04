"""Lengths and repetitions: durations, sets and the vague references (PAST_REF ...)."""

from __future__ import annotations

import re

from chronicle.models import Mention
from chronicle.resolve.anchor import Context
from chronicle.resolve.result import (
    CLOCK_UNITS,
    Result,
    reference_of,
)
from chronicle.resolve.values import (
    X,
    number,
    unit_code,
    weekday_number,
)
from chronicle.tagging import Rule


def resolve_duration(mention: Mention, rule: Rule, ctx: Context) -> Result | None:
    """Four months, the past two years, several days."""
    f = mention.fields
    unit = unit_code(f.get("unit", "").split()[0] if f.get("unit") else None, ctx.rules)
    if unit is None:
        return None
    # no number: unspecified ("years"), or one ("the next year and a half")
    default: float | str = 1.0 if f.get("half") else X
    count = number(f.get("num"), ctx.rules) if f.get("num") else default
    if count is None:
        return None
    if rule.value:
        return Result(rule.value, "DURATION", None, reason="duration")
    if f.get("half") and isinstance(count, float):
        count += 0.5
    kept = ctx.rules.word("duration_unit", unit)
    if kept and (count == X or float(count).is_integer()):
        # a unit the language's annotation keeps in the value ("P2DE")
        value: str | None = f"P{count if count == X else _num(float(count))}{kept}"
    else:
        value = duration_value(count, unit)
    if value is not None and f.get("unit2"):
        # "six years and eight months": the parts added up
        second = number(f.get("num2"), ctx.rules)
        unit2 = unit_code(f["unit2"], ctx.rules)
        more = duration_value(second, unit2) if second is not None and unit2 else None
        value = add_durations(value, more) if more is not None else None
    if value is None:
        return None
    return Result(value, "DURATION", None, reason="duration")


_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?|X)([YMWDHS])")


def add_durations(first: str, second: str) -> str | None:
    """Two TIMEX3 durations as one: P6Y + P8M -> P6Y8M, PT2H + PT30M -> PT2H30M."""
    parts: dict[str, float] = {}
    for value in (first, second):
        date_part, _, time_part = value[1:].partition("T")
        for text, prefix in ((date_part, ""), (time_part, "T")):
            for amount, letter in _DURATION_PART.findall(text):
                if amount == X:
                    return None
                parts[prefix + letter] = parts.get(prefix + letter, 0.0) + float(amount)
    if "W" in parts and len(parts) > 1:
        parts["D"] = parts.get("D", 0.0) + 7 * parts.pop("W")
    date_text = "".join(f"{_num(parts[k])}{k}" for k in ("Y", "M", "W", "D") if k in parts)
    time_text = "".join(f"{_num(parts['T' + k])}{k}" for k in ("H", "M", "S") if "T" + k in parts)
    return "P" + date_text + ("T" + time_text if time_text else "")


def duration_value(count: float | str, unit: str) -> str | None:
    """The TIMEX3 duration for ``count`` units: P3D, PT2H, P20Y, PXY."""
    multiplier = 1
    if unit == "2W":
        unit, multiplier = "W", 2
    if unit == "DE":
        unit, multiplier = "Y", 10
    elif unit == "CE":
        unit, multiplier = "Y", 100
    elif unit == "ML":
        unit, multiplier = "Y", 1000
    elif unit == "WE":
        unit, multiplier = "D", 2
    if count == X:
        return f"PT{X}{CLOCK_UNITS[unit]}" if unit in CLOCK_UNITS else f"P{X}{unit}"
    assert isinstance(count, float)
    count *= multiplier
    if count <= 0 or count > 100000:
        return None
    whole = int(count)
    if unit in CLOCK_UNITS:
        letter = CLOCK_UNITS[unit]
        if count != whole and unit == "H":
            return f"PT{whole}H{int((count - whole) * 60)}M" if whole else f"PT{int(count * 60)}M"
        if count != whole and unit == "MI":
            return f"PT{whole}M{int((count - whole) * 60)}S" if whole else f"PT{int(count * 60)}S"
        return f"PT{_num(count)}{letter}"
    if count != whole and unit == "Y":
        return f"P{whole}Y{round((count - whole) * 12)}M" if whole else f"P{int(count * 12)}M"
    return f"P{_num(count)}{unit}"


def _num(count: float) -> str:
    """A count without a needless '.0'."""
    return str(int(count)) if count == int(count) else f"{count:g}"


def resolve_ref(mention: Mention, rule: Rule, ctx: Context) -> Result | None:
    """PRESENT_REF, PAST_REF, FUTURE_REF."""
    value = rule.value or "PRESENT_REF"
    base, is_publish = reference_of(ctx)
    return Result(
        value, rule.type, None, reason=value.lower(), base=base, base_is_publish=is_publish
    )


def resolve_set(mention: Mention, rule: Rule, ctx: Context) -> Result | None:
    """Repeating times: every weekday, every n units, adverbs of frequency."""
    f = mention.fields
    rules = ctx.rules
    part = rules.word("part", f.get("part"))
    weekday = weekday_number(f.get("weekday"), rules)
    if weekday is not None:
        value = f"XXXX-WXX-{weekday}" + (f"T{part}" if part else "")
        return Result(value, "SET", None, reason="set")
    season = rules.word("season", f.get("season"))
    if season is not None:
        return Result(f"XXXX-{season}", "SET", None, reason="set")
    unit_text = f.get("unit")
    adverb = rules.word("set_adverb", unit_text)
    if adverb:
        return Result(adverb, "SET", None, reason="set")
    part = rules.word("part", unit_text)
    if part:
        return Result(f"XXXX-XX-XXT{part}", "SET", None, reason="set")
    unit = unit_code(unit_text, rules)
    if unit is None:
        return Result(rule.value, "SET", None, reason="set") if rule.value else None
    count = number(f.get("num"), rules) if f.get("num") else 1.0
    if count is None:
        return None
    every = duration_value(count, unit)
    return Result(every, "SET", None, reason="set") if every else None
