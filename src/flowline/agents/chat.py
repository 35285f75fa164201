"""One chat turn: an agent run that loops model → tools → model, recorded as steps.

A turn is a row of ``runs`` (``kind = 'agent'``). :func:`begin_turn` creates
it, with the conversation's lock (``busy_turn_id``), the user's messages and
the turn's one ``turn`` task, already leased to this process: the request's
own process drives the turn (no queue hop before the first token), and if it
dies the lease runs out and a worker takes the turn over (``resume.py``).

Every model call is a step (``llm:<n>``) and an assistant message with its
tokens, cost and duration, plus a usage row; every tool call is a step
(``tool:<call id>``) and a tool message. A call that needs a person (an
approval, or ``ask_user``) ends the driver's work: the run waits, holding
nothing, until the answer queues the ``turn`` task again, in any process.
The turn never holds a write transaction across a model or tool call.
"""

from __future__ import annotations

import asyncio
import functools
import time
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from flowline.agents.schemas import AgentConfig, ChatResult, MessageIn
from flowline.agents.turn_log import TERMINAL, EventLog, TurnStopped
from flowline.agents.turn_store.asks import Asked, Waiting
from flowline.agents.turn_store.end import ParentStep
from flowline.agents.turn_store.pending import PendingRun
from flowline.agents.turn_store.sql import ThreadBusy, ThreadGone
from flowline.agents.turn_store.start import Opening, Recorder, open_turn
from flowline.agents.turn_store.store import TurnStore
from flowline.api.idempotency import Claim
from flowline.auth.principal import Principal
from flowline.context.assembly import system_prompt
from flowline.conversations.compaction import (
    OVERFLOW_SHARE,
    compact_if_needed,
    estimate_tokens,
)
from flowline.conversations.model_order import for_model
from flowline.conversations.service import busy
from flowline.conversations.service import not_found as conversation_not_found
from flowline.db.models import ConversationMessage, Run
from flowline.db.types import utcnow
from flowline.engine.queue import Lease, LeaseLost
from flowline.engine.signals import TURN_NODE
from flowline.errors import FlowlineError
from flowline.ids import new_id
from flowline.llm.pricing import ModelInfo
from flowline.llm.provider import (
    ChatRequest,
    ChatResponse,
    LLMProvider,
    Message,
    StreamEvent,
    TextDelta,
    Tool,
    ToolCall,
    collect,
)
from flowline.llm.service import OrgModels
from flowline.runtime import Runtime
from flowline.tools.kinds.base import ToolContext, ToolOutcome
from flowline.tools.toolset import Toolset

__all__ = [
    "TERMINAL",
    "Opening",
    "Turn",
    "TurnRunner",
    "Waiting",
    "begin_turn",
    "open_turn",
    "turn_of",
]
"""``Opening`` and ``open_turn`` are the turn store's (``turn_store/start.py``): the one
way a turn begins, for chats, flows' ``agent`` steps, channels and batches."""


@dataclass(slots=True)
class Turn:
    id: str
    """The run's id."""
    principal: Principal
    agent_id: str
    conversation_id: str
    config: AgentConfig
    model: str
    started_at: datetime
    lease: Lease
    mode: str = "sync"
    callback_url: str | None = None
    event_seq: int = 1
    started: float = field(default_factory=time.monotonic)
    prepared: tuple[OrgModels, Sequence[ConversationMessage]] | None = None
    """What :func:`begin_turn` read already: the organisation's models and the thread."""
    toolset: Toolset | None = None
    """The agent's tools as :func:`begin_turn` found them."""
    known: list[ConversationMessage] | None = None
    """The conversation's every message, when :func:`begin_turn` made it (a new thread)."""
    parent: ParentStep | None = None
    """The flow step the turn runs for, which its end answers."""
    on_end: str | None = None
    """A task kind queued (for this run) when the turn ends, however it ends."""


def turn_of(run: Run, lease: Lease, principal: Principal) -> Turn:
    """The turn a stored run describes (for the worker that takes it over)."""
    spec = run.input or {}
    assert run.agent_id is not None
    assert run.conversation_id is not None
    return Turn(
        id=run.id,
        principal=principal,
        agent_id=run.agent_id,
        conversation_id=run.conversation_id,
        config=AgentConfig.model_validate(spec.get("config") or {}),
        model=str(spec.get("model")),
        started_at=run.started_at or run.created_at,
        lease=lease,
        mode=str(spec.get("mode") or "sync"),
        callback_url=spec.get("callback_url"),
        event_seq=run.event_seq,
        parent=(
            ParentStep(run.parent_run_id, run.parent_node_id, str(spec["parent_step_id"]))
            if run.parent_run_id and run.parent_node_id and spec.get("parent_step_id")
            else None
        ),
        on_end=spec.get("on_end"),
    )


async def begin_turn(
    runtime: Runtime,
    principal: Principal,
    agent_id: str,
    thread_id: str | None,
    incoming: list[MessageIn],
    *,
    mode: str = "sync",
    callback_url: str | None = None,
    claim: Claim | None = None,
    instructions: str | None = None,
    record: Recorder | None = None,
) -> Turn:
    """Begin a chat's turn (:func:`open_turn`) in a transaction of its own, leased to this
    process, which drives it.

    With ``claim`` (an ``Idempotency-Key``) the turn takes it, or :class:`Repeat` is raised
    when an earlier turn took it and answers instead (``repeat.py``). ``instructions`` are
    added to the agent's for this turn; ``record(conn, start)`` writes what the caller keeps
    of the turn (a Responses API record) in the turn's first transaction."""
    org_id = principal.org_id
    opening = Opening(
        principal,
        agent_id,
        thread_id,
        incoming,
        thread_id or new_id("cnv"),
        mode=mode,
        callback_url=callback_url,
        claim=claim,
        instructions=instructions,
        record=record,
    )
    run_id, conversation_id = opening.run_id, opening.conversation_id
    try:
        begun = await runtime.db.transact(
            functools.partial(open_turn, runtime=runtime, opening=opening)
        )
    except ThreadBusy:
        raise busy(conversation_id) from None
    except ThreadGone:
        raise conversation_not_found(conversation_id) from None
    start, started = begun.start, begun.started
    lease = Lease(
        task_id=started.task_id,
        token=1,
        org_id=org_id,
        run_id=run_id,
        node_id=TURN_NODE,
        kind="turn",
        payload={},
        attempt=1,
        expires_at=start.now + timedelta(seconds=start.lease_seconds),
    )
    return Turn(
        run_id,
        principal,
        begun.agent_id,
        conversation_id,
        begun.config,
        begun.model,
        start.now,
        lease,
        mode=mode,
        callback_url=callback_url,
        event_seq=1,
        prepared=(begun.models, started.thread),
        toolset=begun.toolset,
        known=started.thread if thread_id is None else None,
    )


@dataclass(slots=True)
class Plan:
    """An answer's tool calls, by what they need."""

    now: list[ToolCall] = field(default_factory=list)
    approval: list[ToolCall] = field(default_factory=list)
    asked: list[Asked] = field(default_factory=list)


@dataclass(slots=True)
class Prompt:
    """What every model call of a turn's loop is made with; ``messages`` grows."""

    provider: LLMProvider
    model: str
    """The provider's own name of the model."""
    info: ModelInfo
    messages: list[Message]
    tools: list[Tool]


@dataclass(frozen=True, slots=True)
class Answered:
    """One model call's answer, what it cost and when it was made."""

    answer: ChatResponse
    cost: float
    duration_ms: int
    started_at: datetime

    def recorded(self) -> tuple[ChatResponse, float, int, datetime]:
        """As ``TurnStore`` records it: answer, cost, duration, start."""
        return self.answer, self.cost, self.duration_ms, self.started_at


class TurnRunner:
    """Drives one turn from where it stands to its end, or until it must wait for a person."""

    def __init__(self, runtime: Runtime, turn: Turn, log: EventLog, *, streaming: bool) -> None:
        self.runtime = runtime
        self.turn = turn
        self.log = log
        self.streaming = streaming
        self.store = TurnStore(runtime, turn, log)
        self.ttft_ms: int | None = None
        self.toolset: Toolset = Toolset(turn.agent_id, [])

    async def run(self, *, resumed: bool = False) -> ChatResult | Waiting:
        """Drive the turn; the live stream (if any) always gets its last event."""
        live = self.runtime.live
        live.add(self.turn.id, self.turn.lease)
        try:
            if resumed:
                await self.store.load_totals()
            return await self._loop(resumed)
        except LeaseLost:
            raise  # another process has taken the turn over: it is theirs to end
        except TurnStopped:
            self.log.show(
                "error", {"error": "CANCELLED", "message": "The chat turn was cancelled."}
            )
            raise
        except asyncio.CancelledError:
            # Cancelled by a person (the run says so), or this process is stopping:
            # then the run stays as it is and a worker takes it over after the lease.
            self.log.show("error", {"error": "CANCELLED", "message": "The chat turn was stopped."})
            raise
        except BaseException as exc:
            await asyncio.shield(self.store.fail(_error_of(exc)))
            raise
        finally:
            live.remove(self.turn.id)

    async def _loop(self, resumed: bool) -> ChatResult | Waiting:
        config = self.turn.config
        prompt = await self._prepare(resumed)
        if isinstance(prompt, Waiting):
            return prompt
        checked = not resumed  # begin_turn checked the budget just now
        while True:
            step = self.store.totals.model_calls
            if not checked:
                await self.store.ensure_can_spend()
            checked = False
            answered = await self._ask(prompt)
            answer = answered.answer
            if not answer.tool_calls:
                return await self.store.finish(
                    *answered.recorded(), answer.text, answer.finish_reason, ttft_ms=self.ttft_ms
                )
            if step >= config.max_steps - 1:
                stop = (
                    f"Stopped: the agent reached its limit of {config.max_steps} model calls "
                    "before it answered."
                )
                return await self.store.finish(
                    *answered.recorded(),
                    stop,
                    "max_steps",
                    ttft_ms=self.ttft_ms,
                    unrun=answer.tool_calls,
                )
            waiting = await self._tool_round(answered, prompt.messages)
            if waiting is not None:
                return waiting

    async def _prepare(self, resumed: bool) -> Prompt | Waiting:
        """The toolset, a resumed turn's pending calls settled, and the first request's
        messages (the thread compacted first if it would overflow the model's context)."""
        turn, config = self.turn, self.turn.config
        self.toolset = turn.toolset or await self.store.toolset()
        self.store.tools = self.toolset
        turn.toolset = None
        if resumed:
            waiting = await self._settle_pending()
            if waiting is not None:
                return waiting
        models, rows = turn.prepared or await self.store.context()
        turn.prepared = None
        provider, name = models.registry.resolve(turn.model)
        info = models.info(turn.model)
        window = info.context_window
        overflows = window and estimate_tokens(rows, config.instructions) > window * OVERFLOW_SHARE
        # A thread that would overflow the model's context: its older turns are summarised.
        if overflows and await compact_if_needed(
            self.runtime, turn.principal, turn.conversation_id, info
        ):
            models, rows = await self.store.context()
        # Instructions, prompt blocks, memory, skills, knowledge (flowline.context.assembly).
        system = await system_prompt(
            self.runtime, turn.principal, turn.agent_id, config, turn.conversation_id
        )
        messages = [Message("system", system)] if system else []
        messages += [_llm_message(row) for row in for_model(rows)]
        return Prompt(provider, name, info, messages, self.toolset.offers())

    async def _ask(self, prompt: Prompt) -> Answered:
        """One model call of the loop, streamed to the live stream as it comes."""
        request = ChatRequest(
            model=prompt.model,
            messages=prompt.messages,
            tools=prompt.tools,
            temperature=self.turn.config.temperature,
        )
        began = time.monotonic()
        started_at = utcnow()
        if self.streaming:
            answer = await collect(self._relay(prompt.provider.stream(request)))
        else:
            answer = await prompt.provider.chat(request)
            if answer.text:
                self.log.emit("message.delta", {"text": answer.text})
        if self.ttft_ms is None:
            self.ttft_ms = int((time.monotonic() - self.turn.started) * 1000)
        cost = float(prompt.info.cost(answer.usage))
        return Answered(answer, cost, int((time.monotonic() - began) * 1000), started_at)

    async def _tool_round(self, answered: Answered, messages: list[Message]) -> Waiting | None:
        """The answer's tool calls: recorded, run (those that need no person), their
        results recorded and added to ``messages``; or the turn waits for people."""
        answer = answered.answer
        plan = self._plan(answer.tool_calls)
        await self.store.record_answer(*answered.recorded(), plan.now)
        messages.append(Message("assistant", answer.text, answer.tool_calls))
        outcomes = await self._run_calls(plan.now)
        waiting = await self.store.record_tools(
            plan.now, outcomes, approval=plan.approval, asked=plan.asked
        )
        if waiting is None:
            messages += [
                Message("tool", self.store.tool_texts[c.id], tool_call_id=c.id, name=c.name)
                for c in plan.now
            ]
        return waiting

    def _plan(self, calls: tuple[ToolCall, ...]) -> Plan:
        plan = Plan()
        for call in calls:
            if self.toolset.handled_by_loop(call.name):
                question = call.arguments.get("question")
                options = call.arguments.get("options")
                if isinstance(question, str) and question.strip():
                    choices = (
                        [str(o) for o in options if isinstance(o, str)]
                        if isinstance(options, list)
                        else None
                    )
                    plan.asked.append(Asked(call, question, choices or None))
                    continue
            if self.toolset.policy(call.name, call.arguments) == "always":
                plan.approval.append(call)
            else:
                plan.now.append(call)
        return plan

    async def _settle_pending(self) -> Waiting | None:
        """Take a resumed turn's unanswered tool calls to their results, or wait on."""
        pending = await self.store.pending_calls()
        if pending is None:
            return None
        # Calls its driver never got to (it died first) are sorted as they would have been:
        # one that needs a person is asked now, never run unasked.
        unasked = tuple(p.call for p in pending.run if p.step is None)
        plan = self._plan(unasked)
        pending.run = [p for p in pending.run if p.step is not None]
        pending.run += [PendingRun(call, call.arguments, None) for call in plan.now]
        outcomes = await self._run_calls(
            [p.call for p in pending.run], arguments=[p.arguments for p in pending.run]
        )
        await self.store.record_settled(pending, outcomes)
        if plan.approval or plan.asked:
            return await self.store.record_tools([], [], approval=plan.approval, asked=plan.asked)
        return None

    async def _relay(self, events: AsyncIterator[StreamEvent]) -> AsyncIterator[StreamEvent]:
        async for event in events:
            if isinstance(event, TextDelta) and event.text:
                if self.ttft_ms is None:
                    self.ttft_ms = int((time.monotonic() - self.turn.started) * 1000)
                self.log.emit("message.delta", {"text": event.text})
                # Let the stream's writer send it now: the provider's next chunks may be
                # read already, and the loop would otherwise take them all first.
                await asyncio.sleep(0)
            yield event

    async def _call(self, call: ToolCall, arguments: dict[str, Any]) -> tuple[ToolOutcome, int]:
        began = time.monotonic()
        turn = self.turn
        context = ToolContext(self.runtime, turn.principal, turn.agent_id, turn.id)
        outcome = await self.toolset.run(
            context, call.name, arguments, idempotency_key=f"{turn.id}:{call.id}"
        )
        return outcome, int((time.monotonic() - began) * 1000)

    async def _run_calls(
        self, calls: list[ToolCall], *, arguments: list[dict[str, Any]] | None = None
    ) -> list[tuple[ToolOutcome, int]]:
        """Run the calls at once; their outcomes, in the calls' order."""
        given = arguments or [c.arguments for c in calls]
        for call, args in zip(calls, given, strict=True):
            self.log.emit(
                "tool_call.started", {"id": call.id, "tool": call.name, "arguments": args}
            )
        return list(
            await asyncio.gather(*(self._call(c, a) for c, a in zip(calls, given, strict=True)))
        )


def _error_of(exc: BaseException) -> dict[str, Any]:
    if isinstance(exc, FlowlineError):
        return {"error": exc.error_code, "message": exc.message}
    return {"error": "INTERNAL_ERROR", "message": "The chat turn failed unexpectedly."}


def _llm_message(row: ConversationMessage) -> Message:
    if row.role == "assistant":
        calls = tuple(
            ToolCall(c["id"], c["name"], dict(c.get("arguments") or {}))
            for c in row.tool_calls or ()
        )
        return Message("assistant", row.content, calls)
    if row.role == "tool":
        return Message("tool", row.content, tool_call_id=row.tool_call_id, name=row.name)
    return Message("system" if row.role == "system" else "user", row.content)
