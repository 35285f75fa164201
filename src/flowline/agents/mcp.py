"""``/mcp``: an MCP server (Streamable HTTP, JSON answers) offering agents and flows as tools.

Any MCP client points at ``http://host:8420/mcp`` with a Flowline API key
(``Authorization: Bearer …``). Which agents and flows it sees is chosen in the
URL: ``/mcp?agents=agt_1,agt_2&flows=flw_1`` (either list may be left out;
with neither, every agent and every active flow of the organisation). Each
agent is a tool ``agent_<name>`` taking ``{"message"}`` and answering with the
agent's reply (one chat turn on a new conversation); each flow is a tool
``flow_<name>`` whose input schema is the flow's ``start`` input schema and
whose answer is the run's output as JSON (the run is waited for up to
``FLOW_WAIT_SECONDS``; a run that has not ended by then is told as such, with
its id). Failures are tool results with ``isError``, as MCP wants.

JSON-RPC methods: ``initialize``, ``notifications/initialized`` (and any other
notification: ``202``), ``ping``, ``tools/list``, ``tools/call``; batches too.
A body that is not JSON is ``400`` with the JSON-RPC error ``-32700``; one that is
not a JSON-RPC 2.0 request or notification (or a non-empty batch of them) as this
document describes it is ``400`` with ``-32600`` (Invalid Request), as MCP asks of
input a server cannot accept.
``GET /mcp`` is ``405``: this server sends nothing unasked.
"""

from __future__ import annotations

import functools
import re
from typing import Annotated, Any

import jsonschema_rs
import orjson
import sqlalchemy as sa
from fastapi import Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from flowline import __version__
from flowline.agents.chat import TurnRunner, begin_turn
from flowline.agents.schemas import MessageIn
from flowline.agents.turn_log import EventLog
from flowline.agents.turn_store import Waiting
from flowline.api.deps import RuntimeDep, SessionDep, require
from flowline.api.routing import make_router
from flowline.auth.principal import Principal
from flowline.db.models import Agent, Flow, FlowVersion
from flowline.engine.start import start_run
from flowline.engine.waiting import start_and_wait
from flowline.errors import FlowlineError
from flowline.runtime import Runtime

router = make_router("/mcp", "MCP")
Caller = Annotated[Principal, require("agents:chat")]
PROTOCOLS = ("2025-11-25", "2025-06-18", "2025-03-26")
"""MCP versions whose tools subset this server speaks, newest first; a client asking for
another is answered with the newest (the spec's rule for an unsupported version)."""
FLOW_WAIT_SECONDS = 60.0
IdList = Annotated[str | None, Query(max_length=4000, pattern=r"^[A-Za-z0-9_,-]*$")]
"""Ids, comma-separated: ASCII, so that the longest list stays a URL the server reads."""


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "_", name).strip("_")[:48] or "unnamed"


def _ids(raw: str | None) -> list[str] | None:
    return [part for part in (raw or "").split(",") if part] if raw else None


async def _tools(
    session: SessionDep, org_id: str, agents: list[str] | None, flows: list[str] | None
) -> dict[str, tuple[str, str, dict[str, Any], str]]:
    """``{tool name: (kind, id, input schema, description)}`` of what the URL chose."""
    everything = agents is None and flows is None
    chosen: dict[str, tuple[str, str, dict[str, Any], str]] = {}
    if everything or agents:
        stmt = sa.select(Agent).where(Agent.org_id == org_id).order_by(Agent.name)
        if agents:
            stmt = stmt.where(Agent.id.in_(agents))
        for agent in (await session.execute(stmt)).scalars():
            schema = {
                "type": "object",
                "properties": {"message": {"type": "string", "description": "What to ask."}},
                "required": ["message"],
            }
            about = agent.description or f"Ask the agent {agent.name}."
            chosen[f"agent_{_slug(agent.name)}"] = ("agent", agent.id, schema, about)
    if everything or flows:
        stmt2 = (
            sa.select(Flow, FlowVersion.definition)
            .join(FlowVersion, FlowVersion.id == Flow.current_version_id)
            .where(Flow.org_id == org_id, Flow.deleted_at.is_(None), Flow.status == "active")
            .order_by(Flow.name)
        )
        if flows:
            stmt2 = stmt2.where(Flow.id.in_(flows))
        for flow, definition in (await session.execute(stmt2)).all():
            about = flow.description or f"Run the flow {flow.name}."
            chosen[f"flow_{_slug(flow.name)}"] = ("flow", flow.id, _input_schema(definition), about)
    return chosen


def _input_schema(definition: dict[str, Any]) -> dict[str, Any]:
    for node in definition.get("nodes") or []:
        data = node.get("data") or {}
        if data.get("node_type") == "start":
            schema = (data.get("config") or {}).get("input_schema")
            if isinstance(schema, dict):
                return schema
    return {"type": "object"}


def _text(text: str, *, error: bool = False) -> dict[str, Any]:
    return {"content": [{"type": "text", "text": text}], "isError": error}


async def _call_agent(
    runtime: Runtime, principal: Principal, agent_id: str, arguments: dict[str, Any]
) -> dict[str, Any]:
    message = arguments.get("message")
    if not isinstance(message, str) or not message.strip():
        return _text("'message' must be a non-empty string", error=True)
    turn = await begin_turn(
        runtime, principal, agent_id, None, [MessageIn(role="user", content=message)]
    )
    outcome = await TurnRunner(runtime, turn, EventLog.of(turn), streaming=False).run()
    if isinstance(outcome, Waiting):
        return _text(f"The agent waits for a person (run {outcome.run_id}).")
    return _text(outcome.message.content)


async def _call_flow(
    runtime: Runtime, principal: Principal, flow_id: str, arguments: dict[str, Any]
) -> dict[str, Any]:
    if not principal.allows("runs:write"):
        return _text("This key may not start runs (needs runs:write).", error=True)
    start = functools.partial(
        start_run,
        bus=runtime.bus,
        org_id=principal.org_id,
        flow_id=flow_id,
        input=arguments,
        trigger="mcp",
        created_by_id=principal.user_id,
    )
    started, run = await start_and_wait(runtime, start, FLOW_WAIT_SECONDS)
    if run is None:
        return _text(f"Run {started.run.id} is gone.", error=True)
    if run.status == "succeeded":
        return _text(orjson.dumps(run.output, default=str).decode())
    if run.status in ("failed", "cancelled"):
        error = orjson.dumps(run.error, default=str).decode()
        return _text(f"Run {run.id} {run.status}: {error}", error=True)
    return _text(f"Run {run.id} is {run.status}; follow it at /api/v1/runs/{run.id}.")


def _reply(message_id: Any, result: Any) -> dict[str, Any]:
    return {"jsonrpc": "2.0", "id": message_id, "result": result}


def _error(message_id: Any, code: int, text: str) -> dict[str, Any]:
    return {"jsonrpc": "2.0", "id": message_id, "error": {"code": code, "message": text}}


async def _handle(
    message: Any,
    session: SessionDep,
    runtime: Runtime,
    principal: Principal,
    agents: list[str] | None,
    flows: list[str] | None,
) -> dict[str, Any] | None:
    method, message_id = message.get("method"), message.get("id")
    if "id" not in message:
        return None  # a notification: nothing to answer
    params = message.get("params") or {}
    if method == "initialize":
        asked = params.get("protocolVersion") if isinstance(params, dict) else None
        return _reply(
            message_id,
            {
                "protocolVersion": asked if asked in PROTOCOLS else PROTOCOLS[0],
                "capabilities": {"tools": {"listChanged": False}},
                "serverInfo": {"name": "flowline", "version": __version__},
            },
        )
    if method == "ping":
        return _reply(message_id, {})
    if method == "tools/list":
        tools = await _tools(session, principal.org_id, agents, flows)
        listed = [
            {"name": name, "description": about, "inputSchema": schema}
            for name, (_, _, schema, about) in tools.items()
        ]
        return _reply(message_id, {"tools": listed})
    if method == "tools/call":
        name = params.get("name") if isinstance(params, dict) else None
        arguments = params.get("arguments") or {} if isinstance(params, dict) else {}
        tools = await _tools(session, principal.org_id, agents, flows)
        if not isinstance(name, str) or name not in tools:
            return _error(message_id, -32602, f"Unknown tool {name!r}.")
        if not isinstance(arguments, dict):
            return _error(message_id, -32602, "'arguments' must be an object.")
        kind, target, _, _ = tools[name]
        await session.commit()  # the call works through short transactions of its own
        try:
            if kind == "agent":
                result = await _call_agent(runtime, principal, target, arguments)
            else:
                result = await _call_flow(runtime, principal, target, arguments)
        except FlowlineError as exc:
            result = _text(exc.message, error=True)
        return _reply(message_id, result)
    return _error(message_id, -32601, f"Unknown method {method!r}.")


class RpcError(BaseModel):
    code: int
    message: str


class RpcErrorBody(BaseModel):
    """A JSON-RPC error answer (a body that is not JSON: ``-32700``; not a JSON-RPC
    request: ``-32600``)."""

    jsonrpc: str
    id: Any = None
    error: RpcError


_RPC_MESSAGE: dict[str, Any] = {
    "type": "object",
    "description": "A JSON-RPC 2.0 request or notification (no `id`).",
    "required": ["jsonrpc", "method"],
    "properties": {
        "jsonrpc": {"const": "2.0"},
        "id": {"type": ["string", "integer", "null"]},
        "method": {"type": "string"},
        "params": {"type": "object"},
    },
}
_BODY: dict[str, Any] = {
    "anyOf": [_RPC_MESSAGE, {"type": "array", "items": _RPC_MESSAGE, "minItems": 1}]
}
_BODY_VALIDATOR = jsonschema_rs.validator_for(_BODY)


def _invalid_request(body: Any) -> str | None:
    """Why ``body`` is not a JSON-RPC request, notification or batch as documented."""
    if _BODY_VALIDATOR.is_valid(body):
        return None
    if isinstance(body, list):
        for index, message in enumerate(body):
            if not _BODY_VALIDATOR.is_valid(message):
                return f"Invalid Request: message {index} is not a JSON-RPC 2.0 request."
        return "Invalid Request: an empty batch."
    return "Invalid Request: not a JSON-RPC 2.0 request or notification."


@router.post(
    "",
    summary="MCP: JSON-RPC over Streamable HTTP",
    description=__doc__,
    response_model=None,
    responses={
        202: {"description": "Only notifications: nothing to answer."},
        400: {
            "model": RpcErrorBody,
            "description": "The body is not JSON (`-32700`) or not a JSON-RPC 2.0 request, "
            "notification or non-empty batch of them (`-32600`).",
        },
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": _BODY}},
        }
    },
)
async def mcp(
    request: Request,
    session: SessionDep,
    principal: Caller,
    runtime: RuntimeDep,
    agents: IdList = None,
    flows: IdList = None,
) -> Response:
    try:
        body = orjson.loads(await request.body())
    except orjson.JSONDecodeError:
        return JSONResponse(_error(None, -32700, "The body is not JSON."), status_code=400)
    problem = _invalid_request(body)
    if problem is not None:
        return JSONResponse(_error(None, -32600, problem), status_code=400)
    chosen_agents, chosen_flows = _ids(agents), _ids(flows)
    messages = body if isinstance(body, list) else [body]
    answers = [
        answer
        for message in messages
        if (
            answer := await _handle(
                message, session, runtime, principal, chosen_agents, chosen_flows
            )
        )
        is not None
    ]
    if not answers:
        return Response(status_code=202)
    return JSONResponse(answers if isinstance(body, list) else answers[0])


@router.get(
    "",
    include_in_schema=False,  # always 405: nothing a client can ask of it
    summary="MCP: no server-sent stream",
    description="Always `405`: this server sends nothing unasked.",
    responses={405: {"description": "Method Not Allowed: use POST."}},
)
async def mcp_stream() -> Response:
    return Response(status_code=405, headers={"Allow": "POST"})
