from __future__ import annotations

from typing import Annotated

from fastapi import Response

from flowline.agents import service
from flowline.agents.schemas import (
    AgentConfigRead,
    AgentConfigUpdate,
    AgentCreate,
    AgentRead,
    AgentStats,
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
from flowline.llm.service import org_models

router = make_router("/api/v1/agents", "Agents")
AgentsRead = Annotated[Principal, require("agents:read")]
AgentsWrite = Annotated[Principal, require("agents:write")]


def agent_read(agent: Agent) -> AgentRead:
    return AgentRead(
        id=agent.id,
        name=agent.name,
        description=agent.description,
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
    config = service.config_of(agent)
    models = await org_models(session, principal.org_id, runtime.settings, runtime.secret_box)
    return AgentConfigRead(
        **config.model_dump(),
        agent_id=agent.id,
        effective_model=config.model or models.default_model,
        version=agent.version,
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
