"""Memory blocks: what an agent reads in its prompt every turn and edits, each write a
compare-and-set on ``version``. A block is the agent's own (``subject`` ``""``) or about
one person (``user:<id>``, ``contact:<id>``); ``human`` blocks are always a person's.

Archival memory lives in :mod:`flowline.memory.archive`. Services take the caller's
session and never commit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.auth.principal import Principal
from flowline.db.models import MemoryBlock
from flowline.db.repository import Page, PageRequest
from flowline.db.types import utcnow
from flowline.errors import Conflict, FlowlineError, NotFound, ValidationFailed
from flowline.ids import new_id
from flowline.memory.repository import BlockRepository
from flowline.memory.schemas import DEFAULT_LIMIT, PERSON_TYPES, BlockRead, BlockWrite

EDIT_TRIES = 3
"""An agent's edit is re-read and re-applied this often when another writer came first."""


class PreconditionRequired(FlowlineError):
    status = 428
    code = "PRECONDITION_REQUIRED"


@dataclass(frozen=True, slots=True)
class Person:
    """Whom a block or passage is about: a user of the organisation or a channel contact."""

    kind: Literal["user", "contact"]
    id: str

    @property
    def subject(self) -> str:
        return f"{self.kind}:{self.id}"


def person_of(person_id: str | None) -> Person | None:
    """The person a ``usr_…`` or ``ctc_…`` id names (the pattern is checked at the door)."""
    if not person_id:
        return None
    return Person("contact" if person_id.startswith("ctc_") else "user", person_id)


def subjects_for(person: Person | None) -> list[str]:
    """The subjects a turn with ``person`` sees: the agent's own, then the person's."""
    return [""] if person is None else ["", person.subject]


def ids_of(subject: str) -> tuple[str | None, str | None]:
    """``(user_id, contact_id)`` of a stored subject."""
    kind, _, found = subject.partition(":")
    return (found or None, None) if kind == "user" else (None, found or None)


def block_read(block: MemoryBlock) -> BlockRead:
    user_id, contact_id = ids_of(block.subject)
    return BlockRead(
        id=block.id,
        agent_id=block.agent_id,
        type=block.type,
        user_id=user_id,
        contact_id=contact_id,
        value=block.value,
        limit=block.char_limit,
        chars=len(block.value),
        description=block.description,
        version=block.version,
        updated_by=block.updated_by,
        created_at=block.created_at,
        updated_at=block.updated_at,
    )


def block_not_found(type_: str) -> NotFound:
    return NotFound(f"Memory block '{type_}' not found.", code="MEMORY_BLOCK_NOT_FOUND")


async def check_owner(session: AsyncSession, principal: Principal, agent_id: str) -> None:
    if not await BlockRepository(session, principal.org_id).agent_exists(agent_id):
        raise NotFound(f"Agent '{agent_id}' not found.", code="AGENT_NOT_FOUND")


async def check_person(session: AsyncSession, principal: Principal, person: Person | None) -> None:
    if person is None:
        return
    if not await BlockRepository(session, principal.org_id).person_exists(person.kind, person.id):
        code = "USER_NOT_FOUND" if person.kind == "user" else "CONTACT_NOT_FOUND"
        raise NotFound(f"{person.kind.title()} '{person.id}' not found.", code=code)


def _scope(type_: str, person: Person | None) -> str:
    if type_ in PERSON_TYPES and person is None:
        raise ValidationFailed(
            f"a '{type_}' block is about one person: give person_id",
            field="person_id",
        )
    return "" if person is None else person.subject


async def list_blocks(
    session: AsyncSession,
    principal: Principal,
    agent_id: str | None,
    person: Person | None,
    page: PageRequest,
) -> Page[MemoryBlock]:
    repo = BlockRepository(session, principal.org_id)
    stmt = repo.listing(agent_id, None if person is None else person.subject)
    ordered = stmt.order_by(MemoryBlock.agent_id, MemoryBlock.subject, MemoryBlock.type)
    return await repo.paginate(ordered, page, order_by=MemoryBlock.id)


async def get_block(
    session: AsyncSession, principal: Principal, agent_id: str, type_: str, person: Person | None
) -> MemoryBlock:
    await check_owner(session, principal, agent_id)
    subject = _scope(type_, person)
    block = await BlockRepository(session, principal.org_id).find(agent_id, subject, type_)
    if block is None:
        raise block_not_found(type_)
    return block


def _version_conflict(block: MemoryBlock, expected: int) -> Conflict:
    wanted = "not to exist" if expected == 0 else f"to be at version {expected}"
    return Conflict(
        f"Memory block '{block.type}' was expected {wanted}; it is at version {block.version}. "
        "Read it again and send its version (compare-and-set).",
        code="MEMORY_BLOCK_VERSION_CONFLICT",
        details=[
            {
                "field": "expected_version",
                "problem": "does not match the stored version",
                "current": block_read(block).model_dump(mode="json"),
            }
        ],
        headers={"ETag": f'"{block.version}"'},
    )


def _check_limit(value: str, limit: int, field: str = "value") -> None:
    if len(value) > limit:
        raise ValidationFailed(
            f"is {len(value)} characters; the block's limit is {limit}", field=field
        )


async def put_block(
    session: AsyncSession,
    principal: Principal,
    agent_id: str,
    type_: str,
    person: Person | None,
    body: BlockWrite,
    if_match: int | None,
) -> tuple[MemoryBlock, bool]:
    """Create the block, or change it at the version given; ``(block, created)``."""
    await check_owner(session, principal, agent_id)
    await check_person(session, principal, person)
    subject = _scope(type_, person)
    expected = if_match if if_match is not None else body.expected_version
    repo = BlockRepository(session, principal.org_id)
    current = await repo.find(agent_id, subject, type_)
    if current is None:
        if expected not in (None, 0):
            raise block_not_found(type_)
        return await _create(repo, agent_id, subject, type_, body, f"user:{principal.user_id}")
    if expected is None:
        raise PreconditionRequired(
            f"Memory block '{type_}' exists: send the version you read (If-Match or "
            "expected_version) to change it (compare-and-set).",
            details=[{"field": "expected_version", "problem": "required to change a block"}],
        )
    limit = body.limit if body.limit is not None else current.char_limit
    _check_limit(body.value, limit)
    values: dict[str, Any] = {"value": body.value, "char_limit": limit}
    if body.description is not None:
        values["description"] = body.description
    values.update(updated_at=utcnow(), updated_by=f"user:{principal.user_id}")
    changed = await repo.update_if(current.id, expected, values)
    if changed is None:
        raise _version_conflict(current, expected)
    return changed, False


async def _create(
    repo: BlockRepository,
    agent_id: str,
    subject: str,
    type_: str,
    body: BlockWrite,
    by: str,
) -> tuple[MemoryBlock, bool]:
    limit = body.limit or DEFAULT_LIMIT
    _check_limit(body.value, limit)
    now = utcnow()
    made = await repo.insert_new(
        {
            "id": new_id("mb"),
            "agent_id": agent_id,
            "subject": subject,
            "type": type_,
            "value": body.value,
            "char_limit": limit,
            "description": body.description or "",
            "version": 1,
            "updated_by": by,
            "created_at": now,
            "updated_at": now,
        }
    )
    if made is None:  # another writer created it first
        winner = await repo.find(agent_id, subject, type_)
        assert winner is not None
        raise _version_conflict(winner, 0)
    return made, True


async def delete_block(
    session: AsyncSession,
    principal: Principal,
    agent_id: str,
    type_: str,
    person: Person | None,
    if_match: int | None,
) -> None:
    block = await get_block(session, principal, agent_id, type_, person)
    repo = BlockRepository(session, principal.org_id)
    if not await repo.delete_if(block.id, if_match):
        assert if_match is not None
        raise _version_conflict(block, if_match)


# ------------------------------------------------------------------ the agent's edits


class EditRefused(Exception):
    """An agent's edit that cannot be made; the message goes to the model."""


async def blocks_seen(
    session: AsyncSession, org_id: str, agent_id: str, person: Person | None
) -> list[MemoryBlock]:
    """The blocks a turn with ``person`` shows: the agent's, where the person's block of
    the same type takes the place of the agent's."""
    found = await BlockRepository(session, org_id).of_subjects(agent_id, subjects_for(person))
    chosen: dict[str, MemoryBlock] = {}
    for block in found:
        if block.type not in chosen or block.subject:
            chosen[block.type] = block
    return list(chosen.values())


async def edit_block(
    session: AsyncSession,
    org_id: str,
    agent_id: str,
    person: Person | None,
    type_: str,
    change: Callable[[str], str],
    by: str,
) -> MemoryBlock:
    """Apply ``change`` to the block the turn sees as ``type_``, compare-and-set, re-read
    and re-applied if another writer came first. A ``human`` block the person does not
    have yet is made. ``EditRefused`` names what the model must do differently."""
    repo = BlockRepository(session, org_id)
    for _ in range(EDIT_TRIES):
        block = next(
            (b for b in await blocks_seen(session, org_id, agent_id, person) if b.type == type_),
            None,
        )
        if block is None:
            return await _first_person_block(repo, agent_id, person, type_, change, by)
        value = change(block.value)
        if len(value) > block.char_limit:
            raise EditRefused(
                f"block '{type_}' would hold {len(value)} characters, over its limit of "
                f"{block.char_limit}: replace or shorten what it holds first"
            )
        values = {"value": value, "updated_at": utcnow(), "updated_by": by}
        changed = await repo.update_if(block.id, block.version, values)
        if changed is not None:
            return changed
    raise EditRefused(f"block '{type_}' kept changing under this edit; try again")


async def _first_person_block(
    repo: BlockRepository,
    agent_id: str,
    person: Person | None,
    type_: str,
    change: Callable[[str], str],
    by: str,
) -> MemoryBlock:
    if type_ not in PERSON_TYPES or person is None:
        raise EditRefused(f"there is no memory block '{type_}'")
    value = change("")
    if len(value) > DEFAULT_LIMIT:
        raise EditRefused(f"block '{type_}' may hold {DEFAULT_LIMIT} characters")
    body = BlockWrite(value=value)
    try:
        made, _ = await _create(repo, agent_id, person.subject, type_, body, by)
    except Conflict:
        raise EditRefused(f"block '{type_}' was just made by another writer; try again") from None
    return made
