"""The date phrase: removed only when it is a whole adverbial that can go."""

from __future__ import annotations

from chronicle.events.headline.words import (
    MARK,
    ends_clause,
    is_gerund,
    is_participle,
    is_verb,
    mark_index,
    plain,
    word_lists,
)


def drop_date(tokens: list[str], date_text: str, *, fragment: bool) -> list[str]:
    """``tokens`` without the date phrase when it is a whole adverbial that can go."""
    words = word_lists()
    i = mark_index(tokens)
    before, after = tokens[i].split(MARK, 1)
    if before or after.startswith(("'", "’")) or after.strip(",;:.!?"):
        return tokens  # possessive, bracketed or glued to other text
    j = i
    while j > 0 and plain(tokens[j - 1]) in words["approximators"] and tokens[j - 1].isalpha():
        j -= 1
    prev = tokens[j - 1] if j > 0 else ""
    prep = plain(prev) if prev and not ends_clause(prev) else ""
    bare = _bare_adverbial(date_text.lower())
    definite = words["definite_articles"]
    if j >= 2 and prep in words["bare_date_lead_ins"] and plain(tokens[j - 2]) in definite:
        j -= 2  # "the following spring"
        bare, prep = True, plain(tokens[j - 1]) if j > 0 and not ends_clause(tokens[j - 1]) else ""
    if prep in words["removable_prepositions"]:
        j -= 1
        if j > 0 and plain(tokens[j - 1]) in words["edge_modifiers"] and tokens[j - 1].isalpha():
            j -= 1
        if j > 0 and plain(tokens[j - 1]) in words["copulas"]:
            return tokens  # "was in 1999": the predicate
    elif j == 0 and after.startswith(",") and not fragment:
        pass  # "The day after the attacks, ...": a whole leading adverbial
    elif (
        fragment
        or not bare
        or (prep and (prep in words["prepositions"] or prep in words["dangling"]))
        or prep in words["time_object_verbs"]  # "spent last week at home"
    ):
        return tokens
    if _is_range(tokens, i, after):
        return tokens
    if fragment and i != len(tokens) - 1:
        return tokens  # inside a fragment only a trailing date goes
    if j > 0 and not after and i + 1 < len(tokens) and not _may_follow(tokens, i + 1):
        return tokens  # "at 9.20pm local time": the date is inside a longer phrase
    kept = tokens[:j] + tokens[i + 1 :]
    tail = after.rstrip(".")
    if j > 0 and tail and not ends_clause(kept[j - 1]):
        kept[j - 1] += tail  # "..., on Friday, the" → "..., the"
    if _dangles(kept, j, fragment=fragment):
        return tokens
    return kept


def _may_follow(tokens: list[str], at: int) -> bool:
    """True when ``tokens[at]`` can follow a removed adverbial: a new phrase, clause or verb."""
    words = word_lists()
    low = plain(tokens[at])
    return (
        low in words["prepositions"]
        or low in words["connectors"]
        or low in words["adverbs"]
        or low in words["after_adverbial"]
        or is_verb(tokens[at], tokens[at - 1])
        or (is_gerund(low) and tokens[at].islower())
    )


def _bare_adverbial(low_date: str) -> bool:
    """True for a date phrase that is an adverbial without a preposition ("last week")."""
    words = word_lists()
    parts = low_date.split()
    lead_in = len(parts) > 1 and parts[1] in words["bare_date_lead_ins"]
    if parts and parts[0] in words["definite_articles"] and lead_in:
        return True
    return bool(parts) and (
        parts[0] in words["bare_adverbial_starts"] or parts[-1] in words["bare_adverbial_ends"]
    )


def _is_range(tokens: list[str], i: int, after: str) -> bool:
    """True when the date starts a range or list ("Monday to Wednesday", "2009 and 2012")."""
    if after or i + 2 > len(tokens) - 1:
        return False
    link = plain(tokens[i + 1])
    other = tokens[i + 2]
    return (link in ("-", "–") or link in word_lists()["range_links"]) and (
        other[:1].isdigit() or (other[:1].isupper() and other != "I")
    )


def _dangles(kept: list[str], gap: int, *, fragment: bool) -> bool:
    """True when removing the date leaves a dangling word or too little."""
    words = word_lists()
    if len(kept) < (3 if fragment else 1):
        return True
    if gap > 0:
        left = plain(kept[gap - 1])
        if left in words["dangling"] and not ends_clause(kept[gap - 1]):
            return True
        alone = gap == 1 or ends_clause(kept[gap - 2])
        if alone and ends_clause(kept[gap - 1]) and is_participle(kept[gap - 1].rstrip(",;:")):
            return True  # "the bridge, built, would": the participle loses its phrase
    if gap == len(kept) and fragment:
        last = kept[-1]
        if is_participle(last) or plain(last) in words["dangling"]:
            return True
    return False
