"""Saved HTML news pages: the publish date, the title, and the article text without boilerplate.

The date is looked for first where publishers put it with an offset:
``<meta property="article:published_time">`` (and the other names listed in
``data/ingest.toml``), then JSON-LD ``datePublished``, then ``<time datetime>``,
then a short date line in an element with a date-like class (where a time and
zone are often written: "Monday 16 November 2015 18.30 CET"), then a wire
dateline with a full date at the start of the text; only then htmldate (given
the parsed page, never a path or URL, with ``original_date=True``). Every step
reads only the article's own parts (:mod:`chronicle.ingest.regions`): a date in
a "Related" list, the navigation or the footer is never the publish date.
The text comes from trafilatura (precision first, no comments, no tables),
then loses any byline or date lines it kept at the top.
trafilatura, htmldate and lxml are imported here only, when a page is read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from chronicle.errors import InputError
from chronicle.ingest.common import Draft, own_output
from chronicle.ingest.config import settings
from chronicle.ingest.furniture import without_furniture
from chronicle.ingest.own import is_timeline_page
from chronicle.ingest.plaintext import dateline_date
from chronicle.ingest.published import Clue, choose, in_local_day, url_clues, written_in
from chronicle.ingest.regions import Regions
from chronicle.ingest.safejson import loads
from chronicle.ingest.stamps import Stamp, Zone, coerce_stamp, from_date, parse_stamp
from chronicle.language import article_language, code
from chronicle.models import TzSource

HTML_DATE_HINT = 'add <meta property="article:published_time" content="2015-11-16T09:00+01:00">'
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_ARTICLE_TYPES = {
    "newsarticle",
    "article",
    "reportagenewsarticle",
    "blogposting",
    "analysisnewsarticle",
    "webpage",
}
_MIDNIGHT = re.compile(r"^(\d{4}-\d{2}-\d{2})T00:00:00$")


def looks_like_html(text: str) -> bool:
    """True when ``text`` starts like an HTML document."""
    head = text.lstrip()[:1024].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or (
        head.startswith("<") and ("<body" in head or "<head" in head or "<article" in head)
    )


@dataclass(slots=True)
class _Page:
    """A parsed page and what every reader of its parts needs."""

    html: str
    tree: Any
    regions: Regions
    metas: dict[str, str]
    objects: list[dict[str, Any]]
    zone: Zone
    languages: tuple[str, ...] = ("en",)


def read_html(text: str, source: str, zone: Zone) -> Draft:
    """A saved news page as a draft: date, title, url, publisher, language and main text."""
    import lxml.html
    from lxml import etree

    html = _XML_DECLARATION.sub("", text, count=1)
    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        raise InputError(f"{source}: not an HTML page; save the article page as .html") from None
    regions = Regions(tree)
    metas = _metas(tree, regions)
    if is_timeline_page(metas, tree):
        raise own_output(source, "a timeline page")
    page = _Page(html, tree, regions, metas, _json_ld(tree, regions), zone)
    conf = settings().html
    title = _title(tree, metas, page.objects)
    lines = _text_lines(html)
    language = article_language(_declared_language(page), "\n".join(lines))
    page.languages = (language,)
    body, header_stamps = _body(lines, title, page)
    if not body.strip():
        raise InputError(f"{source}: no article text found in the page; save the full article page")
    url = _first(metas, conf.url_meta) or _canonical(tree) or _ld_field(page.objects, "url")
    chosen = choose(page_clues(page, body, header_stamps, url))
    updated = _first_stamp(metas, conf.updated_meta, zone) or _ld_stamp(
        page.objects, "dateModified", zone
    )
    return Draft(
        source=source,
        title=title,
        text=body,
        published=chosen.stamp if chosen is not None else None,
        updated=updated,
        url=url,
        publisher=_first(metas, conf.publisher_meta) or _ld_publisher(page.objects),
        language=language,
        date_hint=HTML_DATE_HINT,
        published_field="the page's publish date",
    )


def _declared_language(page: _Page) -> str | None:
    """The language the page declares: ``<html lang>``, Content-Language, og:locale, JSON-LD."""
    tree = page.tree
    values: list[object] = [
        tree.get("lang"),
        tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
    ]
    values += [
        meta.get("content")
        for meta in tree.iter("meta")
        if (meta.get("http-equiv") or "").lower() == "content-language"
    ]
    values += [page.metas.get(key) for key in settings().html.language_meta]
    values += [obj.get("inLanguage") for obj in page.objects[:1]]
    return next((code(v) for v in values if code(v) is not None), None)


def page_clues(page: _Page, body: str, header_stamps: list[Stamp], url: str | None) -> list[Clue]:
    """Every place of the page that names its publish date, UTC stamps on the local day."""
    conf = settings().html
    zone = page.zone
    clues = [
        *_meta_clues(page.metas, conf.published_meta, zone),
        *_ld_clues(page.objects, zone),
        *_time_clues(page.regions, zone),
        *_visible_clues(page),
        *_statement_clues(page),
        *(Clue("text_header", stamp) for stamp in header_stamps[:1]),
        *url_clues([url], zone),
    ]
    dateline = dateline_date(body, zone)
    if dateline is not None:
        clues.append(Clue("dateline", dateline))
    clues.extend(_htmldate_clues(page.regions, page.html, zone))
    return [Clue(c.kind, in_local_day(c.stamp, page.html, zone), c.detail) for c in clues]


def _metas(tree: Any, regions: Regions) -> dict[str, str]:
    """Lower-cased meta name/property/itemprop -> content (first wins), the article's only.

    A ``<meta itemprop>`` in the body counts only inside the article: a related
    story's card carries its own ``datePublished``.
    """
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        if not _in_head(meta) and not regions.belongs(meta):
            continue
        key = (
            (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        )
        content = (meta.get("content") or "").strip()
        if key and content and key not in found:
            found[key] = content
    return found


def _in_head(element: Any) -> bool:
    """True when ``element`` is inside ``<head>``."""
    return any(ancestor.tag == "head" for ancestor in element.iterancestors())


def _first(metas: dict[str, str], keys: Sequence[str]) -> str | None:
    """The first meta value among ``keys``."""
    for key in keys:
        value = metas.get(key.lower())
        if value:
            return value
    return None


def _first_stamp(metas: dict[str, str], keys: Sequence[str], zone: Zone) -> Stamp | None:
    """The first meta value among ``keys`` that parses as a date."""
    for key in keys:
        value = metas.get(key.lower())
        if value:
            stamp = parse_stamp(value, zone, TzSource.METADATA)
            if stamp is not None:
                return stamp
    return None


def _meta_clues(metas: dict[str, str], keys: Sequence[str], zone: Zone) -> list[Clue]:
    """A clue for each publish-date meta tag of the page that parses as a date."""
    clues = []
    for key in keys:
        value = metas.get(key.lower())
        if value:
            stamp = parse_stamp(value, zone, TzSource.METADATA)
            if stamp is not None:
                clues.append(Clue("meta", stamp, key))
    return clues


def _json_ld(tree: Any, regions: Regions) -> list[dict[str, Any]]:
    """Every JSON-LD object of the page, articles first (``@graph`` and lists flattened)."""
    objects: list[dict[str, Any]] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        if regions.in_outside(script):
            continue  # the structured data of a related-stories widget
        try:
            data = loads(script.text or "")  # nesting bounded: no RecursionError
        except json.JSONDecodeError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                objects.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)

    def is_article(obj: dict[str, Any]) -> bool:
        kinds = obj.get("@type")
        names = kinds if isinstance(kinds, list) else [kinds]
        return any(isinstance(n, str) and n.lower() in _ARTICLE_TYPES for n in names)

    return sorted(objects, key=lambda obj: not is_article(obj))


def _ld_stamp(objects: list[dict[str, Any]], key: str, zone: Zone) -> Stamp | None:
    """The first JSON-LD ``key`` that parses as a date."""
    for obj in objects:
        value = obj.get(key)
        if isinstance(value, str):
            stamp = coerce_stamp(value, zone, TzSource.METADATA)
            if stamp is not None:
                return stamp
    return None


def _ld_clues(objects: list[dict[str, Any]], zone: Zone) -> list[Clue]:
    """The article's JSON-LD ``datePublished`` (the first object that has one)."""
    stamp = _ld_stamp(objects, "datePublished", zone)
    return [Clue("json_ld", stamp, "datePublished")] if stamp is not None else []


def _ld_field(objects: list[dict[str, Any]], key: str) -> str | None:
    """The first JSON-LD text value of ``key``."""
    for obj in objects:
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _ld_publisher(objects: list[dict[str, Any]]) -> str | None:
    """The JSON-LD publisher's name."""
    for obj in objects:
        publisher = obj.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            return str(publisher["name"]).strip() or None
    return None


def _canonical(tree: Any) -> str | None:
    """``<link rel="canonical" href>``."""
    for link in tree.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            return str(link.get("href")).strip()
    return None


def _time_clues(regions: Regions, zone: Zone) -> list[Clue]:
    """The article's marked publish time and its first ``<time datetime>``.

    Marked: a ``<time>`` with ``itemprop="datePublished"``, ``pubdate`` or a
    "publish" class, or any element with ``itemprop="datePublished"`` and a
    ``content`` or ``datetime`` (microdata), anywhere in the article
    (:meth:`Regions.holds_marked`). The first ``<time>``: only in the article
    or its header area, never one in a "Related" list, the navigation, the
    footer or another story's card, and never one the story tells.
    """
    tree = regions.tree
    marked = tree.xpath(
        '//time[@datetime][@itemprop="datePublished" or @pubdate or contains(@class, "publish")]'
        ' | //*[not(self::meta)][@itemprop="datePublished"][@content or @datetime]'
    )
    clues: list[Clue] = []
    for element in marked:
        if regions.holds_marked(element):
            value = element.get("datetime") or element.get("content") or ""
            stamp = parse_stamp(value, zone, TzSource.METADATA)
            if stamp is not None:
                clues.append(Clue("time_marked", stamp))
                break
    for element in regions.article_first(tree.xpath("//time[@datetime]")):
        if regions.in_story_text(element):
            continue  # a date the story tells ("on <time>3 March</time> the council ...")
        stamp = parse_stamp(element.get("datetime") or "", zone, TzSource.METADATA)
        if stamp is not None:
            clues.append(Clue("time", stamp))
            break
    return clues


_DATE_CLASSES = (
    "//*[self::p or self::span or self::div or self::time or self::small or self::a or self::dd]"
    "[contains(@class, 'date') or contains(@class, 'time') or contains(@class, 'publish')"
    " or contains(@class, 'posted') or contains(@class, 'dateline')]"
)


def _visible_clues(page: _Page) -> list[Clue]:
    """A short visible date line ("Published 16 Nov 2015 18.30 CET") of the article."""
    from chronicle.ingest.plaintext import header_stamp

    regions = page.regions
    for element in regions.article_first(regions.tree.xpath(_DATE_CLASSES))[:20]:
        text = " ".join(element.text_content().split())
        if 6 <= len(text) <= 80:
            stamp = header_stamp(text, page.zone, page.languages)
            if stamp is not None:
                return [Clue("visible", stamp, text)]
    return []


_STATEMENT_BLOCKS = (
    "//*[self::p or self::div or self::span or self::small or self::footer or self::li]"
)
_DATE_IN_TEXT = re.compile(
    r"(?:[^\W\d_]+,\s+)?(?:\d{1,2}(?:\.|st|nd|rd|th)?\s+(?:de\s+)?[^\W\d_]{3,}\.?,?\s+(?:de\s+)?\d{4}"
    r"|[^\W\d_]{3,}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{4}"
    r"|\d{4}-\d{2}-\d{2})"
)


def _statement_clues(page: _Page) -> list[Clue]:
    """The date of the article's own "published" statement or labelled date.

    "This entry was posted on Saturday, December 3rd, 2011", "Dieser Artikel wurde
    am 14. Dezember 2015 veröffentlicht" (a short block with a word of
    ``published_words``), or a definition list ``<dt>Date</dt><dd>12.01.2017</dd>``
    whose label is a publish label; only in the article (:meth:`Regions.holds_marked`).
    """
    from chronicle.ingest.plaintext import header_stamp

    conf = settings().html
    words = [w.lower() for w in conf.published_words]
    limit = conf.statement_chars
    regions = page.regions
    for element in page.tree.xpath(_STATEMENT_BLOCKS):
        text = " ".join(element.text_content().split())
        low = text.lower()
        if not 10 <= len(text) <= limit or not any(w in low for w in words):
            continue
        if not regions.holds_marked(element):
            continue
        for found in _DATE_IN_TEXT.finditer(text):
            stamp = parse_stamp(found.group(0), page.zone, TzSource.TEXT, languages=page.languages)
            if stamp is not None:
                return [Clue("statement", stamp, text[:80])]
    for value in page.tree.xpath("//dd[preceding-sibling::dt]"):
        label = value.getprevious()
        if label is None or label.tag != "dt" or not regions.holds_marked(value):
            continue
        line = f"{label.text_content().strip()}: {value.text_content().strip()}"
        if len(line) <= 80:
            stamp = header_stamp(line, page.zone, page.languages)
            if stamp is not None:
                return [Clue("statement", stamp, line)]
    return []


def _htmldate_clues(regions: Regions, page: str, zone: Zone) -> list[Clue]:
    """htmldate's verdicts on the article's part of the page (fast, extensive) and the whole page.

    The trimmed page (:meth:`Regions.trimmed`) has no related lists,
    navigation, footer, other stories' cards or the story's own sentences.
    The whole page's verdict counts only when neither a part outside the
    article (related lists, navigation, footer, other stories' cards) nor the
    story's own paragraphs write its day: htmldate's own order sometimes finds
    a date trimming hid from it (in a script, in a box of the article marked
    as an aside), and sometimes a related story's or a told one.
    """
    import lxml.html
    from htmldate import find_date

    trimmed = regions.trimmed()
    outside_source = " ".join(
        lxml.html.tostring(element, encoding="unicode") for element in regions.outside_parts()
    )
    clues: list[Clue] = []
    for kind, tree, extensive in (
        ("htmldate_fast", trimmed, False),
        ("htmldate_ext", trimmed, True),
        ("htmldate_page", page, True),
    ):
        try:
            found = find_date(
                tree,
                original_date=True,
                outputformat="%Y-%m-%dT%H:%M:%S%z",
                extensive_search=extensive,
            )
        except Exception:  # htmldate on a strange page: no date rather than a crash
            found = None
        stamp = _htmldate_stamp(found, zone) if found else None
        if stamp is None:
            continue
        day = stamp.value.date()
        if not written_in(day, page) or (
            kind == "htmldate_page"
            and (written_in(day, outside_source) or written_in(day, regions.story_text()))
        ):
            continue  # a day the page never writes; another story's day, or a day the story tells
        clues.append(Clue(kind, stamp, found or ""))
    return clues


def _htmldate_stamp(found: str, zone: Zone) -> Stamp | None:
    """htmldate's answer as a stamp (a date alone at midnight; an offset when it gives one)."""
    midnight = _MIDNIGHT.match(found)
    if midnight:  # a date without a time
        return coerce_stamp(midnight.group(1), zone, TzSource.METADATA)
    stamp = parse_stamp(found, zone, TzSource.METADATA)
    if stamp is None:
        return None
    if stamp.value.utcoffset() is None:
        return from_date(stamp.value.date(), zone)
    return stamp


def _title(tree: Any, metas: dict[str, str], objects: list[dict[str, Any]]) -> str:
    """og:title, JSON-LD headline, ``<title>`` without the site name, or the first ``<h1>``."""
    conf = settings().html
    title = _first(metas, conf.title_meta) or _ld_field(objects, "headline")
    if title:
        return " ".join(title.split())
    h1 = next((" ".join(h.text_content().split()) for h in tree.iter("h1")), "")
    element = tree.find(".//title")
    page_title = " ".join(element.text_content().split()) if element is not None else ""
    if not page_title:
        return h1
    if h1 and page_title.lower().startswith(h1.lower()):
        return h1  # "Raid | Paper" with <h1>Raid</h1>
    site = (_first(metas, conf.publisher_meta) or "").lower()
    for separator in conf.title_separators:
        if separator in page_title:
            head, _, tail = page_title.rpartition(separator)
            if tail.strip().lower() == site or len(head) > len(tail):
                return head.strip()
    return page_title


def _text_lines(html: str) -> list[str]:
    """The article text's non-blank lines: trafilatura without comments, else in recall mode.

    Tables stay (a table of figures or a schedule is part of many articles);
    recall mode only runs when the default finds nothing.
    """
    import trafilatura

    extracted = None
    for recall in (False, True):
        extracted = trafilatura.extract(
            html,
            favor_recall=recall,
            include_comments=False,
            include_images=False,
            include_links=False,
            include_formatting=False,
            deduplicate=False,
            with_metadata=False,
            output_format="txt",
        )
        if extracted:
            break
    return [line.strip() for line in (extracted or "").split("\n") if line.strip()]


def _body(lines: list[str], title: str, page: _Page) -> tuple[str, list[Stamp]]:
    """The text without a repeated title, byline or date lines on top; and those lines' stamps."""
    from chronicle.ingest.plaintext import header_stamp, is_header_line

    norm_title = " ".join(title.split()).lower()
    stamps: list[Stamp] = []
    at = 0
    while at < len(lines) and (
        " ".join(lines[at].split()).lower() == norm_title
        or is_header_line(lines[at], page.languages)
    ):
        stamp = header_stamp(lines[at], page.zone, page.languages)
        if stamp is not None:
            stamps.append(stamp)
        at += 1
    return "\n\n".join(without_furniture(lines[at:])), stamps
