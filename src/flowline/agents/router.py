from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Annotated, Any

import orjson
from fastapi import Request, Response
from sse_starlette import EventSourceResponse, ServerSentEvent

from flowline.agents import service
from flowline.agents.chat import TERMINAL, EventLog, TurnRunner, begin_turn
from flowline.agents.schemas import (
    AgentConfigRead,
    AgentConfigUpdate,
    AgentCreate,
    AgentRead,
    AgentStats,
    ChatBody,
    ChatResult,
)
from flowline.api.bodies import unwrap
from flowline.api.concurrency import IfMatch
from flowline.api.deps import RuntimeDep, SessionDep, require
from flowline.api.envelope import Envelope, PageEnvelope, envelope, page_envelope
from flowline.api.idempotency import IDEMPOTENT
from flowline.api.pagination import PageParams
from flowline.api.routing import make_router
from flowline.auth.principal import Principal
from flowline.db.models import Agent
from flowline.errors import ValidationFailed

router = make_router("/api/v1/agents", "Agents")
AgentsRead = Annotated[Principal, require("agents:read")]
AgentsWrite = Annotated[Principal, require("agents:write")]
AgentsChat = Annotated[Principal, require("agents:chat")]
EVENT_STREAM = "text/event-stream"
_RUNNING: set[asyncio.Task[Any]] = set()
"""Streamed turns run as tasks of their own, so that a client going away does not
cut a turn short; this keeps them referenced until they end."""


def agent_read(agent: Agent) -> AgentRead:
    return AgentRead(
        id=agent.id,
        name=agent.name,
        description=agent.description,
        parent_id=agent.parent_id,
        config=service.config_of(agent),
        version=agent.version,
        created_by_id=agent.created_by_id,
        created_at=agent.created_at,
        updated_at=agent.updated_at,
    )


@router.get("", summary="List agents", description="Newest first.")
async def list_agents(
    session: SessionDep, principal: AgentsRead, page: PageParams
) -> PageEnvelope[AgentRead]:
    return page_envelope(await service.list_agents(session, principal, page), agent_read)


@router.post(
    "",
    status_code=201,
    summary="Create an agent",
    description='Bare or as `{"agent": {...}}`; a name already used answers 409.',
    openapi_extra=IDEMPOTENT,
)
async def create_agent(
    body: Annotated[AgentCreate, unwrap("agent")], session: SessionDep, principal: AgentsWrite
) -> Envelope[AgentRead]:
    return envelope(agent_read(await service.create_agent(session, principal, body)))


@router.get("/stats", summary="Agent statistics", description="Agents, turns, tokens, cost.")
async def agent_stats(session: SessionDep, principal: AgentsRead) -> Envelope[AgentStats]:
    return envelope(await service.stats(session, principal))


@router.get("/{agent_id}", summary="Get an agent")
async def get_agent(
    agent_id: str, session: SessionDep, principal: AgentsRead
) -> Envelope[AgentRead]:
    return envelope(agent_read(await service.get_agent(session, principal, agent_id)))


@router.delete(
    "/{agent_id}",
    status_code=204,
    summary="Delete an agent",
    description="Its conversations and chat turns go with it.",
)
async def delete_agent(agent_id: str, session: SessionDep, principal: AgentsWrite) -> Response:
    await service.delete_agent(session, principal, agent_id)
    return Response(status_code=204)


async def _config_read(
    agent: Agent, session: SessionDep, principal: Principal, runtime: RuntimeDep
) -> AgentConfigRead:
    return await service.config_read(
        session, principal, agent, runtime.settings, runtime.secret_box
    )


@router.get("/{agent_id}/config", summary="Get an agent's configuration")
async def get_config(
    agent_id: str, session: SessionDep, principal: AgentsRead, runtime: RuntimeDep
) -> Envelope[AgentConfigRead]:
    agent = await service.get_agent(session, principal, agent_id)
    return envelope(await _config_read(agent, session, principal, runtime))


@router.patch(
    "/{agent_id}/config",
    summary="Change an agent's configuration",
    description="Only the fields sent change. `If-Match` / `expected_version`: 409 on mismatch.",
)
async def update_config(
    agent_id: str,
    body: AgentConfigUpdate,
    session: SessionDep,
    principal: AgentsWrite,
    runtime: RuntimeDep,
    if_match: IfMatch,
) -> Envelope[AgentConfigRead]:
    agent = await service.update_config(session, principal, agent_id, body, if_match)
    return envelope(await _config_read(agent, session, principal, runtime))


_CHAT_DOC = (
    "`messages` is a string, one `{role, content}` object or a list of them. `thread_id` "
    "continues a conversation (unknown: 404); without it one is created and its id returned. "
    "The model answers, calls the agent's tools (several at once), sees the results and "
    "answers again, up to `max_steps` model calls. A second chat on a thread whose turn is "
    "running answers 409 `CONVERSATION_BUSY`. With `stream: true` or `Accept: "
    "text/event-stream` the answer is SSE: `run.started`, `message.delta`, "
    "`tool_call.started`, `tool_call.completed`, `message.completed`, `run.completed` or "
    "`error`, each with `id:` its `seq`; `: ping` every 15 s."
)


@router.post(
    "/{agent_id}/chat",
    summary="Chat with an agent",
    description=_CHAT_DOC,
    response_model=Envelope[ChatResult],
    responses={200: {"content": {EVENT_STREAM: {"schema": {"type": "string"}}}}},
)
async def chat(
    agent_id: str,
    body: ChatBody,
    request: Request,
    session: SessionDep,
    principal: AgentsChat,
    runtime: RuntimeDep,
) -> Envelope[ChatResult] | EventSourceResponse:
    if body.callback_url is not None:
        raise ValidationFailed(
            "Asynchronous chat (callback_url) is not available yet; leave it out.",
            field="callback_url",
        )
    # The turn works through short transactions of its own; the request's ends here.
    await session.commit()
    turn = await begin_turn(runtime, principal, agent_id, body.thread_id, body.as_list())
    streaming = body.stream or EVENT_STREAM in request.headers.get("accept", "")
    if not streaming:
        result = await TurnRunner(runtime, turn, EventLog(turn.id), streaming=False).run()
        return envelope(result)
    log = EventLog(turn.id, queue=asyncio.Queue())
    task = asyncio.create_task(TurnRunner(runtime, turn, log, streaming=True).run())
    _RUNNING.add(task)
    task.add_done_callback(_forget)
    return EventSourceResponse(
        _sse(log),
        ping=runtime.settings.stream_ping_seconds,
        ping_message_factory=_ping,
        sep="\n",
    )


def _forget(task: asyncio.Task[Any]) -> None:
    _RUNNING.discard(task)
    if not task.cancelled():
        with contextlib.suppress(BaseException):
            task.exception()  # failures are already in the turn's record and its events


def _ping() -> ServerSentEvent:
    return ServerSentEvent(comment="ping", sep="\n")


def sse_event(event: dict[str, Any]) -> ServerSentEvent:
    return ServerSentEvent(
        id=str(event["seq"]),
        event=event["type"],
        data=orjson.dumps(event["data"], default=str).decode(),
        sep="\n",
    )


async def _sse(log: EventLog) -> AsyncIterator[ServerSentEvent]:
    assert log.queue is not None
    while True:
        event = await log.queue.get()
        yield sse_event(event)
        if event["type"] in TERMINAL:
            return
