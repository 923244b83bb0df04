"""Markdown articles with YAML front matter (python-frontmatter), Markdown syntax stripped.

Front matter keys (first found wins, names in ``data/ingest.toml``): title,
published/date (YAML may already have made it a date or datetime), updated,
url, source/publisher, timezone/tz, language, id/slug. The body keeps its
words: headings become their own paragraphs, ``[text](url)`` becomes ``text``,
emphasis and code marks go, images go, list and quote markers go. A body that
starts with a heading gives the title when the front matter has none. Without
a date in the front matter (or without front matter), date lines and bylines
right under the heading ("Published 3 March 2021", "By Jane Doe | 3 March
2021") give the publish date and leave the body.
"""

from __future__ import annotations

import re
from typing import Any

from chronicle.errors import InputError
from chronicle.ingest.common import Draft, item_id, language_code, own_output
from chronicle.ingest.config import settings
from chronicle.ingest.own import is_timeline_markdown
from chronicle.ingest.plaintext import leading_dates
from chronicle.ingest.stamps import Zone, coerce_stamp, metadata_zone
from chronicle.models import TzSource

_FENCE = re.compile(r"^\s*(```|~~~)")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_HEADING = re.compile(r"\s{0,3}#{1,6}")  # then white space and the text (see _heading)
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+(?:\[[ xX]\]\s+)?")
# Every repeat below stops at the next bracket (or mark) it may not contain, so each place in
# a line is tried against a short stretch: linear, not quadratic, on a line of "[a](" or "[".
_IMAGE = re.compile(r"!\[[^\[\]]*\]\((?:[^()]|\([^()]*\))*\)|!\[[^\[\]]*\]\[[^\[\]]*\]")
# Raw HTML whose content is not article text: dropped whole, even across lines.
_RAW_ELEMENTS = "script|style|textarea|iframe|noscript|template|svg|object|embed|math"
_RAW_OPEN = re.compile(rf"<({_RAW_ELEMENTS})\b[^<>]*>|<!--", re.IGNORECASE)
_GAPS = re.compile(r"(?<=\S) {2,}(?=\S)")  # where a dropped element was
_LINK = re.compile(r"\[([^\[\]]+)\]\((?:[^()]|\([^()]*\))*\)|\[([^\[\]]+)\]\[[^\[\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto|ftp):[^<>\s]+)>")
_FOOTNOTE = re.compile(r"\[\^[^\[\]]+\]")
_CODE = re.compile(r"`+([^`]+?)`+")
_STRONG = re.compile(
    r"\*\*(?=\S)((?:[^*]|\*(?!\*))+?)(?<=\S)\*\*|__(?=\S)((?:[^_]|_(?!_))+?)(?<=\S)__"
)
_EMPHASIS = re.compile(
    r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?!\w)|(?<![\w_])_(?=\S)([^_]+?)(?<=\S)_(?![\w])"
)
_STRIKE = re.compile(r"~~(.+?)~~")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])")
MARKDOWN_DATE_HINT = "add 'published: 2015-11-16T09:00:00+01:00' to the front matter"
MARKDOWN_LINE_HINT = (
    "add a line like 'Published: 18 Nov 2015 14:05 GMT' under the heading "
    "(or front matter 'published: 2015-11-18T14:05:00+00:00')"
)


def read_markdown(text: str, source: str, zone: Zone) -> Draft:
    """A Markdown article: front matter as metadata, the stripped body as text."""
    if is_timeline_markdown(text):
        raise own_output(source, "a Markdown timeline")
    metadata, body = _split_front_matter(text, source)
    fields = settings().front_matter
    lowered = {str(k).lower(): v for k, v in metadata.items()}

    def get(role: str) -> Any:
        return named(role)[1]

    def named(role: str) -> tuple[str, Any]:
        for key in getattr(fields, role):
            value = lowered.get(key.lower())
            if value not in (None, ""):
                return key, value
        return "", None

    zone = metadata_zone(get("timezone"), f"{source}: front matter 'timezone'", zone)
    date_key, raw_published = named("published")
    published = coerce_stamp(raw_published, zone, TzSource.METADATA)
    if raw_published is not None and published is None:
        raise InputError(
            f"{source}: front matter date {str(raw_published)!r} is not a date; "
            "use e.g. 2015-11-16T09:00:00+01:00"
        )
    updated = coerce_stamp(get("updated"), zone, TzSource.METADATA)
    title = get("title")
    plain = strip_markdown(body)
    heading, rest = _leading_heading(body, plain)
    if not title:
        title, plain = heading, rest
    elif heading and " ".join(heading.split()).lower() == " ".join(str(title).split()).lower():
        plain = rest  # the body repeats the front matter title
    date_hint = MARKDOWN_DATE_HINT if metadata else MARKDOWN_LINE_HINT
    published_field = f"front matter {date_key!r}"
    if published is None:  # no date in front matter: a "Published 3 March 2021" line on top
        line_published, line_updated, rest = leading_dates(plain, zone)
        if line_published is not None:
            published, plain, published_field = line_published, rest, "the date line"
            updated = updated or line_updated
    publisher = get("publisher")
    return Draft(
        source=source,
        title=str(title or ""),
        text=plain,
        published=published,
        updated=updated,
        url=_text_or_none(get("url")),
        publisher=_text_or_none(publisher),
        language=language_code(get("language")) if get("language") else "",
        id_hint=item_id(get("id")),
        date_hint=date_hint,
        published_field=published_field,
    )


def _text_or_none(value: object) -> str | None:
    """A metadata value as text; a mapping (``source: {name: ...}``) gives its name."""
    if isinstance(value, dict):
        value = value.get("name")
    return str(value).strip() or None if value is not None else None


def _split_front_matter(text: str, source: str) -> tuple[dict[str, Any], str]:
    """(metadata, body); a broken front matter block is one clear InputError."""
    stripped = text.lstrip("\ufeff")
    if not stripped.startswith(("---", "+++")):
        return {}, stripped
    fence = stripped[:3]
    first_line_end = stripped.find("\n")
    if first_line_end < 0 or stripped[:first_line_end].strip() != fence:
        return {}, stripped
    if re.search(rf"^{re.escape(fence)}\s*$", stripped[first_line_end + 1 :], re.MULTILINE) is None:
        raise InputError(
            f"{source}: front matter is not closed; end it with a '{fence}' line before the body"
        )
    if fence == "+++":
        return _toml_front_matter(stripped, first_line_end, source)
    import frontmatter
    import yaml

    try:
        post = frontmatter.loads(stripped, handler=_safe_yaml())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"line {mark.line + 2}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(
            f"{source}: front matter is not valid YAML ({line}{problem}); "
            f"fix the block between the '{fence}' lines"
        ) from None
    except Exception as exc:  # TOML errors and the like from other handlers
        raise InputError(
            f"{source}: front matter cannot be read ({_first_line(exc)}); "
            f"fix the block between the '{fence}' lines"
        ) from None
    metadata = post.metadata
    if not isinstance(metadata, dict):
        raise InputError(
            f"{source}: front matter must be 'key: value' lines; "
            f"fix the block between the '{fence}' lines"
        )
    return metadata, str(post.content)


def _safe_yaml() -> Any:
    """python-frontmatter's YAML handler (safe loading) that also refuses aliases first.

    An alias (``*name``) repeats a node without copying it: nine levels of nine make a
    value that is billions of items long once printed. Front matter has no use for them,
    so the block's events are read first (libyaml, linear) and an alias is a YAML error.
    """
    import yaml
    from frontmatter.default_handlers import YAMLHandler

    class SafeYAML(YAMLHandler):
        def load(self, fm: str, **kwargs: object) -> Any:
            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            for event in yaml.parse(fm, Loader=loader):
                if isinstance(event, yaml.AliasEvent):
                    mark: Any = event.start_mark
                    raise yaml.composer.ComposerError(
                        None, None, "aliases (*name) are not allowed here", mark
                    )
            return super().load(fm, **kwargs)

    return SafeYAML()


def _toml_front_matter(text: str, first_line_end: int, source: str) -> tuple[dict[str, Any], str]:
    """(metadata, body) of a ``+++`` TOML front matter block (Hugo style), read with tomllib."""
    import tomllib

    closing = re.search(r"^\+\+\+\s*$", text[first_line_end + 1 :], re.MULTILINE)
    assert closing is not None  # checked by the caller
    block = text[first_line_end + 1 : first_line_end + 1 + closing.start()]
    try:
        metadata = tomllib.loads(block)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(
            f"{source}: front matter is not valid TOML ({exc}); "
            "fix the block between the '+++' lines"
        ) from None
    return metadata, text[first_line_end + 1 + closing.end() :]


def _first_line(exc: Exception) -> str:
    """The first line of an exception's message, or its type name."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def strip_markdown(markdown: str) -> str:
    """Plain text of a Markdown body, paragraph breaks kept; raw HTML's scripts and styles gone."""
    out: list[str] = []
    in_fence = False
    raw_until: re.Pattern[str] | None = None  # the end of a raw HTML element left open
    for line in markdown.replace("\r\n", "\n").split("\n"):
        if raw_until is not None:
            end = raw_until.search(line)
            if end is None:
                out.append("")
                continue
            line, raw_until = line[end.end() :], None
        elif _FENCE.match(line):
            in_fence = not in_fence
            out.append("")
            continue
        if in_fence:
            out.append(line)
            continue
        if "<" in line:
            line, raw_until = _without_raw_html(line)
        if _REF_DEF.match(line) or _RULE.match(line):
            out.append("")
            continue
        if _SETEXT.match(line) and out and out[-1].strip():
            out.append("")  # the line above was a heading: keep it as its own paragraph
            continue
        heading = _heading(line)
        if heading is not None:
            out.extend(["", _inline(heading), ""])
            continue
        line = _QUOTE.sub("", line)
        line = _LIST.sub("", line)
        out.append(_inline(line))
    return "\n".join(out)


def _heading(line: str) -> str | None:
    """The text of an ATX heading line ("## Title ##" gives "Title"), or None.

    Written out rather than as one pattern: ``\\s+(.*?)\\s*#*\\s*$`` takes cubic time on
    a heading followed by thousands of spaces.
    """
    opening = _HEADING.match(line)
    if opening is None:
        return None
    rest = line[opening.end() :]
    if rest and not rest[0].isspace():  # "#Title" is no heading; "###" is an empty one
        return "" if not rest.rstrip().strip("#") else None
    return rest.strip().rstrip("#").rstrip()


def _without_raw_html(line: str) -> tuple[str, re.Pattern[str] | None]:
    """``line`` without raw ``<script>``/``<style>``/comment elements, and the end still open.

    Each element's end is looked for once, from its start: a line of a thousand
    ``<script>`` with no end costs one pass, not a thousand.
    """
    kept: list[str] = []
    position = 0
    dropped = False
    while (opened := _RAW_OPEN.search(line, position)) is not None:
        kept.append(line[position : opened.start()])
        name = opened.group(1)
        closing = re.compile(rf"</{name}\s*>" if name else "-->", re.IGNORECASE)
        end = closing.search(line, opened.end())
        if end is None:
            text = "".join(kept)
            return (_GAPS.sub(" ", text) if dropped else text), closing
        dropped = True
        position = end.end()
    kept.append(line[position:])
    text = "".join(kept)
    return (_GAPS.sub(" ", text).rstrip() if dropped else text), None


def _inline(line: str) -> str:
    """Inline Markdown to text: images dropped, links to their text, marks removed."""
    if not any(c in line for c in "![]`*_~<\\"):
        return line
    line = _IMAGE.sub("", line)
    line = _LINK.sub(lambda m: m.group(1) or m.group(2) or "", line)
    line = _AUTOLINK.sub(r"\1", line)
    line = _FOOTNOTE.sub("", line)
    line = _CODE.sub(r"\1", line)
    line = _STRONG.sub(lambda m: m.group(1) or m.group(2) or "", line)
    line = _EMPHASIS.sub(lambda m: m.group(1) or m.group(2) or "", line)
    line = _STRIKE.sub(r"\1", line)
    line = _TAG.sub("", line)
    return _ESCAPE.sub(r"\1", line)


def _leading_heading(body: str, plain: str) -> tuple[str, str]:
    """(title, rest) when the body opens with a heading; else ("", plain)."""
    lines = [line for line in body.split("\n")]
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return "", plain
    heading = _heading(lines[first])
    setext = first + 1 < len(lines) and _SETEXT.match(lines[first + 1]) and "=" in lines[first + 1]
    if heading is None and not setext:
        return "", plain
    title = _inline(heading) if heading is not None else _inline(lines[first].strip())
    rest_from = first + (2 if setext and heading is None else 1)
    return title.strip(), strip_markdown("\n".join(lines[rest_from:]))
