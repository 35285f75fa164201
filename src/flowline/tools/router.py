"""``/api/v1/agents/{agent_id}/tools…``: an agent's tools, run, drafted, approved."""

from __future__ import annotations

from typing import Annotated

from fastapi import Request, Response

from flowline.agents import service as agents
from flowline.api.concurrency import IfMatch
from flowline.api.deps import RuntimeDep, SessionDep, require
from flowline.api.envelope import Envelope, PageEnvelope, envelope, page_envelope
from flowline.api.errors import MODEL_CALL_RESPONSES
from flowline.api.idempotency import HEADER, IDEMPOTENT
from flowline.api.pagination import PageParams
from flowline.api.routing import make_router
from flowline.auth.principal import Principal
from flowline.ids import new_id
from flowline.tools import drafting, running, service
from flowline.tools.schemas import (
    OpenApiImport,
    ToolApprovalBody,
    ToolCreateBody,
    ToolDraftRead,
    ToolDryRunBody,
    ToolGenerateBody,
    ToolImported,
    ToolPersistBody,
    ToolRead,
    ToolRunBody,
    ToolRunResult,
    ToolUpdate,
)

router = make_router("/api/v1/agents/{agent_id}/tools", "Agent tools")
AgentsRead = Annotated[Principal, require("agents:read")]
AgentsWrite = Annotated[Principal, require("agents:write")]
AgentsChat = Annotated[Principal, require("agents:chat")]


def _call_key(request: Request) -> str:
    """The call's idempotency key: the request's ``Idempotency-Key``, else a new one."""
    return request.headers.get(HEADER) or new_id("tlc")


@router.get(
    "",
    summary="List an agent's tools",
    description="Built-ins (the agent's `tools`) first, then its persisted tools by name.",
)
async def list_tools(
    agent_id: str, session: SessionDep, principal: AgentsRead, page: PageParams
) -> PageEnvelope[ToolRead]:
    return page_envelope(await service.list_tools(session, principal, agent_id, page), lambda t: t)


@router.post(
    "",
    status_code=201,
    summary="Add a tool",
    description=(
        "A definition `{name, kind, description?, parameters?, config, approval?}` (bare or as "
        '`{"tool": {...}}`): kind `http`, `flow`, `agent` (a sub-agent), or `builtin` (adds it '
        'to the agent\'s `tools`). Or `{"openapi": {...document...}, "operations"?: [ids], '
        '"base_url"?, "credential"?, "approval"?}`: one `http` tool per operation, answered as '
        "`{tools, skipped}`. A name already used answers 409; a bad definition, 422 naming "
        "the field."
    ),
    response_model=Envelope[ToolRead] | Envelope[ToolImported],
)
async def create_tool(
    agent_id: str, body: ToolCreateBody, session: SessionDep, principal: AgentsWrite
) -> Envelope[ToolRead] | Envelope[ToolImported]:
    if isinstance(body, OpenApiImport):
        return envelope(await drafting.import_openapi(session, principal, agent_id, body))
    return envelope(await service.create_tool(session, principal, agent_id, body))


@router.post(
    "/generate",
    summary="Draft an HTTP tool from a description",
    description=(
        "One call of the agent's model with a fixed prompt, answering a JSON definition. The "
        "draft is checked and returned, not saved: try it with `tools/dry-run`, save it with "
        "`tools/persist`. A model answer that is not a usable definition is 502 "
        "`MODEL_OUTPUT_INVALID`."
    ),
    responses=MODEL_CALL_RESPONSES,
)
async def generate_tool(
    agent_id: str,
    body: ToolGenerateBody,
    session: SessionDep,
    principal: AgentsWrite,
    runtime: RuntimeDep,
) -> Envelope[ToolDraftRead]:
    agent = await agents.get_agent(session, principal, agent_id)
    await session.commit()  # no transaction is held while the model answers
    draft = await drafting.generate(session, runtime, principal, agent, body.description, body.name)
    return envelope(draft)


@router.post(
    "/dry-run",
    summary="Try a draft tool without saving it",
    description=(
        "`{tool: definition, arguments, confirmed?}`: the draft is checked as at creation and "
        "run once with the arguments (422 naming a field that does not fit). A call that needs "
        "approval (an HTTP write, by default) runs only with `confirmed: true`, else 409 "
        "`CONFIRMATION_REQUIRED`. A failed call answers 200 with `error` set."
    ),
    openapi_extra=IDEMPOTENT,
)
async def dry_run(
    agent_id: str,
    body: ToolDryRunBody,
    request: Request,
    session: SessionDep,
    principal: AgentsWrite,
    runtime: RuntimeDep,
) -> Envelope[ToolRunResult]:
    call = await running.prepare_dry_run(session, principal, agent_id, body)
    await session.commit()
    return envelope(await running.execute(runtime, principal, call, _call_key(request)))


@router.post(
    "/persist",
    status_code=201,
    summary="Save a draft tool",
    description='A definition (from `tools/generate`, say), bare or as `{"tool": {...}}`.',
)
async def persist_tool(
    agent_id: str, body: ToolPersistBody, session: SessionDep, principal: AgentsWrite
) -> Envelope[ToolRead]:
    return envelope(await service.create_tool(session, principal, agent_id, body))


@router.get("/{tool}", summary="Get a tool", description="By name (or a persisted tool's id).")
async def get_tool(
    agent_id: str, tool: str, session: SessionDep, principal: AgentsRead
) -> Envelope[ToolRead]:
    return envelope(await service.get_tool(session, principal, agent_id, tool))


@router.patch(
    "/{tool}",
    summary="Change a persisted tool",
    description=(
        "Only the fields sent change (`config` keys replace those stored); the result is "
        "checked as at creation. `If-Match` / `expected_version`: 409 on mismatch. Built-ins "
        "cannot be changed (409 `TOOL_BUILTIN`)."
    ),
)
async def update_tool(
    agent_id: str,
    tool: str,
    body: ToolUpdate,
    session: SessionDep,
    principal: AgentsWrite,
    if_match: IfMatch,
) -> Envelope[ToolRead]:
    return envelope(await service.update_tool(session, principal, agent_id, tool, body, if_match))


@router.delete(
    "/{tool}",
    status_code=204,
    summary="Remove a tool",
    description="A built-in leaves the agent's `tools`; a persisted tool is deleted.",
)
async def delete_tool(
    agent_id: str, tool: str, session: SessionDep, principal: AgentsWrite
) -> Response:
    await service.delete_tool(session, principal, agent_id, tool)
    return Response(status_code=204)


@router.put(
    "/{tool}/approval",
    summary="Set a tool's approval policy",
    description=(
        "`never`, `always`, or `mutating`: calls that change something elsewhere (HTTP "
        "methods other than GET, HEAD, OPTIONS) wait for a person's approval."
    ),
)
async def set_approval(
    agent_id: str, tool: str, body: ToolApprovalBody, session: SessionDep, principal: AgentsWrite
) -> Envelope[ToolRead]:
    return envelope(await service.set_approval(session, principal, agent_id, tool, body.policy))


@router.post(
    "/{tool}/run",
    summary="Run a tool",
    description=(
        "`{arguments, confirmed?}`: arguments are checked against the tool's parameters (422 "
        "naming the field). A call that needs approval runs only with `confirmed: true`, else "
        "409 `CONFIRMATION_REQUIRED` showing the request; nothing is sent. The request's "
        "`Idempotency-Key` is the call's (HTTP writes send it). A failed call answers 200 with "
        "`error` set, as a chat's tool calls do."
    ),
    openapi_extra=IDEMPOTENT,
)
async def run_tool(
    agent_id: str,
    tool: str,
    body: ToolRunBody,
    request: Request,
    session: SessionDep,
    principal: AgentsChat,
    runtime: RuntimeDep,
) -> Envelope[ToolRunResult]:
    call = await running.prepare_call(session, principal, agent_id, tool, body)
    await session.commit()  # the call works through sessions of its own
    return envelope(await running.execute(runtime, principal, call, _call_key(request)))
