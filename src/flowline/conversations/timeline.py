"""What happened in a conversation, in order: its messages, tool calls, approvals and
questions (the timeline), and its chat turns (runs).

The timeline is read from what the turns recorded: messages by number; after an
assistant message, each tool call it asked for (its result merged in from the
tool message and its step), then the approval or question that gated it. Tool
messages are not items of their own: their call shows the result.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.agents.turn_store.pending import tool_node
from flowline.auth.principal import Principal
from flowline.conversations.repository import ConversationRunRepository, MessageRepository
from flowline.conversations.schemas import (
    ConversationRunRead,
    TimelineApproval,
    TimelineItem,
    TimelineMessage,
    TimelineQuestion,
    TimelineToolCall,
    message_read,
)
from flowline.conversations.service import get_conversation
from flowline.db.models import Approval, ConversationMessage, Question, Run, Step
from flowline.db.repository import Page, PageRequest
from flowline.runs.schemas import RunSummary

Key = tuple[str, str]
"""``(run id, call or node id)``: a model names its calls per answer, so the same
call id comes back in other turns."""


@dataclass(slots=True)
class Activity:
    """Everything a conversation's turns recorded, indexed by tool call."""

    messages: Sequence[ConversationMessage]
    steps: dict[Key, Step] = field(default_factory=dict)
    """Tool steps by run and node id (``tool:<call id>``)."""
    approvals: dict[Key, Approval] = field(default_factory=dict)
    """By run and the node id of the step they gate."""
    questions: dict[Key, Question] = field(default_factory=dict)
    """By run and tool call id."""
    results: dict[Key, ConversationMessage] = field(default_factory=dict)
    """Tool messages by run and the call they answer."""
    deliveries: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Channel messages' delivery statuses, by channel message id."""
    unlinked: list[Approval | Question] = field(default_factory=list)


async def load_activity(
    session: AsyncSession, principal: Principal, conversation_id: str
) -> Activity:
    await get_conversation(session, principal, conversation_id)
    org_id = principal.org_id
    runs = ConversationRunRepository(session, org_id)
    run_ids = await runs.ids_of(conversation_id)
    messages = MessageRepository(session, org_id)
    activity = Activity(await messages.all_of(conversation_id))
    activity.deliveries = await messages.deliveries(activity.messages)
    steps = await runs.tool_steps(run_ids)
    activity.steps = {(step.run_id, step.node_id): step for step in steps}
    by_step = {step.id: step.node_id for step in steps}
    for approval in await runs.tool_approvals(run_ids):
        node = by_step.get(approval.step_id or "") or approval.node_id
        if node is None or approval.run_id is None:
            activity.unlinked.append(approval)
        else:
            activity.approvals[(approval.run_id, node)] = approval
    for question in await runs.questions(run_ids):
        if question.tool_call_id is None:
            activity.unlinked.append(question)
        else:
            activity.questions[(question.run_id, question.tool_call_id)] = question
    activity.results = {
        (row.turn_id or "", row.tool_call_id): row
        for row in activity.messages
        if row.role == "tool" and row.tool_call_id is not None
    }
    return activity


def _status(step: Step | None, result: ConversationMessage | None) -> str:
    if step is not None:
        return step.status
    return "succeeded" if result is not None else "pending"


def _tool_call(activity: Activity, asking: ConversationMessage, call: dict[str, Any]) -> Any:
    call_id = str(call.get("id", ""))
    run_id = asking.turn_id or ""
    step = activity.steps.get((run_id, tool_node(call_id)))
    result = activity.results.get((run_id, call_id))
    output = step.output if step is not None and isinstance(step.output, dict) else {}
    error = output.get("error")
    return TimelineToolCall(
        seq=asking.seq,
        at=step.started_at if step is not None else asking.created_at,
        run_id=asking.turn_id,
        id=call_id,
        tool=str(call.get("name", "")),
        arguments=call.get("arguments"),
        status=_status(step, result),
        outcome=step.outcome if step is not None else None,
        result=result.tool_result if result is not None else output.get("result"),
        error=error if isinstance(error, str) else None,
        duration_ms=result.duration_ms if result is not None else output.get("duration_ms"),
        result_seq=result.seq if result is not None else None,
        step_id=step.id if step is not None else None,
    )


def _approval(row: Approval, seq: int, call_id: str | None) -> TimelineApproval:
    return TimelineApproval(
        seq=seq,
        at=row.created_at,
        run_id=row.run_id,
        approval_id=row.id,
        tool_call_id=call_id,
        tool=row.tool_id,
        arguments=row.payload,
        status=row.status,
        edited_arguments=row.arguments,
        comment=row.comment,
        decided_by_id=row.decided_by_id,
        decided_at=row.decided_at,
    )


def _question(row: Question, seq: int) -> TimelineQuestion:
    return TimelineQuestion(
        seq=seq,
        at=row.created_at,
        run_id=row.run_id,
        question_id=row.id,
        tool_call_id=row.tool_call_id,
        question=row.question,
        options=row.options,
        status=row.status,
        answer=row.answer,
        answered_at=row.answered_at,
    )


def _seq_at(messages: Sequence[ConversationMessage], item: Approval | Question) -> int:
    """The last message written before ``item`` (for one no tool call points to)."""
    before = [row.seq for row in messages if row.created_at <= item.created_at]
    return before[-1] if before else 0


def timeline_items(activity: Activity) -> list[TimelineItem]:
    items: list[TimelineItem] = []
    asked = {
        (row.turn_id or "", str(call.get("id", "")))
        for row in activity.messages
        if row.role == "assistant"
        for call in row.tool_calls or ()
    }
    for row in activity.messages:
        if row.role == "tool" and (row.turn_id or "", row.tool_call_id) in asked:
            continue  # shown with its call
        items.append(
            TimelineMessage(
                seq=row.seq,
                at=row.created_at,
                run_id=row.turn_id,
                message=message_read(row, activity.deliveries),
            )
        )
        if row.role != "assistant":
            continue
        for call in row.tool_calls or ():
            items.append(_tool_call(activity, row, call))
            run_id, call_id = row.turn_id or "", str(call.get("id", ""))
            if (approval := activity.approvals.get((run_id, tool_node(call_id)))) is not None:
                items.append(_approval(approval, row.seq, call_id))
            if (question := activity.questions.get((run_id, call_id))) is not None:
                items.append(_question(question, row.seq))
    for loose in activity.unlinked:
        seq = _seq_at(activity.messages, loose)
        extra: TimelineItem = (
            _approval(loose, seq, None) if isinstance(loose, Approval) else _question(loose, seq)
        )
        at = next(
            (i for i, item in enumerate(items) if item.seq > seq), len(items)
        )  # after everything at its message
        items.insert(at, extra)
    return items


async def timeline(
    session: AsyncSession, principal: Principal, conversation_id: str, page: PageRequest
) -> Page[TimelineItem]:
    """Oldest first, paginated over the items."""
    items = timeline_items(await load_activity(session, principal, conversation_id))
    shown = items[page.offset : page.offset + page.size]
    return Page(items=shown, total=len(items), page=page.page, size=page.size)


async def list_runs(
    session: AsyncSession, principal: Principal, conversation_id: str, page: PageRequest
) -> Page[ConversationRunRead]:
    """The conversation's chat turns, newest first, with what their model calls cost."""
    await get_conversation(session, principal, conversation_id)
    repo = ConversationRunRepository(session, principal.org_id)
    found: Page[Run] = await repo.paginate(repo.of(conversation_id), page)
    usage = await repo.usage_by_run([run.id for run in found.items])
    reads = []
    for run in found.items:
        calls, tokens_in, tokens_out, cost = usage.get(run.id, (0, 0, 0, 0.0))
        reads.append(
            ConversationRunRead(
                **RunSummary.model_validate(run).model_dump(),
                model_calls=calls,
                input_tokens=tokens_in,
                output_tokens=tokens_out,
                cost=cost,
                error=run.error,
            )
        )
    return Page(items=reads, total=found.total, page=found.page, size=found.size)
