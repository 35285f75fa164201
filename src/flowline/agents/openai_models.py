"""``GET /v1/models``: the caller's agents, as the models an OpenAI client can choose.

Each agent is a model whose id is the agent's id (``model`` in
``/v1/chat/completions`` and ``/v1/responses``), ``owned_by`` its organisation's id,
``created`` its creation time in Unix seconds and ``name`` the agent's name. Only the
key's organisation's agents are listed, and only for a caller that may chat with them
(``agents:chat``).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Query

from flowline.agents import service
from flowline.agents.openai_errors import openai_router
from flowline.api.deps import SessionDep, require
from flowline.auth.principal import Principal
from flowline.db.models import Agent

router = openai_router()
Chatter = Annotated[Principal, require("agents:chat")]
MAX_LIMIT = 100


def model_of(agent: Agent) -> dict[str, Any]:
    return {
        "id": agent.id,
        "object": "model",
        "created": int(agent.created_at.timestamp()),
        "owned_by": agent.org_id,
        "name": agent.name,  # not OpenAI's; chat UIs such as Open WebUI show it when present
    }


@router.get(
    "/models",
    summary="List agents as models",
    description=(
        "The caller's organisation's agents as OpenAI models (`id` the agent's id, `created` "
        "Unix seconds, `owned_by` the organisation's id, and `name` the agent's name, which "
        "chat UIs show), newest first (`order=asc`: oldest "
        "first). Without `limit` every agent comes in one answer, as OpenAI's own list of "
        "models does (its SDKs do not page it); with `limit` (1 to 100) the list is paged by "
        "cursor as OpenAI's other lists are: `has_more` says whether more follow, and "
        "`after=<last_id>` asks for them."
    ),
)
async def list_models(
    session: SessionDep,
    principal: Chatter,
    limit: Annotated[int | None, Query(ge=1, le=MAX_LIMIT)] = None,
    after: Annotated[str | None, Query(min_length=1, max_length=40)] = None,
    order: Literal["asc", "desc"] = "desc",
) -> dict[str, Any]:
    agents, more = await service.agents_after(
        session, principal, after=after, limit=limit, newest_first=order == "desc"
    )
    data = [model_of(agent) for agent in agents]
    return {
        "object": "list",
        "data": data,
        "first_id": data[0]["id"] if data else None,
        "last_id": data[-1]["id"] if data else None,
        "has_more": more,
    }


@router.get(
    "/models/{model_id}",
    summary="Get an agent as a model",
    description="Another organisation's agent, or no agent, answers 404 (`agent_not_found`).",
)
async def get_model(model_id: str, session: SessionDep, principal: Chatter) -> dict[str, Any]:
    return model_of(await service.get_agent(session, principal, model_id))
