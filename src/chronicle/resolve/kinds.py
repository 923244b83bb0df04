"""One resolver per rule kind: the fields of a mention -> a TIMEX3 value and calendar point.

The resolvers live in ``dates``, ``periods``, ``amounts`` and ``times``; ``result`` holds
what they return.
"""

from __future__ import annotations

from chronicle.models import Mention
from chronicle.resolve.amounts import resolve_duration, resolve_ref, resolve_set
from chronicle.resolve.anchor import Context
from chronicle.resolve.dates import resolve_date, resolve_deictic, resolve_holiday, resolve_weekday
from chronicle.resolve.periods import (
    resolve_anchored,
    resolve_century,
    resolve_decade,
    resolve_half,
    resolve_offset,
    resolve_quarter,
    resolve_season,
    resolve_unit_rel,
)
from chronicle.resolve.result import Resolver, Result
from chronicle.resolve.times import resolve_part, resolve_time
from chronicle.tagging import Rule

__all__ = ["RESOLVERS", "Result", "resolve"]


def resolve(mention: Mention, rule: Rule, ctx: Context) -> Result | None:
    """Resolve one mention with the resolver of its rule's kind; None drops the mention."""
    result = RESOLVERS[rule.kind](mention, rule, ctx)
    if result is not None and result.mod is None:
        result.mod = _mod(mention, rule, ctx)
    return result


def _mod(mention: Mention, rule: Rule, ctx: Context) -> str | None:
    """The TIMEX3 mod: fixed by the rule, or read from a modifier word."""
    if rule.mod:
        return rule.mod
    for name in ("mod", "mod2", "mod3"):
        word = ctx.rules.word("mod", mention.fields.get(name))
        if word:
            return word
    return None


RESOLVERS: dict[str, Resolver] = {
    "date": resolve_date,
    "weekday": resolve_weekday,
    "deictic": resolve_deictic,
    "unit_rel": resolve_unit_rel,
    "offset": resolve_offset,
    "duration": resolve_duration,
    "ref": resolve_ref,
    "set": resolve_set,
    "season": resolve_season,
    "quarter": resolve_quarter,
    "half": resolve_half,
    "time": resolve_time,
    "part": resolve_part,
    "anchored": resolve_anchored,
    "decade": resolve_decade,
    "century": resolve_century,
    "holiday": resolve_holiday,
}
