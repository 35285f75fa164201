"""Agents' tools: their definitions, checked as a whole, and their approval policies.

Built-in tools live in the agent's configuration (``tools``, ``approval``);
the others are rows of ``agent_tools``. Both are listed, read, deleted and given
an approval policy through the same routes, by name. Running tools, drafting
them and importing them from OpenAPI documents are in ``running.py`` and
``drafting.py``; what a chat turn uses is ``toolset.py``.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.agents import service as agents
from flowline.agents.schemas import AgentConfigUpdate
from flowline.auth.principal import Principal
from flowline.db.models import Agent, AgentTool
from flowline.db.repository import Page, PageRequest
from flowline.db.types import utcnow
from flowline.errors import Conflict, NotFound, ValidationFailed
from flowline.ids import new_id
from flowline.tools.kinds import KINDS
from flowline.tools.kinds.agent import AgentToolConfig
from flowline.tools.kinds.base import ToolDef, ToolPolicy
from flowline.tools.kinds.builtin import BUILTIN_TOOLS, builtin_def
from flowline.tools.kinds.http import CREDENTIAL_CONFIRM, HttpToolConfig
from flowline.tools.repository import ToolRepository
from flowline.tools.schemas import ToolCreate, ToolRead, ToolUpdate
from flowline.tools.toolset import load_toolset, schema_problem, tool_def
from flowline.users.service import check_version


def not_found(agent_id: str, name: str) -> NotFound:
    return NotFound(f"Agent '{agent_id}' has no tool '{name}'.", code="TOOL_NOT_FOUND")


def _name_taken(name: str) -> Conflict:
    return Conflict(
        f"The agent already has a tool named '{name}'.",
        code="TOOL_NAME_TAKEN",
        details=[{"field": "name", "problem": "already taken"}],
    )


def config_problems(exc: ValidationError, prefix: str) -> list[dict[str, str]]:
    return [
        {
            "field": ".".join([prefix, *map(str, e["loc"])]),
            "problem": str(e["msg"]).removeprefix("Value error, "),
        }
        for e in exc.errors()
    ]


def read(agent_id: str, tool: ToolDef, row: AgentTool | None = None) -> ToolRead:
    kind = KINDS[tool.kind]
    return ToolRead(
        id=tool.id,
        agent_id=agent_id,
        name=tool.name,
        kind=tool.kind,
        description=tool.description,
        parameters=tool.parameters,
        config=tool.config.model_dump(mode="json"),
        approval=tool.approval or kind.default_policy,
        approval_is_default=tool.approval is None,
        persisted=row is not None,
        version=None if row is None else row.version,
        created_at=None if row is None else row.created_at,
        updated_at=None if row is None else row.updated_at,
    )


async def definition(
    session: AsyncSession, principal: Principal, agent: Agent, data: ToolCreate
) -> ToolDef:
    """The tool ``data`` defines, checked whole: 422 naming the field at fault."""
    kind = KINDS[data.kind]
    builtin = BUILTIN_TOOLS.get(data.name)
    if data.kind == "builtin" and builtin is None:
        known = ", ".join(sorted(BUILTIN_TOOLS))
        raise ValidationFailed(
            f"No built-in tool is named {data.name!r}; they are {known}.", field="name"
        )
    if data.kind != "builtin" and builtin is not None:
        raise ValidationFailed(f"{data.name!r} is the name of a built-in tool.", field="name")
    if kind.fixed_parameters and data.parameters is not None:
        raise ValidationFailed(
            f"The parameters of {data.kind} tools are fixed; leave them out.", field="parameters"
        )
    try:
        config: BaseModel = kind.config_model.model_validate(data.config)
    except ValidationError as exc:
        raise ValidationFailed(
            f"The {data.kind} tool's config is not valid.",
            details=config_problems(exc, "config"),
        ) from None
    derived = await kind.prepare(session, principal.org_id, agent.id, config)
    if builtin is not None:
        return builtin_def(data.name, data.approval)
    parameters = data.parameters or derived or kind.default_parameters(config)
    problem = schema_problem(parameters)
    if problem is not None:
        raise ValidationFailed(f"parameters {problem}", field="parameters")
    parameters = kind.complete(config, parameters)
    facts: dict[str, Any] = {}
    if isinstance(config, HttpToolConfig) and config.credential is not None:
        policies = await ToolRepository(session, principal.org_id).credential_policies(
            [config.credential]
        )
        facts[CREDENTIAL_CONFIRM] = policies.get(config.credential)
    return ToolDef(
        name=data.name,
        kind=data.kind,
        description=data.description or kind.describe(config),
        parameters=parameters,
        config=config,
        approval=data.approval,
        facts=facts,
    )


def _apply(row: AgentTool, tool: ToolDef) -> None:
    row.name = tool.name
    row.description = tool.description
    row.parameters = tool.parameters
    row.config = tool.config.model_dump(mode="json")
    row.approval = tool.approval
    row.subagent_id = tool.config.agent_id if isinstance(tool.config, AgentToolConfig) else None


async def _builtins(
    session: AsyncSession,
    principal: Principal,
    agent: Agent,
    tools: list[str],
    approval: dict[str, ToolPolicy],
) -> None:
    update = AgentConfigUpdate(tools=tools, approval=approval)
    await agents.update_config(session, principal, agent.id, update, None)


async def list_tools(
    session: AsyncSession, principal: Principal, agent_id: str, page: PageRequest
) -> Page[ToolRead]:
    """Built-ins first (in the agent's order), then persisted tools by name."""
    agent = await agents.get_agent(session, principal, agent_id)
    return Page.of(await all_tools(session, principal, agent), page)


async def all_tools(session: AsyncSession, principal: Principal, agent: Agent) -> list[ToolRead]:
    toolset = await load_toolset(session, principal, agent)
    rows = {r.name: r for r in await ToolRepository(session, principal.org_id).all_of(agent.id)}
    return [read(agent.id, tool, rows.get(tool.name)) for tool in toolset.tools.values()]


async def _row(session: AsyncSession, principal: Principal, agent: Agent, name: str) -> AgentTool:
    repo = ToolRepository(session, principal.org_id)
    row = await repo.named(agent.id, name)
    if row is None:
        row = await repo.get(name)  # an id works too
        if row is not None and row.agent_id != agent.id:
            row = None
    if row is None:
        raise not_found(agent.id, name)
    return row


async def get_tool(
    session: AsyncSession, principal: Principal, agent_id: str, name: str
) -> ToolRead:
    agent = await agents.get_agent(session, principal, agent_id)
    if name in agents.config_of(agent).tools:
        toolset = await load_toolset(session, principal, agent)
        tool = toolset.get(name)
        assert tool is not None
        return read(agent.id, tool)
    row = await _row(session, principal, agent, name)
    return read(agent.id, tool_def(row), row)


async def create_tool(
    session: AsyncSession, principal: Principal, agent_id: str, data: ToolCreate
) -> ToolRead:
    """Add a tool: a built-in joins the agent's ``tools``; any other kind is a new row."""
    agent = await agents.get_agent(session, principal, agent_id)
    tool = await definition(session, principal, agent, data)
    if tool.kind == "builtin":
        config = agents.config_of(agent)
        if tool.name in config.tools:
            raise _name_taken(tool.name)
        approval = dict(config.approval)
        if tool.approval is not None:
            approval[tool.name] = tool.approval
        await _builtins(session, principal, agent, [*config.tools, tool.name], approval)
        return read(agent.id, builtin_def(tool.name, approval.get(tool.name)))
    row = await insert(session, principal, agent, tool)
    return read(agent.id, tool_def(row), row)


async def insert(
    session: AsyncSession, principal: Principal, agent: Agent, tool: ToolDef
) -> AgentTool:
    repo = ToolRepository(session, principal.org_id)
    if await repo.named(agent.id, tool.name) is not None:
        raise _name_taken(tool.name)
    now = utcnow()
    row = AgentTool(
        id=new_id("tol"),
        agent_id=agent.id,
        kind=tool.kind,
        version=1,
        created_by_id=principal.user_id,
        created_at=now,
        updated_at=now,
    )
    _apply(row, tool)
    repo.add(row)
    try:
        async with session.begin_nested():
            await session.flush()
    except IntegrityError:
        raise _name_taken(tool.name) from None
    return row


def _builtin_is_fixed(name: str) -> Conflict:
    return Conflict(
        f"The built-in tool '{name}' cannot be changed; `PUT …/tools/{name}/approval` sets "
        "its approval policy.",
        code="TOOL_BUILTIN",
    )


async def update_tool(
    session: AsyncSession,
    principal: Principal,
    agent_id: str,
    name: str,
    data: ToolUpdate,
    if_match: int | None,
) -> ToolRead:
    """Change the fields sent; the result is checked as a whole, as at creation."""
    agent = await agents.get_agent(session, principal, agent_id)
    if name in agents.config_of(agent).tools:
        raise _builtin_is_fixed(name)
    row = await _row(session, principal, agent, name)
    what = f"Tool '{row.name}'"
    check_version(row.version, if_match, what)
    check_version(row.version, data.expected_version, what)
    sent = data.model_fields_set
    merged = ToolCreate(
        name=data.name if data.name is not None else row.name,
        kind=row.kind,
        description=data.description if data.description is not None else row.description,
        parameters=data.parameters if "parameters" in sent else row.parameters,
        config={**row.config, **(data.config or {})},
        approval=data.approval if "approval" in sent else tool_def(row).approval,
    )
    if KINDS[row.kind].fixed_parameters:
        merged.parameters = None
    tool = await definition(session, principal, agent, merged)
    repo = ToolRepository(session, principal.org_id)
    if tool.name != row.name and await repo.named(agent.id, tool.name) is not None:
        raise _name_taken(tool.name)
    _apply(row, tool)
    row.version += 1
    row.updated_at = utcnow()
    await session.flush()
    return read(agent.id, tool_def(row), row)


async def delete_tool(
    session: AsyncSession, principal: Principal, agent_id: str, name: str
) -> None:
    """A built-in leaves the agent's ``tools``; a persisted tool is deleted."""
    agent = await agents.get_agent(session, principal, agent_id)
    config = agents.config_of(agent)
    if name in config.tools:
        tools = [t for t in config.tools if t != name]
        approval = {k: v for k, v in config.approval.items() if k != name}
        await _builtins(session, principal, agent, tools, approval)
        return
    row = await _row(session, principal, agent, name)
    await ToolRepository(session, principal.org_id).delete(row)
    await session.flush()


async def set_approval(
    session: AsyncSession, principal: Principal, agent_id: str, name: str, policy: ToolPolicy
) -> ToolRead:
    agent = await agents.get_agent(session, principal, agent_id)
    config = agents.config_of(agent)
    if name in config.tools:
        await _builtins(session, principal, agent, config.tools, {**config.approval, name: policy})
        return read(agent.id, builtin_def(name, policy))
    row = await _row(session, principal, agent, name)
    row.approval = policy
    row.version += 1
    row.updated_at = utcnow()
    await session.flush()
    return read(agent.id, tool_def(row), row)
