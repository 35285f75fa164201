"""One chat turn: take the conversation's lock, loop model → tools → model, record all.

A turn outlives any one transaction, so it works through short sessions of its
own (as the engine does), never holding a write transaction across a model
call. The conversation's lock (``busy_turn_id``) is taken in the transaction
that records the user's messages, so of two chats on one thread exactly one
runs; the other answers ``409 CONVERSATION_BUSY``. The lock is released when the
turn ends, whether it succeeded or failed.

Every model call is an assistant message (its text, tool calls, tokens, cost and
duration) and a usage row; every tool call a tool message (arguments on the
assistant message, result and duration on its own). The turn's events are kept
too, numbered from 1, so a stream can be followed again from ``Last-Event-ID``.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import orjson

from flowline.agents.repository import TurnRepository, UsageRepository
from flowline.agents.schemas import (
    AgentConfig,
    ChatMetadata,
    ChatResult,
    ChatUsage,
    HistoryItem,
    MessageIn,
    ToolCallRead,
)
from flowline.agents.service import config_of, get_agent
from flowline.auth.principal import Principal
from flowline.conversations.repository import ConversationRepository, MessageRepository
from flowline.conversations.service import busy, new_conversation
from flowline.conversations.service import not_found as conversation_not_found
from flowline.db.models import AgentTurn, ConversationMessage, LlmUsage
from flowline.db.types import utcnow
from flowline.errors import FlowlineError
from flowline.ids import new_id
from flowline.llm.provider import (
    ChatRequest,
    ChatResponse,
    Message,
    StreamEvent,
    TextDelta,
    ToolCall,
    collect,
)
from flowline.llm.service import org_models
from flowline.runtime import Runtime
from flowline.tools.turn_tools import ToolOutcome, offered_tools, run_turn_tool

STALE_LOCK = timedelta(minutes=15)
"""A lock this old belongs to a process that died mid-turn; the next chat takes it over."""
TERMINAL = frozenset({"run.completed", "error"})


@dataclass(slots=True)
class Turn:
    id: str
    principal: Principal
    agent_id: str
    conversation_id: str
    config: AgentConfig
    model: str
    started_at: datetime
    started: float = field(default_factory=time.monotonic)


@dataclass(slots=True)
class EventLog:
    """A turn's events: numbered, kept for storing, and handed to a live stream."""

    turn_id: str
    queue: asyncio.Queue[dict[str, Any]] | None = None
    seq: int = 0
    pending: list[dict[str, Any]] = field(default_factory=list)

    def emit(self, type_: str, data: dict[str, Any]) -> None:
        self.seq += 1
        event = {
            "seq": self.seq,
            "type": type_,
            "data": {"run_id": self.turn_id, "seq": self.seq, **data},
        }
        self.pending.append(event)
        if self.queue is not None:
            self.queue.put_nowait(event)

    def take(self) -> list[dict[str, Any]]:
        taken, self.pending = self.pending, []
        now = utcnow()
        return [{"turn_id": self.turn_id, "created_at": now, **event} for event in taken]


async def begin_turn(
    runtime: Runtime,
    principal: Principal,
    agent_id: str,
    thread_id: str | None,
    incoming: list[MessageIn],
) -> Turn:
    """Check the agent and thread, take the thread's lock and record the user's messages."""
    async with runtime.db.session(write=True) as session:
        agent = await get_agent(session, principal, agent_id)
        config = config_of(agent)
        models = await org_models(session, principal.org_id, runtime.settings, runtime.secret_box)
        model = config.model or models.default_model
        models.registry.resolve(model)  # an unknown provider is 422 before anything is kept
        conversations = ConversationRepository(session, principal.org_id)
        if thread_id is not None:
            conversation = await conversations.get(thread_id)
            if conversation is None or conversation.agent_id not in (None, agent.id):
                raise conversation_not_found(thread_id)
        else:
            title = next((m.content for m in incoming if m.role == "user"), "")[:200]
            conversation = conversations.add(new_conversation(agent.id, principal, title))
            await session.flush()
        turn_id = new_id("trn")
        now = utcnow()
        if not await conversations.take_lock(conversation.id, turn_id, now, now - STALE_LOCK):
            raise busy(conversation.id)
        TurnRepository(session, principal.org_id).add(
            AgentTurn(
                id=turn_id,
                agent_id=agent.id,
                conversation_id=conversation.id,
                user_id=principal.user_id,
                status="running",
                model=model,
                started_at=now,
            )
        )
        await _append(
            MessageRepository(session, principal.org_id),
            conversations,
            conversation.id,
            [
                ConversationMessage(role=m.role, content=m.content, turn_id=turn_id)
                for m in incoming
            ],
        )
        await session.flush()
    return Turn(turn_id, principal, agent.id, conversation.id, config, model, now)


async def _append(
    messages: MessageRepository,
    conversations: ConversationRepository,
    conversation_id: str,
    rows: list[ConversationMessage],
) -> None:
    first = await conversations.reserve_seqs(conversation_id, len(rows))
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


def _history(row: ConversationMessage) -> HistoryItem:
    return HistoryItem(
        role=row.role,
        content=row.content,
        name=row.name,
        tool_call_id=row.tool_call_id,
        tool_calls=row.tool_calls,
    )


def _json_text(value: Any) -> str:
    return orjson.dumps(value, default=str).decode()


class TurnRunner:
    """Runs one turn that :func:`begin_turn` started; :meth:`run` always releases the lock."""

    def __init__(self, runtime: Runtime, turn: Turn, log: EventLog, *, streaming: bool) -> None:
        self.runtime = runtime
        self.turn = turn
        self.log = log
        self.streaming = streaming
        self.tool_calls: list[ToolCallRead] = []
        self.input_tokens = 0
        self.output_tokens = 0
        self.cost = 0.0
        self.steps = 0
        self.ttft_ms: int | None = None

    async def run(self) -> ChatResult:
        turn = self.turn
        self.log.emit(
            "run.started",
            {"agent_id": turn.agent_id, "thread_id": turn.conversation_id, "model": turn.model},
        )
        try:
            text, finish = await self._loop()
        except BaseException as exc:
            await asyncio.shield(self._fail(exc))
            raise
        return await self._finish(text, finish)

    async def _loop(self) -> tuple[str, str]:
        turn, config = self.turn, self.turn.config
        org_id = turn.principal.org_id
        async with self.runtime.db.session() as session:
            models = await org_models(
                session, org_id, self.runtime.settings, self.runtime.secret_box
            )
            rows = await MessageRepository(session, org_id).all_of(turn.conversation_id)
        provider, name = models.registry.resolve(turn.model)
        info = models.info(turn.model)
        messages = [Message("system", config.instructions)] if config.instructions else []
        messages += [_llm_message(row) for row in rows]
        tools = await offered_tools(self.runtime, turn.principal, turn.agent_id)
        for step in range(config.max_steps):
            request = ChatRequest(
                model=name, messages=messages, tools=tools, temperature=config.temperature
            )
            began = time.monotonic()
            if self.streaming:
                answer = await collect(self._relay(provider.stream(request)))
            else:
                answer = await provider.chat(request)
            if self.ttft_ms is None:
                self.ttft_ms = int((time.monotonic() - turn.started) * 1000)
            cost = float(info.cost(answer.usage))
            self._count(answer, cost)
            await self._record_answer(answer, cost, int((time.monotonic() - began) * 1000))
            messages.append(Message("assistant", answer.text, answer.tool_calls))
            if not answer.tool_calls:
                return answer.text, answer.finish_reason
            if step == config.max_steps - 1:
                stop = (
                    f"Stopped: the agent reached its limit of {config.max_steps} model calls "
                    "before it answered."
                )
                await self._record_unrun(answer.tool_calls, stop)
                return stop, "max_steps"
            messages += await self._run_tools(answer.tool_calls)
        raise AssertionError("unreachable: the loop returns on its last step")

    async def _relay(self, events: AsyncIterator[StreamEvent]) -> AsyncIterator[StreamEvent]:
        async for event in events:
            if isinstance(event, TextDelta) and event.text:
                if self.ttft_ms is None:
                    self.ttft_ms = int((time.monotonic() - self.turn.started) * 1000)
                self.log.emit("message.delta", {"text": event.text})
            yield event

    def _count(self, answer: ChatResponse, cost: float) -> None:
        self.steps += 1
        self.input_tokens += answer.usage.input_tokens
        self.output_tokens += answer.usage.output_tokens
        self.cost += cost

    async def _record_answer(self, answer: ChatResponse, cost: float, duration_ms: int) -> None:
        turn = self.turn
        org_id = turn.principal.org_id
        calls = [{"id": c.id, "name": c.name, "arguments": c.arguments} for c in answer.tool_calls]
        async with self.runtime.db.session(write=True) as session:
            await _append(
                MessageRepository(session, org_id),
                ConversationRepository(session, org_id),
                turn.conversation_id,
                [
                    ConversationMessage(
                        turn_id=turn.id,
                        role="assistant",
                        content=answer.text,
                        tool_calls=calls or None,
                        model=turn.model,
                        input_tokens=answer.usage.input_tokens,
                        output_tokens=answer.usage.output_tokens,
                        cost=cost,
                        duration_ms=duration_ms,
                    )
                ],
            )
            UsageRepository(session, org_id).add(
                LlmUsage(
                    id=new_id("use"),
                    agent_id=turn.agent_id,
                    turn_id=turn.id,
                    user_id=turn.principal.user_id,
                    model=turn.model,
                    input_tokens=answer.usage.input_tokens,
                    output_tokens=answer.usage.output_tokens,
                    cost=cost,
                    created_at=utcnow(),
                )
            )
            await TurnRepository(session, org_id).add_events(self.log.take())

    async def _call(self, call: ToolCall) -> tuple[ToolOutcome, int]:
        began = time.monotonic()
        if self.turn.config.approval.get(call.name) == "always":
            message = (
                f"The tool {call.name} needs a person's approval, and approvals of agent "
                "tool calls are not available yet; it was not run."
            )
            outcome = ToolOutcome({"error": message}, message)
        else:
            turn = self.turn
            outcome = await run_turn_tool(
                self.runtime, turn.principal, turn.agent_id, turn.id, call
            )
        return outcome, int((time.monotonic() - began) * 1000)

    async def _run_tools(self, calls: tuple[ToolCall, ...]) -> list[Message]:
        """Run the answer's tool calls at once; their results, in the calls' order."""
        for call in calls:
            self.log.emit(
                "tool_call.started", {"id": call.id, "tool": call.name, "arguments": call.arguments}
            )
        results = await asyncio.gather(*(self._call(call) for call in calls))
        rows: list[ConversationMessage] = []
        replies: list[Message] = []
        for call, (outcome, duration_ms) in zip(calls, results, strict=True):
            text = _json_text(outcome.result)
            self.log.emit(
                "tool_call.completed", {"id": call.id, "tool": call.name, "result": outcome.result}
            )
            self.tool_calls.append(
                ToolCallRead(
                    id=call.id,
                    tool=call.name,
                    arguments=call.arguments,
                    result=outcome.result,
                    error=outcome.error,
                    duration_ms=duration_ms,
                )
            )
            rows.append(
                ConversationMessage(
                    turn_id=self.turn.id,
                    role="tool",
                    content=text,
                    tool_call_id=call.id,
                    name=call.name,
                    tool_result=outcome.result,
                    duration_ms=duration_ms,
                )
            )
            replies.append(Message("tool", text, tool_call_id=call.id, name=call.name))
        await self._store(rows)
        return replies

    async def _record_unrun(self, calls: tuple[ToolCall, ...], stop: str) -> None:
        """Answer the calls left at the step limit (so the thread stays well formed)."""
        result = {"error": "not run: the turn reached its max_steps"}
        rows = [
            ConversationMessage(
                turn_id=self.turn.id,
                role="tool",
                content=_json_text(result),
                tool_call_id=call.id,
                name=call.name,
                tool_result=result,
            )
            for call in calls
        ]
        rows.append(ConversationMessage(turn_id=self.turn.id, role="assistant", content=stop))
        await self._store(rows)

    async def _store(self, rows: list[ConversationMessage]) -> None:
        org_id = self.turn.principal.org_id
        async with self.runtime.db.session(write=True) as session:
            await _append(
                MessageRepository(session, org_id),
                ConversationRepository(session, org_id),
                self.turn.conversation_id,
                rows,
            )
            await TurnRepository(session, org_id).add_events(self.log.take())

    def _metadata(self, finish: str, now: datetime) -> ChatMetadata:
        return ChatMetadata(
            model=self.turn.model,
            timestamp=now,
            tool_calls=self.tool_calls,
            execution_time_ms=int((time.monotonic() - self.turn.started) * 1000),
            usage=ChatUsage(input_tokens=self.input_tokens, output_tokens=self.output_tokens),
            used_credits=self.steps,
            cost=self.cost,
            steps=self.steps,
            finish_reason=finish,
            run_id=self.turn.id,
        )

    async def _finish(self, text: str, finish: str) -> ChatResult:
        turn = self.turn
        org_id = turn.principal.org_id
        now = utcnow()
        metadata = self._metadata(finish, now)
        message = HistoryItem(role="assistant", content=text)
        self.log.emit("message.completed", {"message": message.model_dump(mode="json")})
        self.log.emit(
            "run.completed",
            {"metadata": {**metadata.model_dump(mode="json"), "ttft_ms": self.ttft_ms}},
        )
        async with self.runtime.db.session(write=True) as session:
            rows = await MessageRepository(session, org_id).all_of(turn.conversation_id)
            result = ChatResult(
                agent_id=turn.agent_id,
                thread_id=turn.conversation_id,
                message=message,
                conversation_history=[_history(row) for row in rows],
                metadata=metadata,
            )
            turns = TurnRepository(session, org_id)
            await self._close(turns, "succeeded", now)
            row = await turns.get(turn.id)
            if row is not None:
                row.result = result.model_dump(mode="json")
            await ConversationRepository(session, org_id).release_lock(
                turn.conversation_id, turn.id, now
            )
        return result

    async def _close(self, turns: TurnRepository, status: str, now: datetime) -> None:
        row = await turns.get(self.turn.id)
        if row is not None:
            row.status = status
            row.model_calls = self.steps
            row.input_tokens = self.input_tokens
            row.output_tokens = self.output_tokens
            row.cost = self.cost
            row.finished_at = now
            row.event_seq = self.log.seq
        await turns.add_events(self.log.take())

    async def _fail(self, exc: BaseException) -> None:
        if isinstance(exc, FlowlineError):
            error = {"error": exc.error_code, "message": exc.message}
        elif isinstance(exc, asyncio.CancelledError):
            error = {"error": "CANCELLED", "message": "The chat turn was cancelled."}
        else:
            error = {"error": "INTERNAL_ERROR", "message": "The chat turn failed unexpectedly."}
        self.log.emit("error", error)
        org_id = self.turn.principal.org_id
        now = utcnow()
        async with self.runtime.db.session(write=True) as session:
            turns = TurnRepository(session, org_id)
            await self._close(turns, "failed", now)
            row = await turns.get(self.turn.id)
            if row is not None:
                row.error = error
            await ConversationRepository(session, org_id).release_lock(
                self.turn.conversation_id, self.turn.id, now
            )
