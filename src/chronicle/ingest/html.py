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
from typing import Any

from chronicle.errors import InputError
from chronicle.ingest.common import Draft, language_code, own_output, settings
from chronicle.ingest.dates import Stamp, Zone, coerce_stamp, from_date, parse_stamp
from chronicle.ingest.own import is_timeline_page
from chronicle.ingest.plaintext import dateline_date
from chronicle.ingest.regions import Regions
from chronicle.ingest.safejson import loads
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


def read_html(text: str, source: str, zone: Zone) -> Draft:
    """A saved news page as a draft: date, title, url, publisher and main text."""
    import lxml.html
    from lxml import etree

    page = _XML_DECLARATION.sub("", text, count=1)
    try:
        tree = lxml.html.document_fromstring(page)
    except (etree.ParserError, ValueError):
        raise InputError(f"{source}: not an HTML page; save the article page as .html") from None
    regions = Regions(tree)
    metas = _metas(tree, regions)
    if is_timeline_page(metas, tree):
        raise own_output(source, "a timeline page")
    objects = _json_ld(tree, regions)
    conf = settings()["html"]
    published = _first_stamp(metas, conf["published_meta"], zone)
    if published is None:
        published = _ld_stamp(objects, "datePublished", zone)
    if published is None:
        published = _time_element(regions, zone)
    if published is None:
        published = _visible_date(regions, zone)
    updated = _first_stamp(metas, conf["updated_meta"], zone) or _ld_stamp(
        objects, "dateModified", zone
    )
    title = _title(tree, metas, objects)
    body = _main_text(page, title)
    if not body.strip():
        raise InputError(f"{source}: no article text found in the page; save the full article page")
    if published is None:
        published = dateline_date(body, zone)
    if published is None:
        published = _htmldate(regions, page, zone)
    return Draft(
        source=source,
        title=title,
        text=body,
        published=published,
        updated=updated,
        url=_first(metas, conf["url_meta"]) or _canonical(tree) or _ld_field(objects, "url"),
        publisher=_first(metas, conf["publisher_meta"]) or _ld_publisher(objects),
        language=language_code(tree.get("lang")) if tree.get("lang") else "en",
        date_hint=HTML_DATE_HINT,
        published_field="the page's publish date",
    )


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


def _first(metas: dict[str, str], keys: list[str]) -> str | None:
    """The first meta value among ``keys``."""
    for key in keys:
        value = metas.get(key.lower())
        if value:
            return value
    return None


def _first_stamp(metas: dict[str, str], keys: list[str], zone: Zone) -> Stamp | None:
    """The first meta value among ``keys`` that parses as a date."""
    for key in keys:
        value = metas.get(key.lower())
        if value:
            stamp = parse_stamp(value, zone, TzSource.METADATA)
            if stamp is not None:
                return stamp
    return None


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


def _time_element(regions: Regions, zone: Zone) -> Stamp | None:
    """The article's ``<time datetime>`` marked as the publish time, else its first one.

    Only times in the article or its header area count: never one in a
    "Related" list, the navigation, the footer or another story's card.
    """
    tree = regions.tree
    marked = tree.xpath(
        '//time[@datetime][@itemprop="datePublished" or @pubdate or contains(@class, "publish")]'
    )
    for candidates in (marked, tree.xpath("//time[@datetime]")):
        for element in regions.article_first(candidates):
            if regions.in_story_text(element):
                continue  # a date the story tells ("on <time>3 March</time> the council ...")
            stamp = parse_stamp(element.get("datetime") or "", zone, TzSource.METADATA)
            if stamp is not None:
                return stamp
    return None


_DATE_CLASSES = (
    "//*[self::p or self::span or self::div or self::time or self::small]"
    "[contains(@class, 'date') or contains(@class, 'time') or contains(@class, 'publish')"
    " or contains(@class, 'posted') or contains(@class, 'dateline')]"
)


def _visible_date(regions: Regions, zone: Zone) -> Stamp | None:
    """A short visible date line ("Published 16 Nov 2015 18.30 CET") of the article."""
    from chronicle.ingest.plaintext import header_stamp

    for element in regions.article_first(regions.tree.xpath(_DATE_CLASSES))[:20]:
        text = " ".join(element.text_content().split())
        if 6 <= len(text) <= 80:
            stamp = header_stamp(text, zone)
            if stamp is not None:
                return stamp
    return None


def _htmldate(regions: Regions, page: str, zone: Zone) -> Stamp | None:
    """htmldate's guess from the article's part of the page (original date; offset if given).

    htmldate sees the page without its related lists, navigation, footer, other
    stories' cards and the story's own sentences (:meth:`Regions.trimmed`): a
    date it finds there is in the metadata, the URL or a short line of the
    article, not a link to an older story or an event the story tells.
    Fast mode first; the extensive search only when that finds nothing, and
    then not its copyright-year fallback (``© 2015`` in a footer gives 1 January).
    """
    from htmldate import find_date

    trimmed = regions.trimmed()
    found: str | None = None
    for extensive in (False, True):
        try:
            found = find_date(
                trimmed,
                original_date=True,
                outputformat="%Y-%m-%dT%H:%M:%S%z",
                extensive_search=extensive,
            )
        except Exception:  # htmldate on a strange page: no date rather than a crash
            found = None
        if found:
            if extensive and _copyright_year(page, found):
                return None
            break
    if not found:
        return None
    midnight = _MIDNIGHT.match(found)
    if midnight:  # a date without a time
        return coerce_stamp(midnight.group(1), zone, TzSource.METADATA)
    stamp = parse_stamp(found, zone, TzSource.METADATA)
    if stamp is None:
        return None
    if stamp.value.utcoffset() is None:
        return from_date(stamp.value.date(), zone)
    return stamp


def _copyright_year(page: str, found: str) -> bool:
    """True when ``found`` is 1 January of a year the page only names in a copyright line."""
    if not found.startswith(found[:4] + "-01-01"):
        return False
    pattern = rf"(?:©|&copy;|&#169;|copyright)\s*(?:\d{{4}}\s*[-–]\s*)?{found[:4]}"
    return re.search(pattern, page, re.IGNORECASE) is not None


def _title(tree: Any, metas: dict[str, str], objects: list[dict[str, Any]]) -> str:
    """og:title, JSON-LD headline, ``<title>`` without the site name, or the first ``<h1>``."""
    conf = settings()["html"]
    title = _first(metas, conf["title_meta"]) or _ld_field(objects, "headline")
    if title:
        return " ".join(title.split())
    h1 = next((" ".join(h.text_content().split()) for h in tree.iter("h1")), "")
    element = tree.find(".//title")
    page_title = " ".join(element.text_content().split()) if element is not None else ""
    if not page_title:
        return h1
    if h1 and page_title.lower().startswith(h1.lower()):
        return h1  # "Raid | Paper" with <h1>Raid</h1>
    site = (_first(metas, conf["publisher_meta"]) or "").lower()
    for separator in conf["title_separators"]:
        if separator in page_title:
            head, _, tail = page_title.rpartition(separator)
            if tail.strip().lower() == site or len(head) > len(tail):
                return head.strip()
    return page_title


def _main_text(page: str, title: str) -> str:
    """The article text (trafilatura) without a repeated title, byline or date lines on top."""
    import trafilatura

    from chronicle.ingest.plaintext import is_header_line

    extracted = trafilatura.extract(
        page,
        favor_precision=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        include_formatting=False,
        deduplicate=False,
        with_metadata=False,
        output_format="txt",
    )
    if not extracted:
        return ""
    lines = [line.strip() for line in extracted.split("\n")]
    lines = [line for line in lines if line]
    norm_title = " ".join(title.split()).lower()
    while lines and (" ".join(lines[0].split()).lower() == norm_title or is_header_line(lines[0])):
        lines.pop(0)
    return "\n\n".join(lines)
