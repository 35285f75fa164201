from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from flowline.api.errors import ERROR_RESPONSES
from flowline.api.idempotency import FlowlineRoute


def make_router(prefix: str, tag: str, **kwargs: Any) -> APIRouter:
    """A router with our route class, tag and the documented error answers."""
    return APIRouter(
        prefix=prefix,
        tags=[tag],
        route_class=FlowlineRoute,
        responses=ERROR_RESPONSES,
        **kwargs,
    )
