"""Skills assigned to agents (their ``config.skills``): listed, assigned, unassigned."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.agents import service as agents
from flowline.agents.schemas import AgentConfigUpdate
from flowline.auth.principal import Principal
from flowline.config import Settings
from flowline.skills.schemas import AgentSkillRead
from flowline.skills.service import usable_skills


async def agent_skills(
    session: AsyncSession, principal: Principal, settings: Settings, agent_id: str
) -> list[AgentSkillRead]:
    """The agent's skills in its order, each marked ``available`` or not."""
    agent = await agents.get_agent(session, principal, agent_id)
    names = agents.config_of(agent).skills
    usable = await usable_skills(session, principal, settings) if names else {}
    listed = []
    for name in names:
        found = usable.get(name)
        if found is None:
            listed.append(AgentSkillRead(name=name, available=False))
            continue
        listed.append(
            AgentSkillRead(
                name=name,
                title=found.title,
                description=found.description,
                source=found.source,
                available=True,
            )
        )
    return listed


async def assign(
    session: AsyncSession, principal: Principal, settings: Settings, agent_id: str, name: str
) -> list[AgentSkillRead]:
    """Add the skill to the agent's (once; a name it has already changes nothing)."""
    agent = await agents.get_agent(session, principal, agent_id)
    skills = agents.config_of(agent).skills
    if name not in skills:
        update = AgentConfigUpdate(skills=[*skills, name])
        await agents.update_config(session, principal, agent_id, update, None, settings=settings)
    return await agent_skills(session, principal, settings, agent_id)


async def unassign(
    session: AsyncSession, principal: Principal, settings: Settings, agent_id: str, name: str
) -> None:
    """Take the skill off the agent (a name it does not have: nothing changes)."""
    agent = await agents.get_agent(session, principal, agent_id)
    skills = agents.config_of(agent).skills
    if name in skills:
        update = AgentConfigUpdate(skills=[s for s in skills if s != name])
        await agents.update_config(session, principal, agent_id, update, None, settings=settings)
