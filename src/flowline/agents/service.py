"""Agents: their records and configuration, and figures about them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any, Protocol

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.agents.repository import AgentRepository, TurnRepository
from flowline.agents.schemas import (
    AgentConfig,
    AgentConfigRead,
    AgentConfigUpdate,
    AgentCreate,
    AgentStats,
)
from flowline.auth.principal import Principal
from flowline.config import Settings
from flowline.conversations.repository import ConversationRepository
from flowline.db.models import Agent
from flowline.db.repository import Page, PageRequest
from flowline.db.types import utcnow
from flowline.errors import Conflict, MissingReference, NotFound, ValidationFailed
from flowline.ids import new_id
from flowline.llm.service import org_models
from flowline.memory.repository import ArchiveRepository
from flowline.prompt_blocks import service as prompt_blocks
from flowline.secrets.crypto import SecretBox
from flowline.skills.service import assignment_problems
from flowline.users.service import check_version


def not_found(agent_id: str) -> NotFound:
    return NotFound(f"Agent '{agent_id}' not found.", code="AGENT_NOT_FOUND")


def _name_taken(name: str) -> Conflict:
    return Conflict(
        f"An agent named '{name}' already exists.",
        details=[{"field": "name", "problem": "already taken"}],
    )


class AgentFields(Protocol):
    """What a turn needs of an agent: an ``Agent``, or its plain row."""

    @property
    def id(self) -> str: ...
    @property
    def config(self) -> dict[str, Any]: ...


def config_of(agent: AgentFields) -> AgentConfig:
    return AgentConfig.model_validate(agent.config)


async def config_read(
    session: AsyncSession, principal: Principal, agent: Agent, settings: Settings, box: SecretBox
) -> AgentConfigRead:
    """The configuration as shown, with the model a chat would use now."""
    config = config_of(agent)
    models = await org_models(session, principal.org_id, settings, box)
    return AgentConfigRead(
        **config.model_dump(),
        agent_id=agent.id,
        effective_model=config.model or models.default_model,
        version=agent.version,
    )


async def list_agents(
    session: AsyncSession, principal: Principal, page: PageRequest
) -> Page[Agent]:
    repo = AgentRepository(session, principal.org_id)
    return await repo.paginate(repo.select(), page)


async def agents_after(
    session: AsyncSession,
    principal: Principal,
    *,
    after: str | None,
    limit: int | None,
    newest_first: bool,
) -> tuple[Sequence[Agent], bool]:
    """Up to ``limit`` agents past the cursor ``after`` (all without a limit), and whether
    more follow."""
    repo = AgentRepository(session, principal.org_id)
    more = None if limit is None else limit + 1
    agents = await repo.listed(after=after, limit=more, newest_first=newest_first)
    if limit is not None and len(agents) > limit:
        return agents[:limit], True
    return agents, False


async def check_references(
    session: AsyncSession,
    principal: Principal,
    config: AgentConfig,
    settings: Settings | None,
    field: str = "config",
) -> None:
    """422 naming each prompt block and skill the configuration names that the
    organisation does not have (skills checked when the caller passes ``settings``:
    the skills directory is in them)."""
    problems = []
    if config.prompt_blocks:
        absent = await prompt_blocks.missing(session, principal, config.prompt_blocks)
        problems = [
            {"field": f"{field}.prompt_blocks[{i}]", "problem": f"no prompt block named {n!r}"}
            for i, n in enumerate(config.prompt_blocks)
            if n in absent
        ]
    if settings is not None:
        problems += await assignment_problems(
            session, principal, settings, config.skills, f"{field}.skills"
        )
    if problems:
        raise MissingReference(
            "The configuration names prompt blocks or skills that do not exist.",
            details=problems,
        )


async def create_agent(
    session: AsyncSession,
    principal: Principal,
    data: AgentCreate,
    *,
    settings: Settings | None = None,
) -> Agent:
    repo = AgentRepository(session, principal.org_id)
    if await repo.by_name(data.name) is not None:
        raise _name_taken(data.name)
    await check_references(session, principal, data.config, settings)
    now = utcnow()
    agent = repo.add(
        Agent(
            id=new_id("agt"),
            name=data.name,
            description=data.description,
            config=data.config.model_dump(mode="json"),
            version=1,
            created_by_id=principal.user_id,
            created_at=now,
            updated_at=now,
        )
    )
    try:
        await session.flush()
    except IntegrityError:
        raise _name_taken(data.name) from None
    return agent


async def get_agent(session: AsyncSession, principal: Principal, agent_id: str) -> Agent:
    agent = await AgentRepository(session, principal.org_id).get(agent_id)
    if agent is None:
        raise not_found(agent_id)
    return agent


async def delete_agent(session: AsyncSession, principal: Principal, agent_id: str) -> None:
    """Delete the agent and its sub-agents, all the way down, with their conversations,
    turns and tools (the foreign keys cascade; ``parent_id`` has none, see the model)."""
    repo = AgentRepository(session, principal.org_id)
    agent = await get_agent(session, principal, agent_id)
    doomed = [agent.id]
    level = [agent.id]
    while level:
        level = [i for i in await repo.child_ids(level) if i not in doomed]
        doomed += level
    await ArchiveRepository(session, principal.org_id).forget_agents(doomed)
    for found_id in reversed(doomed):
        found = await repo.get(found_id)
        if found is not None:
            await repo.delete(found)
    await session.flush()


async def update_config(
    session: AsyncSession,
    principal: Principal,
    agent_id: str,
    data: AgentConfigUpdate,
    if_match: int | None,
    *,
    settings: Settings | None = None,
) -> Agent:
    """Merge the fields sent into the configuration, checked as a whole (with ``settings``,
    the skills it names too)."""
    agent = await get_agent(session, principal, agent_id)
    check_version(agent.version, if_match, f"Agent '{agent_id}'")
    check_version(agent.version, data.expected_version, f"Agent '{agent_id}'")
    merged = config_of(agent).model_dump(mode="json")
    for key, value in data.model_dump(
        mode="json", exclude_unset=True, exclude={"expected_version"}
    ).items():
        if value is None:  # null resets the field to its default
            merged.pop(key, None)
        else:
            merged[key] = value
    try:
        config = AgentConfig.model_validate(merged)
    except ValueError as exc:
        raise ValidationFailed(f"The configuration is not valid: {exc}", field="config") from None
    if data.skills is not None or data.prompt_blocks is not None:
        await check_references(session, principal, config, settings)
    agent.config = config.model_dump(mode="json")
    agent.version += 1
    agent.updated_at = utcnow()
    await session.flush()
    return agent


async def stats(session: AsyncSession, principal: Principal) -> AgentStats:
    configs = await AgentRepository(session, principal.org_id).configs()
    totals = await TurnRepository(session, principal.org_id).totals()
    conversations = await ConversationRepository(session, principal.org_id).count()
    by_model = Counter(str(c.get("model") or "default") for c in configs)
    return AgentStats(
        agents=len(configs), conversations=conversations, by_model=dict(by_model), **totals
    )
