"""``If-Match`` for optimistic concurrency on records that carry ``version``."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header
from pydantic import Field

from flowline.db.types import MAX_INT32
from flowline.errors import ValidationFailed


async def _if_match(
    if_match: Annotated[
        str | None,
        Header(
            alias="If-Match",
            description='The version you last read (`3` or `"3"`); a different one answers 409.',
        ),
    ] = None,
) -> int | None:
    if if_match is None:
        return None
    value = if_match.strip().removeprefix("W/").strip('"')
    # isascii: str.isdigit also accepts "²" and other digits int() refuses.
    if (
        not (value.isascii() and value.isdigit())
        or len(value) > 10
        or not 1 <= int(value) <= MAX_INT32
    ):
        raise ValidationFailed('must be a record version such as "3"', field="If-Match")
    return int(value)


IfMatch = Annotated[int | None, Depends(_if_match)]


ExpectedVersion = Annotated[
    int | None,
    Field(
        ge=1,
        le=MAX_INT32,
        description="Refuse the change (409) unless the record is at this version.",
    ),
]
"""The body's ``expected_version``: ``If-Match`` for clients that prefer the body."""
