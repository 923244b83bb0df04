"""Input and output of ``chronicle tag``: TempEval JSON Lines in, JSON Lines or TimeML out."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from chronicle.errors import InputError
from chronicle.ingest.safejson import loads
from chronicle.language import code, rules_language
from chronicle.limits import DEFAULT_MAX_ARTICLE_BYTES, MAX_MENTIONS_PER_ARTICLE, capped
from chronicle.models import Article, Style, Timex
from chronicle.resolve import resolve_mentions
from chronicle.tagging import load_rules, tag


@dataclass(frozen=True, slots=True)
class TagDocument:
    """One text to tag, with its document creation time."""

    id: str
    published: datetime
    text: str
    language: str = "en"

    @classmethod
    def from_article(cls, article: Article) -> TagDocument:
        """The document of an ingested article (its body text and publish time)."""
        return cls(article.id, article.published, article.text, article.language)


@dataclass(frozen=True, slots=True)
class TaggedDocument:
    """A document with its resolved temporal expressions."""

    document: TagDocument
    timexes: tuple[Timex, ...]


def read_tempeval(
    path: str, *, lang: str = "en", max_bytes: int = DEFAULT_MAX_ARTICLE_BYTES
) -> list[TagDocument]:
    """Read TempEval-style JSON Lines ({"id", "dct", "text"}); ``-`` reads stdin.

    A document's own ``"lang"`` field gives its language; ``lang`` is for those without one.
    A file is streamed line by line; each line (and stdin as a whole) is at most ``max_bytes``.
    """
    from chronicle.ingest.decode import decoded_lines, read_stdin

    name = "<stdin>" if path == "-" else path
    default = code(lang)
    if default is None:
        raise InputError(f"--lang {lang!r}: not a language code; use e.g. en or de")
    lines: Iterable[tuple[int, str | InputError]]
    if path == "-":
        try:
            text = read_stdin(max_bytes).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: cannot be read as UTF-8 text ({exc.reason})") from None
        lines = enumerate(text.splitlines(), 1)
    else:
        lines = decoded_lines(path, max_bytes)
    documents: list[TagDocument] = []
    for number, line in lines:
        if isinstance(line, InputError):
            raise line
        if not line.strip():
            continue
        documents.append(_document(line, f"{name}:{number}", default))
    return documents


def _document(line: str, where: str, lang: str) -> TagDocument:
    """One JSON line as a TagDocument; InputError names file and line."""
    try:
        data: Any = loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{where}: not valid JSON ({exc.msg}); write one object per line"
        ) from None
    if not isinstance(data, dict):
        raise InputError(f'{where}: expected an object {{"id", "dct", "text"}}')
    text = data.get("text")
    if not isinstance(text, str):
        raise InputError(f"{where}: 'text' is missing or not a string")
    doc_id = data.get("id")
    if not isinstance(doc_id, str | int) or isinstance(doc_id, bool) or doc_id == "":
        raise InputError(f"{where}: 'id' is missing; give each document an id")
    dct = data.get("dct")
    if not isinstance(dct, str):
        raise InputError(f"{where}: 'dct' is missing; use e.g. \"1998-08-07\"")
    own = data.get("lang")
    if own is not None and code(own) is None:
        raise InputError(f"{where}: 'lang' {own!r} is not a language code; use e.g. \"de\"")
    return TagDocument(str(doc_id), parse_dct(dct, where), text, code(own) or lang)


def parse_dct(value: str, where: str) -> datetime:
    """A DCT as "YYYY-MM-DD" or an ISO datetime; without an offset it is taken as UTC."""
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError as exc:
        raise InputError(
            f"{where}: 'dct' {value[:40]!r} is not a date; use e.g. \"1998-08-07\""
        ) from exc
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def tag_document(
    doc: TagDocument, *, style: Style = Style.AUTO, limit: int = MAX_MENTIONS_PER_ARTICLE
) -> TaggedDocument:
    """Tag and resolve one document (its first ``limit`` expressions, with a warning if more)."""
    lang = rules_language(doc.language)  # language-neutral rules for a language without any
    mentions = capped(
        tag(doc.text, load_rules(lang)),
        limit,
        f"{doc.id}: more than {limit:,} date expressions; only the first were read",
    )
    timexes = resolve_mentions(doc.text, mentions, doc.published, lang=lang, style=style)
    return TaggedDocument(doc, tuple(timexes))


def timex_record(timex: Timex) -> dict[str, Any]:
    """The JSON object of one timex."""
    when = timex.when
    record: dict[str, Any] = {
        "start": timex.start,
        "end": timex.end,
        "text": timex.text,
        "type": str(when.type),
        "value": when.value,
    }
    if when.mod:
        record["mod"] = when.mod
    record["granularity"] = str(when.granularity)
    record["interval"] = (
        [when.start.isoformat(), when.end.isoformat()]
        if when.start is not None and when.end is not None
        else None
    )
    record["explanation"] = when.explanation
    return record


def to_jsonl(tagged: TaggedDocument) -> str:
    """One JSON object (no newline): {"id", "language", "rules_language", "text", "timexes"}."""
    doc = tagged.document
    record = {
        "id": doc.id,
        "language": doc.language,
        "rules_language": rules_language(doc.language),
        "text": doc.text,
        "timexes": [timex_record(t) for t in tagged.timexes],
    }
    return json.dumps(record, ensure_ascii=False)


def to_timeml(tagged: TaggedDocument) -> str:
    """A TimeML document: the DCT and the text with inline TIMEX3 tags."""
    doc = tagged.document
    dct = doc.published.date().isoformat()
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<TimeML>\n',
        f"<DOCID>{escape(doc.id)}</DOCID>\n",
        f'<DCT><TIMEX3 tid="t0" type="DATE" value="{dct}" temporalFunction="false" '
        f'functionInDocument="CREATION_TIME">{dct}</TIMEX3></DCT>\n<TEXT>',
    ]
    position = 0
    for number, timex in enumerate(tagged.timexes, 1):
        if timex.start < position:
            continue
        parts.append(escape(doc.text[position : timex.start]))
        attributes = f'tid="t{number}" type="{timex.when.type}" value={quoteattr(timex.when.value)}'
        if timex.when.mod:
            attributes += f" mod={quoteattr(timex.when.mod)}"
        parts.append(f"<TIMEX3 {attributes}>{escape(timex.text)}</TIMEX3>")
        position = timex.end
    parts.append(escape(doc.text[position:]))
    parts.append("</TEXT>\n</TimeML>\n")
    return "".join(parts)
