"""``/api/v1/agents/{agent_id}/capability/…``: retrieve, plan, reflect."""

from __future__ import annotations

from typing import Annotated

from flowline.agents import service as agents
from flowline.api.deps import RuntimeDep, SessionDep, require
from flowline.api.envelope import Envelope, envelope
from flowline.api.errors import MODEL_CALL_RESPONSES
from flowline.api.routing import make_router
from flowline.auth.principal import Principal
from flowline.capabilities import service
from flowline.capabilities.schemas import (
    PlanBody,
    PlanResult,
    ReflectBody,
    ReflectResult,
    RetrieveBody,
    RetrieveResult,
)

router = make_router("/api/v1/agents/{agent_id}/capability", "Agent capabilities")
AgentsChat = Annotated[Principal, require("agents:chat")]
_SHAPE = " An answer of the wrong shape is 502 `MODEL_OUTPUT_INVALID`."


@router.post(
    "/retrieve",
    summary="Retrieve from the agent's conversations",
    description=(
        "One model call turns `query` into search words; the agent's conversations (user and "
        "assistant messages) are searched for them, most words matched first, then newest." + _SHAPE
    ),
    responses=MODEL_CALL_RESPONSES,
)
async def retrieve(
    agent_id: str,
    body: RetrieveBody,
    session: SessionDep,
    principal: AgentsChat,
    runtime: RuntimeDep,
) -> Envelope[RetrieveResult]:
    agent = await agents.get_agent(session, principal, agent_id)
    await session.commit()  # no transaction is held while the model answers
    return envelope(await service.retrieve(runtime, principal, agent, body))


@router.post(
    "/plan",
    summary="Plan towards a goal",
    description=(
        "One model call: `{goal, steps: [{title, tool?}]}`, each `tool` one of the agent's."
        + _SHAPE
    ),
    responses=MODEL_CALL_RESPONSES,
)
async def plan(
    agent_id: str, body: PlanBody, session: SessionDep, principal: AgentsChat, runtime: RuntimeDep
) -> Envelope[PlanResult]:
    agent = await agents.get_agent(session, principal, agent_id)
    await session.commit()
    return envelope(await service.plan(runtime, principal, agent, body))


@router.post(
    "/reflect",
    summary="Review an answer",
    description=(
        "One model call: `{assessment, issues, suggestions}` about `text` (with the `request` "
        "it answers, if given) or about the last answer of conversation `thread_id`." + _SHAPE
    ),
    responses=MODEL_CALL_RESPONSES,
)
async def reflect(
    agent_id: str,
    body: ReflectBody,
    session: SessionDep,
    principal: AgentsChat,
    runtime: RuntimeDep,
) -> Envelope[ReflectResult]:
    agent = await agents.get_agent(session, principal, agent_id)
    await session.commit()
    return envelope(await service.reflect(runtime, principal, agent, body))
