"""Build frozen dataclasses from parsed TOML/JSON, rejecting unknown keys and bad values.

One strict converter serves filing.toml and the configuration files: a key that the dataclass
does not declare, or a value of the wrong type, raises ConfigError naming the key path.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import types
import typing
from collections.abc import Mapping
from typing import Any, TypeVar

from preflight.errors import ConfigError

T = TypeVar("T")


def from_mapping(cls: type[T], data: Mapping[str, Any], where: str = "") -> T:
    """Instantiate dataclass `cls` from `data`; `where` prefixes key paths in errors."""
    if not isinstance(data, Mapping):
        raise ConfigError(f"{where or 'value'} must be a table, got {type(data).__name__}")
    hints = typing.get_type_hints(cls)
    known = {f.name for f in dataclasses.fields(cls) if f.init}  # type: ignore[arg-type]
    unknown = sorted(set(data) - known)
    if unknown:
        path = ", ".join(f"{where}{k}" for k in unknown)
        raise ConfigError(f"unknown key(s) {path}; known keys: {', '.join(sorted(known))}")
    values = {k: convert(hints[k], v, f"{where}{k}") for k, v in data.items()}
    try:
        return cls(**values)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{where.rstrip('.') or cls.__name__}: {exc}") from exc


def convert(tp: Any, value: Any, key: str) -> Any:
    """Convert one value to type `tp` (str, int, float, bool, date, Enum, Optional, tuple, dataclass)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if value is None:
            return None
        errors = []
        for arg in args:
            try:
                return convert(arg, value, key)
            except ConfigError as exc:
                errors.append(str(exc))
        raise ConfigError(errors[0])
    if origin is tuple:
        (item_tp, *_rest) = typing.get_args(tp)
        if not isinstance(value, (list, tuple)):
            raise ConfigError(f"'{key}' must be a list")
        return tuple(convert(item_tp, v, f"{key}[{i}]") for i, v in enumerate(value))
    if dataclasses.is_dataclass(tp):
        return from_mapping(tp, value, f"{key}.")  # type: ignore[arg-type]
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        try:
            return tp(value)
        except ValueError:
            choices = ", ".join(str(m.value) for m in tp)
            raise ConfigError(f"'{key}' = {value!r} is not one of: {choices}") from None
    return _scalar(tp, value, key)


def _scalar(tp: Any, value: Any, key: str) -> Any:
    if tp is dt.date:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise ConfigError(f"'{key}' must be a date YYYY-MM-DD, got {value!r}")
    if tp is bool:
        if isinstance(value, bool):
            return value
        raise ConfigError(f"'{key}' must be true or false, got {value!r}")
    if tp in (int, float):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(f"'{key}' must be a number, got {value!r}")
        if tp is int and not float(value).is_integer():
            raise ConfigError(f"'{key}' must be a whole number, got {value!r}")
        return tp(value)
    if tp is str:
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            return str(value)
        raise ConfigError(f"'{key}' must be text, got {value!r}")
    if tp is Any:
        return value
    raise ConfigError(f"'{key}': unsupported type {tp!r}")
