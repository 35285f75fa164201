"""``builtin``: the tools Flowline itself provides, named in an agent's ``tools``.

``kv_get``, ``kv_set``, ``current_time``, ``knowledge_search`` (the agent's bound
knowledge bases) and ``load_skill`` (the agent's skills; offered whenever the agent
has skills, see ``toolset_of``) run here. ``ask_user`` is known and
offered (``{question, options?}``) but never run here: the chat loop handles it
itself, by raising a question and pausing the turn (:data:`LOOP_TOOLS`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, ClassVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, ValidationError

from flowline.errors import FlowlineError
from flowline.knowledge import tool as knowledge_tool
from flowline.kv import service as kv_service
from flowline.kv.schemas import KvSet
from flowline.memory import tool as memory_tool
from flowline.skills import tool as skill_tool
from flowline.tools.kinds.base import ToolContext, ToolDef, ToolFailed, ToolKind, ToolPolicy

Handler = Callable[[ToolContext, dict[str, Any]], Awaitable[Any]]

ASK_USER = "ask_user"
LOOP_TOOLS = frozenset({ASK_USER})
"""Built-ins the chat loop runs itself; the toolset offers them but does not run them."""


@dataclass(frozen=True, slots=True)
class BuiltinTool:
    name: str
    description: str
    parameters: dict[str, Any]
    handler: Handler | None
    """``None`` for the tools of :data:`LOOP_TOOLS`."""


class BuiltinConfig(BaseModel):
    """Built-in tools take no settings."""

    model_config = ConfigDict(extra="forbid")


async def _kv_get(ctx: ToolContext, arguments: dict[str, Any]) -> Any:
    key = arguments.get("key")
    if not isinstance(key, str):
        raise ToolFailed("'key' must be a string")
    async with ctx.runtime.db.session() as session:
        try:
            entry = await kv_service.get_entry(session, ctx.principal, key)
        except FlowlineError as exc:
            if exc.status == 404:
                return {"key": key, "found": False}
            raise
        return {"key": key, "found": True, "value": entry.value, "version": entry.version}


async def _kv_set(ctx: ToolContext, arguments: dict[str, Any]) -> Any:
    try:
        data = KvSet.model_validate(
            {k: arguments[k] for k in ("key", "value", "ttl_seconds") if k in arguments}
        )
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise ToolFailed(problems) from None
    async with ctx.runtime.db.session(write=True) as session:
        entry = await kv_service.set_entry(session, ctx.principal, data)
        return {"key": entry.key, "value": entry.value, "version": entry.version}


async def _knowledge_search(ctx: ToolContext, arguments: dict[str, Any]) -> Any:
    try:
        return await knowledge_tool.run(ctx, arguments)
    except knowledge_tool.SearchFailed as exc:
        raise ToolFailed(str(exc)) from None


async def _load_skill(ctx: ToolContext, arguments: dict[str, Any]) -> Any:
    try:
        return await skill_tool.run(ctx, arguments)
    except skill_tool.LoadFailed as exc:
        raise ToolFailed(str(exc)) from None


def _memory_tool(name: str) -> Handler:
    run = memory_tool.HANDLERS[name]

    async def handler(ctx: ToolContext, arguments: dict[str, Any]) -> Any:
        try:
            return await run(ctx, arguments)
        except memory_tool.MemoryToolFailed as exc:
            raise ToolFailed(str(exc)) from None

    return handler


async def _current_time(ctx: ToolContext, arguments: dict[str, Any]) -> Any:
    zone_name = arguments.get("timezone") or "UTC"
    if not isinstance(zone_name, str):
        raise ToolFailed("'timezone' must be a string")
    try:
        zone = ZoneInfo(zone_name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ToolFailed(f"unknown time zone {zone_name!r}") from None
    now = datetime.now(UTC)
    return {
        "utc": now.isoformat().replace("+00:00", "Z"),
        "local": now.astimezone(zone).isoformat(),
        "timezone": zone_name,
    }


BUILTIN_TOOLS: Mapping[str, BuiltinTool] = {
    tool.name: tool
    for tool in (
        BuiltinTool(
            "kv_get",
            "Read a key of the organisation's KV store.",
            {
                "type": "object",
                "properties": {"key": {"type": "string", "description": "The key."}},
                "required": ["key"],
            },
            _kv_get,
        ),
        BuiltinTool(
            "kv_set",
            "Write a JSON value under a key of the organisation's KV store.",
            {
                "type": "object",
                "properties": {
                    "key": {"type": "string"},
                    "value": {"description": "Any JSON value."},
                    "ttl_seconds": {"type": "integer", "minimum": 1},
                },
                "required": ["key", "value"],
            },
            _kv_set,
        ),
        BuiltinTool(
            "current_time",
            "The current date and time, in UTC and in a time zone.",
            {
                "type": "object",
                "properties": {
                    "timezone": {"type": "string", "description": "IANA name; default UTC."}
                },
            },
            _current_time,
        ),
        BuiltinTool(
            knowledge_tool.TOOL_NAME,
            knowledge_tool.DESCRIPTION,
            knowledge_tool.PARAMETERS,
            _knowledge_search,
        ),
        BuiltinTool(
            skill_tool.TOOL_NAME, skill_tool.DESCRIPTION, skill_tool.PARAMETERS, _load_skill
        ),
        BuiltinTool(
            ASK_USER,
            "Ask the person a question and wait for the answer.",
            {
                "type": "object",
                "properties": {
                    "question": {"type": "string", "description": "What to ask."},
                    "options": {
                        "type": "array",
                        "items": {"type": "string"},
                        "description": "Answers to choose from, if the question has a few.",
                    },
                },
                "required": ["question"],
            },
            None,
        ),
        # memory_append, memory_replace (blocks), memory_insert, memory_search (archival)
        *(
            BuiltinTool(name, description, parameters, _memory_tool(name))
            for name, (description, parameters) in memory_tool.TOOLS.items()
        ),
    )
}


class BuiltinKind(ToolKind):
    name: ClassVar[str] = "builtin"
    config_model: ClassVar[type[BaseModel]] = BuiltinConfig
    default_policy: ClassVar[ToolPolicy] = "never"
    fixed_parameters: ClassVar[bool] = True

    # ``mutates`` stays False: they change nothing outside the organisation's records.

    async def run(
        self, ctx: ToolContext, tool: ToolDef, arguments: dict[str, Any], idempotency_key: str
    ) -> Any:
        builtin = BUILTIN_TOOLS.get(tool.name)
        if builtin is None:
            raise ToolFailed(f"no built-in tool named {tool.name!r}")
        if builtin.handler is None:
            raise ToolFailed(f"{tool.name} is answered by the chat itself; it cannot run here")
        return await builtin.handler(ctx, arguments)


def builtin_def(name: str, approval: ToolPolicy | None) -> ToolDef:
    tool = BUILTIN_TOOLS[name]
    return ToolDef(name, "builtin", tool.description, tool.parameters, BuiltinConfig(), approval)


KIND = BuiltinKind()
