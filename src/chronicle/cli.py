"""The ``chronicle`` command line: thin over the library."""

from __future__ import annotations

import dataclasses
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from chronicle import __version__, guards
from chronicle.errors import ChronicleError, InputError, OutputError, UsageError
from chronicle.files import OutputTarget
from chronicle.models import Article, Style, Timeline, TzSource
from chronicle.rendering import Format

if TYPE_CHECKING:
    from chronicle.api import Edits
    from chronicle.archive import IndexReport
    from chronicle.edits import SheetError

# The API, pipeline, ingest and resolve are imported in the commands, not here: ``--version``
# and ``--help`` stay light.

app = typer.Typer(
    name="chronicle",
    help="Build timelines from news articles: dates found, resolved, merged and rendered.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

PROGRESS_THRESHOLD = 20  # show a progress bar from this many input files on
T = TypeVar("T")


class InputFormat(StrEnum):
    """What ``chronicle tag`` reads."""

    ARTICLES = "articles"
    TEMPEVAL = "tempeval"


class TagFormat(StrEnum):
    """What ``chronicle tag`` writes."""

    JSONL = "jsonl"
    TIMEML = "timeml"


def _version(value: bool) -> None:
    """Print the version and stop (the ``--version`` flag)."""
    if value:
        typer.echo(f"chronicle {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Build timelines from news articles: dates found, resolved, merged and rendered."""


PathsArg = Annotated[
    list[str],
    typer.Argument(
        help="Article files, folders (walked) or http(s) addresses; '-' reads one article "
        "from stdin."
    ),
]
OutputOpt = Annotated[
    str | None,
    typer.Option(
        "-o",
        "--output",
        help="Write here (atomically); a folder gets timeline.<ext>; default stdout ('-').",
    ),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Replace a read-only output file.")]
MaxSizeOpt = Annotated[
    str | None,
    typer.Option(
        "--max-article-size",
        help="Refuse articles (and JSON Lines lines) larger than this; default 20MB.",
    ),
]
TzOpt = Annotated[
    str | None,
    typer.Option("--tz", help="Time zone for inputs that give none, e.g. Europe/Paris."),
]
PublishedOpt = Annotated[
    str | None,
    typer.Option(
        "--published", help="Publish date for inputs that give none, e.g. 2015-11-16T09:00."
    ),
]
StrictOpt = Annotated[
    bool, typer.Option("--strict", help="Stop at the first bad input instead of skipping it.")
]
StyleOpt = Annotated[
    Style | None,
    typer.Option(
        "--style",
        help="Anchor relative dates on the publish date (news) or the text; default auto.",
    ),
]
FullPathsOpt = Annotated[
    bool,
    typer.Option(
        "--full-paths",
        help="Name each article's full local path as its source (by default the path relative "
        "to the inputs' common folder, so no local path is published).",
    ),
]
EditsOpt = Annotated[
    Path | None,
    typer.Option("--edits", help="The editor's sheet of corrections (CSV) to apply."),
]
StoreArg = Annotated[Path, typer.Argument(help="The story's store (an SQLite file).")]
LocaleOpt = Annotated[
    str | None,
    typer.Option(
        "--locale",
        help="The reader's language of the page: en, fr, es, de or pt (labels, dates, 'why "
        "this date'); default English. --lang names an input's language.",
    ),
]


BuildPathsArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="Article files, folders (walked) or http(s) addresses; '-' reads one article "
        "from stdin; or a store made by 'chronicle add'."
    ),
]
FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help="html, json, timelinejs, markdown (md) or csv; by default from the -o ending "
        "(.html .json .md .csv), else html.",
    ),
]
TitleOpt = Annotated[str | None, typer.Option("--title", help="Timeline title.")]
MaxEventsOpt = Annotated[
    int | None,
    typer.Option("--max-events", min=1, help="Keep the N most important entries (default 30)."),
]
AllOpt = Annotated[
    bool,
    typer.Option("--all", help="Keep every entry: no editorial cut (asides still left out)."),
]
SentencesOpt = Annotated[
    int, typer.Option("--sentences", min=1, help="Sentences of text per entry.")
]
QueryOpt = Annotated[
    str | None,
    typer.Option("--query", help="Keep events about these terms, e.g. 'swine flu, H1N1'."),
]
FromOpt = Annotated[
    str | None,
    typer.Option("--from", help="Keep entries on or after this date: 2015-11-13, 2015-11 or 2015."),
]
ToOpt = Annotated[
    str | None,
    typer.Option("--to", help="Keep entries on or before this date: 2015-11-30, 2015-11 or 2015."),
]
TemplateOpt = Annotated[
    Path | None,
    typer.Option("--template", help="Folder of Jinja2 templates replacing the bundled ones."),
]
EmbedAssetsOpt = Annotated[
    Path | None,
    typer.Option(
        "--embed-assets",
        help="Also write chronicle-embed.js/.css here, to embed the JSON in any page.",
    ),
]
IndexOpt = Annotated[
    Path | None,
    typer.Option(
        "--index",
        help="Build from an index made by 'chronicle index' (no article paths): only the "
        "articles that can match --query or --from/--to are read.",
    ),
]


@dataclasses.dataclass(frozen=True, slots=True)
class ReadingOptions:
    """The options that act when articles are read, as given on the command line.

    A store or an index has read its articles already: there they are refused.
    """

    tz: str | None = None
    published: str | None = None
    strict: bool = False
    style: Style | None = None
    full_paths: bool = False
    edits: Path | None = None
    max_article_size: str | None = None

    def refuse(self, where: str = "give it to 'chronicle add'") -> None:
        """Usage error for the first option given (``--strict`` aside); ``where`` says where
        it goes instead."""
        what = "a store" if "add" in where else "an index"
        for field in ("tz", "published", "style", "full_paths", "edits", "max_article_size"):
            if getattr(self, field) not in (None, False):
                fix = (
                    "import the sheet with 'chronicle edits import'"
                    if field == "edits" and "add" in where
                    else f"it acts when articles are read; {where}"
                )
                option = "--" + field.replace("_", "-")
                raise typer.BadParameter(f"not with {what}: {fix}", param_hint=f"'{option}'")

    def sheet(self) -> Edits | None:
        """The editor's sheet of ``--edits``, read (notes on stderr), or None."""
        return _sheet(self.edits) if self.edits is not None else None

    def read(
        self, paths: list[str], output: OutputTarget | None
    ) -> tuple[list[Article], list[tuple[str, str]]]:
        """The articles of ``paths`` and the inputs skipped, reported on stderr; InputError when
        none is left, UsageError when ``output`` is one of the inputs."""
        from chronicle import api

        articles, skipped = api.read(
            paths,
            tz=self.tz,
            published=self.published,
            strict=self.strict,
            full_paths=self.full_paths,
            progress=_progress,
            output=output.path if output is not None else None,
            max_article_bytes=guards.article_size(self.max_article_size),
        )
        if not articles:
            if len(skipped) > 1:
                for _source, message in skipped:
                    typer.echo(f"chronicle: skipped {message}", err=True)
            raise api.no_articles(paths, skipped)
        _report_skipped(skipped, len(skipped) + len(articles))
        _note_assumed_zones(articles, self.tz)
        return articles, [(source, message) for source, message in skipped]


@dataclasses.dataclass(frozen=True, slots=True)
class Selection:
    """What of the story a built page keeps, and in which language it is written."""

    title: str | None
    max_events: int | None
    sentences: int
    query: str | None
    span: tuple[date | None, date | None]
    locale: str | None


@app.command()
def build(
    paths: BuildPathsArg = None,
    output: OutputOpt = None,
    format: FormatOpt = None,
    title: TitleOpt = None,
    tz: TzOpt = None,
    published: PublishedOpt = None,
    strict: StrictOpt = False,
    style: StyleOpt = None,
    max_events: MaxEventsOpt = None,
    everything: AllOpt = False,
    sentences: SentencesOpt = 1,
    query: QueryOpt = None,
    first: FromOpt = None,
    last: ToOpt = None,
    template: TemplateOpt = None,
    embed_assets: EmbedAssetsOpt = None,
    full_paths: FullPathsOpt = False,
    force: ForceOpt = False,
    max_article_size: MaxSizeOpt = None,
    edits: EditsOpt = None,
    index_dir: IndexOpt = None,
    locale: LocaleOpt = None,
) -> None:
    """Build a timeline from article files, a store (its corrections applied) or an index."""
    from chronicle import api
    from chronicle.pipeline import page_budget
    from chronicle.rendering import write_embed_assets
    from chronicle.rendering.catalogue import check_locale

    locale = check_locale(locale)  # an unknown locale stops the run before any work
    fmt = choose_format(format, output)
    if embed_assets is not None and not embed_assets.is_dir():
        raise OutputError(f"{embed_assets}: folder does not exist; create it or choose another")
    target = guards.output_for(output, fmt.value, force=force)
    guards.check_environment()
    span = api.date_span(first, last, names=("--from", "--to"))  # before any article is read
    wanted = Selection(title, page_budget(max_events, everything), sentences, query, span, locale)
    reading = ReadingOptions(tz, published, strict, style, full_paths, edits, max_article_size)
    if index_dir is not None:
        timeline = _build_from_index(index_dir, paths, reading, wanted)
    elif not paths:
        raise typer.BadParameter("give article files or folders, a store, or --index INDEX_DIR")
    elif _is_store_argument(paths):
        timeline = _build_from_store(paths[0], reading, wanted)
    else:
        timeline = _build_from_files(paths, reading, wanted, target)
    _report_orphans(timeline)
    _emit(api.render(timeline, fmt, template_dir=template, locale=locale), target, force=force)
    if embed_assets is not None:
        for path in write_embed_assets(embed_assets, locale):
            typer.echo(f"chronicle: wrote {path}", err=True)


def _build_from_index(
    index_dir: Path, paths: list[str] | None, reading: ReadingOptions, wanted: Selection
) -> Timeline:
    """``build --index``: the timeline of the indexed articles that can match."""
    from chronicle import api

    if paths:
        raise typer.BadParameter(
            "an index is built alone; add the articles to it with 'chronicle index'",
            param_hint="'--index'",
        )
    reading.refuse(where="give it to 'chronicle index'")
    return api.build_index(
        index_dir,
        title=wanted.title,
        max_events=wanted.max_events,
        sentences=wanted.sentences,
        query=wanted.query,
        start=wanted.span[0],
        end=wanted.span[1],
        locale=wanted.locale,
    )


def _build_from_store(store_path: str, reading: ReadingOptions, wanted: Selection) -> Timeline:
    """``build STORE``: the stored story's timeline, its corrections applied."""
    from chronicle.store import Store

    reading.refuse()
    with Store(store_path) as store:
        return store.timeline(
            title=wanted.title,
            max_events=wanted.max_events,
            sentences=wanted.sentences,
            query=wanted.query,
            span=wanted.span,
            locale=wanted.locale,
        )


def _build_from_files(
    paths: list[str], reading: ReadingOptions, wanted: Selection, target: OutputTarget | None
) -> Timeline:
    """``build FILE...``: read the articles, build, and list the inputs skipped."""
    from chronicle import api

    given = reading.sheet()
    articles, skipped = reading.read(paths, target)
    timeline = api.build(
        articles,
        title=wanted.title,
        style=reading.style or Style.AUTO,
        max_events=wanted.max_events,
        sentences=wanted.sentences,
        query=wanted.query,
        start=wanted.span[0],
        end=wanted.span[1],
        edits=given,
        locale=wanted.locale,
    )
    return dataclasses.replace(timeline, skipped=tuple(skipped))


OUTPUT_ENDINGS = {
    ".json": Format.JSON,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".md": Format.MARKDOWN,
    ".markdown": Format.MARKDOWN,
    ".csv": Format.CSV,
}


_TIMELINEJS_AS_JSON = (Format.TIMELINEJS, Format.JSON)  # TimelineJS is JSON: -o x.json agrees


def choose_format(explicit: str | None, output: str | None) -> Format:
    """The output format: ``-f`` when given, else the ``-o`` file ending, else HTML.

    ``-f`` and an ending that names another format are a usage error (TimelineJS is JSON,
    so ``-f timelinejs -o x.json`` agrees).
    """
    from chronicle.api import output_format

    implied = None
    if output is not None and output != "-" and not output.endswith(("/", os.sep)):
        implied = OUTPUT_ENDINGS.get(Path(output).suffix.lower())
    if explicit is None:
        return implied or Format.HTML
    try:
        fmt = output_format(explicit)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="'-f' / '--format'") from None
    if implied is not None and implied is not fmt and (fmt, implied) != _TIMELINEJS_AS_JSON:
        raise typer.BadParameter(
            f"-o {output} is a {implied.value} file name but -f says {fmt.value}; "
            "drop -f or change the file ending",
            param_hint="'-f' / '--format'",
        )
    return fmt


ArchiveArg = Annotated[
    list[str],
    typer.Argument(help="The archive: article files, folders (walked), JSON Lines files."),
]
IndexOutputOpt = Annotated[
    Path, typer.Option("-o", "--output", help="The index folder (made, or continued).")
]
WorkersOpt = Annotated[
    int | None,
    typer.Option("--workers", min=1, help="Run on a local Dask cluster of N worker processes."),
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="Run on the Dask cluster at this address (tcp://host:8786); its workers must "
        "see the archive and the index at the same paths.",
    ),
]
PartitionSizeOpt = Annotated[
    int,
    typer.Option(
        "--partition-size",
        min=1,
        help="Articles per task: JSON Lines lines, or files (default 500).",
    ),
]


@app.command()
def index(
    paths: ArchiveArg,
    output: IndexOutputOpt,
    workers: WorkersOpt = None,
    scheduler: SchedulerOpt = None,
    partition_size: PartitionSizeOpt = 500,
    tz: TzOpt = None,
    published: PublishedOpt = None,
    strict: StrictOpt = False,
    style: StyleOpt = None,
    full_paths: FullPathsOpt = False,
    max_article_size: MaxSizeOpt = None,
) -> None:
    """Index an archive: every article's events into Parquet files, for 'build --index'.

    Articles already in the index (same id and text) are left out: re-running a killed run,
    or indexing a grown archive, does only the new work.
    """
    try:
        from chronicle import archive
    except ImportError as exc:
        raise UsageError(
            f"'chronicle index' needs the archive extra ({exc.name} is missing): "
            "pip install 'chronicle-timeline[archive]'"
        ) from None

    report = archive.index(
        paths,
        output,
        workers=workers,
        scheduler=scheduler,
        tz=tz,
        published=published,
        style=style or Style.AUTO,
        strict=strict,
        max_article_bytes=guards.article_size(max_article_size),
        full_paths=full_paths,
        partition_size=partition_size,
        progress=lambda items, total: _progress(items, total, "Indexing", threshold=2),
    )
    _report_index(report, output)


def _report_index(report: IndexReport, output: Path) -> None:
    """What ``chronicle index`` did, on stderr: skipped inputs, warnings, the counts."""
    for _source, message in report.skipped:
        typer.echo(f"chronicle: skipped {message}", err=True)
    for note in report.notes:
        typer.echo(f"chronicle: warning: {note}", err=True)
    rate = report.articles / report.seconds if report.seconds else 0.0
    typer.echo(
        f"chronicle: {output}: {_count(report.articles, 'article')} indexed "
        f"({_count(report.events, 'event')}, {rate:,.0f} articles/s), "
        f"{report.known} already there, {len(report.skipped)} skipped"
        + (" (use --strict to stop at the first)" if report.skipped else ""),
        err=True,
    )


@app.command()
def tag(
    paths: PathsArg,
    output: OutputOpt = None,
    input_format: Annotated[
        InputFormat,
        typer.Option("--input-format", help="Article files, or TempEval JSON Lines {id,dct,text}."),
    ] = InputFormat.ARTICLES,
    format: Annotated[
        TagFormat, typer.Option("--format", "-f", help="JSON Lines or inline TimeML.")
    ] = TagFormat.JSONL,
    tz: TzOpt = None,
    published: PublishedOpt = None,
    strict: StrictOpt = False,
    style: StyleOpt = None,
    lang: Annotated[
        str,
        typer.Option(
            "--lang", help='Language of TempEval documents without their own "lang" field.'
        ),
    ] = "en",
    force: ForceOpt = False,
    max_article_size: MaxSizeOpt = None,
) -> None:
    """Find and resolve the temporal expressions (TIMEX3) of each document."""
    from chronicle import tagio

    max_bytes = guards.article_size(max_article_size)
    folder = format is TagFormat.TIMEML and output is not None and Path(output).is_dir()
    target = None if folder else guards.output_for(output, "jsonl", force=force, name="tags")
    if input_format is InputFormat.TEMPEVAL:
        if target is not None:
            guards.refuse_input_as_output(paths, target)
        documents = []
        for path in paths:
            documents.extend(tagio.read_tempeval(path, lang=lang, max_bytes=max_bytes))
    else:
        reading = ReadingOptions(tz, published, strict, max_article_size=max_article_size)
        articles, _ = reading.read(paths, target)
        documents = [tagio.TagDocument.from_article(a) for a in articles]
    tagged = (tagio.tag_document(doc, style=style or Style.AUTO) for doc in documents)
    if format is TagFormat.JSONL:
        _emit("".join(tagio.to_jsonl(doc) + "\n" for doc in tagged), target, force=force)
    elif folder and output is not None:
        for doc in tagged:
            name = str(Path(output) / f"{_file_stem(doc.document.id)}.tml")
            page = guards.output_for(name, "tml", force=force)
            if page is not None:
                guards.refuse_input_as_output(paths, page)
            _emit(tagio.to_timeml(doc), page, force=force)
    elif len(documents) == 1:
        _emit(tagio.to_timeml(next(tagged)), target, force=force)
    else:
        raise InputError(
            f"TimeML holds one document per file and there are {len(documents)}; "
            "pass -o FOLDER (an existing folder) to write one .tml file each"
        )


@app.command()
def add(
    store_path: StoreArg,
    paths: PathsArg,
    title: Annotated[str | None, typer.Option("--title", help="The story's title.")] = None,
    tz: TzOpt = None,
    published: PublishedOpt = None,
    strict: StrictOpt = False,
    style: StyleOpt = None,
    full_paths: FullPathsOpt = False,
    max_article_size: MaxSizeOpt = None,
) -> None:
    """Add articles to a story's store (made if new); only new articles are tagged."""
    from chronicle.store import Store

    reading = ReadingOptions(tz, published, strict, style, full_paths, None, max_article_size)
    articles, _ = reading.read(paths, None)
    with Store(store_path, create=True) as store:
        report = store.add(
            articles,
            style=style or Style.AUTO,
            title=title,
            progress=lambda items, total: _progress(items, total, "Tagging"),
        )
    for source, why in report.skipped:
        typer.echo(f"chronicle: left out {source}: {why}", err=True)
    for article_id, why in report.replaced:
        typer.echo(f"chronicle: replaced article {article_id} ({why})", err=True)
    typer.echo(
        f"chronicle: {store_path}: {_count(len(report.added), 'article')} added, "
        f"{len(report.replaced)} replaced, {len(report.skipped)} already there",
        err=True,
    )


@app.command(name="list")
def list_articles(store_path: StoreArg) -> None:
    """List a store's articles: id, title, published, source (tab-separated)."""
    from chronicle.store import Store

    with Store(store_path) as store:
        rows = store.articles()
    lines = ["id\ttitle\tpublished\tsource"]
    lines += ["\t".join(_one_line(v) for v in (a.id, a.title, a.published, a.source)) for a in rows]
    _emit("".join(line + "\n" for line in lines), None, force=False)


@app.command()
def remove(
    store_path: StoreArg,
    article_ids: Annotated[list[str], typer.Argument(help="Ids of articles, as 'list' shows.")],
) -> None:
    """Take articles out of a store; corrections of their entries are kept and reported."""
    from chronicle.store import Store

    with Store(store_path) as store:
        removed = store.remove(article_ids)
    typer.echo(
        f"chronicle: {store_path}: {_count(len(removed), 'article')} removed; corrections of "
        "their entries stay and 'build' reports them as orphaned",
        err=True,
    )


edits_app = typer.Typer(
    help="Move the editor's corrections in and out as a CSV sheet.", no_args_is_help=True
)
app.add_typer(edits_app, name="edits")


@edits_app.command("export")
def edits_export(
    paths: Annotated[list[str], typer.Argument(help="A store, or article files and folders.")],
    output: OutputOpt = None,
    edits: EditsOpt = None,
    tz: TzOpt = None,
    published: PublishedOpt = None,
    strict: StrictOpt = False,
    style: StyleOpt = None,
    full_paths: FullPathsOpt = False,
    force: ForceOpt = False,
    max_article_size: MaxSizeOpt = None,
) -> None:
    """Write the sheet: one row per entry, the corrections made so far in the editor's columns."""
    from chronicle import api
    from chronicle.store import Store

    target = guards.output_for(output, "csv", force=force, name="sheet")
    reading = ReadingOptions(tz, published, strict, style, full_paths, edits, max_article_size)
    if _is_store_argument(paths):
        reading.refuse()
        with Store(paths[0]) as store:
            text = store.export_sheet()
    else:
        given = reading.sheet()
        articles, _ = reading.read(paths, target)
        text = api.sheet(articles, edits=given, style=style or Style.AUTO)
    _emit(text, target, force=force)


@edits_app.command("import")
def edits_import(
    store_path: StoreArg,
    sheet: Annotated[Path, typer.Argument(help="The sheet (CSV, UTF-8; comma or semicolon).")],
) -> None:
    """Make a sheet the store's corrections (all of them: a row emptied drops its correction)."""
    from chronicle.edits import SheetError
    from chronicle.store import Store

    try:
        data = sheet.read_bytes()
    except OSError as exc:
        raise InputError(
            f"{sheet}: cannot read the sheet ({exc.strerror}); check the path"
        ) from None
    with Store(store_path) as store:
        try:
            corrections, notes = store.import_sheet(data, str(sheet))
        except SheetError as exc:
            _echo_problems(exc)
            raise
    for note in notes:
        typer.echo(f"chronicle: note: {note}", err=True)
    own = sum(1 for c in corrections if c.add)
    typer.echo(
        f"chronicle: {store_path}: {_count(len(corrections), 'correction')} kept "
        f"({own} of the editor's own events)",
        err=True,
    )


@app.command()
def review(
    store_path: StoreArg,
    port: Annotated[int, typer.Option("--port", help="Port to listen on; 0 picks a free one.")] = 0,
    host: Annotated[
        str,
        typer.Option("--host", help="Address to listen on; anything but loopback is warned about."),
    ] = "127.0.0.1",
    open_browser: Annotated[
        bool, typer.Option("--open", help="Open the review in the web browser.")
    ] = False,
    max_article_size: MaxSizeOpt = None,
) -> None:
    """Review and correct the story in the browser; prints its address with a token first."""
    try:
        from chronicle.review.server import serve
    except ImportError as exc:
        raise UsageError(
            f"chronicle review needs the review extra ({exc.name} is missing): "
            "pip install 'chronicle-timeline[review]'"
        ) from None
    if not 0 <= port <= 65535:
        raise typer.BadParameter(f"{port} is not a port (0-65535)", param_hint="'--port'")
    serve(
        store_path,
        host=host,
        port=port,
        open_browser=open_browser,
        max_article_bytes=guards.article_size(max_article_size),
        warn=lambda line: typer.echo(line, err=True),
    )


def _is_store_argument(paths: list[str]) -> bool:
    """True when the arguments name a store (alone; a store among articles is an error)."""
    from chronicle.store import is_store

    stores = [p for p in paths if p != "-" and is_store(p)]
    if stores and len(paths) > 1:
        raise InputError(f"{stores[0]}: a store is built alone; add the articles to it instead")
    return bool(stores)


def _sheet(path: Path) -> Edits:
    """The editor's sheet of ``--edits``: notes and malformed rows on stderr."""
    from chronicle import api
    from chronicle.edits import SheetError

    try:
        given = api.read_edits(path)
    except SheetError as exc:
        _echo_problems(exc)
        raise
    for note in given.notes:
        typer.echo(f"chronicle: note: {note}", err=True)
    return given


def _echo_problems(error: SheetError) -> None:
    """Each malformed row on a line of its own, when there are several."""
    if len(error.problems) > 1:
        for problem in error.problems:
            typer.echo(f"chronicle: {problem}", err=True)


def _report_orphans(timeline: Timeline) -> None:
    """One line per correction whose entry is gone (kept, never dropped)."""
    by_entry: dict[tuple[str, str], list[str]] = {}
    for orphan in timeline.orphaned_edits:
        by_entry.setdefault((orphan.entry, orphan.message), []).append(orphan.action)
    for (entry, message), actions in by_entry.items():
        typer.echo(
            f"chronicle: warning: correction of {entry} not applied ({', '.join(actions)}): "
            f"{message}; it is kept",
            err=True,
        )


def _one_line(text: str) -> str:
    """A field for a tab-separated line: no tabs or line breaks inside."""
    return " ".join(text.split())


def _file_stem(document_id: str) -> str:
    """A safe file name made from a document id."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", document_id).strip("._") or "document"


def _report_skipped(skipped: Sequence[tuple[str, str]], total: int) -> None:
    """The inputs skipped of ``total``, on stderr (one line when only one was)."""
    if len(skipped) == 1:  # one line says it all
        note = f"1 of {total} inputs; --strict stops at the first"
        typer.echo(f"chronicle: skipped {skipped[0][1]} ({note})", err=True)
    elif skipped:
        for _source, message in skipped:
            typer.echo(f"chronicle: skipped {message}", err=True)
        typer.echo(
            f"chronicle: {len(skipped)} of {total} inputs skipped "
            "(use --strict to stop at the first)",
            err=True,
        )


def _note_assumed_zones(articles: list[Article], tz: str | None) -> None:
    """One note on stderr when articles with a clock time gave no time zone anywhere."""
    assumed = [
        a
        for a in articles
        if a.tz_source is TzSource.ASSUMED and (a.published.hour, a.published.minute) != (0, 0)
    ]
    if assumed and tz is None:
        typer.echo(
            f"chronicle: note: {_count(len(assumed), 'article')} "
            f"{'gives' if len(assumed) == 1 else 'give'} no time zone, UTC assumed "
            f"(e.g. {assumed[0].source}); pass --tz ZONE if that is wrong",
            err=True,
        )


def _count(number: int, noun: str) -> str:
    """'1 article', '3 articles'."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _progress(
    items: Iterable[T], total: int, label: str = "Reading", threshold: int = PROGRESS_THRESHOLD
) -> Iterator[T]:
    """Wrap the inputs in a progress bar on stderr when a person is watching."""
    if total < threshold or not sys.stderr.isatty() or not sys.stdin.isatty():
        yield from items
        return
    with typer.progressbar(items, length=total, label=label, file=sys.stderr) as bar:
        yield from bar


def _emit(text: str, target: OutputTarget | None, *, force: bool) -> None:
    """Write the result to the output file atomically, or to stdout."""
    if target is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        target.write(text, force=force)
        typer.echo(f"chronicle: wrote {target.shown}", err=True)


def main() -> None:
    """Run the command line, turning chronicle's errors into one line and exit code 1 (2 for a
    usage error); warnings are one line each."""
    try:
        with guards.warnings_as_lines(lambda line: typer.echo(line, err=True)):
            app()  # standalone mode: typer's own usage errors print and exit 2
    except UsageError as exc:
        typer.echo(f"chronicle: error: {exc}", err=True)
        sys.exit(2)
    except ChronicleError as exc:
        typer.echo(f"chronicle: error: {exc}", err=True)
        sys.exit(1)
