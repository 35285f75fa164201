from __future__ import annotations

from typing import Annotated, Any

from fastapi import Path, Response

from flowline.api.bodies import unwrap
from flowline.api.concurrency import IfMatch
from flowline.api.deps import RuntimeDep, SessionDep, require
from flowline.api.envelope import Envelope, PageEnvelope, envelope, page_envelope
from flowline.api.idempotency import IDEMPOTENT
from flowline.api.pagination import PageParams
from flowline.api.routing import make_router
from flowline.auth.principal import Principal
from flowline.db.repository import Page
from flowline.mcp_servers import service
from flowline.mcp_servers.schemas import (
    McpImport,
    McpServerCreate,
    McpServerRead,
    McpServerUpdate,
    McpToolRead,
)
from flowline.tools.schemas import ToolRead

router = make_router("/api/v1/mcp-servers", "MCP servers")
agent_router = make_router("/api/v1/agents/{agent_id}/mcp-servers", "MCP servers")
AgentsRead = Annotated[Principal, require("agents:read")]
AgentsWrite = Annotated[Principal, require("agents:write")]
ServerRef = Annotated[
    str, Path(min_length=1, max_length=64, description="The server's name or `mcp_…` id.")
]
_REMOTE: dict[int | str, dict[str, Any]] = {
    502: {"description": "The MCP server could not be reached or answered badly."}
}


@router.get("", summary="List MCP servers", description="The organisation's, by name.")
async def list_servers(
    session: SessionDep, principal: AgentsRead, page: PageParams
) -> PageEnvelope[McpServerRead]:
    servers = await service.list_servers(session, principal)
    return page_envelope(Page.of(servers, page), McpServerRead.model_validate)


@router.post(
    "",
    status_code=201,
    summary="Register an MCP server",
    description=(
        "A Streamable HTTP endpoint. `credential` names a secret sent as the auth header, "
        "only to the hosts it is bound to: a secret that does not exist is 404 and one not "
        "bound to the URL's host 409, naming `credential`. A URL this instance's network "
        "policy refuses as written (a private, loopback or unspecified address not in "
        "`FLOWLINE_ALLOW_HOSTS`) is 403 `OUTBOUND_REFUSED` naming `url`: a setting of the "
        "instance, not a rule of the request. A name in use is 409. "
        'Bare or as `{"mcp_server": {...}}`.'
    ),
    openapi_extra=IDEMPOTENT,
)
async def create_server(
    body: Annotated[McpServerCreate, unwrap("mcp_server")],
    session: SessionDep,
    principal: AgentsWrite,
    runtime: RuntimeDep,
) -> Envelope[McpServerRead]:
    server = await service.create_server(session, runtime, principal, body)
    return envelope(McpServerRead.model_validate(server))


@router.get("/{server}", summary="Get an MCP server")
async def get_server(
    server: ServerRef, session: SessionDep, principal: AgentsRead
) -> Envelope[McpServerRead]:
    found = await service.get_server(session, principal, server)
    return envelope(McpServerRead.model_validate(found))


@router.patch(
    "/{server}",
    summary="Change an MCP server",
    description=(
        "Only the fields sent change; `null` clears `credential` or `allowed_tools`. "
        "`If-Match` / `expected_version`: 409 on mismatch. The URL and credential are "
        "checked as at registration (403, 404, 409 naming the field)."
    ),
)
async def update_server(
    server: ServerRef,
    body: McpServerUpdate,
    session: SessionDep,
    principal: AgentsWrite,
    runtime: RuntimeDep,
    if_match: IfMatch,
) -> Envelope[McpServerRead]:
    found = await service.update_server(session, runtime, principal, server, body, if_match)
    return envelope(McpServerRead.model_validate(found))


@router.delete(
    "/{server}",
    status_code=204,
    summary="Delete an MCP server",
    description="Agents' tools on it stay, and fail when called (the model is told).",
)
async def delete_server(server: ServerRef, session: SessionDep, principal: AgentsWrite) -> Response:
    await service.delete_server(session, principal, server)
    return Response(status_code=204)


@router.get(
    "/{server}/tools",
    summary="List an MCP server's tools",
    description=(
        "Asks the server now (`tools/list` through the SDK's client, under the outbound "
        "rules): each tool with its input schema, hints, and whether agents may call it."
    ),
    responses=_REMOTE,
)
async def list_remote_tools(
    server: ServerRef, session: SessionDep, principal: AgentsRead, runtime: RuntimeDep
) -> Envelope[list[McpToolRead]]:
    return envelope(await service.remote_tools(session, runtime, principal, server))


@agent_router.post(
    "/{server}",
    status_code=201,
    summary="Give an agent an MCP server's tools",
    description=(
        "Lists the server's tools and makes each allowed one (or those in `tools`) a tool "
        "of the agent, kind `mcp`, named `prefix` + the tool's name, with the server's "
        "description and input schema. A tool the server lacks or does not allow is 422 "
        "naming `tools[i]`; a name the agent already has 409."
    ),
    responses=_REMOTE,
)
async def import_tools(
    agent_id: str,
    server: ServerRef,
    session: SessionDep,
    principal: AgentsWrite,
    runtime: RuntimeDep,
    body: McpImport | None = None,
) -> Envelope[list[ToolRead]]:
    data = body or McpImport()
    return envelope(await service.import_tools(session, runtime, principal, agent_id, server, data))
