from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Annotated, Any
from urllib.parse import urlsplit

import orjson
from fastapi import Request, Response
from fastapi.responses import JSONResponse
from sse_starlette import EventSourceResponse, ServerSentEvent

from flowline.agents import callbacks as _callbacks  # noqa: F401  (registers its task kind)
from flowline.agents import flow_turns as _flow_turns  # noqa: F401  (registers its run kind)
from flowline.agents import resume as _resume  # noqa: F401  (registers its task kind)
from flowline.agents import service
from flowline.agents.chat import Turn, TurnRunner, begin_turn
from flowline.agents.repeat import Repeat
from flowline.agents.schemas import (
    AgentConfigRead,
    AgentConfigUpdate,
    AgentCreate,
    AgentRead,
    AgentStats,
    ChatBody,
    ChatResult,
)
from flowline.agents.turn_log import CHAT_EVENTS, TERMINAL, WAITING, EventLog
from flowline.agents.turn_store import Waiting
from flowline.api.bodies import unwrap
from flowline.api.concurrency import IfMatch
from flowline.api.deps import RuntimeDep, SessionDep, require
from flowline.api.envelope import (
    Envelope,
    PageEnvelope,
    envelope,
    envelope_response,
    page_envelope,
)
from flowline.api.errors import MODEL_CALL_RESPONSES
from flowline.api.idempotency import (
    IDEMPOTENT,
    REPLAYED,
    claim_of,
    in_progress,
    key_parameter,
)
from flowline.api.pagination import PageParams
from flowline.api.responses import event_stream
from flowline.api.routing import make_router
from flowline.auth.principal import Principal
from flowline.db.models import Agent
from flowline.errors import ValidationFailed
from flowline.runs.stream import follow_events

router = make_router("/api/v1/agents", "Agents")
AgentsRead = Annotated[Principal, require("agents:read")]
AgentsWrite = Annotated[Principal, require("agents:write")]
Chatting = Annotated[Principal, require("agents:chat", reading=True)]
"""A chat turn writes in transactions of its own: the caller is authenticated in a read one."""
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
    body: Annotated[AgentCreate, unwrap("agent")],
    session: SessionDep,
    principal: AgentsWrite,
    runtime: RuntimeDep,
) -> Envelope[AgentRead]:
    agent = await service.create_agent(session, principal, body, settings=runtime.settings)
    return envelope(agent_read(agent))


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
    agent = await service.update_config(
        session, principal, agent_id, body, if_match, settings=runtime.settings
    )
    return envelope(await _config_read(agent, session, principal, runtime))


_CHAT_DOC = (
    "`messages` is a string, one `{role, content}` object or a list of them. `thread_id` "
    "continues a conversation (unknown: 404); without it one is created and its id returned. "
    "The turn is a run (`run_id`): the model answers, calls the agent's tools (several at "
    "once), sees the results and answers again, up to `max_steps` model calls. A second chat "
    "on a thread whose turn has not ended answers 409 `CONVERSATION_BUSY`. With `stream: true` "
    "or `Accept: text/event-stream` the answer is SSE: `run.started`, `message.delta`, "
    "`tool_call.started`, `tool_call.completed`, `approval.requested`, `question.asked`, "
    "`message.completed`, `run.completed` or `error`, each with `id:` its `seq` (resume with "
    "`GET /runs/{run_id}/events` and `Last-Event-ID`); `: ping` every 15 s. A tool call that "
    "needs a person makes the turn wait: the sync answer is then `202` with the approvals and "
    "questions asked, a stream goes on when they are answered. With `callback_url` the answer "
    "is `202` at once and the result is POSTed, signed, to the URL. With `Idempotency-Key` "
    "a repeat starts no second turn: it is answered from the first (header "
    "`Idempotent-Replayed: true`): a stream replays the turn's events from the first, a "
    "`callback_url` request gets the same `202`, a sync one the answer once the turn has "
    "succeeded (409 while it runs or waits); a turn that failed or was cancelled runs again."
)
_KEY = key_parameter(
    "Makes the chat safe to repeat for 24 hours: a repeat is answered from the turn the "
    "first request started; the same key with a different body is refused (422)."
)


@router.post(
    "/{agent_id}/chat",
    summary="Chat with an agent",
    description=_CHAT_DOC,
    response_model=Envelope[ChatResult],
    responses={
        200: {"content": event_stream(CHAT_EVENTS)},
        202: {"description": "The turn waits for people, or runs for a `callback_url`."},
        **MODEL_CALL_RESPONSES,
    },
    openapi_extra=_KEY,
)
async def chat(
    agent_id: str,
    body: ChatBody,
    request: Request,
    principal: Chatting,
    runtime: RuntimeDep,
) -> Any:
    streaming = body.stream or EVENT_STREAM in request.headers.get("accept", "")
    mode = "async" if body.callback_url is not None else "stream" if streaming else "sync"
    if body.callback_url is not None:
        await check_callback(runtime, principal, body.callback_url)
    claim = await claim_of(request, principal)
    # The turn works through short transactions of its own.
    try:
        turn = await begin_turn(
            runtime,
            principal,
            agent_id,
            body.thread_id,
            body.as_list(),
            mode=mode,
            callback_url=body.callback_url,
            claim=claim,
        )
    except Repeat as repeat:
        return _repeated(runtime, principal.org_id, repeat, mode)
    events: asyncio.Queue[dict[str, Any]] | None = asyncio.Queue() if mode == "stream" else None
    log = EventLog.of(turn, events)
    if events is not None:
        events.put_nowait(started_event(turn))
    runner = TurnRunner(runtime, turn, log, streaming=mode == "stream")
    task = asyncio.create_task(runner.run())
    _RUNNING.add(task)
    task.add_done_callback(_forget)
    if mode == "async":
        return _processing(turn.id, turn.conversation_id)
    if events is not None:
        return EventSourceResponse(
            _sse(runtime, principal.org_id, turn.id, events),
            ping=runtime.settings.stream_ping_seconds,
            ping_message_factory=_ping,
            sep="\n",
        )
    # A client that goes away does not cut the turn short.
    result = await asyncio.shield(task)
    if isinstance(result, Waiting):
        return JSONResponse({"data": waiting_body(result)}, status_code=202)
    return envelope_response(result)


def _processing(run_id: str, thread_id: str | None, **headers: str) -> JSONResponse:
    data = {"status": "processing", "run_id": run_id, "thread_id": thread_id}
    return JSONResponse({"data": data}, status_code=202, headers=headers)


def _repeated(runtime: RuntimeDep, org_id: str, repeat: Repeat, mode: str) -> Response:
    """The answer to a repeated ``Idempotency-Key``, from the turn the first request started."""
    if mode == "async":
        return _processing(repeat.run_id, repeat.thread_id, **REPLAYED)
    if mode == "stream":
        return EventSourceResponse(
            _stored_sse(runtime, org_id, repeat.run_id, 0),
            ping=runtime.settings.stream_ping_seconds,
            ping_message_factory=_ping,
            sep="\n",
            headers=REPLAYED,
        )
    if repeat.status != "succeeded":
        raise in_progress()
    return JSONResponse({"data": repeat.output}, headers=REPLAYED)


def started_event(turn: Turn) -> dict[str, Any]:
    data = {"agent_id": turn.agent_id, "thread_id": turn.conversation_id, "model": turn.model}
    moved = {"run_id": turn.id, "status": "running", "seq": 1}  # as the one door stores it
    return {"seq": 1, "type": "run.started", "data": {**moved, **data}}


def waiting_body(waiting: Waiting) -> dict[str, Any]:
    return {
        "status": "waiting",
        "run_id": waiting.run_id,
        "thread_id": waiting.thread_id,
        "approvals": waiting.approvals,
        "questions": waiting.questions,
    }


async def check_callback(runtime: RuntimeDep, principal: Principal, url: str) -> None:
    """A callback needs an https (or allowed) URL; its signing key is made on first need."""
    problem = callback_url_problem(url, runtime)
    if problem is not None:
        raise ValidationFailed(problem, field="callback_url")


def callback_url_problem(url: str, runtime: RuntimeDep) -> str | None:
    parsed = urlsplit(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        return "callback_url must be an absolute http(s) URL."
    if parsed.scheme == "http" and parsed.hostname not in runtime.settings.allow_hosts:
        return "callback_url must use https."
    return None


def _forget(task: asyncio.Task[Any]) -> None:
    _RUNNING.discard(task)
    if not task.cancelled():
        with contextlib.suppress(BaseException):
            task.exception()  # failures are already in the run's record and its events


def _ping() -> ServerSentEvent:
    return ServerSentEvent(comment="ping", sep="\n")


def sse_event(event: dict[str, Any]) -> ServerSentEvent:
    return ServerSentEvent(
        id=str(event["seq"]),
        event=event["type"],
        data=orjson.dumps(event["data"], default=str).decode(),
        sep="\n",
    )


async def _sse(
    runtime: RuntimeDep, org_id: str, run_id: str, events: asyncio.Queue[dict[str, Any]]
) -> AsyncIterator[ServerSentEvent]:
    """The live turn's events; once it waits for people, its stored log as it grows."""
    while True:
        event = await events.get()
        if event["type"] == WAITING:
            break
        if event["type"] in CHAT_EVENTS:
            yield sse_event(event)
        if event["type"] in TERMINAL:
            return
    async for stored in _stored_sse(runtime, org_id, run_id, event["seq"]):
        yield stored


async def _stored_sse(
    runtime: RuntimeDep, org_id: str, run_id: str, after_seq: int
) -> AsyncIterator[ServerSentEvent]:
    """The turn's stored events after ``after_seq``, then new ones, until it ends."""
    async for stored in follow_events(runtime.db, runtime.bus, org_id, run_id, after_seq):
        if stored.type in CHAT_EVENTS:
            yield sse_event({"seq": stored.seq, "type": stored.type, "data": stored.data})
        if stored.type in TERMINAL:
            return
