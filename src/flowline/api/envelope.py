"""Response envelopes: ``{"data": …}`` for one object, with paging figures for lists."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field

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
