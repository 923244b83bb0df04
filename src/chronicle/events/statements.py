"""Statements as events: the date of saying, with a headline that says who said what.

An attribution date ("..., the prosecutor's office said on Thursday") makes an event only when
the statement is news of its own (an announcement: see ``data/<language>/events.toml``) or
when it is the sentence's only date. Its headline then tells the statement, not the happening
reported ("The prosecutor's office said the militant was among those killed"), and the event is
marked as a statement so that merge never weighs it against the happening's own date.
"""

from __future__ import annotations

from chronicle.events.headline import MAX_WORDS, make_headline
from chronicle.events.headline.words import ends_clause, plain, reading, verb_at, word_lists
from chronicle.text.cleanup import clean_sentence
from chronicle.wordlists import DEFAULT

SPEAKER_WORDS = 8  # a longer stretch before the verb is a clause, not a speaker


def statement_headline(
    sentence: str, start: int, end: int, *, tokenised: bool = True, lang: str = DEFAULT
) -> str:
    """Headline of the statement dated by ``sentence[start:end]``: speaker, verb, what was said.

    Without a speaker that can stand alone (a pronoun, or none found), what was said.
    ``lang``: the sentence's language (its word lists cut it).
    """
    with reading(lang):
        return _statement_headline(sentence, start, end, tokenised=tokenised, lang=lang)


def _statement_headline(sentence: str, start: int, end: int, *, tokenised: bool, lang: str) -> str:
    """:func:`statement_headline` in the language being read."""
    before = clean_sentence(sentence[:start], tokenised=tokenised).split()
    after = clean_sentence(sentence[end:], tokenised=tokenised).split()
    verb = _last_reporting_verb(before)
    if verb < 0:
        return make_headline(sentence, start, end, tokenised=tokenised, lang=lang)
    if verb > 0 and plain(before[verb - 1]) in word_lists()["copulas"]:
        # "was confirmed by ..."
        return make_headline(sentence, start, end, tokenised=tokenised, lang=lang)
    speaker = _speaker(before, verb)
    if not speaker:
        inverted = _inverted(before, verb, after)
        if inverted is not None:  # "..., a déclaré lundi le procureur": what, then who said it
            start, tail = inverted
            clause = " ".join(before[:start]).rstrip(",;:")
            return _said_by(make_headline(clause, tokenised=tokenised, lang=lang), tail)
    said = _said_after(after)
    if said:  # "X announced on Thursday he would not step down"
        content = make_headline(" ".join(said), tokenised=tokenised, lang=lang)
    else:  # "..., X said on Thursday": what was said is the rest of the sentence
        content = make_headline(sentence, tokenised=tokenised, lang=lang)
    if not speaker or (len(speaker) == 1 and plain(speaker[0]) in word_lists()["personal"]):
        return content  # "..., he said on Sunday": what he said
    if plain(before[verb]) in map(plain, content.split()):
        return content  # "X announced the decision on Sunday": the clause is the statement
    head = [*speaker, before[verb].rstrip(",;:")]
    words = head + _lower_first(content.split())
    if len(words) > MAX_WORDS + 2:
        words = [*words[:MAX_WORDS], "…"]
    text = " ".join(words).replace(" …", "…")
    return text[:1].upper() + text[1:]


def _inverted(before: list[str], verb: int, after: list[str]) -> tuple[int, list[str]] | None:
    """Where the verb's clause starts in ``before``, and the reporting verb with its speaker,
    when the speaker comes after the verb ("..., a annoncé lundi le ministre", "..., dijo el
    lunes el alcalde", "..., said the minister on Monday"); else None. The verb (with at most
    one word before it, an auxiliary) opens its clause, and the speaker is a short verbless
    phrase after it, before or after the date."""
    start = verb
    if start > 0 and not ends_clause(before[start - 1]) and verb_at(before, start - 1):
        start -= 1  # "a annoncé", "ha dicho"
    if start == 0 or not ends_clause(before[start - 1]):
        return None
    words = word_lists()
    speaker = before[verb + 1 :]
    while speaker and plain(speaker[-1]) in words["removable_prepositions"]:
        speaker.pop()  # "said the minister on": the date's preposition
    if not speaker:  # the date comes between: the speaker runs to the end of the clause
        for token in after:
            speaker.append(token)
            if ends_clause(token):
                break
    first = plain(speaker[0]) if speaker else ""
    if not first or len(speaker) > SPEAKER_WORDS:
        return None
    if first not in words["determiners"] and not speaker[0][:1].isupper():
        return None
    if any(verb_at(speaker, i) for i in range(len(speaker))):
        return None  # "..., said on Friday it would": no speaker, a clause
    return start, [*before[start : verb + 1], *speaker]


def _said_by(content: str, tail: list[str]) -> str:
    """The headline of what was said (``content``) followed by who said it (``tail``: the
    reporting verb and its speaker), within the headline's length."""
    said = content.rstrip(".…").split()
    tail = [*tail[:-1], tail[-1].rstrip(".,;:!?")]
    room = max(MAX_WORDS - len(tail), 4)
    if len(said) + len(tail) > MAX_WORDS + 2 and len(said) > room:
        said = [*said[:room], "…"]
    text = " ".join(said).replace(" …", "…").rstrip(",;:")
    return f"{text}, {' '.join(tail)}"


def _last_reporting_verb(tokens: list[str]) -> int:
    """Index of the last reporting verb among the last few ``tokens``, or -1."""
    verbs = word_lists()["reporting_verbs"]
    for i in range(len(tokens) - 1, max(-1, len(tokens) - 6), -1):
        if plain(tokens[i]) in verbs:
            return i
    return -1


def _speaker(tokens: list[str], verb: int) -> list[str]:
    """The words before the reporting verb back to a clause boundary: who spoke."""
    words = word_lists()
    i = verb
    while i > 0 and verb - i < SPEAKER_WORDS:
        prev = tokens[i - 1]
        if (
            ends_clause(prev)
            or plain(prev) in words["connectors"]
            or plain(prev) in words["conjunctions"]
        ):
            break
        if verb_at(tokens, i - 1):
            return []  # "X has said": not a plain speaker
        i -= 1
    if verb - i >= SPEAKER_WORDS and i > 0 and not ends_clause(tokens[i - 1]):
        return []
    speaker = tokens[i:verb]
    if speaker and plain(speaker[0]) in word_lists()["openers"]:
        speaker = speaker[1:]
    return speaker


def _said_after(tokens: list[str]) -> list[str]:
    """What was said when it follows the date in the same clause ("... he would not step down"),
    else nothing."""
    words = word_lists()
    rest = [t for t in tokens]
    while rest and not plain(rest[0]):
        rest = rest[1:]  # ", that ...": the comma closing the date
    joined = len(rest) > 1 and plain(rest[0]) in words["prepositions_before_complementizer"]
    if joined and plain(rest[1]) in words["complementizers"]:
        rest = rest[1:]  # "informó el lunes de que ..."
    if rest and plain(rest[0]) in words["complementizers"]:
        rest = rest[1:]
    clause: list[str] = []
    for token in rest:
        clause.append(token)
        if ends_clause(token):
            break
    if len(clause) < 3:
        return []
    first = plain(clause[0])
    opens = first in words["determiners"] or first in words["pronouns"] or clause[0][:1].isupper()
    has_verb = any(verb_at(clause, i) for i in range(1, len(clause)))
    return clause if opens and has_verb else []


def _lower_first(tokens: list[str]) -> list[str]:
    """``tokens`` with a capitalised determiner or pronoun at the start in lower case."""
    if not tokens:
        return tokens
    words = word_lists()
    low = plain(tokens[0])
    if (low in words["determiners"] or low in words["pronouns"]) and low != "i":
        return [tokens[0][:1].lower() + tokens[0][1:], *tokens[1:]]
    return tokens
