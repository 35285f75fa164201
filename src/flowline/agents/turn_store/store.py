"""The turn store's face: what the turn's driver calls (see the package's docstring)."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.agents.schemas import ChatResult, HistoryItem, ToolCallRead
from flowline.agents.service import get_agent
from flowline.agents.turn_log import WAITING, EventLog, TurnStopped
from flowline.agents.turn_store.answers import flow_answer, history_item, metadata_of
from flowline.agents.turn_store.asks import (
    Asked,
    Asking,
    Waiting,
    approval_row,
    ask_events,
    json_text,
    question_row,
    store_asks,
)
from flowline.agents.turn_store.end import (
    Followers,
    TurnEnd,
    TurnFailure,
    end_turn,
    fail_turn,
)
from flowline.agents.turn_store.model_call import TurnCall
from flowline.agents.turn_store.pending import (
    Pending,
    Totals,
    pending_calls,
    tool_node,
    totals_so_far,
)
from flowline.agents.turn_store.rounds import Round, cached_values
from flowline.agents.turn_store.sql import Notices, TaskGone, ThreadGone
from flowline.cached_results import service as cached_results
from flowline.conversations.compaction import model_messages
from flowline.db.models import ConversationMessage
from flowline.db.types import utcnow
from flowline.engine.queue import LeaseLost
from flowline.engine.transitions import RunMoved, RunMoves, StepRef
from flowline.ids import new_id
from flowline.llm.provider import ChatResponse, ToolCall
from flowline.llm.service import OrgModels, org_models
from flowline.tools.kinds.base import ToolOutcome
from flowline.tools.toolset import Toolset, load_toolset
from flowline.usage.spending import ensure_can_spend

if TYPE_CHECKING:
    from flowline.agents.chat import Turn
    from flowline.runtime import Runtime

log = structlog.get_logger("flowline.agents")


Extra = Callable[[AsyncSession], Awaitable[None]]
"""Rows a round adds through the ORM, in its transaction (approvals, questions)."""


class TurnStore:
    def __init__(self, runtime: Runtime, turn: Turn, log: EventLog) -> None:
        self.runtime = runtime
        self.turn = turn
        self.log = log
        self.totals = Totals()
        self.tools: Toolset | None = None
        self.steps: dict[str, StepRef] = {}
        """This driver's open tool steps, by call id."""
        self.tool_texts: dict[str, str] = {}
        """What the model is shown of each recorded tool result, by call id."""

    @property
    def org_id(self) -> str:
        return self.turn.principal.org_id

    @property
    def moves(self) -> RunMoves:
        return self.log.moves

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

    # ------------------------------------------------------------ the rounds

    def _round(self) -> Round:
        return Round(self.moves, self.turn.conversation_id, Notices(self.runtime.bus), utcnow())

    async def _commit(self, round_: Round, extra: Extra | None = None) -> None:
        """Write the round (and ``extra``) in one transaction; then publish its notices."""
        try:
            if extra is None:
                await self.runtime.db.transact(round_.write)
            else:
                async with self.runtime.db.session(write=True) as session:
                    await session.run_sync(lambda sync: round_.write(sync.connection()))
                    await extra(session)
        except (RunMoved, ThreadGone):
            raise TurnStopped(f"Run {self.turn.id} is no longer running.") from None
        except TaskGone:
            task_id = self.turn.lease.task_id
            raise LeaseLost(f"Task {task_id} is no longer leased to this driver.") from None
        await round_.notices.publish()

    def _count(
        self, answer: ChatResponse, cost: float, duration_ms: int, started_at: datetime
    ) -> TurnCall:
        """Count the model call; the call, numbered among the turn's."""
        totals = self.totals
        totals.model_calls += 1
        totals.input_tokens += answer.usage.input_tokens
        totals.output_tokens += answer.usage.output_tokens
        totals.cost += cost
        return TurnCall(self.turn, totals.model_calls, answer, cost, duration_ms, started_at)

    def _model_step(self, call: TurnCall, now: datetime) -> None:
        """The model call's step, started and succeeded."""
        step = self.moves.start_step(call.step(now))
        self.moves.move_step(step, "succeeded")

    def _open_tool_step(self, call: ToolCall, args: Any) -> StepRef:
        row = {
            "id": new_id("stp"),
            "node_id": tool_node(call.id),
            "node_type": "tool",
            "input": {"tool": call.name, "tool_call_id": call.id, "arguments": args},
        }
        step = self.moves.start_step(row)
        self.steps[call.id] = step
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
        call = self._count(answer, cost, duration_ms, started_at)
        round_ = self._round()
        self._model_step(call, round_.now)
        round_.calls.append(call.record)
        round_.messages.append(call.message())
        for tool_call in run_now:
            self._open_tool_step(tool_call, tool_call.arguments)
        await self._commit(round_)

    def _tool_result(
        self,
        round_: Round,
        call: ToolCall,
        step: StepRef,
        result: tuple[Any, Any, str | None, int | None],
        outcome: str | None = None,
        **values: Any,
    ) -> None:
        """A call's result: its step succeeded, its message, counted among the turn's.

        A waiting step whose call ran (approved) was resumed first; one a person answered
        instead (a question, a denial) goes from waiting to succeeded, as a flow's
        ``approval`` step does."""
        args, value, error, duration_ms = result
        if step.status == "waiting" and outcome is None:
            self.moves.move_step(step, "running")
        output = {"result": value, "error": error, "duration_ms": duration_ms}
        self.moves.move_step(step, "succeeded", output=output, outcome=outcome, **values)
        self.totals.tool_calls.append(
            ToolCallRead(
                id=call.id,
                tool=call.name,
                arguments=args,
                result=value,
                error=error,
                duration_ms=duration_ms,
            )
        )
        content, shown = self._shown(round_, call, value)
        round_.messages.append(
            {
                "turn_id": self.turn.id,
                "role": "tool",
                "content": content,
                "tool_call_id": call.id,
                "name": call.name,
                "tool_result": shown,
                "duration_ms": duration_ms,
            }
        )

    def _shown(self, round_: Round, call: ToolCall, result: Any) -> tuple[str, Any]:
        """The text the model is given of ``result`` and the result kept in the message: a
        long one is cached whole (``cached_results``) and both become a preview."""
        text = json_text(result)
        if len(text) > cached_results.CACHE_OVER_CHARS:
            row = cached_results.cached_row(
                self.org_id, self.turn.conversation_id, call.name, result, call.id
            )
            round_.cached.append(cached_values(row))
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
        asked: list[Asked],
    ) -> Waiting | None:
        """The results of the calls run now; the others wait for people (the run too)."""
        for call, (outcome, _) in zip(calls, outcomes, strict=True):
            self.log.emit(
                "tool_call.completed", {"id": call.id, "tool": call.name, "result": outcome.result}
            )
        round_ = self._round()
        for call, (out, duration_ms) in zip(calls, outcomes, strict=True):
            step = self.steps.pop(call.id)
            result = (call.arguments, out.result, out.error, duration_ms)
            self._tool_result(round_, call, step, result)
        asking = self._ask_rows(approval, asked)
        if not asking.rows:
            await self._commit(round_)
            return None
        self.moves.move_run("waiting")
        round_.finished = self.turn.lease
        extra = functools.partial(store_asks, self.runtime, self.turn, asking.rows)
        await self._commit(round_, extra)
        self.steps.clear()
        self.log.show_held()
        self.log.show(WAITING, {})
        return Waiting(self.turn.id, self.turn.conversation_id, asking.approvals, asking.questions)

    def _ask_rows(self, approval: list[ToolCall], asked: list[Asked]) -> Asking:
        """What people are asked (their events, shown once stored), the waiting steps of
        the calls they answer, and the approvals' and questions' rows."""
        asking = ask_events(self.log, approval, asked)
        for call, asked_for in zip(approval, asking.approvals, strict=True):
            step = self._waiting_step(call)
            asking.rows.append(approval_row(self.turn, self.tools, asked_for, call, step))
        for ask, asked_for in zip(asked, asking.questions, strict=True):
            step = self._waiting_step(ask.call)
            asking.rows.append(question_row(self.turn, asked_for, ask, step))
        return asking

    def _waiting_step(self, call: ToolCall) -> StepRef:
        step = self._open_tool_step(call, call.arguments)
        self.moves.move_step(step, "waiting")
        return step

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
        round_ = self._round()
        for item, (outcome, duration_ms) in zip(pending.run, outcomes, strict=True):
            stored = item.step
            values: dict[str, Any] = {}
            if stored is None or stored.status not in ("running", "waiting"):
                step = self._open_tool_step(item.call, item.arguments)
            else:
                step = StepRef(stored.id, stored.node_id, stored.status, stored.attempt)
                values["input"] = {**(stored.input or {}), "arguments": item.arguments}
            result = (item.arguments, outcome.result, outcome.error, duration_ms)
            self._tool_result(round_, item.call, step, result, **values)
        for call, stored, answer in pending.answered:
            step = StepRef(stored.id, stored.node_id, stored.status, stored.attempt)
            outcome_name = "answered" if "answer" in answer else "denied"
            result = (call.arguments, answer, None, None)
            self._tool_result(round_, call, step, result, outcome_name)
        await self._commit(round_)

    # ------------------------------------------------------------ the end

    def _followers(self) -> Followers:
        turn = self.turn
        return Followers(turn.callback_url, turn.on_end, turn.parent)

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
        (``end.end_turn``)."""
        turn = self.turn
        known = turn.known if self.totals.model_calls == 0 else None
        now = utcnow()
        call = self._count(answer, cost, duration_ms, started_at)
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
        self._model_step(call, now)
        self.moves.move_run("succeeded")
        end = TurnEnd(
            moves=self.moves,
            conversation_id=turn.conversation_id,
            task_id=turn.lease.task_id,
            lease_token=turn.lease.token,
            call=call.record,
            messages=self._last_messages(call, text, unrun),
            known=known,
            followers=self._followers(),
            notices=Notices(self.runtime.bus),
            now=now,
            answer=flow_answer(turn, metadata, text) if turn.parent is not None else None,
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
            raise TurnStopped(f"Run {self.turn.id} is no longer running.") from None
        except TaskGone:
            raise LeaseLost(f"Task {end.task_id} is no longer leased to this driver.") from None
        self.log.show_held()
        await end.notices.publish()

    async def fail(self, error: dict[str, Any]) -> None:
        """End the turn as failed, unless it has already ended (cancelled)."""
        moves = self.moves
        if moves.status != moves.stored_status:
            # A write that moved the run did not commit: go on from what is stored.
            moves = self.log.moves = RunMoves.known(
                self.org_id, self.turn.id, status=moves.stored_status, seq=moves.stored_seq
            )
        self.log.emit("error", error)
        if moves.status not in ("running", "waiting"):
            return
        moves.move_run("failed", {"error": error}, error=error)
        turn = self.turn
        failure = TurnFailure(
            moves=moves,
            conversation_id=turn.conversation_id,
            task_id=turn.lease.task_id,
            lease_token=turn.lease.token,
            error=error,
            followers=self._followers(),
            notices=Notices(self.runtime.bus),
            now=utcnow(),
        )
        try:
            await self.runtime.db.transact(functools.partial(fail_turn, failure=failure))
        except RunMoved:
            return  # someone else moved it on
        await failure.notices.publish()
