"""No string of a JSON body may hold NUL (``\\u0000``), and no integer may need more
than 64 bits, on any route.

PostgreSQL cannot store the character in text or JSON, most tools cut a string at
it, and no name, text or value of ours needs it. Every route's JSON body is looked
at once, before it is read into its model: a body holding the escape is parsed and
walked for the first string (or object key) with NUL, which is refused as
``422 VALIDATION_ERROR`` naming the field. A body without the six bytes ``\\u0000``
(JSON can only write the character as that escape) costs one byte search.

An integer past 64 bits (below ``-2**63`` or above ``2**63 - 1``) is refused the
same way: the databases' JSON decoders read a larger one back as a float, JSON
itself leaves numbers that large to each reader, and the routes that pass a value
on encode it with orjson, which stops at 64 bits. A body without a run of 19
digits costs one search.
"""

from __future__ import annotations

import json
import re
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError

NUL_ESCAPE = b"\\u0000"
PROBLEM = "must not contain the NUL character (\\u0000), in a value or a key"
RULE = (
    "No string in a JSON body (value or object key) may hold the NUL character "
    "(`\\u0000`): such a body is `422 VALIDATION_ERROR` naming the field."
)
"""The rule as the API description states it."""
WIDE_PROBLEM = "must be an integer from -2**63 to 2**63 - 1 (64 bits)"
WIDE_RULE = (
    "No integer in a JSON body may be below `-2**63` or above `2**63 - 1`: such a body "
    "is `422 VALIDATION_ERROR` naming the field."
)
MIN_INT = -(2**63)
MAX_INT = 2**63 - 1
_LONG_DIGITS = re.compile(rb"[0-9]{19}")


def wide_path(value: Any, path: tuple[str | int, ...] = ()) -> tuple[str | int, ...] | None:
    """Where in ``value`` the first integer past 64 bits is; ``None`` when there is none."""
    if isinstance(value, int) and not isinstance(value, bool):
        return None if MIN_INT <= value <= MAX_INT else path
    if not isinstance(value, dict | list):
        return None
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, item in items:
        found = wide_path(item, (*path, key))
        if found is not None:
            return found
    return None


def nul_path(value: Any, path: tuple[str | int, ...] = ()) -> tuple[str | int, ...] | None:
    """Where in ``value`` the first string with NUL is (for an object key, the object's
    place); ``None`` when there is none."""
    if isinstance(value, str):
        return path if "\x00" in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            if "\x00" in key:
                return path
            found = nul_path(item, (*path, key))
            if found is not None:
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found = nul_path(item, (*path, index))
            if found is not None:
                return found
    return None


def _is_json(request: Request) -> bool:
    media = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    return media == "application/json" or media.endswith("+json")


async def refuse_nul(request: Request) -> None:
    """Raise the validation error for a JSON body holding NUL or an integer past 64
    bits; a body that is not JSON at all is left to the route's parser (``400
    INVALID_JSON``)."""
    if request.method in ("GET", "HEAD", "OPTIONS") or not _is_json(request):
        return
    body = await request.body()  # kept on the request: the route reads it again for free
    nul, wide = NUL_ESCAPE in body, _LONG_DIGITS.search(body) is not None
    if not (nul or wide):
        return
    try:
        value = json.loads(body)
    except (ValueError, RecursionError):
        return
    path = nul_path(value) if nul else None
    if path is not None:
        error = {"type": "string_nul", "loc": ("body", *path), "msg": PROBLEM, "input": None}
        raise RequestValidationError([error])
    path = wide_path(value) if wide else None
    if path is not None:
        error = {"type": "int_wide", "loc": ("body", *path), "msg": WIDE_PROBLEM, "input": None}
        raise RequestValidationError([error])
