"""Flows by their hook: look-ups by the token's hash, across organisations."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.db.models import Flow, Step

_FLOW_BY_HOOK = sa.select(Flow).where(
    Flow.hook_token == sa.bindparam("p_hash"), Flow.deleted_at.is_(None)
)
"""Built once (every hook call runs it)."""


async def flow_by_hook(session: AsyncSession, token_hash: str) -> Flow | None:
    """The live flow whose hook token hashes to ``token_hash`` (the hash is the credential
    check: the token itself is never stored)."""
    return (await session.execute(_FLOW_BY_HOOK, {"p_hash": token_hash})).scalar_one_or_none()


async def flow_for_update(session: AsyncSession, org_id: str, flow_id: str) -> Flow | None:
    stmt = (
        sa.select(Flow)
        .where(Flow.org_id == org_id, Flow.id == flow_id, Flow.deleted_at.is_(None))
        .with_for_update()
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def first_answer(session: AsyncSession, org_id: str, run_id: str) -> Step | None:
    """The run's first ``respond`` step that succeeded: the answer of its hook call."""
    stmt = (
        sa.select(Step)
        .where(
            Step.org_id == org_id,
            Step.run_id == run_id,
            Step.node_type == "respond",
            Step.status == "succeeded",
        )
        .order_by(Step.finished_at, Step.id)
        .limit(1)
    )
    return (await session.execute(stmt)).scalar_one_or_none()
