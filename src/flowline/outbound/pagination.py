"""Walking a list endpoint page by page, strictly one after another (SAFETY.md, seed 000).

Four styles: ``offset`` and ``page`` count through query parameters, ``cursor``
passes on the next cursor found in the body, ``link`` follows RFC 8288
``Link: <…>; rel="next"`` (each next URL goes through the client, so the
network policy and the credential's binding judge it again). A walk stops on a
short or empty page, when there is no next cursor or link, or at ``max_pages``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import httpx

from flowline.outbound.client import OutboundClient, OutboundRequest, OutboundResponse
from flowline.outbound.retry import Attempt

Style = Literal["offset", "page", "cursor", "link"]
_LINK = re.compile(r'<([^>]*)>((?:\s*;\s*[^;,"=\s]+\s*(?:=\s*(?:"[^"]*"|[^;,]*))?)*)')
_REL = re.compile(r"""rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))""", re.IGNORECASE)


class PaginationError(Exception):
    """A page did not hold a list where the walk expected one."""


@dataclass(frozen=True, slots=True)
class PageSpec:
    style: Style
    limit: int | None = None
    max_pages: int = 100
    items: str | None = None
    """Dotted path of the list in the body; default the body itself, or ``items``/``data``."""
    limit_param: str = "limit"
    offset_param: str = "offset"
    page_param: str = "page"
    first_page: int = 1
    cursor_param: str = "cursor"
    next_cursor: str = "next_cursor"
    """Dotted path of the next cursor in the body."""


@dataclass(slots=True)
class Walk:
    items: list[Any] = field(default_factory=list)
    pages: int = 0
    attempts: list[dict[str, Any]] = field(default_factory=list)
    last: OutboundResponse | None = None
    failed: OutboundResponse | None = None
    """A page answered with an error status: the walk stopped there."""


def lookup(body: Any, path: str) -> Any:
    """The value at a dotted path (``data.items``, ``meta.next``); ``None`` if absent."""
    value = body
    for part in path.split("."):
        if isinstance(value, dict):
            value = value.get(part)
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return None
    return value


def page_items(body: Any, path: str | None) -> list[Any]:
    if path is not None:
        found = lookup(body, path)
    elif isinstance(body, list):
        found = body
    elif isinstance(body, dict):
        found = next((body[k] for k in ("items", "data") if isinstance(body.get(k), list)), None)
    else:
        found = None
    if not isinstance(found, list):
        where = f"at {path!r}" if path else "(the body, `items` or `data`)"
        raise PaginationError(f"The page has no list {where}; set `paginate.items`.")
    return found


def next_link(header: str | None) -> str | None:
    """The target of ``rel="next"`` in an RFC 8288 ``Link`` header."""
    if not header:
        return None
    for match in _LINK.finditer(header):
        for rel in _REL.finditer(match.group(2)):
            if "next" in (rel.group(1) or rel.group(2) or "").lower().split():
                return match.group(1).strip()
    return None


async def walk(client: OutboundClient, request: OutboundRequest, spec: PageSpec) -> Walk:
    """Fetch the pages in order and collect their items."""
    result = Walk()
    query = dict(request.query)
    url = request.url
    offset = 0
    page_size = spec.limit
    if spec.limit is not None:
        query[spec.limit_param] = spec.limit
    if spec.style == "page":
        query[spec.page_param] = spec.first_page
    elif spec.style == "offset":
        query[spec.offset_param] = 0
    while result.pages < spec.max_pages:
        response = await client.send(replace(request, url=url, query=query))
        result.pages += 1
        result.attempts.extend(_numbered(response.attempts, result.pages))
        result.last = response
        if response.status >= 300:
            result.failed = response
            return result
        items = page_items(response.body, spec.items)
        result.items.extend(items)
        if page_size is None:
            page_size = len(items)
        if not items or len(items) < page_size:
            return result
        if spec.style == "offset":
            offset += len(items)
            query = {**query, spec.offset_param: offset}
        elif spec.style == "page":
            query = {**query, spec.page_param: spec.first_page + result.pages}
        elif spec.style == "cursor":
            cursor = lookup(response.body, spec.next_cursor)
            if cursor in (None, ""):
                return result
            query = {**query, spec.cursor_param: cursor}
        else:
            link = next_link(response.headers.get("link"))
            if link is None:
                return result
            url = str(httpx.URL(response.url).join(link))
            query = {}  # the next link carries its own query
    return result


def _numbered(attempts: list[Attempt], page: int) -> list[dict[str, Any]]:
    return [{"page": page, **a.as_dict()} for a in attempts]
