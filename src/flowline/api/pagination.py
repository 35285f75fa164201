from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query

from flowline.db.repository import PageRequest

MAX_PAGE_SIZE = 100
MAX_PAGE = 10_000_000  # keeps page * size far inside a 64-bit OFFSET


async def _page_params(
    page: Annotated[int, Query(ge=0, le=MAX_PAGE, description="Page number, counted from 0.")] = 0,
    size: Annotated[
        int, Query(ge=1, le=MAX_PAGE_SIZE, description="Items per page (1 to 100).")
    ] = 25,
) -> PageRequest:
    return PageRequest(page=page, size=size)


PageParams = Annotated[PageRequest, Depends(_page_params)]
