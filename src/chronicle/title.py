"""A title for a timeline the user did not name: the phrase most headlines share."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from chronicle.events.extract import is_boilerplate, is_byline
from chronicle.ingest.stamps import zone_named
from chronicle.models import Article
from chronicle.rendering.catalogue import catalogue
from chronicle.text.keywords import fold, stop_words, words
from chronicle.text.sentences import sentence_spans

SHARE = 0.15  # a phrase must be in this share of the headlines (and in at least two)
_ASIDE = re.compile(r"\([^()]*\)")  # "(CNN)", "(pictured)": not what the story is about
LEAD_SENTENCES = 3  # where an article without a headline is looked at
BIGRAM_SHARE = 0.5  # a two-word phrase wins when it is in half as many headlines as the best word


def story_title(articles: Sequence[Article], locale: str | None = None) -> str:
    """The title "Timeline: <phrase most headlines share>", else the earliest headline, in the
    reader's ``locale`` (English when None)."""
    page = catalogue(locale).page
    if not articles:
        return page.untitled
    heads = dict.fromkeys(_headline(a) for a in articles)  # a repeated sidebar counts once
    skip = {fold(p.lower()) for a in articles if a.publisher for p in words(a.publisher)}
    phrase = _shared_phrase([h for h in heads if h], skip)
    if phrase:
        return page.title.format(phrase=phrase)
    first = min(articles, key=lambda a: (a.published, a.id))
    return page.title.format(phrase=first.title) if first.title else page.untitled


def _headline(article: Article) -> str:
    """The article's headline, or its first sentence that is no byline or boilerplate."""
    if article.title:
        return article.title
    for start, end in sentence_spans(article.text[:600])[:LEAD_SENTENCES]:
        sentence = article.text[start:end]
        if not is_boilerplate(sentence) and not is_byline(sentence):
            return sentence
    return ""


def _shared_phrase(heads: Sequence[str], skip: set[str]) -> str | None:
    """The one- or two-word phrase found in the most headlines, in its commonest spelling.

    Words in ``skip`` (the publishers' names) and time-zone abbreviations split phrases.
    """
    counts: Counter[tuple[str, ...]] = Counter()
    spellings: dict[tuple[str, ...], Counter[str]] = {}
    for head in heads:
        seen: set[tuple[str, ...]] = set()
        for run in _content_runs(head, skip):
            for size in (1, 2):
                for i in range(len(run) - size + 1):
                    gram = run[i : i + size]
                    key = tuple(k for k, _ in gram)
                    if key not in seen:
                        seen.add(key)
                        counts[key] += 1
                        spellings.setdefault(key, Counter())[" ".join(w for _, w in gram)] += 1
    need = max(2, math.ceil(SHARE * len(heads)))

    def best(size: int) -> tuple[tuple[str, ...], int] | None:
        grams = [(k, c) for k, c in counts.items() if len(k) == size and c >= need]
        return min(grams, key=lambda kc: (-kc[1], kc[0])) if grams else None

    word, pair = best(1), best(2)
    if pair is not None and (word is None or pair[1] >= BIGRAM_SHARE * word[1]):
        chosen = pair[0]
    elif word is not None:
        chosen = word[0]
    else:
        return None
    spelled = min(spellings[chosen].items(), key=lambda sc: (-sc[1], sc[0]))[0]
    return spelled[:1].upper() + spelled[1:]


def _content_runs(head: str, skip: set[str]) -> list[list[tuple[str, str]]]:
    """Runs of consecutive content words (folded key, spelling); other words split runs."""
    runs: list[list[tuple[str, str]]] = [[]]
    stops = stop_words()
    for word in words(_ASIDE.sub(" ", head)):
        low = word.lower().replace("’", "'").removesuffix("'s")
        key = fold(low)
        if len(low) < 3 or low in stops or low.isdigit() or key in skip or _is_zone(word):
            runs.append([])
            continue
        runs[-1].append((key, word.removesuffix("'s").removesuffix("’s")))
    return [run for run in runs if run]


def _is_zone(word: str) -> bool:
    """True for a time-zone abbreviation written in capitals ("BST", "GMT")."""
    return word.isupper() and zone_named(word) is not None
