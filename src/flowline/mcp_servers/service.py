"""MCP servers an organisation registers, and their tools as tools of agents.

A server is a URL (Streamable HTTP), an optional credential (a secret bound to
the URL's host, sent as the auth header) and the tools agents may call. Its
tools become agent tools of kind ``mcp`` (``tools/kinds/mcp.py``): one by one
through ``POST agents/{id}/tools``, or all at once with their schemas through
:func:`import_tools`.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Sequence

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.agents import service as agents
from flowline.auth.principal import Principal
from flowline.db.models import McpServer
from flowline.db.types import utcnow
from flowline.errors import Conflict, Forbidden, MissingReference, NotFound, ValidationFailed
from flowline.ids import new_id
from flowline.mcp_servers import client
from flowline.mcp_servers.repository import McpServerRepository, allows
from flowline.mcp_servers.schemas import McpImport, McpServerCreate, McpServerUpdate, McpToolRead
from flowline.outbound.client import Credential
from flowline.outbound.policy import OutboundRefused
from flowline.runtime import Runtime
from flowline.secrets import service as secrets
from flowline.tools import service as tools
from flowline.tools.schemas import ToolCreate, ToolRead, as_tool_name
from flowline.users.service import check_version


def not_found(ref: str) -> NotFound:
    return NotFound(f"MCP server {ref!r} not found.", code="MCP_SERVER_NOT_FOUND")


def _taken(name: str) -> Conflict:
    return Conflict(
        f"An MCP server named {name!r} already exists.",
        details=[{"field": "name", "problem": "already taken"}],
    )


async def _check(
    session: AsyncSession, runtime: Runtime, principal: Principal, server: McpServer
) -> None:
    """The URL passes this instance's network policy as written (else 403
    ``OUTBOUND_REFUSED`` naming ``url``: a setting of the instance, not a rule of the
    request), and the credential exists (else 404 naming it) and is bound to the URL's
    host (else 409: the well-formed request meets a secret that is in the way)."""
    try:
        runtime.outbound.policy.check_url(server.url)
    except OutboundRefused as exc:
        raise Forbidden(
            exc.message,
            code=exc.error_code,
            details=[{"field": "url", "problem": exc.message}],
        ) from None
    if server.credential is None:
        return
    found = await secrets.credential(
        session, principal.org_id, server.credential, runtime.secret_box
    )
    if found is None:
        raise MissingReference(f"No secret named {server.credential!r}.", field="credential")
    host = urllib.parse.urlsplit(server.url).hostname or ""
    if not found.allows(host):
        raise Conflict(
            f"Secret {server.credential!r} is not bound to {host!r}; add the host to its "
            "hosts first.",
            details=[{"field": "credential", "problem": "not bound to the URL's host"}],
        )


async def list_servers(session: AsyncSession, principal: Principal) -> Sequence[McpServer]:
    return await McpServerRepository(session, principal.org_id).all_by_name()


async def get_server(session: AsyncSession, principal: Principal, ref: str) -> McpServer:
    server = await McpServerRepository(session, principal.org_id).by_ref(ref)
    if server is None:
        raise not_found(ref)
    return server


async def create_server(
    session: AsyncSession, runtime: Runtime, principal: Principal, data: McpServerCreate
) -> McpServer:
    repo = McpServerRepository(session, principal.org_id)
    if await repo.by_name(data.name) is not None:
        raise _taken(data.name)
    now = utcnow()
    server = McpServer(
        id=new_id("mcp"),
        **data.model_dump(),
        version=1,
        created_by_id=principal.user_id,
        created_at=now,
        updated_at=now,
    )
    await _check(session, runtime, principal, server)
    repo.add(server)
    try:
        await session.flush()
    except IntegrityError:
        raise _taken(data.name) from None
    return server


async def update_server(
    session: AsyncSession,
    runtime: Runtime,
    principal: Principal,
    ref: str,
    data: McpServerUpdate,
    if_match: int | None,
) -> McpServer:
    server = await get_server(session, principal, ref)
    check_version(server.version, if_match, f"MCP server {ref!r}")
    check_version(server.version, data.expected_version, f"MCP server {ref!r}")
    for name, value in data.model_dump(exclude_unset=True, exclude={"expected_version"}).items():
        if value is None and name not in ("credential", "allowed_tools"):
            raise ValidationFailed(f"{name} cannot be null.", field=name)
        setattr(server, name, value)
    await _check(session, runtime, principal, server)
    server.version += 1
    server.updated_at = utcnow()
    await session.flush()
    return server


async def delete_server(session: AsyncSession, principal: Principal, ref: str) -> None:
    """Delete the server; agents' tools naming it then fail, told to the model."""
    server = await get_server(session, principal, ref)
    await McpServerRepository(session, principal.org_id).delete(server)


async def credential_of(
    session: AsyncSession, runtime: Runtime, org_id: str, server: McpServer
) -> Credential | None:
    if server.credential is None:
        return None
    found = await secrets.credential(session, org_id, server.credential, runtime.secret_box)
    if found is None:
        raise ValidationFailed(f"No secret named {server.credential!r}.", field="credential")
    return found


async def remote_tools(
    session: AsyncSession, runtime: Runtime, principal: Principal, ref: str
) -> list[McpToolRead]:
    """The server's tools as it lists them now, each marked allowed or not."""
    server = await get_server(session, principal, ref)
    credential = await credential_of(session, runtime, principal.org_id, server)
    listed = await client.list_tools(runtime, server, credential)
    return [
        McpToolRead(
            name=tool.name,
            title=tool.title,
            description=tool.description or "",
            input_schema=dict(tool.input_schema),
            read_only=bool(tool.annotations and tool.annotations.read_only_hint),
            destructive=tool.annotations.destructive_hint if tool.annotations else None,
            allowed=allows(server, tool.name),
        )
        for tool in listed
    ]


async def import_tools(
    session: AsyncSession,
    runtime: Runtime,
    principal: Principal,
    agent_id: str,
    ref: str,
    data: McpImport,
) -> list[ToolRead]:
    """Make the server's allowed tools (or ``data.tools``) tools of the agent, with the
    server's descriptions and input schemas (one ``mcp`` tool each)."""
    await agents.get_agent(session, principal, agent_id)
    server = await get_server(session, principal, ref)
    listed = {t.name: t for t in await remote_tools(session, runtime, principal, ref)}
    wanted = data.tools if data.tools is not None else [n for n, t in listed.items() if t.allowed]
    for index, name in enumerate(wanted):
        if name not in listed:
            raise ValidationFailed(f"The server has no tool {name!r}.", field=f"tools[{index}]")
        if not listed[name].allowed:
            raise ValidationFailed(
                f"{name!r} is not among the server's allowed tools.", field=f"tools[{index}]"
            )
    created = []
    for name in wanted:
        remote = listed[name]
        body = ToolCreate(
            name=as_tool_name(f"{data.prefix}{name}"),
            kind="mcp",
            description=(remote.description or f"{name} (MCP server {server.name})")[:4000],
            parameters=remote.input_schema,
            config={"server": server.name, "tool": name, "read_only": remote.read_only},
            approval=data.approval,
        )
        created.append(await tools.create_tool(session, principal, agent_id, body))
    return created
