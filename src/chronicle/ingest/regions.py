"""Which parts of a saved page belong to the article, so that only its own dates count.

A news page carries many dates that are not its publish date: a "Related" list
of older stories, the navigation, the footer, teaser cards of other articles.
:class:`Regions` finds the article (the ``<article>`` or ``<main>`` that holds
the ``<h1>``, else the first one) and its header area (the ``<header>`` around
the ``<h1>``, or the ``<h1>``'s parent), and tells whether an element belongs
to them. The word lists are in ``data/ingest.toml`` (``[html]``).
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from chronicle.ingest.common import settings

_PAGE_LEVEL = frozenset({"body", "html"})


@cache
def _outside_lists() -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
    """(tags, roles, class/id words) of the parts of a page that are not the article."""
    conf = settings()["html"]
    return (
        frozenset(conf["outside_tags"]),
        frozenset(conf["outside_roles"]),
        tuple(word.lower() for word in conf["outside_words"]),
    )


def is_outside(element: Any) -> bool:
    """True when ``element`` itself is a related list, navigation, footer or the like."""
    tags, roles, words = _outside_lists()
    if not isinstance(element.tag, str):
        return False
    if element.tag.lower() in tags or (element.get("role") or "").lower() in roles:
        return True
    names = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
    return bool(names.strip()) and any(word in names for word in words)


class Regions:
    """The article of a page and its header area, and a test of what belongs to them."""

    def __init__(self, tree: Any) -> None:
        self.tree = tree
        self.h1 = next((h for h in tree.iter("h1") if not self._in_outside(h)), None)
        self.root = self._find_root()
        self.header = self._find_header()

    def _in_outside(self, element: Any) -> bool:
        """True when ``element`` or one of its ancestors is not part of the article."""
        node = element
        while node is not None:
            if is_outside(node):
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
                if not self._in_outside(element):
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
            if is_outside(node):
                return False
            if node is self.root or node is self.header:
                inside_root = True
            elif node.tag == "article" and not inside_root:
                return False  # a teaser card of another article
            node = node.getparent()
        return inside_root

    def trimmed(self) -> Any:
        """A copy of the page without what is not the article and without the story's sentences.

        What is left is the head, the headline area and short lines: the places a
        publish date is written. Dates told in the story itself are not publish dates.
        """
        page = copy.deepcopy(self.tree)
        limit = int(settings()["html"]["story_words"])
        doomed = [
            element
            for element in page.iter()
            if isinstance(element.tag, str)
            and (
                is_outside(element)
                or (
                    element.tag in ("p", "li", "blockquote", "td", "dd")
                    and len(element.text_content().split()) > limit
                )
            )
        ]
        root_path = self.tree.getroottree().getpath(self.root) if self.root is not None else None
        for element in page.iter("article"):
            path = page.getroottree().getpath(element)
            if root_path is not None and not (
                root_path == path
                or root_path.startswith(path + "/")
                or path.startswith(root_path + "/")
            ):
                doomed.append(element)  # another article's card
        for element in doomed:
            if element.getparent() is not None:
                element.drop_tree()
        return page
