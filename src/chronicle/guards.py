"""What the command line checks before a run and shows around it, kept out of ``cli.py``.

* :func:`output_for`: the checked ``-o`` target (a folder gets ``timeline.<ext>``).
* :func:`refuse_input_as_output`: ``-o`` is none of the files named.
* :func:`article_size`: ``--max-article-size`` in bytes.
* :func:`check_environment`: ``SOURCE_DATE_EPOCH`` usable, before any work.
* :func:`warnings_as_lines`: a :class:`~chronicle.errors.ChronicleWarning` as one line.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from chronicle.errors import ChronicleWarning, UsageError
from chronicle.files import STDOUT, OutputTarget, output_target, overwrites_input, same_file
from chronicle.limits import DEFAULT_MAX_ARTICLE_BYTES, parse_size

# The file name ending of each output format, for ``-o FOLDER/``.
FILE_ENDINGS = {
    "html": "html",
    "json": "json",
    "timelinejs": "timelinejs.json",
    "markdown": "md",
    "csv": "csv",
    "jsonl": "jsonl",
}


def output_for(
    output: str | None, fmt: str, *, force: bool, name: str = "timeline"
) -> OutputTarget | None:
    """The checked target of ``-o`` for format ``fmt`` (None: standard output)."""
    return output_target(output, f"{name}.{FILE_ENDINGS.get(fmt, fmt)}", force=force)


def refuse_input_as_output(paths: Iterable[str], target: OutputTarget) -> None:
    """UsageError when ``target`` is one of the input files named in ``paths``."""
    for path in paths:
        if path != STDOUT and same_file(path, target.path):
            raise overwrites_input(path)


def article_size(text: str | None) -> int:
    """``--max-article-size`` in bytes (the default when not given); UsageError if unreadable."""
    if text is None:
        return DEFAULT_MAX_ARTICLE_BYTES
    size = parse_size(text)
    if size is None:
        raise UsageError(f"--max-article-size {text!r}: not a size; write e.g. 50MB, 500KB or 1GB")
    return size


def check_environment() -> None:
    """Fail before any work when ``SOURCE_DATE_EPOCH`` is set to something unusable."""
    from chronicle.pipeline import generated_time

    generated_time()


@contextmanager
def warnings_as_lines(echo: Callable[[str], None]) -> Iterator[None]:
    """Show each ChronicleWarning raised inside as one line through ``echo``, every time."""
    with warnings.catch_warnings():
        warnings.simplefilter("always", ChronicleWarning)
        shown = warnings.showwarning

        def show(message: Any, category: type[Warning], *args: Any, **kwargs: Any) -> None:
            if issubclass(category, ChronicleWarning):
                echo(f"chronicle: warning: {message}")
            else:
                shown(message, category, *args, **kwargs)

        warnings.showwarning = show
        yield
