"""The editor's spreadsheet: every entry as a CSV row, with the corrections in the editor's columns.

Export writes UTF-8 with a byte-order mark (Excel then opens it as UTF-8), commas and CRLF line
ends, and puts an apostrophe before any cell a spreadsheet would run as a formula. Import
accepts UTF-8 with or without the mark, comma, semicolon (Excel in many locales) or tab
separators, takes the apostrophe off again, and checks every row before anything is kept: a
malformed row is one line naming its row and column, and then nothing of the sheet is used.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from chronicle.edits.apply import Work
from chronicle.edits.model import (
    COLUMNS,
    EDITOR_COLUMNS,
    Correction,
    RowError,
    correction,
    own_event_id,
)
from chronicle.errors import InputError
from chronicle.merge.ids import anchor_id
from chronicle.models import Article, Entry
from chronicle.rendering.csv_ import cell
from chronicle.rendering.document import source_order

BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_DELIMITERS = (",", ";", "\t")
GONE = "not in this build: kept until you empty its editor's columns"
MERGED = "merged into"
MAX_PROBLEMS = 20  # lines listed before the rest are counted


class SheetError(InputError):
    """A sheet cannot be used: every malformed row is in ``problems``, one line each."""

    def __init__(self, message: str, problems: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.problems = tuple(problems)


@dataclass(frozen=True, slots=True)
class Story:
    """What a sheet is checked against: the entries of the story and the corrections kept."""

    sources: Mapping[str, frozenset[str]]  # entry id or alias -> ids of that entry's sources
    kept: frozenset[str] = frozenset()  # ids of corrections already kept (orphans, own events)

    def knows(self, entry_id: str) -> bool:
        """True when ``entry_id`` names an entry of the story or a kept correction."""
        return entry_id in self.sources or entry_id in self.kept


def story_of(entries: Iterable[Entry], kept: Iterable[Correction] = ()) -> Story:
    """The story a sheet must belong to: ``entries`` (uncorrected) and the ``kept`` corrections."""
    sources: dict[str, frozenset[str]] = {}
    for entry in entries:
        ids = frozenset(e.id for e in entry.events) | frozenset(anchor_id(e) for e in entry.events)
        for name in (*entry.aliases, entry.id):
            sources[name] = ids
    return Story(sources, frozenset(c.entry for c in kept))


def write_sheet(
    entries: Sequence[Entry], articles: Sequence[Article], corrections: Sequence[Correction]
) -> str:
    """The sheet of ``entries`` (the machine's, uncorrected) with ``corrections`` filled in."""
    run = Work(entries)
    own = [c for c in corrections if c.add]
    primary = run.targets([c for c in corrections if not c.add and not c.empty])
    placed = {found.entry for found in primary.values()}
    published = {a.id: a.published.timestamp() for a in articles}
    titles = {a.id: (a.title, a.published.date().isoformat()) for a in articles}
    rows: list[tuple[tuple[str, int, str], list[str]]] = []
    for entry in entries:
        found = primary.get(entry.id)
        sources = "\n".join(
            f"{e.id}: {titles.get(e.article_id, (e.article_id, ''))[0]} "
            f"({titles.get(e.article_id, ('', ''))[1]})"
            for e in source_order(entry, published)
        )
        context = [entry.id, entry.when.value, entry.headline, entry.text, sources]
        rows.append((_order(entry), context + _editor_cells(found)))
    for found in own:
        assert found.when is not None
        context = [found.entry, found.when.value, found.headline or "", found.text or "", ""]
        key = (found.when.start.isoformat() if found.when.start else "9999", 0, found.entry)
        rows.append((key, context + _editor_cells(found)))
    rows.sort(key=lambda row: row[0])
    done = run.merged
    gone = [c for c in corrections if not c.add and not c.empty and c.entry not in placed]
    table = [list(COLUMNS)] + [cells for _, cells in rows]
    for found in gone:
        where = f"{MERGED} {done[found.entry]}" if found.entry in done else GONE
        table.append([found.entry, "", "", "", where, *_editor_cells(found)])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([cell(value) for value in row] for row in table)
    return BOM + buffer.getvalue()


def _order(entry: Entry) -> tuple[str, int, str]:
    """Timeline order: start date, finer granularity first, then id."""
    start = entry.when.start.isoformat() if entry.when.start else "9999"
    return (start, entry.when.granularity.rank, entry.id)


def _editor_cells(found: Correction | None) -> list[str]:
    """The editor's columns of a row, as the editor wrote them (empty without a correction)."""
    return [found.cells.get(name, "") if found else "" for name in EDITOR_COLUMNS]


@dataclass
class _Reading:
    """One sheet being read: its name, the problems found and the notes for the editor."""

    name: str
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def problem(self, row: int, column: str, message: str) -> None:
        """Record that ``column`` of ``row`` is malformed."""
        self.problems.append(f"{self.name}: row {row}, column {column}: {message}")


def read_sheet(
    data: bytes, name: str, story: Story | None = None
) -> tuple[list[Correction], list[str]]:
    """The corrections of a sheet, and notes (columns ignored); SheetError when any row is bad.

    With ``story``, every id must belong to it (an import into a store); without, ids not in
    the build come back as orphaned corrections when it is applied (``build --edits``).
    """
    reading = _Reading(name)
    header, records = _table(_decode(data, name), name)
    columns = _columns(header, reading)
    found: list[tuple[int, Correction]] = []
    seen: dict[str, int] = {}
    for number, record in records:
        cells = {
            column: (record[i] if i < len(record) else "").strip()
            for i, column in enumerate(columns)
            if column
        }
        extra = [c for c in record[len(columns) :] if c.strip()]
        if extra:
            reading.problem(number, "(none)", f"has {len(extra)} cells past the last column")
            continue
        row = _row(number, cells, reading)
        if row is None or row.empty:
            continue
        if row.entry in seen:
            reading.problem(number, "id", f"{row.entry} is also on row {seen[row.entry]}")
            continue
        if row.entry:
            seen[row.entry] = number
        found.append((number, row))
    if story is not None:
        _against(found, story, reading)
    if reading.problems:
        raise _failure(reading)
    corrections = _with_ids([row for _, row in found], story)
    return corrections, reading.notes


def _decode(data: bytes, name: str) -> str:
    """The sheet's text: UTF-8, with or without a byte-order mark."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SheetError(
            f"{name}: not UTF-8 text; save it as 'CSV UTF-8' (Excel) or as Text CSV with "
            "the UTF-8 character set (LibreOffice)"
        ) from None


def _table(text: str, name: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the numbered records, the separator found from the header line."""
    first_line = text.split("\n", 1)[0]
    best: tuple[int, str] | None = None
    for delimiter in _DELIMITERS:
        header = next(csv.reader([first_line], delimiter=delimiter), [])
        names = {h.strip().lower() for h in header}
        if "id" in names:
            score = len(names & set(COLUMNS))
            if best is None or score > best[0]:
                best = (score, delimiter)
    if best is None:
        raise SheetError(
            f"{name}: no 'id' column in the first row; start from a sheet written by "
            "'chronicle edits export' and keep its header row"
        )
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=best[1]))
    except csv.Error as exc:
        raise SheetError(f"{name}: not a readable CSV file ({exc}); save it again as CSV") from None
    records = [
        (number, row) for number, row in enumerate(rows[1:], start=2) if any(c.strip() for c in row)
    ]
    return rows[0], records


def _columns(header: list[str], reading: _Reading) -> list[str]:
    """Each header cell's column name, '' for a column chronicle does not know (noted once)."""
    columns: list[str] = []
    unknown: list[str] = []
    for raw in header:
        column = raw.strip().lower()
        if column in columns and column in COLUMNS:
            raise SheetError(f"{reading.name}: column {column!r} appears twice; keep one")
        if column in COLUMNS:
            columns.append(column)
        else:
            columns.append("")
            if raw.strip():
                unknown.append(raw.strip())
    if unknown:
        reading.notes.append(
            f"{reading.name}: columns {', '.join(repr(u) for u in unknown)} are not chronicle's; "
            "ignored"
            if len(unknown) > 1
            else f"{reading.name}: column {unknown[0]!r} is not chronicle's; ignored"
        )
    return columns


def _value(text: str) -> str:
    """A cell's text without the apostrophe export puts before a formula-like cell."""
    if text.startswith("'") and text[1:2] and text[1:2] in _FORMULA_START:
        return text[1:]
    return text


def _row(number: int, cells: dict[str, str], reading: _Reading) -> Correction | None:
    """The correction of one row, or None when a cell is malformed (recorded)."""
    for column in ("id", *EDITOR_COLUMNS):
        value = cells.get(column, "")
        if value.startswith(_FORMULA_START):
            reading.problem(
                number,
                column,
                f"starts with {value[:1]!r}, a spreadsheet formula; write the "
                "text itself (or start it with an apostrophe)",
            )
            return None
    own = {column: _value(value) for column, value in cells.items()}
    raw_id = own.get("id", "")
    for column, fallback in (("new_date", "date"), ("new_headline", "headline")):
        if not own.get(column) and own.get(fallback) and "add" in own.get("action", "").lower():
            own[column] = own[fallback]  # an added row typed into the context columns
    try:
        found = correction(raw_id, own)
    except RowError as exc:
        reading.problem(number, exc.column, str(exc))
        return None
    if not raw_id and not found.empty and not found.add:
        reading.problem(number, "id", "is empty; only a row with action 'add' may leave it empty")
        return None
    return found


def _against(found: list[tuple[int, Correction]], story: Story, reading: _Reading) -> None:
    """Problems of rows naming ids that are not in ``story`` (or not in the sheet's own rows)."""
    named = [(n, c) for n, c in found if c.entry]
    if named and not any(story.knows(c.entry) for _, c in named):
        raise SheetError(
            f"{reading.name}: none of its {len(named)} entry ids is in this story; is it the "
            "sheet of another story? Export this story's sheet with 'chronicle edits export'"
        )
    own = {c.entry for _, c in found if c.add and c.entry}
    for number, row in found:
        if row.entry and not story.knows(row.entry):
            reading.problem(number, "id", f"{row.entry} is no entry of this story")
            continue
        if row.merge_into is not None and not (
            story.knows(row.merge_into) or row.merge_into in own
        ):
            reading.problem(number, "action", f"merge-into:{row.merge_into}: no such entry")
        sources = story.sources.get(row.entry)
        if sources is None:
            continue
        for source in row.splits:
            if source not in sources:
                reading.problem(number, "action", f"split:{source}: no such source in {row.entry}")
        missing = [s for s in row.show_sources if s not in sources]
        if missing:
            reading.problem(number, "show_sources", f"{missing[0]}: no such source in {row.entry}")


def _failure(reading: _Reading) -> SheetError:
    """The error for a sheet with malformed rows."""
    problems = reading.problems
    if len(problems) == 1:
        return SheetError(f"{problems[0]}; nothing of the sheet was used", problems)
    listed = problems[:MAX_PROBLEMS]
    more = (
        f" ({len(problems) - len(listed)} more not listed)" if len(problems) > len(listed) else ""
    )
    return SheetError(
        f"{reading.name}: {len(problems)} rows are malformed (listed above){more}; nothing of "
        "the sheet was used",
        listed,
    )


def _with_ids(corrections: list[Correction], story: Story | None) -> list[Correction]:
    """The corrections, an added row without an id given one (made once, from its content)."""
    taken = {c.entry for c in corrections if c.entry}
    if story is not None:
        taken |= set(story.sources) | story.kept
    out = []
    for found in corrections:
        if not found.entry:
            new_id = own_event_id(found.cells, taken)
            taken.add(new_id)
            found = correction(new_id, found.cells)
        out.append(found)
    return out
