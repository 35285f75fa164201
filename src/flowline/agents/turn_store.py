"""What a chat turn writes: its messages, steps, usage, approvals, questions and end.

Each method is one short write transaction that locks the run first (the
engine's order), appends the turn's pending events (``EventLog.flush``) and
then its rows. A turn that finds its run cancelled stops there
(``TurnStopped``). Ending the turn removes its task under the lease, so a
driver whose lease was taken over can never also finish the turn.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import orjson
import sqlalchemy as sa
import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.agents.model_call import TurnCall
from flowline.agents.schemas import ChatResult, HistoryItem, ToolCallRead
from flowline.agents.service import get_agent
from flowline.agents.turn_answers import flow_answer, history_item, metadata_of
from flowline.agents.turn_log import WAITING, EventLog, TurnStopped
from flowline.agents.turn_pending import (
    Pending,
    Totals,
    pending_calls,
    tool_node,
    totals_so_far,
)
from flowline.agents.turn_sql import (
    CALLBACK_NODE,
    Notices,
    TaskGone,
    ThreadGone,
    TurnEnd,
    end_turn,
    queue_on_end,
)
from flowline.cached_results import service as cached_results
from flowline.channels.approval_notices import notify as notify_approvers
from flowline.conversations.compaction import model_messages
from flowline.conversations.repository import ConversationRepository, MessageRepository
from flowline.db.models import Approval, ConversationMessage, Question, Run, Step
from flowline.db.types import utcnow
from flowline.engine import queue
from flowline.engine.children import notify_parent
from flowline.engine.queue import LeaseLost
from flowline.engine.transitions import RunMoved, lock_run, move_run, move_step, start_step
from flowline.errors import FlowlineError
from flowline.events.log import notify_appended
from flowline.ids import new_id
from flowline.llm.provider import ChatResponse, ToolCall
from flowline.llm.service import OrgModels, org_models
from flowline.tools.kinds.base import ToolOutcome
from flowline.tools.toolset import Toolset, load_toolset
from flowline.usage.spending import ensure_can_spend, record_in

if TYPE_CHECKING:
    from flowline.agents.chat import Turn
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


class TurnStore:
    def __init__(self, runtime: Runtime, turn: Turn, log: EventLog) -> None:
        self.runtime = runtime
        self.turn = turn
        self.log = log
        self.totals = Totals()
        self.tools: Toolset | None = None
        self.steps: dict[str, str] = {}
        """The ids of this driver's open tool steps, by call id."""
        self.tool_texts: dict[str, str] = {}
        """What the model is shown of each recorded tool result, by call id."""

    @property
    def org_id(self) -> str:
        return self.turn.principal.org_id

    # ------------------------------------------------------------ reading

    async def context(self) -> tuple[OrgModels, Sequence[ConversationMessage]]:
        async with self.runtime.db.session() as session:
            models = await org_models(
                session, self.org_id, self.runtime.settings, self.runtime.secret_box
            )
            rows = await model_messages(session, self.org_id, self.turn.conversation_id)
        return models, rows

    async def toolset(self) -> Toolset:
        """The agent's tools as they are now (the approval policies with them)."""
        async with self.runtime.db.session() as session:
            agent = await get_agent(session, self.turn.principal, self.turn.agent_id)
            self.tools = await load_toolset(session, self.turn.principal, agent)
        return self.tools

    async def load_totals(self) -> None:
        """Counts of a turn taken over: its model calls, tokens, cost and tool calls so far."""
        self.totals = await totals_so_far(self.runtime.db, self.org_id, self.turn.id)

    async def pending_calls(self) -> Pending | None:
        """The last answer's calls without a result: to run, or answered by people."""
        turn = self.turn
        return await pending_calls(self.runtime.db, self.org_id, turn.id, turn.conversation_id)

    async def ensure_can_spend(self) -> None:
        """``402`` before a model call once the credits or a budget are spent."""
        turn = self.turn
        async with self.runtime.db.session() as session:
            user_id = turn.principal.user_id or None
            await ensure_can_spend(session, self.org_id, user_id, turn.agent_id)

    # ------------------------------------------------------------ writing

    @staticmethod
    async def append_messages(
        session: AsyncSession, org_id: str, conversation_id: str, rows: list[ConversationMessage]
    ) -> None:
        messages = MessageRepository(session, org_id)
        first = await ConversationRepository(session, org_id).reserve_seqs(
            conversation_id, len(rows)
        )
        now = utcnow()
        for offset, row in enumerate(rows):
            row.id = new_id("msg")
            row.conversation_id = conversation_id
            row.seq = first + offset
            row.created_at = now
            row.input_tokens = row.input_tokens or 0
            row.output_tokens = row.output_tokens or 0
            row.cost = row.cost or 0.0
            messages.add(row)

    async def _lock(self, session: AsyncSession) -> Run:
        run = await lock_run(session, self.org_id, self.turn.id)
        if run is None:
            raise TurnStopped(f"Run {self.turn.id} is gone.")
        self.log.flush(session, run)
        return run

    def _count(self, answer: ChatResponse, cost: float) -> None:
        self.totals.model_calls += 1
        self.totals.input_tokens += answer.usage.input_tokens
        self.totals.output_tokens += answer.usage.output_tokens
        self.totals.cost += cost

    def _answer_rows(
        self,
        session: AsyncSession,
        run: Run,
        answer: ChatResponse,
        cost: float,
        duration_ms: int,
        started_at: datetime,
    ) -> tuple[ConversationMessage, TurnCall]:
        """The model call's step and assistant message (counted already)."""
        call = TurnCall(self.turn, self.totals.model_calls, answer, cost, duration_ms, started_at)
        step = Step(
            id=new_id("stp"),
            org_id=self.org_id,
            run_id=self.turn.id,
            node_id=call.node_id,
            node_type="llm",
            input=call.step_input(),
            status="running",
        )
        start_step(session, run, step)
        step.started_at = started_at
        step.output = call.step_output()
        move_step(session, run, step, "succeeded")
        return ConversationMessage(**call.message()), call

    def _open_tool_step(self, session: AsyncSession, run: Run, call: ToolCall, args: Any) -> Step:
        step = Step(
            id=new_id("stp"),
            org_id=self.org_id,
            run_id=self.turn.id,
            node_id=tool_node(call.id),
            node_type="tool",
            input={"tool": call.name, "tool_call_id": call.id, "arguments": args},
            status="running",
        )
        start_step(session, run, step)
        self.steps[call.id] = step.id
        return step

    async def record_answer(
        self,
        answer: ChatResponse,
        cost: float,
        duration_ms: int,
        started_at: datetime,
        run_now: list[ToolCall],
    ) -> None:
        """A model call that asked for tools; the calls to run now open their steps."""
        async with self.runtime.db.session(write=True) as session:
            run = await self._lock(session)
            self._count(answer, cost)
            message, made = self._answer_rows(session, run, answer, cost, duration_ms, started_at)
            await record_in(session, made.record)
            await self.append_messages(session, self.org_id, self.turn.conversation_id, [message])
            for call in run_now:
                self._open_tool_step(session, run, call, call.arguments)
            self.log.synced(run)
            await notify_appended(self.runtime.bus, session, run)

    def _tool_result(
        self,
        session: AsyncSession,
        run: Run,
        call: ToolCall,
        step: Step,
        args: Any,
        result: Any,
        error: str | None,
        duration_ms: int | None,
        outcome: str | None = None,
    ) -> ConversationMessage:
        step.output = {"result": result, "error": error, "duration_ms": duration_ms}
        step.outcome = outcome
        if step.status == "waiting":
            move_step(session, run, step, "running")
        move_step(session, run, step, "succeeded")
        self.totals.tool_calls.append(
            ToolCallRead(
                id=call.id,
                tool=call.name,
                arguments=args,
                result=result,
                error=error,
                duration_ms=duration_ms,
            )
        )
        content, shown = self._shown(session, call, result)
        return ConversationMessage(
            turn_id=self.turn.id,
            role="tool",
            content=content,
            tool_call_id=call.id,
            name=call.name,
            tool_result=shown,
            duration_ms=duration_ms,
        )

    def _shown(self, session: AsyncSession, call: ToolCall, result: Any) -> tuple[str, Any]:
        """The text the model is given of ``result`` and the result kept in the message: a
        long one is cached whole (``cached_results``) and both become a preview."""
        text = json_text(result)
        if len(text) > cached_results.CACHE_OVER_CHARS:
            row = cached_results.cached_row(
                self.org_id, self.turn.conversation_id, call.name, result, call.id
            )
            session.add(row)
            result = cached_results.preview(row, text)
            text = json_text(result)
        self.tool_texts[call.id] = text
        return text, result

    async def record_tools(
        self,
        calls: list[ToolCall],
        outcomes: list[tuple[ToolOutcome, int]],
        *,
        approval: list[ToolCall],
        asked: list[Any],
    ) -> Waiting | None:
        """The results of the calls run now; the others wait for people (the run too)."""
        for call, (outcome, _) in zip(calls, outcomes, strict=True):
            self.log.emit(
                "tool_call.completed", {"id": call.id, "tool": call.name, "result": outcome.result}
            )
        approvals, questions = self._asks(approval, asked)
        waiting = bool(approvals or questions)
        async with self.runtime.db.session(write=True) as session:
            run = await self._lock(session)
            opened = await _load_steps(session, [self.steps.pop(c.id) for c in calls])
            rows = [
                self._tool_result(
                    session, run, call, step, call.arguments, out.result, out.error, duration_ms
                )
                for call, step, (out, duration_ms) in zip(calls, opened, outcomes, strict=True)
            ]
            if rows:
                await self.append_messages(session, self.org_id, self.turn.conversation_id, rows)
            await self._store_asks(session, run, approval, approvals, asked, questions)
            if waiting:
                move_run(session, run, "waiting")
                await queue.finish(session, self.turn.lease)
            self.log.synced(run)
            await notify_appended(self.runtime.bus, session, run)
        if not waiting:
            return None
        self.steps.clear()
        self.log.show_held()
        self.log.show(WAITING, {})
        return Waiting(self.turn.id, self.turn.conversation_id, approvals, questions)

    def _asks(
        self, approval: list[ToolCall], asked: list[Asked]
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """What people are asked (approvals, questions): their events, shown once stored."""
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
            self.log.emit("approval.requested", data, held=True)
        for data in questions:
            self.log.emit("question.asked", data, held=True)
        return approvals, questions

    async def _store_asks(
        self,
        session: AsyncSession,
        run: Run,
        approval: list[ToolCall],
        approvals: list[dict[str, Any]],
        asked: list[Asked],
        questions: list[dict[str, Any]],
    ) -> None:
        """The waiting steps of the calls people answer, and their approvals and questions."""
        gated = [self._waiting_step(session, run, call) for call in approval]
        held = [self._waiting_step(session, run, ask.call) for ask in asked]
        await session.flush()  # the steps before the rows that point at them
        for call, step, asked_for in zip(approval, gated, approvals, strict=True):
            row = self._approval(asked_for["approval_id"], call, step)
            session.add(row)
            await self._notify(session, row)
        for ask, step, asked_for in zip(asked, held, questions, strict=True):
            session.add(
                Question(
                    id=asked_for["question_id"],
                    org_id=self.org_id,
                    run_id=run.id,
                    step_id=step.id,
                    agent_id=self.turn.agent_id,
                    conversation_id=self.turn.conversation_id,
                    tool_call_id=ask.call.id,
                    question=ask.question,
                    options=ask.options,
                    status="pending",
                )
            )

    def _waiting_step(self, session: AsyncSession, run: Run, call: ToolCall) -> Step:
        step = self._open_tool_step(session, run, call, call.arguments)
        move_step(session, run, step, "waiting")
        return step

    async def _notify(self, session: AsyncSession, approval: Approval) -> None:
        """Ask the agent's ``approval_notify`` people on their channels too; a request that
        cannot go out (an opted-out address…) is logged, and the approval stays answerable
        through the API."""
        targets = [(t.channel_id, t.to) for t in self.turn.config.approval_notify]
        if not targets:
            return
        try:
            async with session.begin_nested():
                await notify_approvers(session, self.runtime, approval, targets)
        except FlowlineError as exc:
            log.warning("approval_notify_failed", approval_id=approval.id, error=exc.error_code)

    def _approval(self, approval_id: str, call: ToolCall, step: Step) -> Approval:
        tool = self.tools.get(call.name) if self.tools is not None else None
        preview = self.tools.preview(call.name, call.arguments) if self.tools is not None else {}
        return Approval(
            id=approval_id,
            org_id=self.org_id,
            kind="tool",
            run_id=self.turn.id,
            step_id=step.id,
            node_id=step.node_id,
            tool_id=call.name,
            title=f"Allow the agent to call {call.name}?",
            description=(
                f"Conversation {self.turn.conversation_id}, tool call {call.id}: "
                f"{json_text(preview)}"
            ),
            # A turn of a flow started by no one (a hook, a schedule): admins answer.
            assignees=[uid] if (uid := self.turn.principal.user_id) else [],
            payload=call.arguments,
            payload_schema=tool.parameters if tool is not None else None,
            status="pending",
        )

    async def record_settled(
        self, pending: Pending, outcomes: list[tuple[ToolOutcome, int]]
    ) -> None:
        """A resumed turn's calls, run or answered by people: their results."""
        for item, (outcome, _) in zip(pending.run, outcomes, strict=True):
            self.log.emit(
                "tool_call.completed",
                {"id": item.call.id, "tool": item.call.name, "result": outcome.result},
            )
        for call, _, result in pending.answered:
            self.log.emit(
                "tool_call.completed", {"id": call.id, "tool": call.name, "result": result}
            )
        async with self.runtime.db.session(write=True) as session:
            run = await self._lock(session)
            known = [p.step.id for p in pending.run if p.step is not None]
            known += [step.id for _, step, _ in pending.answered]
            attached = dict(zip(known, await _load_steps(session, known), strict=True))
            rows = []
            for item, (outcome, duration_ms) in zip(pending.run, outcomes, strict=True):
                step = attached.get(item.step.id) if item.step is not None else None
                if step is None or step.status not in ("running", "waiting"):
                    step = self._open_tool_step(session, run, item.call, item.arguments)
                else:
                    step.input = {**(step.input or {}), "arguments": item.arguments}
                rows.append(
                    self._tool_result(
                        session,
                        run,
                        item.call,
                        step,
                        item.arguments,
                        outcome.result,
                        outcome.error,
                        duration_ms,
                    )
                )
            for call, stored, result in pending.answered:
                step = attached[stored.id]
                outcome_name = "answered" if "answer" in result else "denied"
                rows.append(
                    self._tool_result(
                        session, run, call, step, call.arguments, result, None, None, outcome_name
                    )
                )
            if rows:
                await self.append_messages(session, self.org_id, self.turn.conversation_id, rows)
            self.log.synced(run)
            await notify_appended(self.runtime.bus, session, run)

    async def finish(
        self,
        answer: ChatResponse,
        cost: float,
        duration_ms: int,
        started_at: datetime,
        text: str,
        finish_reason: str,
        *,
        ttft_ms: int | None,
        unrun: Sequence[ToolCall] = (),
    ) -> ChatResult:
        """The last model call, the answer and the run's end, in one transaction
        (``turn_sql.end_turn``)."""
        turn = self.turn
        known = turn.known if self.totals.model_calls == 0 else None
        now = utcnow()
        self._count(answer, cost)
        metadata = metadata_of(turn, self.totals, finish_reason, now)
        reply = HistoryItem(role="assistant", content=text)
        # Shown once stored: a client told the turn is complete finds its run succeeded
        # and its thread free for the next message.
        self.log.emit("message.completed", {"message": reply.model_dump(mode="json")}, held=True)
        self.log.emit(
            "run.completed",
            {"metadata": {**metadata.model_dump(mode="json"), "ttft_ms": ttft_ms}},
            held=True,
        )
        call = TurnCall(self.turn, self.totals.model_calls, answer, cost, duration_ms, started_at)
        end = TurnEnd(
            org_id=self.org_id,
            run_id=turn.id,
            conversation_id=turn.conversation_id,
            task_id=turn.lease.task_id,
            lease_token=turn.lease.token,
            stored_seq=self.log.stored,
            events=self.log.pending,
            step=call.step(now),
            call=call.record,
            messages=self._last_messages(call, text, unrun),
            known=known,
            callback_url=turn.callback_url,
            notices=Notices(self.runtime.bus),
            now=now,
            parent=turn.parent,
            answer=flow_answer(turn, metadata, text) if turn.parent is not None else None,
            on_end=turn.on_end,
        )
        result: ChatResult | None = None

        def output_of(history: list[ConversationMessage]) -> Any:
            nonlocal result
            result = ChatResult(
                agent_id=turn.agent_id,
                thread_id=turn.conversation_id,
                message=reply,
                conversation_history=[history_item(row) for row in history],
                metadata=metadata,
            )
            return result.model_dump(mode="json")

        await self._commit_end(end, output_of)
        assert result is not None
        return result

    def _last_messages(
        self, call: TurnCall, text: str, unrun: Sequence[ToolCall]
    ) -> list[dict[str, Any]]:
        """The last answer's message; when the turn stopped at ``max_steps``, a result
        for each call it did not run and the answer that says so."""
        turn_id = self.turn.id
        messages = [call.message()]
        if not unrun:
            return messages
        result = {"error": "not run: the turn reached its max_steps"}
        messages += [
            {
                "turn_id": turn_id,
                "role": "tool",
                "content": json_text(result),
                "tool_call_id": tool_call.id,
                "name": tool_call.name,
                "tool_result": result,
            }
            for tool_call in unrun
        ]
        messages.append({"turn_id": turn_id, "role": "assistant", "content": text})
        return messages

    async def _commit_end(
        self, end: TurnEnd, output_of: Callable[[list[ConversationMessage]], Any]
    ) -> None:
        """The turn's last transaction; then what it held back is shown."""
        try:
            await self.runtime.db.transact(
                functools.partial(end_turn, end=end, output_of=output_of)
            )
        except (RunMoved, ThreadGone):
            raise TurnStopped(f"Run {end.run_id} is no longer running.") from None
        except TaskGone:
            raise LeaseLost(f"Task {end.task_id} is no longer leased to this driver.") from None
        self.log.pending = []
        self.log.show_held()
        await end.notices.publish()

    async def _end(self, session: AsyncSession, run: Run, now: datetime) -> None:
        await ConversationRepository(session, self.org_id).release_lock(
            self.turn.conversation_id, self.turn.id, now
        )
        if self.turn.callback_url:
            queue.enqueue(
                session,
                org_id=self.org_id,
                run_id=run.id,
                node_id=CALLBACK_NODE,
                kind="callback",
                payload={"url": self.turn.callback_url},
            )
            await queue.announce(self.runtime.bus, session)
        if self.turn.on_end is not None:
            await queue_on_end(session, self.runtime.bus, run)
        self.log.synced(run)
        await notify_appended(self.runtime.bus, session, run)

    async def fail(self, error: dict[str, Any]) -> None:
        """End the turn as failed, unless it has already ended (cancelled)."""
        self.log.emit("error", error)
        async with self.runtime.db.session(write=True) as session:
            run = await lock_run(session, self.org_id, self.turn.id)
            if run is None or run.status not in ("running", "waiting"):
                return
            if run.event_seq != self.log.stored:
                return  # someone else moved it on
            self.log.flush(session, run)
            run.error = error
            move_run(session, run, "failed", {"error": error})
            await self._end(session, run, utcnow())
            with contextlib.suppress(LeaseLost):
                await queue.finish(session, self.turn.lease)
            await notify_parent(session, self.runtime, run)


async def _load_steps(session: AsyncSession, ids: list[str]) -> list[Step]:
    """The steps, attached to this session and fresh, in the order of ``ids``."""
    if not ids:
        return []
    stmt = sa.select(Step).where(Step.id.in_(ids)).execution_options(populate_existing=True)
    found = {step.id: step for step in (await session.execute(stmt)).scalars()}
    return [found[i] for i in ids]
