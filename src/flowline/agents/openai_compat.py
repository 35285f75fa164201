"""``POST /v1/chat/completions``: any OpenAI client or chat UI talks to an agent.

The request's ``model`` is the agent's id; its ``messages`` are the whole
history, as OpenAI clients send it, so each request is a chat turn on a new
conversation holding those messages (the turn is a run like any other:
``GET /api/v1/runs/{id}``, with the id in the answer's ``id``). The agent's
configuration decides model, instructions and tools; ``temperature`` and the
like in the request are ignored. ``stream: true`` answers
``chat.completion.chunk`` events and ``data: [DONE]``; with
``stream_options.include_usage`` the last chunk carries the usage. A turn that
stops to wait for a person answers with a message saying so (and the approval
or question ids); answer it through the Flowline API.

``Idempotency-Key`` works as on ``agents/{id}/chat`` (``agents/repeat.py``): a
repeat of a turn that succeeded answers its completion again, with the same
``id`` (streamed: as chunks of the whole message at once); of a turn still
running or waiting for a person, ``409``; of one that failed or was cancelled, a
new turn.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Annotated, Any, Literal

import orjson
from fastapi import Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator
from sse_starlette import EventSourceResponse, ServerSentEvent

from flowline.agents.chat import Turn, TurnRunner, begin_turn
from flowline.agents.openai_errors import openai_error, openai_router
from flowline.agents.repeat import Repeat
from flowline.agents.schemas import ChatResult, MessageIn
from flowline.agents.turn_log import TERMINAL, WAITING, EventLog
from flowline.agents.turn_store import Waiting
from flowline.api.deps import RuntimeDep, require
from flowline.api.idempotency import REPLAYED, claim_of, in_progress, key_parameter
from flowline.auth.principal import Principal
from flowline.runtime import Runtime

router = openai_router()
Chatter = Annotated[Principal, require("agents:chat", reading=True)]
MAX_MESSAGES = 500


class Part(BaseModel):
    type: str
    text: str | None = None


class CompletionMessage(BaseModel):
    model_config = ConfigDict(extra="ignore")

    role: Literal["system", "developer", "user", "assistant"]
    content: str | list[Part] | None = None

    def text(self) -> str:
        if isinstance(self.content, list):
            return "".join(part.text or "" for part in self.content if part.type == "text")
        return self.content or ""


class StreamOptions(BaseModel):
    include_usage: bool = False


USER_MESSAGE: dict[str, Any] = {"properties": {"role": {"const": "user"}}, "required": ["role"]}
"""What the schema says ``messages`` contains (``_a_user_message``)."""


class CompletionRequest(BaseModel):
    """OpenAI's chat completion request; fields Flowline does not use are accepted and ignored."""

    model_config = ConfigDict(extra="ignore")

    model: str = Field(min_length=1, max_length=40, description="The agent's id.")
    messages: list[CompletionMessage] = Field(
        min_length=1,
        max_length=MAX_MESSAGES,
        description="At least one of them a `user` message.",
        json_schema_extra={"contains": USER_MESSAGE},
    )
    stream: bool = False
    stream_options: StreamOptions | None = None

    @field_validator("messages")
    @classmethod
    def _a_user_message(cls, value: list[CompletionMessage]) -> list[CompletionMessage]:
        if not any(m.role == "user" for m in value):
            raise ValueError("must hold at least one user message")
        return value

    def as_messages(self) -> list[MessageIn]:
        return [
            MessageIn(role="system" if m.role == "developer" else m.role, content=m.text())
            for m in self.messages
        ]


def _completion_id(run_id: str) -> str:
    return f"chatcmpl-{run_id}"


def _usage(result: ChatResult) -> dict[str, int]:
    usage = result.metadata.usage
    return {
        "prompt_tokens": usage.input_tokens,
        "completion_tokens": usage.output_tokens,
        "total_tokens": usage.input_tokens + usage.output_tokens,
    }


def waiting_text(waiting: Waiting) -> str:
    asked = [f"approval {a['approval_id']} ({a['tool']})" for a in waiting.approvals]
    asked += [f"question {q['question_id']}: {q['question']}" for q in waiting.questions]
    return f"Waiting for a person before going on: {'; '.join(asked)}. Run {waiting.run_id}."


def _finish(result: ChatResult) -> str:
    return "length" if result.metadata.finish_reason in ("length", "max_steps") else "stop"


def completion_body(agent_id: str, outcome: ChatResult | Waiting, created: int) -> dict[str, Any]:
    if isinstance(outcome, Waiting):
        run_id, text, finish = outcome.run_id, waiting_text(outcome), "stop"
        usage = {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}
    else:
        run_id, text, finish = outcome.metadata.run_id, outcome.message.content, _finish(outcome)
        usage = _usage(outcome)
    return {
        "id": _completion_id(run_id),
        "object": "chat.completion",
        "created": created,
        "model": agent_id,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": text},
                "finish_reason": finish,
            }
        ],
        "usage": usage,
    }


@router.post(
    "/chat/completions",
    summary="Chat with an agent, OpenAI-style",
    description=__doc__,
    openapi_extra=key_parameter(
        "Makes the completion safe to repeat for 24 hours: a repeat of a turn that "
        "succeeded answers its completion again (`Idempotent-Replayed: true`), 409 while "
        "it runs or waits; the same key with a different body is refused (422)."
    ),
)
async def chat_completions(
    body: CompletionRequest,
    request: Request,
    principal: Chatter,
    runtime: RuntimeDep,
) -> Any:
    created = int(time.time())
    mode = "stream" if body.stream else "sync"
    claim = await claim_of(request, principal)
    try:
        turn = await begin_turn(
            runtime, principal, body.model, None, body.as_messages(), mode=mode, claim=claim
        )
    except Repeat as repeat:
        return _repeated(body, repeat, created)
    events: asyncio.Queue[dict[str, Any]] | None = asyncio.Queue() if body.stream else None
    task = drive(runtime, turn, events)
    if events is None:
        outcome = await asyncio.shield(task)
        return JSONResponse(completion_body(body.model, outcome, created))
    include_usage = bool(body.stream_options and body.stream_options.include_usage)
    return EventSourceResponse(
        _chunks(body.model, turn.id, created, events, task, include_usage), sep="\n"
    )


_RUNNING: set[asyncio.Task[Any]] = set()
"""Turns run as tasks of their own, so that a client going away does not cut one short."""


def drive(
    runtime: Runtime, turn: Turn, events: asyncio.Queue[dict[str, Any]] | None
) -> asyncio.Task[ChatResult | Waiting]:
    """Drive the begun turn in a task of its own; its events go to ``events`` (a stream)."""
    log = EventLog.of(turn, events)
    task = asyncio.create_task(TurnRunner(runtime, turn, log, streaming=events is not None).run())
    _RUNNING.add(task)
    task.add_done_callback(_forget)
    return task


def _forget(task: asyncio.Task[Any]) -> None:
    _RUNNING.discard(task)
    if not task.cancelled():
        task.exception()  # seen: a failure is in the run's record and its events already


def _repeated(body: CompletionRequest, repeat: Repeat, created: int) -> Response:
    """The answer to a repeated ``Idempotency-Key``: the first turn's completion."""
    if repeat.status != "succeeded":
        raise in_progress()
    result = ChatResult.model_validate(repeat.output)
    if not body.stream:
        return JSONResponse(completion_body(body.model, result, created), headers=REPLAYED)
    include_usage = bool(body.stream_options and body.stream_options.include_usage)
    return EventSourceResponse(
        _stored_chunks(body.model, result, created, include_usage), sep="\n", headers=REPLAYED
    )


async def _stored_chunks(
    agent_id: str, result: ChatResult, created: int, include_usage: bool
) -> AsyncIterator[ServerSentEvent]:
    run_id = result.metadata.run_id
    yield _chunk(agent_id, run_id, created, {"role": "assistant", "content": ""})
    yield _chunk(agent_id, run_id, created, {"content": result.message.content})
    for chunk in _last_chunks(agent_id, run_id, created, result, include_usage):
        yield chunk


def _last_chunks(
    agent_id: str, run_id: str, created: int, result: ChatResult, include_usage: bool
) -> list[ServerSentEvent]:
    """The finish chunk, the usage chunk when asked for, ``[DONE]``."""
    chunks = [_chunk(agent_id, run_id, created, {}, _finish(result))]
    if include_usage:
        body = {
            "id": _completion_id(run_id),
            "object": "chat.completion.chunk",
            "created": created,
            "model": agent_id,
            "choices": [],
            "usage": _usage(result),
        }
        chunks.append(ServerSentEvent(data=orjson.dumps(body).decode(), sep="\n"))
    return [*chunks, ServerSentEvent(data="[DONE]", sep="\n")]


def _chunk(
    agent_id: str, run_id: str, created: int, delta: dict[str, Any], finish: str | None = None
) -> ServerSentEvent:
    body = {
        "id": _completion_id(run_id),
        "object": "chat.completion.chunk",
        "created": created,
        "model": agent_id,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
    return ServerSentEvent(data=orjson.dumps(body).decode(), sep="\n")


async def _chunks(
    agent_id: str,
    run_id: str,
    created: int,
    events: asyncio.Queue[dict[str, Any]],
    task: asyncio.Task[ChatResult | Waiting],
    include_usage: bool,
) -> AsyncIterator[ServerSentEvent]:
    yield _chunk(agent_id, run_id, created, {"role": "assistant", "content": ""})
    while True:
        event = await events.get()
        kind = event["type"]
        if kind == "message.delta":
            yield _chunk(agent_id, run_id, created, {"content": event["data"]["text"]})
        elif kind == "error":
            data = event["data"]
            error = openai_error(str(data.get("error")), str(data.get("message")))
            yield ServerSentEvent(data=orjson.dumps({"error": error}).decode(), sep="\n")
            break
        elif kind == WAITING or kind in TERMINAL:
            outcome = await asyncio.shield(task)
            if isinstance(outcome, Waiting):
                text = {"content": "\n\n" + waiting_text(outcome)}
                yield _chunk(agent_id, run_id, created, text)
                yield _chunk(agent_id, run_id, created, {}, "stop")
            else:
                for chunk in _last_chunks(agent_id, run_id, created, outcome, include_usage):
                    yield chunk
                return
            break
    yield ServerSentEvent(data="[DONE]", sep="\n")
