"""Prompt blocks: the organisation's static and dynamic blocks, and the built-in ones
with the organisation's overrides (rendering is ``rendering.py``)."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.auth.principal import Principal
from flowline.context.tokens import count_all
from flowline.db.models import PromptBlock
from flowline.db.types import utcnow
from flowline.engine import templates
from flowline.errors import Conflict, ExpressionError, NotFound, ValidationFailed
from flowline.ids import new_id
from flowline.prompt_blocks import rendering
from flowline.prompt_blocks.repository import PromptBlockRepository
from flowline.prompt_blocks.schemas import (
    PreviewRead,
    PromptBlockCreate,
    PromptBlockRead,
    PromptBlockUpdate,
)
from flowline.runtime import Runtime
from flowline.users.service import check_version

BUILTIN_SOURCE = {"type": "builtin"}
"""The ``source`` of a row that holds the overrides of a built-in block."""


def not_found(name: str) -> NotFound:
    return NotFound(f"Prompt block {name!r} not found.", code="PROMPT_BLOCK_NOT_FOUND")


def _taken(name: str) -> Conflict:
    return Conflict(
        f"A prompt block named {name!r} already exists.",
        details=[{"field": "name", "problem": "already taken"}],
    )


def block_read(name: str, row: PromptBlock | None) -> PromptBlockRead:
    spec = rendering.spec_of(name, row)
    assert spec is not None
    builtin = rendering.BUILTINS.get(name)
    return PromptBlockRead(
        id=row.id if row else None,
        name=name,
        description=(row.description if row and row.description else None)
        or (builtin.description if builtin else ""),
        kind="static" if spec.kind == "static" else "dynamic",
        builtin=spec.builtin,
        body=spec.body,
        source=spec.source,
        ttl_seconds=spec.ttl_seconds,
        cached_at=row.cached_at if row else None,
        expires_at=row.expires_at if row else None,
        last_error=row.last_error if row else None,
        version=row.version if row else None,
        created_at=row.created_at if row else None,
        updated_at=row.updated_at if row else None,
    )


async def list_blocks(session: AsyncSession, principal: Principal) -> list[PromptBlockRead]:
    rows = {r.name: r for r in await PromptBlockRepository(session, principal.org_id).all_by_name()}
    names = sorted(set(rows) | set(rendering.BUILTINS))
    return [block_read(name, rows.get(name)) for name in names]


async def _row(session: AsyncSession, principal: Principal, name: str) -> PromptBlock | None:
    row = await PromptBlockRepository(session, principal.org_id).by_name(name)
    if row is None and name not in rendering.BUILTINS:
        raise not_found(name)
    return row


async def get_block(session: AsyncSession, principal: Principal, name: str) -> PromptBlockRead:
    return block_read(name, await _row(session, principal, name))


async def missing(session: AsyncSession, principal: Principal, names: list[str]) -> list[str]:
    """The names that are no block of the organisation's."""
    found = await PromptBlockRepository(session, principal.org_id).named(names)
    return [n for n in names if n not in found and n not in rendering.BUILTINS]


async def create_block(
    session: AsyncSession, principal: Principal, data: PromptBlockCreate
) -> PromptBlockRead:
    repo = PromptBlockRepository(session, principal.org_id)
    if data.name in rendering.BUILTINS or await repo.by_name(data.name) is not None:
        raise _taken(data.name)
    if data.kind == "dynamic" and data.body:
        _check_template(data.body)
    now = utcnow()
    row = PromptBlock(
        id=new_id("pbk"),
        name=data.name,
        description=data.description,
        kind=data.kind,
        body=data.body or "",
        source=None if data.source is None else data.source.model_dump(mode="json"),
        ttl_seconds=data.ttl_seconds,
        version=1,
        created_by_id=principal.user_id,
        created_at=now,
        updated_at=now,
    )
    repo.add(row)
    try:
        await session.flush()
    except IntegrityError:
        raise _taken(data.name) from None
    return block_read(row.name, row)


def _check_template(body: str) -> None:
    try:
        templates.compile_template(body)
    except ExpressionError as exc:
        raise ValidationFailed(
            f"The template does not compile: {exc.message}", field="body"
        ) from None


def _override(principal: Principal, name: str) -> PromptBlock:
    builtin = rendering.BUILTINS[name]
    now = utcnow()
    return PromptBlock(
        id=new_id("pbk"),
        name=name,
        description="",
        kind="dynamic",
        body="",
        source=dict(BUILTIN_SOURCE),
        ttl_seconds=builtin.ttl_seconds,
        version=0,
        created_by_id=principal.user_id,
        created_at=now,
        updated_at=now,
    )


async def update_block(
    session: AsyncSession,
    principal: Principal,
    name: str,
    data: PromptBlockUpdate,
    if_match: int | None,
) -> PromptBlockRead:
    """Change the fields sent; on a built-in block, store them as overrides."""
    row = await _row(session, principal, name)
    if row is None:  # a built-in without overrides yet
        row = PromptBlockRepository(session, principal.org_id).add(_override(principal, name))
    check_version(row.version, if_match, f"Prompt block {name!r}")
    check_version(row.version, data.expected_version, f"Prompt block {name!r}")
    changes = data.model_dump(mode="json", exclude_unset=True, exclude={"expected_version"})
    builtin = name in rendering.BUILTINS
    if "source" in changes and (builtin or row.kind == "static"):
        raise Conflict(  # the block's kind, not the request, is in the way
            "Only a dynamic block of yours has a source to change.",
            details=[{"field": "source", "problem": "the block is not a dynamic block of yours"}],
        )
    for field, value in changes.items():
        if value is None:
            raise ValidationFailed(f"{field} cannot be null.", field=field)
    if row.kind == "dynamic" and changes.get("body"):
        _check_template(changes["body"])
    if row.kind == "static" and changes.get("body") == "":
        raise ValidationFailed("A static block needs a body.", field="body")
    for field, value in changes.items():
        setattr(row, field, value)
    row.cached_text = row.cached_at = row.expires_at = None  # a changed block renders anew
    row.version += 1
    row.updated_at = utcnow()
    await session.flush()
    return block_read(name, row)


async def delete_block(
    session: AsyncSession, principal: Principal, name: str, if_match: int | None
) -> None:
    """Delete a block of the organisation's, or a built-in block's overrides."""
    row = await _row(session, principal, name)
    if row is None:
        raise Conflict(
            f"Prompt block {name!r} is built in and has no overrides to delete.",
            code="PROMPT_BLOCK_BUILTIN",
        )
    check_version(row.version, if_match, f"Prompt block {name!r}")
    await PromptBlockRepository(session, principal.org_id).delete(row)


async def preview(runtime: Runtime, principal: Principal, name: str, refresh: bool) -> PreviewRead:
    """The block rendered (from a fresh cache unless ``refresh``) and wrapped. Reads in a
    session of its own: a render is kept in a write of its own (``rendering._keep``)."""
    async with runtime.db.session() as session:
        spec = rendering.spec_of(name, await _row(session, principal, name))
        assert spec is not None
        done = await rendering.render(runtime, principal, session, spec, refresh=refresh)
    [tokens] = await count_all([done.wrapped or ""])
    return PreviewRead(
        name=name,
        kind="dynamic" if done.dynamic else "static",
        content=done.content,
        wrapped=done.wrapped,
        tokens=tokens,
        cached=done.cached,
        cached_at=done.cached_at,
        expires_at=done.expires_at,
        error=done.error,
    )


async def invalidate(session: AsyncSession, principal: Principal, name: str) -> None:
    """Forget a dynamic block's cached render: the next use renders it anew."""
    row = await _row(session, principal, name)
    spec = rendering.spec_of(name, row)
    assert spec is not None
    if spec.kind == "static":
        raise Conflict(
            f"Prompt block {name!r} is static: it has no cache.",
            details=[{"field": "name", "problem": "a static block has no cache"}],
        )
    if row is not None:
        await PromptBlockRepository(session, principal.org_id).clear_cache(row.id)
