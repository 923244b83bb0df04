"""The ``--query`` filter: keep the events that are about the query terms."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from chronicle.models import Event
from chronicle.text.keywords import stop_words


def query_terms(query: str | None) -> list[str]:
    """Lower-case terms of a comma-separated query ("swine flu, H1N1")."""
    if not query:
        return []
    return [t.strip().lower() for t in query.split(",") if t.strip()]


@cache
def _term_re(terms: tuple[str, ...]) -> re.Pattern[str]:
    """Whole-word, case-blind alternation of ``terms``."""
    alternatives = "|".join(re.escape(t) for t in sorted(set(terms), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


class Query:
    """Query terms with a per-article memo of which articles name them in full."""

    def __init__(self, query: str | None) -> None:
        """Parse the comma-separated ``query``."""
        self.terms = tuple(query_terms(query))
        stops = stop_words()
        self.parts = tuple(
            w for t in self.terms for w in t.split() if len(w) > 2 and w not in stops
        )
        self._named: dict[str, bool] = {}

    def __bool__(self) -> bool:
        """True when there is something to filter on."""
        return bool(self.terms)

    def names(self, article_id: str, text: str | None) -> bool:
        """True when the article names a query term in full (computed once per article)."""
        if text is None:
            return False
        found = self._named.get(article_id)
        if found is None:
            found = bool(_term_re(self.terms).search(text))
            self._named[article_id] = found
        return found

    def keeps(self, event: Event, article_text: str | None, scope: str = "sentence") -> bool:
        """True when the event is about the query.

        The sentence must name a query term or, when its article names one in
        full, one of the term's words ("Jackson" in an article about "Michael
        Jackson"); with ``scope="article"`` any event of such an article is kept.
        """
        if not self.terms:
            return True
        if scope == "article" and self.names(event.article_id, article_text):
            return True
        haystack = " ".join((event.sentence, *event.actors, *event.places))
        return self.about(haystack, event.article_id, article_text)

    def about(self, text: str, article_id: str, article_text: str | None) -> bool:
        """True when ``text`` names a query term, or one of its words in an article that
        names the term in full."""
        if not self.terms or _term_re(self.terms).search(text):
            return True
        if not self.names(article_id, article_text):
            return False
        return bool(self.parts) and _term_re(self.parts).search(text) is not None


def relevant(
    event: Event, terms: Sequence[str], article_text: str | None = None, scope: str = "sentence"
) -> bool:
    """True when ``event`` is about one of ``terms`` (see :meth:`Query.keeps`)."""
    return Query(",".join(terms)).keeps(event, article_text, scope)
