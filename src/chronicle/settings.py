"""Typed settings: each shipped data file read once into frozen dataclasses, checked at load.

One loader, :func:`load`, turns a TOML file into the dataclass that describes it. Every key of
the file must be a field and every field must be in the file, with a value of the field's type
(``float`` takes an integer too; ``tuple[str, ...]`` is a list of strings; a nested dataclass is
a table; ``dict[str, ...]`` is a table of free keys). Anything else is a
:class:`~chronicle.errors.SettingsError` that names the file and the key, so a typo in
``data/merge-weights.toml`` stops the run instead of silently switching a rule off.

The settings of the merge stage (:class:`MergeSettings`, ``data/merge-weights.toml``) are here;
the word lists of each language are in :mod:`chronicle.wordlists`.
"""

from __future__ import annotations

import dataclasses
import tomllib
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from chronicle.errors import SettingsError
from chronicle.models import Granularity
from chronicle.resources import package_file

T = TypeVar("T")


def load(cls: type[T], path: Path, name: str | None = None) -> T:
    """The dataclass ``cls`` read from the TOML file ``path``; SettingsError when it does not fit.

    ``name`` is how the file is named in messages (default: its path below the package).
    """
    label = name or _label(path)
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise SettingsError(f"{label}: cannot be read ({exc.strerror or exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{label}: not valid TOML ({exc}); fix the file") from None
    return typing.cast(T, _convert(cls, data, label, ""))


def _label(path: Path) -> str:
    """``data/merge-weights.toml`` for a shipped file, the path itself for any other."""
    try:
        return path.relative_to(package_file()).as_posix()
    except ValueError:
        return str(path)


def _convert(kind: Any, value: Any, label: str, key: str) -> Any:
    """``value`` as the type ``kind``, or SettingsError naming ``label`` and ``key``."""
    if dataclasses.is_dataclass(kind):
        return _table(typing.cast(type[Any], kind), value, label, key)
    origin = typing.get_origin(kind)
    if origin is tuple:
        item = typing.get_args(kind)[0]
        if not isinstance(value, list):
            raise _wrong(label, key, "a list", value)
        return tuple(_convert(item, v, label, f"{key}[{n}]") for n, v in enumerate(value))
    if origin is dict:
        item = typing.get_args(kind)[1]
        if not isinstance(value, dict):
            raise _wrong(label, key, "a table", value)
        return {k: _convert(item, v, label, _join(key, k)) for k, v in value.items()}
    if kind is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise _wrong(label, key, "a number", value)
        return float(value)
    if kind in (int, str, bool):
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise _wrong(label, key, f"a value of type {kind.__name__}", value)
        return value
    raise TypeError(f"settings field {key} of unsupported type {kind!r}")  # a bug, not the file's


def _table(cls: type[Any], value: Any, label: str, key: str) -> Any:
    """The dataclass ``cls`` from the TOML table ``value``."""
    if not isinstance(value, dict):
        raise _wrong(label, key, "a table", value)
    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    for unknown in sorted(value.keys() - set(names)):
        raise SettingsError(
            f"{label}: unknown key {_join(key, unknown)!r}; the keys here are {', '.join(names)}"
        )
    missing = [n for n in names if n not in value]
    if missing:
        raise SettingsError(f"{label}: missing key {_join(key, missing[0])!r}; add it")
    return cls(**{n: _convert(hints[n], value[n], label, _join(key, n)) for n in names})


def _join(key: str, name: str) -> str:
    """The dotted key of ``name`` inside the table ``key``."""
    return f"{key}.{name}" if key else name


def _wrong(label: str, key: str, wanted: str, value: Any) -> SettingsError:
    """The error for a value of the wrong type."""
    found = type(value).__name__ if not isinstance(value, dict) else "table"
    return SettingsError(f"{label}: key {key!r} must be {wanted}, not {found}")


# ---------------------------------------------------------------- data/merge-weights.toml


@dataclass(frozen=True, slots=True)
class ClusterSettings:
    """[cluster]: when an event joins a cluster and when two clusters are one happening."""

    same_day: float
    same_article: float
    coarse_into_day: float
    coarse_headline: float
    conflict: float
    conflict_days: int
    conflict_headline: float
    conflict_words: float
    conflict_name: float
    candidate_words: int
    headline_words: int
    headline_terms: int
    headline_floor: float
    headlines: int
    shared_names: int
    name_prefix: int


@dataclass(frozen=True, slots=True)
class GranularityFactors:
    """[importance.granularity]: the multiplier of an entry by how precisely its date is known."""

    day: float
    week: float
    month: float
    season: float
    quarter: float
    year: float
    decade: float
    century: float
    vague: float


@dataclass(frozen=True, slots=True)
class ImportanceSettings:
    """[importance]: the weights of an entry's importance and the factor of each granularity."""

    support: float
    refs: float
    story_refs: float
    published: float
    next_day: float
    covered: float
    granularity: GranularityFactors

    def factor(self, granularity: Granularity) -> float:
        """The multiplier of an entry of ``granularity``."""
        return float(getattr(self.granularity, granularity.value))


@dataclass(frozen=True, slots=True)
class FocusSettings:
    """[focus]: how an entry that sums up its day and the story is preferred."""

    day: float
    story: float
    sentence: float


@dataclass(frozen=True, slots=True)
class SentenceSettings:
    """[sentences]: when two sentences, or two articles, are one."""

    duplicate_ratio: float
    duplicate_articles: float


@dataclass(frozen=True, slots=True)
class QuerySettings:
    """[query]: which events a query keeps ("sentence" or "article")."""

    scope: str


@dataclass(frozen=True, slots=True)
class SummarySettings:
    """[summary]: the reports of a day that --sentences K summarises."""

    lead_sentences: int
    days_after: int
    max_words: int


@dataclass(frozen=True, slots=True)
class MergeSettings:
    """``data/merge-weights.toml``: every weight and threshold of the merge stage."""

    cluster: ClusterSettings
    importance: ImportanceSettings
    focus: FocusSettings
    sentences: SentenceSettings
    query: QuerySettings
    summary: SummarySettings


def load_merge(path: Path) -> MergeSettings:
    """Merge settings read from ``path`` (a copy of ``data/merge-weights.toml``), validated."""
    settings = load(MergeSettings, path)
    if settings.query.scope not in ("sentence", "article"):
        raise SettingsError(
            f'{_label(path)}: key \'query.scope\' must be "sentence" or "article", '
            f"not {settings.query.scope!r}"
        )
    return settings


@cache
def merge_settings() -> MergeSettings:
    """The shipped merge settings (``data/merge-weights.toml``), read and checked once."""
    return load_merge(package_file("data", "merge-weights.toml"))


def with_overrides(settings: T, overrides: Mapping[str, Any]) -> T:
    """``settings`` with some values replaced, each named by its dotted key ("focus.day")."""
    for name, value in overrides.items():
        settings = _replace(settings, name.split("."), value, name)
    return settings


def _replace(settings: T, path: list[str], value: Any, name: str) -> T:
    """``settings`` with the field at ``path`` replaced by ``value`` (checked as :func:`load`)."""
    head, rest = path[0], path[1:]
    fields = {f.name for f in dataclasses.fields(typing.cast(Any, settings))}
    if head not in fields:
        raise SettingsError(f"override: unknown key {name!r}")
    current = getattr(settings, head)
    if rest:
        new = _replace(current, rest, value, name)
    else:
        kind = typing.get_type_hints(type(settings))[head]
        new = _convert(kind, value, "override", name)
    return typing.cast(T, dataclasses.replace(typing.cast(Any, settings), **{head: new}))
