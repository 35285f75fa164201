"""What a turn asks of people (approvals, questions), and what a turn that waits for
them answers.

The rows are ORM objects added in the round's transaction after its steps are written
(``rounds.Round``), with the requests sent to the agent's ``approval_notify`` people.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import orjson
import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.channels.approval_notices import notify as notify_approvers
from flowline.db.models import Approval, Question
from flowline.engine.transitions import StepRef
from flowline.errors import FlowlineError
from flowline.ids import new_id
from flowline.llm.provider import ToolCall
from flowline.tools.toolset import Toolset

if TYPE_CHECKING:
    from flowline.agents.chat import Turn
    from flowline.agents.turn_log import EventLog
    from flowline.runtime import Runtime

log = structlog.get_logger("flowline.agents")


def json_text(value: Any) -> str:
    return orjson.dumps(value, default=str).decode()


@dataclass(frozen=True, slots=True)
class Asked:
    call: ToolCall
    question: str
    options: list[str] | None


@dataclass(slots=True)
class Waiting:
    """A turn that stopped to wait for people: what it asked."""

    run_id: str
    thread_id: str
    approvals: list[dict[str, Any]]
    questions: list[dict[str, Any]]


@dataclass(slots=True)
class Asking:
    """What one round asks: as its events tell it, and the rows to store."""

    approvals: list[dict[str, Any]]
    questions: list[dict[str, Any]]
    rows: list[Approval | Question] = field(default_factory=list)


def ask_events(log: EventLog, approval: list[ToolCall], asked: list[Asked]) -> Asking:
    """What people are asked, its events emitted (shown once stored)."""
    approvals: list[dict[str, Any]] = [
        {
            "approval_id": new_id("apr"),
            "tool": call.name,
            "arguments": call.arguments,
            "tool_call_id": call.id,
        }
        for call in approval
    ]
    questions: list[dict[str, Any]] = [
        {
            "question_id": new_id("qst"),
            "question": ask.question,
            "options": ask.options,
            "tool_call_id": ask.call.id,
        }
        for ask in asked
    ]
    for data in approvals:
        log.emit("approval.requested", data, held=True)
    for data in questions:
        log.emit("question.asked", data, held=True)
    return Asking(approvals, questions)


def approval_row(
    turn: Turn, tools: Toolset | None, asked: dict[str, Any], call: ToolCall, step: StepRef
) -> Approval:
    tool = tools.get(call.name) if tools is not None else None
    preview = tools.preview(call.name, call.arguments) if tools is not None else {}
    return Approval(
        id=asked["approval_id"],
        org_id=turn.principal.org_id,
        kind="tool",
        run_id=turn.id,
        step_id=step.id,
        node_id=step.node_id,
        tool_id=call.name,
        title=f"Allow the agent to call {call.name}?",
        description=(
            f"Conversation {turn.conversation_id}, tool call {call.id}: {json_text(preview)}"
        ),
        # A turn of a flow started by no one (a hook, a schedule): admins answer.
        assignees=[uid] if (uid := turn.principal.user_id) else [],
        payload=call.arguments,
        payload_schema=tool.parameters if tool is not None else None,
        status="pending",
    )


def question_row(turn: Turn, asked: dict[str, Any], ask: Asked, step: StepRef) -> Question:
    return Question(
        id=asked["question_id"],
        org_id=turn.principal.org_id,
        run_id=turn.id,
        step_id=step.id,
        agent_id=turn.agent_id,
        conversation_id=turn.conversation_id,
        tool_call_id=ask.call.id,
        question=ask.question,
        options=ask.options,
        status="pending",
    )


async def store_asks(
    runtime: Runtime, turn: Turn, rows: list[Approval | Question], session: AsyncSession
) -> None:
    """The approvals and questions (their steps are written already), and the requests
    sent to the agent's ``approval_notify`` people."""
    session.add_all(rows)
    targets = [(t.channel_id, t.to) for t in turn.config.approval_notify]
    if not targets:
        return
    for row in rows:
        if isinstance(row, Approval):
            await _notify(session, runtime, row, targets)


async def _notify(
    session: AsyncSession, runtime: Runtime, approval: Approval, targets: list[tuple[str, str]]
) -> None:
    """Ask the people on their channels too; a request that cannot go out (an opted-out
    address…) is logged, and the approval stays answerable through the API."""
    try:
        async with session.begin_nested():
            await notify_approvers(session, runtime, approval, targets)
    except FlowlineError as exc:
        log.warning("approval_notify_failed", approval_id=approval.id, error=exc.error_code)
