"""The engine's approval queries: asking, timing out, and dropping a run's questions.

Every function here runs inside a transaction that already holds the run's row
lock (``transitions.lock_run``); the approval row is only touched after it, the
lock order used everywhere. A state change is always a conditional ``UPDATE …
WHERE status = 'pending'``, so of two writers racing only one ever moves it.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import jsonschema_rs
import orjson
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.db.models import Approval, Group, Run, User
from flowline.db.types import utcnow
from flowline.engine.transitions import append_event

DECISIONS = {"approved", "denied", "expired"}
"""Outcomes of an approval step (also what ``on_timeout`` may name)."""
MAX_PROBLEMS = 20


@functools.lru_cache(maxsize=256)
def _validator(schema_json: bytes) -> Any:
    return jsonschema_rs.validator_for(orjson.loads(schema_json))


def _compiled(schema: dict[str, Any]) -> Any:
    return _validator(orjson.dumps(schema, option=orjson.OPT_SORT_KEYS))


def schema_problem(schema: dict[str, Any]) -> str | None:
    """Why ``schema`` cannot check payloads, or ``None`` when it can."""
    try:
        _compiled(schema)
    except (jsonschema_rs.ValidationError, ValueError, TypeError) as exc:
        return str(exc).splitlines()[0]
    return None


def payload_problems(schema: dict[str, Any], value: Any, field: str) -> list[dict[str, str]]:
    """Each way ``value`` breaks ``schema``, as ``{field, problem}`` (``arguments.a[0]``).

    Problems name the rule broken, never the value sent (it may be a secret).
    """
    problems: list[dict[str, str]] = []
    for error in _compiled(schema).iter_errors(value):
        path = field + "".join(
            f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.instance_path
        )
        kind = error.kind
        if isinstance(kind, jsonschema_rs.ValidationErrorKind.Required):
            problems.append({"field": f"{path}.{kind.property}", "problem": "is required"})
        elif isinstance(kind, jsonschema_rs.ValidationErrorKind.AdditionalProperties):
            problems.extend(
                {"field": f"{path}.{name}", "problem": "is not allowed"} for name in kind.unexpected
            )
        else:
            rule = next((str(p) for p in reversed(error.schema_path) if isinstance(p, str)), "")
            problems.append({"field": path, "problem": f"does not satisfy `{rule}`"})
        if len(problems) >= MAX_PROBLEMS:
            break
    return problems[:MAX_PROBLEMS]


async def known_users(session: AsyncSession, org_id: str, user_ids: Sequence[str]) -> set[str]:
    """Those of ``user_ids`` that are active users of the organisation."""
    if not user_ids:
        return set()
    stmt = sa.select(User.id).where(
        User.org_id == org_id, User.id.in_(user_ids), User.is_active.is_(True)
    )
    return set((await session.execute(stmt)).scalars().all())


async def resolve_group(session: AsyncSession, org_id: str, ref: str) -> str | None:
    """The id of the organisation's group ``ref`` names, by id or else by name."""
    by_id = sa.select(Group.id).where(Group.org_id == org_id, Group.id == ref)
    found = (await session.execute(by_id)).scalar_one_or_none()
    if found is not None:
        return found
    by_name = sa.select(Group.id).where(Group.org_id == org_id, Group.name == ref)
    return (await session.execute(by_name)).scalar_one_or_none()


async def user_name(session: AsyncSession, org_id: str, user_id: str) -> str | None:
    stmt = sa.select(User.name).where(User.org_id == org_id, User.id == user_id)
    return (await session.execute(stmt)).scalar_one_or_none()


def decision_output(
    approval: Approval, decision: str, decided_by: dict[str, Any] | None
) -> dict[str, Any]:
    """What an answered approval step outputs: the final payload and who decided.

    The approver's edited ``arguments`` replace the payload shown, so the steps
    after see what was actually approved.
    """
    payload = approval.arguments if approval.arguments is not None else approval.payload
    return {
        "decision": decision,
        "payload": payload,
        "decided_by": decided_by,
        "comment": approval.comment,
        "approval_id": approval.id,
        "timed_out": approval.status == "expired",
    }


def resolved_event(
    session: AsyncSession, run: Run, approval: Approval, decision: str | None
) -> None:
    """Append ``approval.resolved`` for the row's new status (lock held)."""
    append_event(
        session,
        run,
        "approval.resolved",
        {
            "approval_id": approval.id,
            "node_id": approval.node_id,
            "step_id": approval.step_id,
            "status": approval.status,
            "decision": decision,
            "decided_by": approval.decided_by_id,
        },
    )


def requested_event(session: AsyncSession, run: Run, approval: Approval) -> None:
    append_event(
        session,
        run,
        "approval.requested",
        {
            "approval_id": approval.id,
            "node_id": approval.node_id,
            "step_id": approval.step_id,
            "title": approval.title,
            "assignees": approval.assignees,
            "group": approval.group_id,
            "expires_at": approval.expires_at.isoformat() if approval.expires_at else None,
        },
    )


async def create(session: AsyncSession, approval: Approval) -> Approval:
    """Write the pending row (the step it belongs to is flushed first: it refers to it)."""
    await session.flush()
    session.add(approval)
    await session.flush()
    return approval


async def move_pending(
    session: AsyncSession,
    org_id: str,
    where: sa.ColumnElement[bool],
    values: dict[str, Any],
) -> list[Approval]:
    """Move the pending rows matching ``where`` to ``values``; the ones that moved.

    A row another writer moved first is simply not among them.
    """
    stmt = (
        sa.update(Approval)
        .where(Approval.org_id == org_id, Approval.status == "pending", where)
        .values(**values)
        .returning(Approval)
        .execution_options(populate_existing=True, synchronize_session=False)
    )
    return list((await session.execute(stmt)).scalars().all())


async def expire_step(
    session: AsyncSession, org_id: str, step_id: str, now: datetime
) -> Approval | None:
    """Expire the step's approval if it is still pending; ``None`` if it was answered."""
    moved = await move_pending(
        session,
        org_id,
        Approval.step_id == step_id,
        {"status": "expired", "decided_at": now},
    )
    return moved[0] if moved else None


async def cancel_for_run(
    session: AsyncSession, org_id: str, run_id: str, *, run: Run | None = None
) -> list[str]:
    """Mark the run's pending approvals cancelled (the run is being cancelled).

    Pass the locked ``run`` to append an ``approval.resolved`` event for each.
    Returns the ids of the approvals cancelled.
    """
    moved = await move_pending(
        session,
        org_id,
        Approval.run_id == run_id,
        {"status": "cancelled", "decided_at": utcnow()},
    )
    if run is not None:
        for approval in moved:
            resolved_event(session, run, approval, None)
    return [approval.id for approval in moved]


async def get(session: AsyncSession, org_id: str, approval_id: str) -> Approval | None:
    stmt = sa.select(Approval).where(Approval.org_id == org_id, Approval.id == approval_id)
    return (await session.execute(stmt)).scalar_one_or_none()


async def record_arguments(
    session: AsyncSession, org_id: str, approval_id: str, arguments: Any
) -> None:
    """Replace a decided approval's ``arguments`` with what will really be done (the
    approver's edit as the node understood it, e.g. with its new request hash)."""
    stmt = (
        sa.update(Approval)
        .where(Approval.org_id == org_id, Approval.id == approval_id)
        .values(arguments=arguments)
        .execution_options(synchronize_session=False)
    )
    await session.execute(stmt)
