"""The ``chronicle`` command line: thin over the library."""

from __future__ import annotations

import dataclasses
import os
import re
import sys
from collections.abc import Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from chronicle import __version__, guards
from chronicle.errors import ChronicleError, InputError, OutputError, UsageError
from chronicle.files import OutputTarget
from chronicle.models import Article, Style, TzSource
from chronicle.rendering import Format

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
    Style,
    typer.Option("--style", help="Anchor relative dates on the publish date (news) or the text."),
]
FullPathsOpt = Annotated[
    bool,
    typer.Option(
        "--full-paths",
        help="Name each article's full local path as its source (by default the path relative "
        "to the inputs' common folder, so no local path is published).",
    ),
]


@app.command()
def build(
    paths: PathsArg,
    output: OutputOpt = None,
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="html, json, timelinejs, markdown (md) or csv; by default from the -o ending "
            "(.html .json .md .csv), else html.",
        ),
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="Timeline title.")] = None,
    tz: TzOpt = None,
    published: PublishedOpt = None,
    strict: StrictOpt = False,
    style: StyleOpt = Style.AUTO,
    max_events: Annotated[
        int | None,
        typer.Option("--max-events", min=1, help="Keep the N most important entries (default 30)."),
    ] = None,
    everything: Annotated[
        bool,
        typer.Option("--all", help="Keep every entry: no editorial cut (asides still left out)."),
    ] = False,
    sentences: Annotated[
        int, typer.Option("--sentences", min=1, help="Sentences of text per entry.")
    ] = 1,
    query: Annotated[
        str | None,
        typer.Option("--query", help="Keep events about these terms, e.g. 'swine flu, H1N1'."),
    ] = None,
    first: Annotated[
        str | None,
        typer.Option(
            "--from", help="Keep entries on or after this date: 2015-11-13, 2015-11 or 2015."
        ),
    ] = None,
    last: Annotated[
        str | None,
        typer.Option(
            "--to", help="Keep entries on or before this date: 2015-11-30, 2015-11 or 2015."
        ),
    ] = None,
    template: Annotated[
        Path | None,
        typer.Option("--template", help="Folder of Jinja2 templates replacing the bundled ones."),
    ] = None,
    embed_assets: Annotated[
        Path | None,
        typer.Option(
            "--embed-assets",
            help="Also write chronicle-embed.js/.css here, to embed the JSON in any page.",
        ),
    ] = None,
    full_paths: FullPathsOpt = False,
    force: ForceOpt = False,
    max_article_size: MaxSizeOpt = None,
) -> None:
    """Build a timeline from article files."""
    from chronicle import api
    from chronicle.pipeline import page_budget
    from chronicle.rendering import write_embed_assets

    fmt = choose_format(format, output)
    if embed_assets is not None and not embed_assets.is_dir():
        raise OutputError(f"{embed_assets}: folder does not exist; create it or choose another")
    target = guards.output_for(output, fmt.value, force=force)
    guards.check_environment()
    span = api.date_span(first, last, names=("--from", "--to"))  # before any article is read
    max_bytes = guards.article_size(max_article_size)
    articles, skipped = _read(
        paths,
        tz=tz,
        published=published,
        strict=strict,
        output=target,
        max_bytes=max_bytes,
        full_paths=full_paths,
    )
    timeline = api.build(
        articles,
        title=title,
        style=style,
        max_events=page_budget(max_events, everything),
        sentences=sentences,
        query=query,
        start=span[0],
        end=span[1],
    )
    timeline = dataclasses.replace(timeline, skipped=tuple(skipped))
    _emit(api.render(timeline, fmt, template_dir=template), target, force=force)
    if embed_assets is not None:
        for path in write_embed_assets(embed_assets):
            typer.echo(f"chronicle: wrote {path}", err=True)


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
    style: StyleOpt = Style.AUTO,
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
        articles, _ = _read(
            paths, tz=tz, published=published, strict=strict, output=target, max_bytes=max_bytes
        )
        documents = [tagio.TagDocument.from_article(a) for a in articles]
    tagged = (tagio.tag_document(doc, style=style) for doc in documents)
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


def _file_stem(document_id: str) -> str:
    """A safe file name made from a document id."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", document_id).strip("._") or "document"


def _read(
    paths: list[str],
    *,
    tz: str | None,
    published: str | None,
    strict: bool,
    output: OutputTarget | None,
    max_bytes: int,
    full_paths: bool = False,
) -> tuple[list[Article], list[tuple[str, str]]]:
    """Read the inputs, reporting skipped ones on stderr; InputError when none is left.

    UsageError when ``output`` is one of the inputs.
    """
    from chronicle import api

    articles, skipped = api.read(
        paths,
        tz=tz,
        published=published,
        strict=strict,
        full_paths=full_paths,
        progress=_progress,
        output=output.path if output is not None else None,
        max_article_bytes=max_bytes,
    )
    if not articles:
        if len(skipped) > 1:
            for _source, message in skipped:
                typer.echo(f"chronicle: skipped {message}", err=True)
        raise api.no_articles(paths, skipped)
    total = len(skipped) + len(articles)
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
    _note_assumed_zones(articles, tz)
    return articles, [(source, message) for source, message in skipped]


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


def _progress(items: Iterable[str], total: int) -> Iterator[str]:
    """Wrap the input files in a progress bar on stderr when a person is watching."""
    if total < PROGRESS_THRESHOLD or not sys.stderr.isatty() or not sys.stdin.isatty():
        yield from items
        return
    with typer.progressbar(items, length=total, label="Reading", file=sys.stderr) as bar:
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
