"""The ``approval`` node's handlers, called as the engine calls them: inside one
transaction that holds the run's lock."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from pydantic import ValidationError

from flowline.db.models import Approval, RunEvent, Step
from flowline.db.types import utcnow
from flowline.engine import approvals as engine_approvals
from flowline.engine.context import NodeContext
from flowline.engine.graph import Node
from flowline.engine.nodes.approval import NODE, ApprovalConfig
from flowline.engine.nodes.base import StepFailed
from flowline.engine.transitions import lock_run, move_run, move_step, start_step
from flowline.runtime import Runtime
from tests.approvals.builders import waiting_approval
from tests.factories import Factory, Org, unique
from tests.runs.builders import make_run, new_step


@asynccontextmanager
async def _context(
    client: httpx.AsyncClient, runtime: Runtime, org: Org, values: dict[str, Any] | None = None
) -> AsyncIterator[NodeContext]:
    """A run with a running ``ask`` step, as the engine hands it to ``execute``."""
    run_id = await make_run(client, runtime, org)
    async with runtime.db.session(write=True) as session:
        run = await lock_run(session, org.id, run_id)
        assert run is not None
        move_run(session, run, "running")
        step = new_step(org, run, "ask", "approval")
        start_step(session, run, step)
        yield NodeContext(
            runtime=runtime,
            session=session,
            run=run,
            step=step,
            node=Node.model_validate({"id": "ask", "data": {"node_type": "approval"}}),
            values={"input": {"who": org.owner.user_id, "amount": 42}, **(values or {})},
            idempotency_key=f"{run.id}:ask:1",
            now=utcnow(),
        )


async def _approval(runtime: Runtime, step_id: str) -> Approval:
    async with runtime.db.session() as session:
        stmt = sa.select(Approval).where(Approval.step_id == step_id)
        return (await session.execute(stmt)).scalar_one()


def test_config_needs_someone_and_a_usable_schema() -> None:
    with pytest.raises(ValidationError, match="assignees"):
        ApprovalConfig(title="t")
    with pytest.raises(ValidationError, match="payload_schema"):
        ApprovalConfig(title="t", group="ops", payload_schema={"type": "bogus"})
    assert ApprovalConfig(title="t", group="ops", payload_schema={"type": "object"})


async def test_execute_writes_the_pending_approval_and_waits(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    name = unique("ops")
    r = await client.post("/api/v1/groups", json={"name": name}, headers=org.headers)
    group_id = r.json()["data"]["id"]
    config = ApprovalConfig(
        title="Pay {{ input.amount }}?",
        assignees=["{{ input.who }}"],
        group=name,  # a name is taken as well as an id
        payload={"amount": "{{ input.amount }}", "token": "{{ secrets.api }}"},
        timeout_seconds=60,
        on_timeout="denied",
    )
    assert NODE.execute is not None
    async with _context(client, runtime, org, {"secrets": {"api": "s3cr3t-value"}}) as ctx:
        outcome = await NODE.execute(ctx, config)
        step_id, run_id = ctx.step.id, ctx.run.id
        assert outcome.waiting
        assert outcome.wake_at == ctx.now + timedelta(seconds=60)

    approval = await _approval(runtime, step_id)
    assert outcome.output == {"approval_id": approval.id, "status": "pending"}
    assert approval.id.startswith("apr_")
    assert (approval.title, approval.status, approval.on_timeout) == (
        "Pay 42?",
        "pending",
        "denied",
    )
    assert approval.payload == {"amount": 42, "token": "***"}
    assert approval.assignees == [org.owner.user_id]
    assert approval.group_id == group_id
    assert approval.expires_at == outcome.wake_at
    async with runtime.db.session() as session:
        stmt = sa.select(RunEvent).where(RunEvent.run_id == run_id, RunEvent.type.like("approval%"))
        [event] = (await session.execute(stmt)).scalars().all()
    assert event.type == "approval.requested"
    assert event.data["approval_id"] == approval.id
    assert event.data["group"] == group_id
    assert event.data["assignees"] == [org.owner.user_id]
    assert event.data["title"] == "Pay 42?"


@pytest.mark.parametrize(
    ("config", "code"),
    [
        ({"assignees": ["usr_nobody"]}, "APPROVAL_ASSIGNEE_NOT_FOUND"),
        ({"group": "no-such-group"}, "APPROVAL_GROUP_NOT_FOUND"),
    ],
)
async def test_unknown_people_fail_the_step_at_once(
    client: httpx.AsyncClient,
    factory: Factory,
    runtime: Runtime,
    config: dict[str, Any],
    code: str,
) -> None:
    org = await factory.org()
    assert NODE.execute is not None
    async with _context(client, runtime, org) as ctx:
        with pytest.raises(StepFailed) as caught:
            await NODE.execute(ctx, ApprovalConfig(title="t", **config))
    assert (caught.value.code, caught.value.retryable) == (code, False)


async def test_on_timer_expires_once_with_the_on_timeout_outcome(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    waiting = await waiting_approval(
        client, runtime, org, expires_at=utcnow() - timedelta(seconds=1), on_timeout="approved"
    )
    assert NODE.on_timer is not None
    config = ApprovalConfig(title="t", group="g", on_timeout="approved")
    for expected_outcome in ("approved", None):
        async with runtime.db.session(write=True) as session:
            run = await lock_run(session, org.id, waiting.run_id)
            assert run is not None
            step = await session.get(Step, waiting.step_id)
            assert step is not None
            ctx = NodeContext(
                runtime=runtime,
                session=session,
                run=run,
                step=step,
                node=Node.model_validate({"id": "ask", "data": {"node_type": "approval"}}),
                values={},
                idempotency_key="k",
                now=utcnow(),
            )
            outcome = await NODE.on_timer(ctx, config)
        if expected_outcome is None:
            assert outcome is None  # already expired: nothing changes
            continue
        assert outcome is not None
        assert outcome.label == expected_outcome
        assert outcome.output["decision"] == "approved"
        assert outcome.output["timed_out"] is True
        assert outcome.output["payload"] == {"amount": 10}
    assert (await _approval(runtime, waiting.step_id)).status == "expired"


async def test_on_timer_after_an_answer_changes_nothing(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    waiting = await waiting_approval(client, runtime, org, expires_at=utcnow())
    async with runtime.db.session(write=True) as session:
        moved = await engine_approvals.move_pending(
            session, org.id, Approval.id == waiting.approval_id, {"status": "approved"}
        )
        assert len(moved) == 1
    async with runtime.db.session(write=True) as session:
        assert (
            await engine_approvals.expire_step(session, org.id, waiting.step_id, utcnow()) is None
        )
    assert (await _approval(runtime, waiting.step_id)).status == "approved"


async def test_cancel_for_run_cancels_only_that_runs_pending_approvals(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    first = await waiting_approval(client, runtime, org)
    second = await waiting_approval(client, runtime, org, run_id=first.run_id, node_id="ask2")
    other = await waiting_approval(client, runtime, org)
    async with runtime.db.session(write=True) as session:
        run = await lock_run(session, org.id, first.run_id)
        assert run is not None
        seq = run.event_seq
        cancelled = await engine_approvals.cancel_for_run(session, org.id, run.id, run=run)
        assert sorted(cancelled) == sorted([first.approval_id, second.approval_id])
        assert run.event_seq == seq + 2
        for step_id in (first.step_id, second.step_id):
            step = await session.get(Step, step_id)
            assert step is not None
            move_step(session, run, step, "cancelled")
        move_run(session, run, "cancelled")
    assert (await _approval(runtime, first.step_id)).status == "cancelled"
    assert (await _approval(runtime, other.step_id)).status == "pending"
    async with runtime.db.session(write=True) as session:
        assert await engine_approvals.cancel_for_run(session, org.id, first.run_id) == []
