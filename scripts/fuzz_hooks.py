"""Schemathesis hooks for Flowline (``SCHEMATHESIS_HOOKS=scripts.fuzz_hooks``).

Generated ``Idempotency-Key`` values repeat (``"0"``, ``"a"``) across unrelated
requests, and a key used again with another body is refused by design (422, as the
IETF Idempotency-Key draft says). A well-formed key is made unique per request, so
that each generated request is judged on its own; a malformed one is sent as it is.

Generated bodies leave out integers past 64 bits, as they leave out NUL: the API
description states once that every route refuses them (``flowline.api.json_text``).
"""

from __future__ import annotations

import uuid
from typing import Any

import schemathesis

from flowline.api.idempotency import HEADER, MAX_KEY_LENGTH
from flowline.api.json_text import wide_path


def unique_key(headers: dict[str, Any] | None) -> dict[str, Any] | None:
    """``headers`` with a well-formed ``Idempotency-Key`` made unique."""
    if not headers:
        return headers
    key = headers.get(HEADER)
    if isinstance(key, str) and 1 <= len(key) <= MAX_KEY_LENGTH:
        headers[HEADER] = f"{key[: MAX_KEY_LENGTH - 40]}~{uuid.uuid4().hex}"
    return headers


@schemathesis.hook
def before_call(context: schemathesis.HookContext, case: schemathesis.Case, **kwargs: Any) -> None:
    unique_key(case.headers)


@schemathesis.hook
def filter_body(context: schemathesis.HookContext, body: Any) -> bool:
    return wide_path(body) is None
