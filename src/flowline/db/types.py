"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime
from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect

MAX_INT32 = 2**31 - 1
"""Largest value of an ``Integer`` column on PostgreSQL (versions, counters)."""

JSONValue = sa.JSON().with_variant(JSONB(), "postgresql")


class UTCDateTime(sa.TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on both databases (SQLite stores them naive)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)  # type: ignore[no-any-return]
        return value.astimezone(UTC)  # type: ignore[no-any-return]


def dump_json(value: Any) -> str:
    """The engines' JSON encoder: orjson, or the standard library for what orjson refuses
    (integers past 64 bits, keys that are not strings), so nothing stores differently."""
    try:
        return orjson.dumps(value).decode()
    except orjson.JSONEncodeError:
        return json.dumps(value)


def load_json(text: str | bytes) -> Any:
    """The engines' JSON decoder: orjson, or the standard library for what orjson refuses
    (``NaN`` or ``Infinity``, which SQLite may hold from before)."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


def utcnow() -> datetime:
    return datetime.now(UTC)


def check_storable_json(value: Any, max_bytes: int) -> int:
    """Refuse a JSON value the two databases would not store alike; return its size.

    Raises ``ValueError`` (for a field validator) when the value cannot be encoded
    (integers past 64 bits, deep nesting, lone surrogates), is over ``max_bytes``
    encoded, or holds NaN/Infinity (not JSON: SQLite keeps them, PostgreSQL refuses
    them) or ``\\u0000`` (PostgreSQL cannot hold it).
    """
    try:
        size = len(orjson.dumps(value))
    except orjson.JSONEncodeError as exc:
        raise ValueError(f"cannot be stored: {exc}") from None
    if size > max_bytes:
        raise ValueError(f"is {size} bytes encoded; the limit is {max_bytes}")
    _check_portable(value)
    return size


def _check_portable(value: Any) -> None:
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("must not contain NaN or Infinity")
    if isinstance(value, str) and "\x00" in value:
        raise ValueError("must not contain the NUL character (\\u0000)")
    if isinstance(value, dict):
        for name, item in value.items():
            _check_portable(name)
            _check_portable(item)
    elif isinstance(value, list):
        for item in value:
            _check_portable(item)
