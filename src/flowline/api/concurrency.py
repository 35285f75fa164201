"""``If-Match`` for optimistic concurrency on records that carry ``version``."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import Depends, Header
from pydantic import Field

from flowline.db.types import MAX_INT32
from flowline.errors import ValidationFailed

IF_MATCH_PATTERN = r'^(W/)?("[1-9][0-9]{0,8}"|[1-9][0-9]{0,8})$'
"""A version of 1 to 999,999,999, bare or quoted, optionally weak (``W/"3"``)."""
_IF_MATCH = re.compile(IF_MATCH_PATTERN)


async def _if_match(
    if_match: Annotated[
        str | None,
        Header(
            alias="If-Match",
            description='The version you last read (`3` or `"3"`); a different one answers 409.',
            json_schema_extra={"pattern": IF_MATCH_PATTERN},
        ),
    ] = None,
) -> int | None:
    if if_match is None:
        return None
    if not _IF_MATCH.fullmatch(if_match.strip()):
        raise ValidationFailed('must be a record version such as "3"', field="If-Match")
    return int(if_match.strip().removeprefix("W/").strip('"'))


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
