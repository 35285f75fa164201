"""Response envelopes: ``{"data": …}`` for one object, with paging figures for lists."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field
from starlette.responses import Response

from flowline.db.repository import Page

T = TypeVar("T")


class Envelope(BaseModel, Generic[T]):
    data: T


class PageEnvelope(BaseModel, Generic[T]):
    data: list[T]
    total: int = Field(description="Items across all pages.")
    page: int = Field(description="This page, counted from 0.")
    size: int = Field(description="Page size asked for.")
    pages: int = Field(description="Number of pages.")


def envelope(data: T) -> Envelope[T]:
    return Envelope[T](data=data)


def envelope_response(data: BaseModel, status_code: int = 200) -> Response:
    """``{"data": …}`` serialised at once: for a hot route whose ``response_model`` only
    documents it (FastAPI would validate the model again, then serialise it)."""
    body = b'{"data":' + data.__pydantic_serializer__.to_json(data) + b"}"
    return Response(body, status_code=status_code, media_type="application/json")


def page_envelope(page: Page[Any], convert: Callable[[Any], T]) -> PageEnvelope[T]:
    items: Sequence[Any] = page.items
    return PageEnvelope[T](
        data=[convert(item) for item in items],
        total=page.total,
        page=page.page,
        size=page.size,
        pages=page.pages,
    )


class ErrorDetail(BaseModel):
    field: str = Field(description="The field at fault, dotted for nested ones.")
    problem: str


class ErrorBody(BaseModel):
    """Every failure has this body, whatever route and status."""

    error: str = Field(description="A stable code such as NOT_FOUND or VALIDATION_ERROR.")
    message: str = Field(description="A sentence for people.")
    statusCode: int = Field(description="The HTTP status, repeated.")
    details: list[ErrorDetail] | None = None
