"""The toolset of one agent: what a chat turn offers the model, asks a person about, runs.

This is the interface the chat loop uses::

    toolset = await load_toolset(session, principal, agent)   # one query for the tools
    toolset.offers()                    # -> list[flowline.llm.provider.Tool]
    toolset.handled_by_loop(name)       # True for ``ask_user``: the loop raises the question
    toolset.policy(name, arguments)     # -> "never" | "always" (approval before running)
    toolset.preview(name, arguments)    # what the approver is shown (secrets masked)
    await toolset.run(ctx, name, arguments, idempotency_key=key)   # -> ToolOutcome

A toolset holds the built-ins named in the agent's ``tools`` (and ``load_skill`` when
the agent has ``skills``) and every persisted
tool of the agent (``agent_tools``: ``http``, ``flow`` and ``agent`` kinds).

``policy`` resolves ``mutating`` per call: an HTTP method other than ``GET``,
``HEAD`` and ``OPTIONS`` (and, in time, a channel send) needs approval. A
persisted tool's own ``approval`` applies, else its kind's default (``mutating``
for ``http``; ``never`` for ``builtin``, ``flow`` and ``agent``); a built-in's
comes from the agent's ``approval`` setting. An HTTP tool's credential with a
stricter ``confirm`` (``writes``, ``always``) wins over the tool's own policy.

``run`` never raises for a tool's failure: unknown tools, arguments that do not
match the parameters, refused or failed requests, failed flow runs all come back
as ``ToolOutcome({"error": ...}, error)``, told to the model. It does not ask
for approval itself: the loop calls it once ``policy`` is satisfied, with the
call's idempotency key (the same on every try of one call: ``{turn}:{call id}``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any, Protocol

import jsonschema_rs
import orjson
import sqlalchemy as sa
import structlog
from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.agents.schemas import AgentConfig
from flowline.agents.service import AgentFields, config_of
from flowline.auth.principal import Principal
from flowline.db.models import Agent
from flowline.errors import FlowlineError
from flowline.llm.provider import Tool
from flowline.observability.redaction import redactor
from flowline.skills.tool import TOOL_NAME as SKILL_TOOL
from flowline.tools.kinds import KINDS
from flowline.tools.kinds.base import (
    Decision,
    ToolContext,
    ToolDef,
    ToolFailed,
    ToolOutcome,
    ToolPolicy,
    failed,
)
from flowline.tools.kinds.builtin import LOOP_TOOLS, builtin_def
from flowline.tools.kinds.http import CREDENTIAL_CONFIRM
from flowline.tools.repository import ToolRepository

log = structlog.get_logger("flowline.tools")
MAX_PROBLEMS = 20


@functools.lru_cache(maxsize=512)
def _validator(schema_json: bytes) -> Any:
    return jsonschema_rs.validator_for(orjson.loads(schema_json))


def schema_problem(schema: dict[str, Any]) -> str | None:
    """Why ``schema`` cannot be a tool's parameters, or ``None``."""
    if schema.get("type") != "object":
        return 'must be a JSON Schema of an object ({"type": "object", ...})'
    try:
        _validator(orjson.dumps(schema, option=orjson.OPT_SORT_KEYS))
    except (jsonschema_rs.ValidationError, ValueError) as exc:
        return f"is not a usable JSON Schema: {exc}"
    return None


def argument_problems(schema: dict[str, Any], arguments: Any) -> list[dict[str, str]]:
    """Each way ``arguments`` break ``schema``, as ``{field, problem}`` (``arguments.a.b``)."""
    try:
        validator = _validator(orjson.dumps(schema, option=orjson.OPT_SORT_KEYS))
    except (jsonschema_rs.ValidationError, ValueError) as exc:
        return [{"field": "parameters", "problem": f"not a usable JSON Schema: {exc}"}]
    problems = []
    for error in validator.iter_errors(arguments):
        path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.instance_path)
        problems.append({"field": f"arguments{path}", "problem": error.message})
        if len(problems) == MAX_PROBLEMS:
            break
    return problems


_POLICIES: dict[str | None, ToolPolicy] = {
    "never": "never",
    "always": "always",
    "mutating": "mutating",
}


def stored_policy(value: str | None) -> ToolPolicy | None:
    return _POLICIES.get(value)


class ToolFields(Protocol):
    """What a toolset needs of a persisted tool: an ``AgentTool``, or its plain row."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def parameters(self) -> dict[str, Any]: ...
    @property
    def config(self) -> dict[str, Any]: ...
    @property
    def approval(self) -> str | None: ...


def tool_def(row: ToolFields, facts: dict[str, Any] | None = None) -> ToolDef:
    """A persisted tool as a toolset holds it (``ValidationError`` if its config no longer
    fits its kind)."""
    kind = KINDS[row.kind]
    return ToolDef(
        name=row.name,
        kind=row.kind,
        description=row.description,
        parameters=row.parameters,
        config=kind.config_model.model_validate(row.config),
        approval=stored_policy(row.approval),
        id=row.id,
        facts=facts or {},
    )


class Toolset:
    """The tools of one agent, by name (see the module's documentation)."""

    def __init__(self, agent_id: str, tools: Iterable[ToolDef]) -> None:
        self.agent_id = agent_id
        self.tools: dict[str, ToolDef] = {tool.name: tool for tool in tools}

    def names(self) -> list[str]:
        return list(self.tools)

    def get(self, name: str) -> ToolDef | None:
        return self.tools.get(name)

    def offers(self) -> list[Tool]:
        return [Tool(t.name, t.description, t.parameters) for t in self.tools.values()]

    def handled_by_loop(self, name: str) -> bool:
        """Whether the chat loop answers this call itself (``ask_user``)."""
        return name in LOOP_TOOLS and name in self.tools

    def setting(self, name: str) -> ToolPolicy:
        """The approval policy that applies to the tool (``never`` for unknown names)."""
        tool = self.tools.get(name)
        if tool is None:
            return "never"
        return tool.approval or KINDS[tool.kind].default_policy

    def policy(self, name: str, arguments: dict[str, Any]) -> Decision:
        """Whether this call needs a person's approval before it runs."""
        tool = self.tools.get(name)
        if tool is None or name in LOOP_TOOLS:
            return "never"  # an unknown tool is not run at all
        return KINDS[tool.kind].decide(tool, self.setting(name), arguments)

    def preview(self, name: str, arguments: dict[str, Any]) -> dict[str, Any]:
        tool = self.tools.get(name)
        if tool is None:
            return {"tool": name, "arguments": arguments}
        shown: dict[str, Any] = redactor.data(KINDS[tool.kind].preview(tool, arguments))
        return shown

    def problems(self, name: str, arguments: dict[str, Any]) -> list[dict[str, str]]:
        tool = self.tools.get(name)
        return [] if tool is None else argument_problems(tool.parameters, arguments)

    async def run(
        self, ctx: ToolContext, name: str, arguments: dict[str, Any], *, idempotency_key: str
    ) -> ToolOutcome:
        """Run one call; every failure is the result (``{"error": ...}``), told to the model."""
        tool = self.tools.get(name)
        if tool is None:
            return failed(f"no tool named {name!r}")
        if name in LOOP_TOOLS:
            return failed(f"{name} is answered by the chat itself; it cannot run here")
        problems = self.problems(name, arguments)
        if problems:
            listed = "; ".join(f"{p['field']}: {p['problem']}" for p in problems)
            return failed(f"the arguments do not fit the tool: {listed}", {"problems": problems})
        try:
            result = await KINDS[tool.kind].run(ctx, tool, arguments, idempotency_key)
        except ToolFailed as exc:
            return failed(redactor.text(exc.message), redactor.data(exc.data))
        except FlowlineError as exc:
            return failed(redactor.text(exc.message))
        except Exception as exc:  # a tool's bug is still only its result
            log.warning("tool.crashed", tool=name, kind=tool.kind, error=type(exc).__name__)
            return failed(f"{name} failed unexpectedly")
        return ToolOutcome(redactor.data(result))


async def load_toolset(session: AsyncSession, principal: Principal, agent: Agent) -> Toolset:
    """The agent's toolset: :func:`load_toolset_on` on the session's connection."""
    return await session.run_sync(
        lambda sync: load_toolset_on(sync.connection(), principal.org_id, agent)
    )


def load_toolset_on(
    conn: sa.Connection, org_id: str, agent: AgentFields, config: AgentConfig | None = None
) -> Toolset:
    """The agent's toolset (its one implementation, on a plain connection): its built-ins
    and, in one query, its persisted tools (plus one for the ``confirm`` policies of the
    credentials its HTTP tools send, if any). ``config``: the agent's, when the caller
    has it already."""
    params = {"p_org": org_id, "p_agent": agent.id}
    rows = conn.execute(ToolRepository.ALL_ROWS_OF, params).all()
    names = _credentials(rows)
    policies: dict[str, str | None] = {}
    if names:
        found = conn.execute(ToolRepository.policies_statement(org_id, names)).all()
        policies = {name: policy for name, policy in found}
    return toolset_of(agent, rows, policies, config)


def _credentials(rows: Iterable[ToolFields]) -> set[str]:
    return {
        str(row.config["credential"])
        for row in rows
        if row.kind == "http" and isinstance(row.config.get("credential"), str)
    }


def toolset_of(
    agent: AgentFields,
    rows: Iterable[ToolFields],
    policies: dict[str, str | None],
    config: AgentConfig | None = None,
) -> Toolset:
    config = config if config is not None else config_of(agent)
    names = list(config.tools)
    if config.skills and SKILL_TOOL not in names:
        names.append(SKILL_TOOL)  # skills are loaded on demand: assigning one offers it
    tools = [builtin_def(name, config.approval.get(name)) for name in names]
    for row in rows:
        if row.kind not in KINDS:
            continue
        facts = {}
        if row.kind == "http":
            facts[CREDENTIAL_CONFIRM] = policies.get(str(row.config.get("credential")))
        try:
            tools.append(tool_def(row, facts))
        except ValidationError:
            log.warning("tool.unusable", tool=row.name, kind=row.kind)
    return Toolset(agent.id, tools)
