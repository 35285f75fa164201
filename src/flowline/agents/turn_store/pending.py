"""What a chat turn that is taken over or resumed finds of itself in the database.

Its counts so far (model calls, tokens, cost, tool calls), and the last answer's
tool calls that have no result yet: to run, or answered by people meanwhile.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.agents.repository import TurnRepository
from flowline.agents.schemas import ToolCallRead
from flowline.conversations.repository import MessageRepository
from flowline.db.models import Approval, Question, Step
from flowline.db.session import Database
from flowline.engine import repository as engine_repo
from flowline.llm.provider import ToolCall


def tool_node(call_id: str) -> str:
    return f"tool:{call_id}"[:64]


@dataclass(slots=True)
class Totals:
    model_calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cost: float = 0.0
    tool_calls: list[ToolCallRead] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class PendingRun:
    call: ToolCall
    arguments: dict[str, Any]
    step: Step | None


@dataclass(slots=True)
class Pending:
    """A resumed turn's tool calls that have no result yet, by what becomes of them."""

    run: list[PendingRun] = field(default_factory=list)
    answered: list[tuple[ToolCall, Step, Any]] = field(default_factory=list)


async def totals_so_far(db: Database, org_id: str, run_id: str) -> Totals:
    async with db.session() as session:
        calls, tokens_in, tokens_out, cost = await TurnRepository(session, org_id).usage_of(run_id)
        steps = await engine_repo.steps_of_run(session, org_id, run_id)
    totals = Totals(calls, tokens_in, tokens_out, cost)
    for step in steps:
        if step.node_type == "tool" and step.status == "succeeded":
            totals.tool_calls.append(_tool_call_read(step))
    return totals


async def pending_calls(
    db: Database, org_id: str, run_id: str, conversation_id: str
) -> Pending | None:
    """The last answer's calls without a result: to run, or answered by people."""
    async with db.session() as session:
        rows = await MessageRepository(session, org_id).all_of(conversation_id)
        mine = [r for r in rows if r.turn_id == run_id]
        asking = next((r for r in reversed(mine) if r.role == "assistant"), None)
        if asking is None or not asking.tool_calls:
            return None
        done = {r.tool_call_id for r in mine if r.role == "tool"}
        calls = [
            ToolCall(c["id"], c["name"], dict(c.get("arguments") or {}))
            for c in asking.tool_calls
            if c["id"] not in done
        ]
        if not calls:
            return None
        steps = {s.node_id: s for s in await engine_repo.steps_of_run(session, org_id, run_id)}
        approvals = await _approvals_by_step(session, org_id, run_id)
        questions = await _questions_by_step(session, org_id, run_id)
    pending = Pending()
    for call in calls:
        step = steps.get(tool_node(call.id))
        if step is None or step.status != "waiting":
            pending.run.append(PendingRun(call, call.arguments, step))
            continue
        approval = approvals.get(step.id)
        question = questions.get(step.id)
        if approval is not None and approval.status == "approved":
            edited = approval.arguments if isinstance(approval.arguments, dict) else None
            pending.run.append(PendingRun(call, edited or call.arguments, step))
        elif approval is not None:
            reason = approval.comment or approval.status
            result = {
                "error": "denied",
                "message": f"A person did not allow this call ({approval.status}): {reason}",
                "reason": approval.comment,
            }
            pending.answered.append((call, step, result))
        elif question is not None:
            pending.answered.append((call, step, {"answer": question.answer}))
    return pending


def _tool_call_read(step: Step) -> ToolCallRead:
    given = step.input or {}
    out = step.output or {}
    return ToolCallRead(
        id=str(given.get("tool_call_id") or step.node_id),
        tool=str(given.get("tool") or ""),
        arguments=dict(given.get("arguments") or {}),
        result=out.get("result"),
        error=out.get("error"),
        duration_ms=out.get("duration_ms"),
    )


async def _approvals_by_step(
    session: AsyncSession, org_id: str, run_id: str
) -> dict[str, Approval]:
    stmt = sa.select(Approval).where(Approval.org_id == org_id, Approval.run_id == run_id)
    return {row.step_id: row for row in (await session.execute(stmt)).scalars() if row.step_id}


async def _questions_by_step(
    session: AsyncSession, org_id: str, run_id: str
) -> dict[str, Question]:
    stmt = sa.select(Question).where(Question.org_id == org_id, Question.run_id == run_id)
    return {row.step_id: row for row in (await session.execute(stmt)).scalars() if row.step_id}
