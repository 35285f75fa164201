"""``/api/v1/agents/{agent_id}/subagents…``: agents with a parent, offered to it as tools."""

from __future__ import annotations

from typing import Annotated

from fastapi import Response
from fastapi.responses import JSONResponse

from flowline.agents import service as agents
from flowline.agents.router import agent_read, waiting_body
from flowline.agents.schemas import AgentConfigRead, AgentRead
from flowline.agents.turn_store import Waiting
from flowline.api.bodies import unwrap
from flowline.api.concurrency import IfMatch
from flowline.api.deps import RuntimeDep, SessionDep, require
from flowline.api.envelope import Envelope, PageEnvelope, envelope, page_envelope
from flowline.api.pagination import PageParams
from flowline.api.routing import make_router
from flowline.auth.principal import Principal
from flowline.db.repository import Page
from flowline.subagents import service
from flowline.subagents.schemas import (
    AvailableTool,
    SubagentCreate,
    SubagentRunBody,
    SubagentRunResult,
    SubagentUpdate,
    ToolAssign,
)
from flowline.tools.schemas import ToolRead

router = make_router("/api/v1/agents/{agent_id}/subagents", "Sub-agents")
AgentsRead = Annotated[Principal, require("agents:read")]
AgentsWrite = Annotated[Principal, require("agents:write")]
AgentsChat = Annotated[Principal, require("agents:chat")]


@router.get("", summary="List sub-agents", description="Newest first.")
async def list_subagents(
    agent_id: str, session: SessionDep, principal: AgentsRead, page: PageParams
) -> PageEnvelope[AgentRead]:
    found = await service.list_subagents(session, principal, agent_id, page)
    return page_envelope(found, agent_read)


@router.post(
    "",
    status_code=201,
    summary="Create a sub-agent",
    description=(
        'An agent (bare or as `{"agent": {...}}`) whose parent is offered it as an `agent` '
        "tool taking `{task}`, named `tool_name` (default made from `name`). A name already "
        "used answers 409."
    ),
)
async def create_subagent(
    agent_id: str,
    body: Annotated[SubagentCreate, unwrap("agent")],
    session: SessionDep,
    principal: AgentsWrite,
) -> Envelope[AgentRead]:
    return envelope(agent_read(await service.create_subagent(session, principal, agent_id, body)))


@router.get("/{sub_id}", summary="Get a sub-agent")
async def get_subagent(
    agent_id: str, sub_id: str, session: SessionDep, principal: AgentsRead
) -> Envelope[AgentRead]:
    return envelope(agent_read(await service.get_subagent(session, principal, agent_id, sub_id)))


@router.patch(
    "/{sub_id}",
    summary="Change a sub-agent",
    description=(
        "`name`, `description` and `config` (as `PATCH agents/{id}/config`); only the fields "
        "sent change. `If-Match` / `expected_version`: 409 on mismatch."
    ),
)
async def update_subagent(
    agent_id: str,
    sub_id: str,
    body: SubagentUpdate,
    session: SessionDep,
    principal: AgentsWrite,
    if_match: IfMatch,
) -> Envelope[AgentRead]:
    sub = await service.update_subagent(session, principal, agent_id, sub_id, body, if_match)
    return envelope(agent_read(sub))


@router.delete(
    "/{sub_id}",
    status_code=204,
    summary="Delete a sub-agent",
    description="With its conversations, its own sub-agents, and its parent's tool for it.",
)
async def delete_subagent(
    agent_id: str, sub_id: str, session: SessionDep, principal: AgentsWrite
) -> Response:
    await service.delete_subagent(session, principal, agent_id, sub_id)
    return Response(status_code=204)


@router.get("/{sub_id}/config", summary="Get a sub-agent's configuration")
async def get_config(
    agent_id: str, sub_id: str, session: SessionDep, principal: AgentsRead, runtime: RuntimeDep
) -> Envelope[AgentConfigRead]:
    sub = await service.get_subagent(session, principal, agent_id, sub_id)
    read = await agents.config_read(session, principal, sub, runtime.settings, runtime.secret_box)
    return envelope(read)


@router.get(
    "/{sub_id}/tools",
    summary="List a sub-agent's tools",
    description="As `GET agents/{sub_id}/tools`.",
)
async def list_tools(
    agent_id: str, sub_id: str, session: SessionDep, principal: AgentsRead, page: PageParams
) -> PageEnvelope[ToolRead]:
    found = await service.list_tools(session, principal, agent_id, sub_id, page)
    return page_envelope(found, lambda t: t)


@router.post(
    "/{sub_id}/tools",
    status_code=201,
    summary="Assign a tool to a sub-agent",
    description=(
        "`{tool: name}`: a built-in joins its `tools`; one of the parent's HTTP or flow tools "
        "is copied to it. A name it already has answers 409; one that is not available, 404."
    ),
)
async def assign_tool(
    agent_id: str, sub_id: str, body: ToolAssign, session: SessionDep, principal: AgentsWrite
) -> Envelope[ToolRead]:
    return envelope(await service.assign_tool(session, principal, agent_id, sub_id, body.tool))


@router.delete(
    "/{sub_id}/tools/{tool}",
    status_code=204,
    summary="Remove a tool from a sub-agent",
)
async def remove_tool(
    agent_id: str, sub_id: str, tool: str, session: SessionDep, principal: AgentsWrite
) -> Response:
    await service.remove_tool(session, principal, agent_id, sub_id, tool)
    return Response(status_code=204)


@router.get(
    "/{sub_id}/available-tools",
    summary="List the tools a sub-agent may be given",
    description="Built-ins and the parent's HTTP and flow tools that it does not have yet.",
)
async def available_tools(
    agent_id: str, sub_id: str, session: SessionDep, principal: AgentsRead, page: PageParams
) -> PageEnvelope[AvailableTool]:
    found = await service.available_tools(session, principal, agent_id, sub_id)
    return page_envelope(Page.of(found, page), lambda t: t)


@router.post(
    "/{sub_id}/run",
    summary="Run a sub-agent",
    description=(
        "`{task}`: one chat turn of the sub-agent, in a new conversation of its own; its "
        "answer, the conversation (`thread_id`) and the turn (`run_id`)."
    ),
)
async def run_subagent(
    agent_id: str,
    sub_id: str,
    body: SubagentRunBody,
    session: SessionDep,
    principal: AgentsChat,
    runtime: RuntimeDep,
) -> Envelope[SubagentRunResult]:
    sub = await service.get_subagent(session, principal, agent_id, sub_id)
    await session.commit()  # the turn works through short transactions of its own
    result = await service.run(runtime, principal, sub, body.task)
    if isinstance(result, Waiting):
        return JSONResponse(  # type: ignore[return-value]
            {"data": waiting_body(result)}, status_code=202
        )
    return envelope(
        SubagentRunResult(
            agent_id=sub.id,
            answer=result.message.content,
            thread_id=result.thread_id,
            run_id=result.metadata.run_id,
        )
    )
