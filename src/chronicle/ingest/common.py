"""What every format reader shares: the draft it fills, paragraph layout, titles, ids."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from chronicle.errors import InputError
from chronicle.ingest.stamps import Stamp, implausible
from chronicle.language import article_language, code
from chronicle.models import Article, TzSource

Span = tuple[int, int]

PUBLISHED_EXAMPLE = "--published 2015-11-16T09:00"
TITLE_CHARS = 100

_SPACE_LIKE = (
    ("\u00a0", " "),
    ("\u2007", " "),
    ("\u202f", " "),
    ("\t", " "),
    ("\u2028", "\n"),
    ("\u2029", "\n"),
)  # same length; a few str.replace are ten times faster than str.translate with a dict
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff\ud800-\udfff]"
)  # + lone surrogates
_TRAILING = re.compile(r"[ ]+\n")
_BLANKS = re.compile(r"\n[ ]*\n(?:[ ]*\n)+")
_SENTENCE_END = re.compile(r"[.!?](?=[\"'”’)]*\s)")
_LINE = re.compile(r"\S(?:[^\n]*\S)?")
_BYLINE_START = re.compile(r"By\s+[A-Z]")
_SLUG_DROP = re.compile(r"[^a-z0-9]+")
_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,79}")


class ChronicleOutput(InputError):
    """An input that is a timeline chronicle wrote (page, JSON, Markdown), not an article."""


def own_output(source: str, what: str) -> ChronicleOutput:
    """The error for one of chronicle's own timelines given as an input."""
    return ChronicleOutput(
        f"{source}: {what} chronicle wrote, not an article; leave it out of the inputs"
    )


@dataclass(slots=True)
class Draft:
    """An article as a reader found it, before defaults and checks."""

    source: str
    title: str = ""
    text: str = ""
    published: Stamp | None = None
    updated: Stamp | None = None
    url: str | None = None
    publisher: str | None = None
    language: str = ""  # as the input declares it ("" when it does not)
    id_hint: str | None = None  # an id the input gave itself (JSON "id", front matter "slug")
    date_hint: str = "add a publish date"  # how to add a date in this format
    published_field: str = "the publish date"  # where the date was read, for messages
    extras: dict[str, str] = field(default_factory=dict)


def clean_text(text: str) -> str:
    """Normalise line ends, odd spaces and control characters; trim; at most one blank line."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for odd, plain in _SPACE_LIKE:
        if odd in text:
            text = text.replace(odd, plain)
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    if " \n" in text:
        text = _TRAILING.sub("\n", text)
    if "\n\n\n" in text:
        text = _BLANKS.sub("\n\n", text)
    return text.strip()


def paragraph_spans(text: str) -> tuple[Span, ...]:
    """Paragraph offsets: blocks between blank lines, or single lines when there are none."""
    if "\n\n" not in text:
        return tuple(m.span() for m in _LINE.finditer(text))
    separator = "\n\n"
    spans: list[Span] = []
    start = 0
    length = len(text)
    while start < length:
        end = text.find(separator, start)
        if end < 0:
            end = length
        lo, hi = start, end
        while lo < hi and text[lo].isspace():
            lo += 1
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
        if hi > lo:
            spans.append((lo, hi))
        start = end + len(separator)
    return tuple(spans)


def title_from_text(text: str) -> str:
    """A stand-in headline: the first line or sentence, cut to about 100 characters."""
    lines = text.lstrip().split("\n", 2)
    first = lines[0].strip()
    if len(lines) > 1 and _BYLINE_START.match(first) and lines[1].strip():
        first = lines[1].strip()  # "By Maggie Fox, Health Editor ..." is not a headline
    match = _SENTENCE_END.search(first)
    if match and match.end() < len(first):
        first = first[: match.end()]
    if len(first) <= TITLE_CHARS:
        return first
    cut = first.rfind(" ", 0, TITLE_CHARS)
    return first[: cut if cut > TITLE_CHARS // 2 else TITLE_CHARS].rstrip(" ,;:-") + "…"


def slugify(text: str) -> str:
    """``[a-z0-9-]`` form of a name: "Paris Attacks (HK).txt" -> "paris-attacks-hk-txt"."""
    slug = _SLUG_DROP.sub("-", text.lower()).strip("-")
    return slug[:80].rstrip("-") or "article"


def item_id(given: object) -> str | None:
    """An id an input gave itself: kept when it is a plain token, slugified otherwise."""
    if given is None or isinstance(given, bool | dict | list):
        return None
    text = str(given).strip()
    if not text:
        return None
    if _SAFE_ID.fullmatch(text):
        return text
    return slugify(text)


def free_id(wanted: str, taken: set[str]) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3`` ... whichever is not taken yet."""
    candidate = wanted
    n = 2
    while candidate in taken:
        candidate = f"{wanted}-{n}"
        n += 1
    return candidate


def finish(draft: Draft, article_id: str, published: datetime | None) -> Article:
    """Check a draft and make it an Article; ``published`` is the --published fallback."""
    text = clean_text(draft.text)
    if not text:
        raise InputError(f"{draft.source}: no article text found; add the body under the headline")
    stamp = draft.published
    problem = (stamp.problem or implausible(stamp.value)) if stamp is not None else None
    if problem and published is None:  # an ambiguous or implausible date: --published rescues
        raise InputError(
            f"{draft.source}: {draft.published_field}: {problem} (or pass {PUBLISHED_EXAMPLE})"
        )
    if stamp is not None and not problem:
        when, tz_source = stamp.value, stamp.tz_source
    elif published is not None:
        when, tz_source = published, TzSource.OPTION
    else:
        raise InputError(
            f"{draft.source}: no publish date found; {draft.date_hint} or pass {PUBLISHED_EXAMPLE}"
        )
    updated = None
    if draft.updated is not None and not (
        draft.updated.problem or implausible(draft.updated.value)
    ):
        updated = draft.updated.value
        if draft.updated.tz_source in (TzSource.ASSUMED, TzSource.OPTION) and when.tzinfo:
            updated = updated.replace(tzinfo=when.tzinfo)
    title = " ".join(draft.title.split()) or title_from_text(text)
    return Article(
        id=article_id,
        source=draft.source,
        title=title,
        published=when,
        tz_source=tz_source,
        text=text,
        paragraphs=paragraph_spans(text),
        url=draft.url or None,
        publisher=draft.publisher or None,
        updated=updated,
        language=article_language(draft.language, text),
    )


def language_code(value: object) -> str:
    """ "en-GB" -> "en"; anything unusable -> "" (the language is then detected from the text)."""
    return code(value) or ""
