"""Rendering prompt blocks: static text as written, dynamic blocks from their source
through their template, cached in the block's row for ``ttl_seconds``.

A dynamic block's **source** gives ``data``: ``http`` (a GET through the one
outbound client, the credential sent only to its hosts), ``kv`` (a key of the
organisation's KV store) or ``time`` (the current time). Its **body** is a template
(the flows' sandbox) over ``data`` and ``now``. A render that fails keeps the last
good text (if any) and records ``last_error``; the block is left out of a prompt
only when there is no text at all. Built-in blocks (:data:`BUILTINS`) exist in every
organisation; a row named like one holds the organisation's overrides.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import orjson
from pydantic import TypeAdapter
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.auth.principal import Principal
from flowline.db.models import PromptBlock
from flowline.db.types import utcnow
from flowline.engine import templates
from flowline.errors import FlowlineError
from flowline.kv.repository import KvRepository
from flowline.outbound.client import OutboundRequest
from flowline.outbound.retry import RetryPolicy
from flowline.prompt_blocks.repository import PromptBlockRepository
from flowline.prompt_blocks.schemas import (
    DEFAULT_TEMPLATE,
    HttpSource,
    KvSource,
    Source,
    TimeSource,
)
from flowline.runtime import Runtime
from flowline.secrets import service as secrets

SOURCE = TypeAdapter[HttpSource | KvSource | TimeSource](Source)
MAX_RENDER_CHARS = 20_000
"""A render longer than this is cut (a prompt block is context, not a document)."""
HTTP_TIMEOUT_SECONDS = 10.0


@dataclass(frozen=True, slots=True)
class Builtin:
    description: str
    body: str
    source: dict[str, Any]
    ttl_seconds: int


BUILTINS: dict[str, Builtin] = {
    "current_datetime": Builtin(
        "The current date and time (UTC), so the model knows what 'today' is.",
        "Now: {{ data.weekday }} {{ data.date }}, {{ data.utc }} (UTC).",
        {"type": "time", "timezone": "UTC"},
        60,
    ),
}


@dataclass(frozen=True, slots=True)
class BlockSpec:
    """A block as rendering needs it: its row (if any), or a built-in's defaults."""

    name: str
    kind: str
    body: str
    source: dict[str, Any] | None
    ttl_seconds: int
    row: PromptBlock | None
    builtin: bool


def spec_of(name: str, row: PromptBlock | None) -> BlockSpec | None:
    builtin = BUILTINS.get(name)
    if builtin is None:
        if row is None:
            return None
        return BlockSpec(name, row.kind, row.body, row.source, row.ttl_seconds, row, False)
    if row is None:
        return BlockSpec(
            name, "dynamic", builtin.body, builtin.source, builtin.ttl_seconds, None, True
        )
    return BlockSpec(
        name, "dynamic", row.body or builtin.body, builtin.source, row.ttl_seconds, row, True
    )


@dataclass(slots=True)
class Rendered:
    name: str
    dynamic: bool
    content: str | None
    cached: bool = False
    cached_at: datetime | None = None
    expires_at: datetime | None = None
    error: str | None = None

    @property
    def wrapped(self) -> str | None:
        return None if self.content is None else wrap(self.name, self.content)


def wrap(name: str, content: str) -> str:
    return f"<{name}>\n{content}\n</{name}>"


class SourceFailed(Exception):
    """The source gave nothing usable; the message says why (no secret in it)."""


async def _time_data(source: TimeSource) -> dict[str, Any]:
    try:
        zone = ZoneInfo(source.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise SourceFailed(f"unknown time zone {source.timezone!r}") from None
    now = datetime.now(UTC)
    local = now.astimezone(zone)
    return {
        "utc": now.isoformat(timespec="seconds").replace("+00:00", "Z"),
        "local": local.isoformat(timespec="seconds"),
        "date": local.date().isoformat(),
        "weekday": local.strftime("%A"),
        "timezone": source.timezone,
    }


async def _http_data(runtime: Runtime, principal: Principal, source: HttpSource) -> Any:
    credential = None
    if source.credential is not None:
        async with runtime.db.session() as session:
            credential = await secrets.credential(
                session, principal.org_id, source.credential, runtime.secret_box
            )
        if credential is None:
            raise SourceFailed(f"no secret named {source.credential!r}")
    request = OutboundRequest(
        "GET",
        source.url,
        credential=credential,
        timeout_seconds=HTTP_TIMEOUT_SECONDS,
        retry=RetryPolicy(attempts=2),
    )
    try:
        response = await runtime.outbound.send(request)
    except FlowlineError as exc:
        raise SourceFailed(exc.message) from None
    if response.status >= 400:
        raise SourceFailed(f"GET {response.url} answered {response.status}")
    if not response.is_text:
        raise SourceFailed(f"GET {response.url} answered something that is not text")
    return response.body


async def source_data(
    runtime: Runtime, principal: Principal, session: AsyncSession, raw: dict[str, Any]
) -> Any:
    source = SOURCE.validate_python(raw)
    if isinstance(source, TimeSource):
        return await _time_data(source)
    if isinstance(source, KvSource):
        entry = await KvRepository(session, principal.org_id).get_live(source.key, utcnow())
        return None if entry is None else entry.value
    return await _http_data(runtime, principal, source)


def render_template(body: str, data: Any) -> str:
    """``body`` over ``data`` and ``now``; ``ExpressionError`` (naming no value) if it fails."""
    now = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    value = templates.render(body or DEFAULT_TEMPLATE, {"data": data, "now": now})
    text = value if isinstance(value, str) else orjson.dumps(value).decode()
    return text[:MAX_RENDER_CHARS]


async def _produce(
    runtime: Runtime, principal: Principal, session: AsyncSession, spec: BlockSpec
) -> str:
    assert spec.source is not None
    try:
        data = await source_data(runtime, principal, session, spec.source)
        return render_template(spec.body, data)
    except FlowlineError as exc:  # the template's ExpressionError, a bad stored source
        raise SourceFailed(exc.message) from None


async def _keep(
    runtime: Runtime, principal: Principal, spec: BlockSpec, text: str | None, error: str | None
) -> tuple[datetime, datetime | None]:
    """Store the render (or the failure) in the block's row, in a write of its own."""
    now = utcnow()
    expires = now + timedelta(seconds=spec.ttl_seconds) if spec.ttl_seconds else now
    if spec.row is not None and (spec.ttl_seconds or error is not None):
        async with runtime.db.session(write=True) as session:
            await PromptBlockRepository(session, principal.org_id).store_render(
                spec.row.id, text if spec.ttl_seconds else None, now, expires, error
            )
    return now, expires


async def render(
    runtime: Runtime,
    principal: Principal,
    session: AsyncSession,
    spec: BlockSpec,
    *,
    fetch: bool = True,
    refresh: bool = False,
) -> Rendered:
    """One block: static as written; dynamic from a fresh cache, else rendered now (with
    ``fetch``), else listed without content."""
    if spec.kind == "static":
        return Rendered(spec.name, False, spec.body[:MAX_RENDER_CHARS])
    row = spec.row
    stale = row.cached_text if row is not None else None
    done = Rendered(spec.name, True, None, cached_at=row.cached_at if row else None)
    done.expires_at = row.expires_at if row else None
    fresh = stale is not None and done.expires_at is not None and done.expires_at > utcnow()
    if fresh and not refresh:
        done.content, done.cached = stale, True
        return done
    if not fetch:
        done.error = row.last_error if row is not None else None
        return done
    try:
        text = await _produce(runtime, principal, session, spec)
    except SourceFailed as exc:
        await _keep(runtime, principal, spec, None, str(exc))
        done.content, done.cached, done.error = stale, stale is not None, str(exc)
        return done
    done.cached_at, done.expires_at = await _keep(runtime, principal, spec, text, None)
    done.content = text
    return done


async def specs(
    principal: Principal, session: AsyncSession, names: list[str]
) -> dict[str, BlockSpec]:
    """The blocks named, by name (names that are no block are left out)."""
    rows = await PromptBlockRepository(session, principal.org_id).named(names)
    found = {name: spec_of(name, rows.get(name)) for name in names}
    return {name: spec for name, spec in found.items() if spec is not None}


async def render_many(
    runtime: Runtime,
    principal: Principal,
    session: AsyncSession,
    names: list[str],
    *,
    fetch: bool = True,
    refresh: bool = False,
) -> list[Rendered]:
    """The blocks named, in order; a name that is no block is told as an error."""
    known = await specs(principal, session, names)
    listed = []
    for name in names:
        spec = known.get(name)
        if spec is None:
            listed.append(Rendered(name, False, None, error="no prompt block of that name"))
            continue
        listed.append(await render(runtime, principal, session, spec, fetch=fetch, refresh=refresh))
    return listed
