"""Validate plain data (TOML, YAML) into a dataclass: directly when it is exactly typed.

pydantic is the authority on user-supplied data and the author of its error messages, but
importing it and building its validators costs ~90 ms, most of a one-file run. So data whose
every value already has its declared type (and no unknown or repeated key) is built directly;
anything else is handed to pydantic, which converts it or explains what is wrong. Accepting only
exact types keeps the two in agreement: on such data pydantic builds the same object.

A dataclass sets ``__pydantic_config__`` (a plain dict, as pydantic reads it) with
``extra="forbid"`` and optionally ``alias_generator`` and ``populate_by_name``.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import types
import typing
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from pydantic import TypeAdapter
    from pydantic_core import ErrorDetails

T = TypeVar("T")
Convert = Callable[[object], Any]
"""Returns its argument as the declared type (containers copied) or raises ``_Declined``."""

_MISSING = dataclasses.MISSING


class Invalid(ValueError):
    """pydantic's verdict on data that does not fit: its message and its ``errors()``."""

    def __init__(self, message: str, errors: list[ErrorDetails]) -> None:
        super().__init__(message)
        self.errors = errors


class _Declined(Exception):
    """The data is not exactly of the declared shape: pydantic must decide."""


_ADAPTERS: dict[type, TypeAdapter[Any]] = {}
"""pydantic's validator of each dataclass, built the first time data needs it."""


def validate(cls: type[T], data: object) -> T:
    """``data`` as a ``cls``; raises :class:`Invalid` with pydantic's errors when it is not one."""
    built = build_exact(cls, data)
    if built is not None:
        return built
    from pydantic import TypeAdapter, ValidationError

    adapter = _ADAPTERS.get(cls)
    if adapter is None:
        adapter = _ADAPTERS[cls] = TypeAdapter(cls)
    try:
        result: T = adapter.validate_python(data)
    except ValidationError as exc:
        raise Invalid(str(exc), exc.errors()) from None
    return result


def build_exact(cls: type[T], data: object) -> T | None:
    """``cls`` built from ``data``, or ``None`` when the data is not exactly of its shape."""
    try:
        return _dataclass(cls, data)
    except _Declined:
        return None


@dataclasses.dataclass(frozen=True)
class _Field:
    name: str
    convert: Convert
    required: bool


_FIELDS: dict[type, dict[str, _Field]] = {}


def _fields(cls: type) -> dict[str, _Field]:
    """The keys ``cls`` accepts (aliases, and names when populated by name) → its fields."""
    known = _FIELDS.get(cls)
    if known is not None:
        return known
    config: dict[str, Any] = getattr(cls, "__pydantic_config__", {})
    if config.get("extra") != "forbid":
        raise TypeError(f"{cls.__name__}: build_exact needs extra='forbid' in its config")
    alias: Callable[[str], str] | None = config.get("alias_generator")
    hints = typing.get_type_hints(cls)
    keys: dict[str, _Field] = {}
    for item in dataclasses.fields(cls):
        required = item.default is _MISSING and item.default_factory is _MISSING
        spec = _Field(item.name, _converter(hints[item.name]), required)
        keys[alias(item.name) if alias else item.name] = spec
        if alias and config.get("populate_by_name"):
            keys.setdefault(item.name, spec)
    _FIELDS[cls] = keys
    return keys


def _dataclass(cls: type[T], data: object) -> T:
    if type(data) is not dict:
        raise _Declined
    keys = _fields(cls)
    values: dict[str, Any] = {}
    for key, value in data.items():
        spec = keys.get(key) if type(key) is str else None
        if spec is None or spec.name in values:
            raise _Declined  # unknown, or given both by alias and by name
        values[spec.name] = spec.convert(value)
    if any(spec.required and spec.name not in values for spec in keys.values()):
        raise _Declined
    return cls(**values)


@functools.cache
def _converter(hint: Any) -> Convert:
    """The conversion of exactly-typed values to ``hint``, made once per type."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if hint is Any or hint is object:
        return _same
    if origin is typing.Union or origin is types.UnionType:
        return functools.partial(_union, tuple(_converter(arg) for arg in args))
    if origin is typing.Literal:
        return functools.partial(_literal, args)
    if origin is list:
        return functools.partial(_list, _converter(args[0]))
    if origin is dict:
        return functools.partial(_dict, _converter(args[0]), _converter(args[1]))
    if hint is type(None):
        return _none
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return functools.partial(_member, hint)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return functools.partial(_dataclass, hint)
    if hint in (str, bool, int, float):
        return functools.partial(_exactly, hint)
    raise TypeError(f"build_exact does not handle the type {hint!r}")


def _same(value: object) -> object:
    return value


def _none(value: object) -> None:
    if value is not None:
        raise _Declined


def _exactly(kind: type, value: object) -> object:
    if type(value) is not kind:
        raise _Declined
    return value


def _union(options: tuple[Convert, ...], value: object) -> Any:
    for option in options:
        try:
            return option(value)
        except _Declined:
            continue
    raise _Declined


def _literal(allowed: tuple[object, ...], value: object) -> object:
    if not any(type(value) is type(option) and value == option for option in allowed):
        raise _Declined
    return value


def _list(item: Convert, value: object) -> list[Any]:
    if type(value) is not list:
        raise _Declined
    return [item(element) for element in value]


def _dict(key: Convert, item: Convert, value: object) -> dict[Any, Any]:
    if type(value) is not dict:
        raise _Declined
    return {key(k): item(v) for k, v in value.items()}


def _member(kind: type[enum.Enum], value: object) -> enum.Enum:
    if isinstance(value, kind):
        return value
    for member in kind:
        if type(value) is type(member.value) and value == member.value:
            return member
    raise _Declined
