"""Names of inputs in published output: paths relative to the inputs' common root.

One rule for every output (issues #14 and #15): an article's ``source`` is its path
relative to the common folder of all the files read, with ``/`` separators, never
absolute and never with ``..``; its id is its metadata id, else that path without
its ending, each part slugified. The same files give the same names whatever the
order of the arguments and wherever the folder sits on disk.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import PurePath

from chronicle.ingest.common import slugify
from chronicle.ingest.decode import inner_name

STDIN = "-"
STDIN_SOURCE = "<stdin>"


def is_url(path: str) -> bool:
    """True for an http(s) address given where a path goes."""
    return path.lower().startswith(("http://", "https://"))


def display_names(paths: Iterable[str], *, full: bool = False) -> dict[str, str]:
    """Each input path -> the name shown for it: relative to the common root, or absolute.

    Stdin is ``<stdin>`` and a URL is itself.
    """
    files = [p for p in dict.fromkeys(paths) if p != STDIN and not is_url(p)]
    names: dict[str, str] = {STDIN: STDIN_SOURCE}
    names.update({p: p for p in dict.fromkeys(paths) if is_url(p)})
    if not files:
        return names
    absolute = {p: os.path.abspath(p) for p in files}
    if full:
        names.update({p: PurePath(a).as_posix() for p, a in absolute.items()})
        return names
    root = os.path.commonpath([os.path.dirname(a) for a in absolute.values()])
    for path, where in absolute.items():
        names[path] = PurePath(os.path.relpath(where, root)).as_posix()
    return names


def id_stem(name: str) -> str:
    """The article id a display name gives: its parts slugified, without the file ending.

    ``"s1/Story One.txt"`` -> ``"s1/story-one"``; ``<stdin>`` -> ``stdin``; a URL -> the
    slug of its last path part (else its host).
    """
    if name == STDIN_SOURCE:
        return "stdin"
    if is_url(name):
        rest = name.split("://", 1)[1].split("?", 1)[0].split("#", 1)[0].rstrip("/")
        last = rest.rsplit("/", 1)[-1]
        return slugify(os.path.splitext(last)[0] if "/" in rest else last)
    parts = PurePath(name).parts
    if PurePath(name).is_absolute():
        parts = parts[1:]
    last = inner_name(parts[-1]) if parts else ""  # news.jsonl.gz is named as news.jsonl
    stems = [*parts[:-1], os.path.splitext(last)[0]] if parts else ["article"]
    return "/".join(slugify(part) for part in stems)
