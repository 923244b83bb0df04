"""The models as JSON and back, faithfully: every field, by the types models.py declares.

Dates and times are ISO 8601 text; a time in a named zone keeps the zone's name after it
(``2015-11-16T00:33:00+08:00[Asia/Hong_Kong]``), so labels such as "HKT" come back;
enums are their values; tuples are lists. A field missing from stored data (written before the
field existed) takes its default.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Mapping
from datetime import date, datetime
from enum import Enum
from functools import cache, lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def encode(value: Any) -> Any:
    """``value`` (a model, or anything inside one) as plain JSON data."""
    if value is None or isinstance(value, str | bool | int | float):
        return value.value if isinstance(value, Enum) else value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return _moment(value)
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): encode(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [encode(item) for item in value]
    raise TypeError(f"cannot store a {type(value).__name__}")


def _moment(value: datetime) -> str:
    """ISO text, with the zone's name appended when it has one."""
    text = value.isoformat()
    if isinstance(value.tzinfo, ZoneInfo):
        text += f"[{value.tzinfo.key}]"
    return text


def decode(kind: Any, data: Any) -> Any:
    """The value of type ``kind`` that :func:`encode` made ``data`` from."""
    return None if data is None else _decoder(kind)(data)


Decoder = Callable[[Any], Any]


@cache
def _decoder(kind: Any) -> Decoder:
    """The function that decodes (non-None) data of type ``kind``, worked out once per type.

    Once per type, not per value: decoding the results of 5,000 articles (a build from an
    index) takes a third of the time the per-value type inspection took
    (benchmarks/archive.py, the query's reading step).
    """
    origin = typing.get_origin(kind)
    if origin in (types.UnionType, typing.Union):
        options = [option for option in typing.get_args(kind) if option is not type(None)]
        return _maybe(_decoder(options[0]))
    if origin is tuple:
        return _tuple_decoder(typing.get_args(kind))
    if origin is not None and issubclass(origin, Mapping):
        value = _maybe(_decoder(typing.get_args(kind)[1]))
        if value is _same:
            return dict
        return lambda data: {key: value(item) for key, item in data.items()}
    if origin is list:
        item_decoder = _maybe(_decoder(typing.get_args(kind)[0]))
        if item_decoder is _same:
            return list
        return lambda data: [item_decoder(item) for item in data]
    if kind is datetime:
        return _parse_moment
    if kind is date:
        return date.fromisoformat
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _dataclass_decoder(kind)
    return _same


def _tuple_decoder(args: tuple[Any, ...]) -> Decoder:
    """The decoder of a tuple of ``args`` (``X, ...``: any length)."""
    if len(args) == 2 and args[1] is Ellipsis:
        each = _maybe(_decoder(args[0]))
        if each is _same:
            return tuple
        size = _plain_size(args[0])
        if size is not None:
            return _plain_rows(size, each)
        return lambda data: tuple(each(item) for item in data)
    parts = [_maybe(_decoder(arg)) for arg in args]
    return lambda data: tuple(part(item) for part, item in zip(parts, data, strict=True))


def _plain_size(kind: Any) -> int | None:
    """The length of ``kind`` when it is a tuple of a fixed length of plain values (text,
    numbers), such as an article's paragraph offsets; else None."""
    if typing.get_origin(kind) is not tuple:
        return None
    args = typing.get_args(kind)
    if Ellipsis in args or any(_decoder(arg) is not _same for arg in args):
        return None
    return len(args)


def _plain_rows(size: int, each: Decoder) -> Decoder:
    """The decoder of a tuple of tuples of ``size`` plain values: all at once, not value by
    value, when every row has that size (else row by row with ``each``, which says what is
    wrong). An article's 35 paragraphs a call, not 105: part of :func:`_compiled`'s gain
    (the articles alone, a sample of 5,593: ~0.19 s -> ~0.05 s).
    """

    def rows(data: Any) -> Any:
        try:
            found = tuple(map(tuple, data))
        except TypeError:  # a row that is None, or no row at all
            return tuple(each(item) for item in data)
        if any(len(row) != size for row in found):
            return tuple(each(item) for item in data)
        return found

    return rows


def _dataclass_decoder(kind: type) -> Decoder:
    """The decoder of a dataclass: its compiled constructor (:func:`_compiled`) when the data
    holds every field, else the field by field one, where a missing field takes its default."""
    fast = _compiled(kind)
    generic = _fields_decoder(kind)

    def made(data: Any) -> Any:
        try:
            return fast(data)
        except (KeyError, TypeError):  # a field missing, or bad data: the generic way says
            return generic(data)

    return made


def _fields_decoder(kind: type) -> Decoder:
    """The decoder of a dataclass, field by field: fields stored as they are (text, numbers)
    are passed on without a call each, the others through their decoders; a missing field takes
    its default.

    With the containers of such values made by ``tuple``/``list``/``dict`` directly, this
    decodes the events of a build from an index in ~17 % less time: part of the 3-4 % a build
    from the 100k index gained end to end (see chronicle.archive.reader._articles).
    """
    plain: list[str] = []
    converted: list[tuple[str, Decoder]] = []
    for name, hint in _hints(kind).items():
        decoder = _maybe(_decoder(hint))
        if decoder is _same:
            plain.append(name)
        else:
            converted.append((name, decoder))

    def made(data: Any) -> Any:
        values = {name: data[name] for name in plain if name in data}
        for name, decoder in converted:
            if name in data:
                values[name] = decoder(data[name])
        return kind(**values)

    return made


def _compiled(kind: type) -> Decoder:
    """One function, made from source once per type, that builds a ``kind`` from data holding
    every field: the dataclasses inside it (an event's timex, its mention and its date) built
    in the same expression, enums looked up by value, repeated times parsed once.

    KeyError when a field is missing (the caller then decodes field by field, with defaults).
    The same values as :func:`_fields_decoder`, without a call per field or per None check:
    with :func:`_plain_rows`, the 5,850 articles (44,235 events) of a query on the 100k index
    of benchmarks/archive.py are decoded in ~0.18 s instead of ~0.57 s, and the build takes
    0.92x the wall time end to end ("tsvangirai", medians of 5, 4.48 -> 4.12 s).
    """
    names: dict[str, Any] = {}
    body = _expression(kind, "data", names, [0])
    source = f"def made(data):\n    return {body}\n"
    exec(compile(source, f"<decoder of {kind.__name__}>", "exec"), names)
    made: Decoder = names["made"]
    return made


def _expression(kind: Any, source: str, names: dict[str, Any], count: list[int]) -> str:
    """Python source building the ``kind`` of data ``source`` (a name), with the constants it
    uses put in ``names``; a dataclass field's value may be None, as in :func:`_maybe`."""
    if typing.get_origin(kind) in (types.UnionType, typing.Union):  # None is let through
        options = [option for option in typing.get_args(kind) if option is not type(None)]
        return _expression(options[0], source, names, count)
    count[0] += 1
    tag = str(count[0])
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        names["K" + tag] = kind
        fields: list[tuple[str, str]] = []
        for name, hint in _hints(kind).items():
            item = f"{source}[{name!r}]"
            if _decoder(hint) is not _same:
                var = "v" + str(count[0] + 1)
                inner = _expression(hint, var, names, count)
                item = f"(None if ({var} := {item}) is None else {inner})"
            fields.append((name, item))
        if not _bare(kind):
            return f"K{tag}({', '.join(f'{name}={item}' for name, item in fields)})"
        # made without __init__, each field set through its slot: half the time of a frozen
        # dataclass's __init__ (object.__setattr__ field by field)
        names["new"] = object.__new__
        sets = []
        for name, item in fields:
            names[f"S{tag}_{name}"] = vars(kind)[name].__set__
            sets.append(f"S{tag}_{name}(o{tag}, {item})")
        return f"(o{tag} := new(K{tag}), {', '.join(sets)})[0]"
    if isinstance(kind, type) and issubclass(kind, Enum):
        names["K" + tag], names["M" + tag] = kind, {member.value: member for member in kind}
        return f"(M{tag}[{source}] if {source} in M{tag} else K{tag}({source}))"
    decoder = _decoder(kind)
    if decoder is _parse_moment:
        decoder = _parse_moment_once
    names["D" + tag] = decoder
    return f"D{tag}({source})"


def _bare(kind: type) -> bool:
    """True when a ``kind`` is made by setting each field, which is all its ``__init__`` does:
    a dataclass with slots and the ``__init__`` dataclasses wrote (no __post_init__, no field
    left out of it, no __new__ of its own)."""
    fields = dataclasses.fields(kind)
    made: Any = kind  # its __init__ and __new__, looked at, not called
    init = getattr(vars(kind).get("__init__"), "__code__", None)
    return (
        not hasattr(kind, "__post_init__")
        and made.__new__ is object.__new__
        and init is not None
        and init.co_filename == "<string>"  # written by dataclasses, not by the class
        and all(f.init for f in fields)
        and set(_hints(kind)) == {f.name for f in fields}
        and all(isinstance(vars(kind).get(f.name), types.MemberDescriptorType) for f in fields)
    )


def _maybe(decoder: Decoder) -> Decoder:
    """``decoder``, letting None through (data that is its own value needs no wrapper)."""
    if decoder is _same:
        return _same
    return lambda data: None if data is None else decoder(data)


def _same(data: Any) -> Any:
    """Data that is its own value (text, numbers, booleans)."""
    return data


@lru_cache(maxsize=4096)
def _parse_moment_once(text: str) -> datetime:
    """:func:`_parse_moment`, once per text (each event holds its article's publish time)."""
    return _parse_moment(text)


def _parse_moment(text: str) -> datetime:
    """The datetime of :func:`_moment`'s text."""
    zone = None
    if text.endswith("]"):
        text, _, name = text[:-1].partition("[")
        try:
            zone = ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            zone = None  # a zone this machine does not know: the fixed offset still holds
    moment = datetime.fromisoformat(text)
    return moment.astimezone(zone) if zone is not None else moment


@cache
def _hints(kind: type) -> dict[str, Any]:
    """The declared field types of a dataclass (read once)."""
    names = {f.name for f in dataclasses.fields(kind)}
    return {name: hint for name, hint in typing.get_type_hints(kind).items() if name in names}
