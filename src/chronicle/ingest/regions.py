"""Which parts of a saved page belong to the article, so that only its own dates count.

A news page carries many dates that are not its publish date: a "Related" list
of older stories, the navigation, the footer, teaser cards of other articles.
:class:`Regions` finds the article (the ``<article>`` or ``<main>`` that holds
the ``<h1>``, else the first one) and its header area (the ``<header>`` around
the ``<h1>``, or the ``<h1>``'s parent), and tells whether an element belongs
to them. The word lists are in ``data/ingest.toml`` (``[html]``).

A class or id word never rules out the page itself, ``<main>``, or an element
holding the headline: ``<body class="has-sidebar">`` is still the article's page.
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from chronicle.ingest.config import settings

_PAGE_LEVEL = frozenset({"body", "html"})
_NEVER_BY_WORD = frozenset({"body", "html", "main", "head"})
_TEXT_BLOCKS = frozenset({"p", "li", "blockquote", "td", "dd"})
_OWN_ASIDES = frozenset({"aside", "footer"})  # inside the article: its own metadata boxes


@cache
def _outside_lists() -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
    """(tags, roles, class/id words) of the parts of a page that are not the article."""
    conf = settings().html
    return (
        frozenset(conf.outside_tags),
        frozenset(conf.outside_roles),
        tuple(word.lower() for word in conf.outside_words),
    )


def _names(element: Any) -> str:
    """``element``'s class and id, lower-cased, without taxonomy classes.

    Blog engines mark a post with its categories and tags ("category-newsletter",
    "tag-trending"): those name what the post is about, not a part of the page.
    """
    prefixes = settings().html.taxonomy_class_prefixes
    classes = (element.get("class") or "").lower().split()
    kept = [name for name in classes if not name.startswith(prefixes)]
    return " ".join([*kept, (element.get("id") or "").lower()]).strip()


def _marked_outside(element: Any, by_word: bool) -> bool:
    """True when ``element`` is an aside, navigation or footer (``by_word``: or a related list)."""
    if not isinstance(element.tag, str):
        return False
    tags, roles, words = _outside_lists()
    tag = element.tag.lower()
    if tag in tags or (element.get("role") or "").lower() in roles:
        return True
    if not by_word or tag in _NEVER_BY_WORD:
        return False
    names = _names(element)
    return bool(names) and any(word in names for word in words)


def _named_outside(element: Any) -> bool:
    """True when ``element``'s class or id names a part that is not the article ("related")."""
    if not isinstance(element.tag, str) or element.tag.lower() in _NEVER_BY_WORD:
        return False
    names = _names(element)
    return bool(names) and any(word in names for word in _outside_lists()[2])


def _paragraph_chars(element: Any) -> int:
    """The length of the text of the paragraphs in ``element``."""
    return sum(len(p.text_content()) for p in element.iter("p"))


class Regions:
    """The article of a page and its header area, and a test of what belongs to them."""

    def __init__(self, tree: Any) -> None:
        self.tree = tree
        self._protected: set[Any] = set()
        self._wrappers: dict[Any, bool] = {}  # word-marked element -> holds most of the page
        self._chars: int | None = None
        self.h1 = self._find_h1()
        if self.h1 is not None:
            self._protected = {self.h1, *self.h1.iterancestors()}
        self.root = self._find_root()
        self.header = self._find_header()

    def _find_h1(self) -> Any:
        """The headline: the first h1 outside asides, navigation and footers.

        One outside anything named like a related list too, when there is one;
        else the first (the article's own class may hold such a word: "has-comments").
        """
        headings = [
            h
            for h in self.tree.iter("h1")
            if not any(_marked_outside(a, by_word=False) for a in (h, *h.iterancestors()))
        ]
        clear = [h for h in headings if not self.in_outside(h)]
        in_article = (  # a site logo may be an h1 too: the article's own comes first
            h
            for h in clear
            if any(
                a.tag in ("article", "main") or a.get("role") == "main" for a in h.iterancestors()
            )
        )
        return next(in_article, clear[0] if clear else headings[0] if headings else None)

    def is_outside(self, element: Any) -> bool:
        """True when ``element`` itself is not the article (the h1 and its ancestors always are).

        A class or id word never rules out an element that holds most of the page's
        paragraphs: "sidebar" in ``<div class="wrap has-sidebar">`` names the layout, not
        the part.
        """
        if not _marked_outside(element, by_word=element not in self._protected):
            return False
        if _marked_outside(element, by_word=False):
            return True
        known = self._wrappers.get(element)
        if known is None:
            known = _paragraph_chars(element) * 2 > self._page_chars()
            self._wrappers[element] = known
        return not known

    def _page_chars(self) -> int:
        """The length of the page's paragraph text (counted once)."""
        if self._chars is None:
            self._chars = _paragraph_chars(self.tree)
        return self._chars

    def in_outside(self, element: Any) -> bool:
        """True when ``element`` or one of its ancestors is not part of the article."""
        node = element
        while node is not None:
            if self.is_outside(node):
                return True
            node = node.getparent()
        return False

    def _find_root(self) -> Any:
        """The element holding the article: the article/main around the h1, else the first."""
        if self.h1 is not None:
            for ancestor in self.h1.iterancestors():
                if ancestor.tag in ("article", "main") or ancestor.get("role") == "main":
                    return ancestor
        for path in ("//article", "//main", "//*[@role='main']"):
            for element in self.tree.xpath(path):
                if not self.in_outside(element):
                    return element
        return None

    def _find_header(self) -> Any:
        """The header area near the h1: its ``<header>``, else its parent (never the whole page)."""
        if self.h1 is None:
            return None
        for ancestor in self.h1.iterancestors():
            if ancestor.tag == "header":
                return ancestor
            if ancestor.tag in ("article", "main") or ancestor.tag in _PAGE_LEVEL:
                break
        parent = self.h1.getparent()
        return None if parent is None or parent.tag in _PAGE_LEVEL else parent

    def belongs(self, element: Any) -> bool:
        """True when ``element`` is part of the article or its header area (not an aside in it)."""
        inside_root = self.root is None
        node = element
        while node is not None:
            if self.is_outside(node):
                return False
            if node is self.root or node is self.header:
                inside_root = True
            elif node.tag == "article" and not inside_root:
                return False  # a teaser card of another article
            node = node.getparent()
        return inside_root

    def holds_marked(self, element: Any) -> bool:
        """True for a marked publish date (``itemprop="datePublished"``) of the article itself.

        Inside the article an ``<aside>`` often holds the article's own metadata
        (date, author, reading time): a marked date there counts, unless the
        element is named as a related list or comments, or sits in another
        story's card. Outside the article the test is :meth:`belongs`.
        """
        if self.root is None:
            return self.belongs(element)
        node = element
        while node is not None and node is not self.root:
            if node.tag in ("article", "nav") or _named_outside(node):
                return False
            if node.tag not in _OWN_ASIDES and _marked_outside(node, by_word=False):
                return False
            node = node.getparent()
        return node is self.root or self.belongs(element)

    def article_first(self, elements: list[Any]) -> list[Any]:
        """The article's elements among elements: its root's first, then the header area's."""
        own = [e for e in elements if self.belongs(e)]
        if self.root is None:
            return own
        inside = [
            e for e in own if e is self.root or any(a is self.root for a in e.iterancestors())
        ]
        return inside + [e for e in own if not any(e is i for i in inside)]

    def in_story_text(self, element: Any) -> bool:
        """True when ``element`` sits in a paragraph of the story (more words than a date line)."""
        limit = settings().html.story_words
        return any(
            a.tag in _TEXT_BLOCKS and len(a.text_content().split()) > limit
            for a in (element, *element.iterancestors())
        )

    def _not_the_article(self, element: Any) -> bool:
        """True for what htmldate must not see: asides, other stories' cards, site headers."""
        if self.is_outside(element):
            return True
        if element in self._protected or self.root is None:
            return False
        if element.tag not in ("article", "header"):
            return False
        inside = any(a is self.root for a in element.iterancestors())
        holds = any(a is element for a in self.root.iterancestors())
        return not (element is self.root or inside or holds)

    def outside_parts(self) -> list[Any]:
        """The outermost elements that are not the article (asides, navigation, other cards)."""
        parts: list[Any] = []
        taken: set[Any] = set()
        for element in self.tree.iter():
            if not isinstance(element.tag, str) or not self._not_the_article(element):
                continue
            if not any(a in taken for a in element.iterancestors()):
                parts.append(element)
                taken.add(element)
        return parts

    def story_text(self) -> str:
        """The words of the story's own paragraphs (blocks longer than a date line), no scripts."""
        limit = settings().html.story_words
        blocks = []
        for element in self.tree.iter(*_TEXT_BLOCKS):
            words = element.xpath(".//text()[not(ancestor::script) and not(ancestor::style)]")
            text = " ".join(" ".join(words).split())
            if len(text.split()) > limit:
                blocks.append(text)
        return "\n".join(blocks)

    def trimmed(self) -> Any:
        """A copy of the page without what is not the article and without the story's sentences.

        What is left is the head, the headline area and short lines: the places a
        publish date is written. Dates told in the story itself are not publish dates.
        """
        limit = settings().html.story_words
        paths = [
            self.tree.getroottree().getpath(element)
            for element in self.tree.iter()
            if isinstance(element.tag, str)
            and (
                self._not_the_article(element)
                or (element.tag in _TEXT_BLOCKS and len(element.text_content().split()) > limit)
            )
        ]
        page = copy.deepcopy(self.tree)
        found = [page.getroottree().xpath(path) for path in paths]
        for elements in found:
            for element in elements:
                if element.getparent() is not None:
                    element.drop_tree()
        return page
