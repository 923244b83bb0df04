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
from functools import cache
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
        args = typing.get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            each = _maybe(_decoder(args[0]))
            if each is _same:
                return tuple
            return lambda data: tuple(each(item) for item in data)
        parts = [_maybe(_decoder(arg)) for arg in args]
        return lambda data: tuple(part(item) for part, item in zip(parts, data, strict=True))
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


def _dataclass_decoder(kind: type) -> Decoder:
    """The decoder of a dataclass: fields stored as they are (text, numbers) are passed on
    without a call each, the others through their decoders; a missing field takes its default.

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


def _maybe(decoder: Decoder) -> Decoder:
    """``decoder``, letting None through (data that is its own value needs no wrapper)."""
    if decoder is _same:
        return _same
    return lambda data: None if data is None else decoder(data)


def _same(data: Any) -> Any:
    """Data that is its own value (text, numbers, booleans)."""
    return data


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
