"""No string of a JSON body may hold NUL (``\\u0000``), on any route.

PostgreSQL cannot store the character in text or JSON, most tools cut a string at
it, and no name, text or value of ours needs it. Every route's JSON body is looked
at once, before it is read into its model: a body holding the escape is parsed and
walked for the first string (or object key) with NUL, which is refused as
``422 VALIDATION_ERROR`` naming the field. A body without the six bytes ``\\u0000``
(JSON can only write the character as that escape) costs one byte search.
"""

from __future__ import annotations

import json
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
    """Raise the validation error for a JSON body holding NUL; a body that is not
    JSON at all is left to the route's parser (``400 INVALID_JSON``)."""
    if request.method in ("GET", "HEAD", "OPTIONS") or not _is_json(request):
        return
    body = await request.body()  # kept on the request: the route reads it again for free
    if NUL_ESCAPE not in body:
        return
    try:
        value = json.loads(body)
    except (ValueError, RecursionError):
        return
    path = nul_path(value)
    if path is not None:
        error = {"type": "string_nul", "loc": ("body", *path), "msg": PROBLEM, "input": None}
        raise RequestValidationError([error])
