"""Sub-agents: agents with a parent, each offered to its parent as an ``agent`` tool.

Creating a sub-agent creates the parent's tool for it (``{task}``) in the same
transaction; deleting the sub-agent deletes that tool (its foreign key
cascades) and deleting the parent deletes its sub-agents. A sub-agent's own
tools are assigned from the built-ins and from its parent's tools (copied, so
that changing one later does not change the other).
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.agents import service as agents
from flowline.agents.repository import AgentRepository
from flowline.agents.schemas import AgentCreate, ChatResult
from flowline.agents.turn_store import Waiting
from flowline.auth.principal import Principal
from flowline.db.models import Agent
from flowline.db.repository import Page, PageRequest
from flowline.db.types import utcnow
from flowline.errors import Conflict, NotFound
from flowline.runtime import Runtime
from flowline.subagents.repository import SubagentRepository
from flowline.subagents.schemas import AvailableTool, SubagentCreate, SubagentUpdate
from flowline.tools import service as tools
from flowline.tools.kinds.base import ToolDef
from flowline.tools.kinds.builtin import BUILTIN_TOOLS
from flowline.tools.repository import ToolRepository
from flowline.tools.schemas import ToolCreate, ToolRead, as_tool_name
from flowline.tools.subagent import run_subagent
from flowline.tools.toolset import tool_def
from flowline.users.service import check_version

COPIED_KINDS = ("http", "flow")
"""The parent's tools a sub-agent may be given (an ``agent`` tool names the parent's own
sub-agent, which is not the sub-agent's)."""


def not_found(agent_id: str, sub_id: str) -> NotFound:
    return NotFound(f"Agent '{agent_id}' has no sub-agent '{sub_id}'.", code="SUBAGENT_NOT_FOUND")


async def list_subagents(
    session: AsyncSession, principal: Principal, agent_id: str, page: PageRequest
) -> Page[Agent]:
    parent = await agents.get_agent(session, principal, agent_id)
    repo = SubagentRepository(session, principal.org_id)
    return await repo.paginate(repo.children(parent.id), page)


async def get_subagent(
    session: AsyncSession, principal: Principal, agent_id: str, sub_id: str
) -> Agent:
    parent = await agents.get_agent(session, principal, agent_id)
    sub = await SubagentRepository(session, principal.org_id).child(parent.id, sub_id)
    if sub is None:
        raise not_found(parent.id, sub_id)
    return sub


async def create_subagent(
    session: AsyncSession, principal: Principal, agent_id: str, data: SubagentCreate
) -> Agent:
    """The sub-agent, and its parent's ``agent`` tool for it."""
    parent = await agents.get_agent(session, principal, agent_id)
    name = data.tool_name or as_tool_name(data.name)
    if await ToolRepository(session, principal.org_id).named(parent.id, name) is not None:
        raise Conflict(
            f"The agent already has a tool named '{name}'; choose another `tool_name`.",
            code="TOOL_NAME_TAKEN",
            details=[{"field": "tool_name", "problem": "already taken"}],
        )
    created = AgentCreate.model_validate(
        data.model_dump(mode="json", include={"name", "description", "config"})
    )
    sub = await agents.create_agent(session, principal, created)
    sub.parent_id = parent.id
    await session.flush()
    tool = ToolCreate(
        name=name,
        kind="agent",
        description=data.tool_description or data.description,
        config={"agent_id": sub.id},
    )
    definition = await tools.definition(session, principal, parent, tool)
    await tools.insert(session, principal, parent, definition)
    return sub


async def update_subagent(
    session: AsyncSession,
    principal: Principal,
    agent_id: str,
    sub_id: str,
    data: SubagentUpdate,
    if_match: int | None,
) -> Agent:
    sub = await get_subagent(session, principal, agent_id, sub_id)
    what = f"Sub-agent '{sub.id}'"
    check_version(sub.version, if_match, what)
    check_version(sub.version, data.expected_version, what)
    changed = False
    if data.name is not None and data.name != sub.name:
        if await AgentRepository(session, principal.org_id).by_name(data.name) is not None:
            raise Conflict(
                f"An agent named '{data.name}' already exists.",
                details=[{"field": "name", "problem": "already taken"}],
            )
        sub.name, changed = data.name, True
    if data.description is not None and data.description != sub.description:
        sub.description, changed = data.description, True
    if data.config is not None:
        return await agents.update_config(session, principal, sub.id, data.config, None)
    if changed:
        sub.version += 1
        sub.updated_at = utcnow()
        await session.flush()
    return sub


async def delete_subagent(
    session: AsyncSession, principal: Principal, agent_id: str, sub_id: str
) -> None:
    sub = await get_subagent(session, principal, agent_id, sub_id)
    await agents.delete_agent(session, principal, sub.id)


async def list_tools(
    session: AsyncSession, principal: Principal, agent_id: str, sub_id: str, page: PageRequest
) -> Page[ToolRead]:
    sub = await get_subagent(session, principal, agent_id, sub_id)
    return await tools.list_tools(session, principal, sub.id, page)


async def _parent_tools(
    session: AsyncSession, principal: Principal, parent_id: str
) -> list[ToolDef]:
    rows = await ToolRepository(session, principal.org_id).all_of(parent_id)
    return [tool_def(row) for row in rows if row.kind in COPIED_KINDS]


async def available_tools(
    session: AsyncSession, principal: Principal, agent_id: str, sub_id: str
) -> list[AvailableTool]:
    """What may still be assigned: built-ins and the parent's HTTP and flow tools."""
    sub = await get_subagent(session, principal, agent_id, sub_id)
    have = {t.name for t in await tools.all_tools(session, principal, sub)}
    found = [
        AvailableTool(name=b.name, kind="builtin", description=b.description, source="builtin")
        for b in BUILTIN_TOOLS.values()
        if b.name not in have
    ]
    found += [
        AvailableTool(name=t.name, kind=t.kind, description=t.description, source="parent")
        for t in await _parent_tools(session, principal, agent_id)
        if t.name not in have
    ]
    return found


async def assign_tool(
    session: AsyncSession, principal: Principal, agent_id: str, sub_id: str, name: str
) -> ToolRead:
    sub = await get_subagent(session, principal, agent_id, sub_id)
    if name in BUILTIN_TOOLS:
        return await tools.create_tool(
            session, principal, sub.id, ToolCreate(name=name, kind="builtin")
        )
    offered = await _parent_tools(session, principal, agent_id)
    source = next((t for t in offered if t.name == name), None)
    if source is None:
        raise NotFound(
            f"'{name}' is neither a built-in tool nor an HTTP or flow tool of agent '{agent_id}'.",
            code="TOOL_NOT_FOUND",
        )
    copy = ToolCreate(
        name=source.name,
        kind=source.kind,
        description=source.description,
        parameters=source.parameters,
        config=source.config.model_dump(mode="json"),
        approval=source.approval,
    )
    return await tools.create_tool(session, principal, sub.id, copy)


async def remove_tool(
    session: AsyncSession, principal: Principal, agent_id: str, sub_id: str, name: str
) -> None:
    sub = await get_subagent(session, principal, agent_id, sub_id)
    await tools.delete_tool(session, principal, sub.id, name)


async def run(
    runtime: Runtime, principal: Principal, sub: Agent, task: str
) -> ChatResult | Waiting:
    """One turn of the sub-agent on ``task``, run by a person (no parent turn)."""
    return await run_subagent(runtime, principal, sub.id, task, None)
