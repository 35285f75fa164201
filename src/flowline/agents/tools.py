"""The built-in tools an agent may be given: ``kv_get``, ``kv_set``, ``current_time``, ``ask_user``.

A tool is a name, a description and JSON Schema parameters (what the model is
offered) and an async handler. A handler's failure is the tool's result, told to
the model (``{"error": ...}``), never the chat's failure.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import ValidationError

from flowline.auth.principal import Principal
from flowline.db.session import Database
from flowline.errors import FlowlineError
from flowline.kv import service as kv_service
from flowline.kv.schemas import KvSet
from flowline.llm.provider import Tool


@dataclass(frozen=True, slots=True)
class ToolContext:
    db: Database
    principal: Principal
    """Whose organisation the tool acts in."""


Handler = Callable[[ToolContext, dict[str, Any]], Awaitable[Any]]


class ToolFailed(Exception):
    """A tool could not do what it was asked; the message goes to the model."""


@dataclass(frozen=True, slots=True)
class BuiltinTool:
    name: str
    description: str
    parameters: dict[str, Any]
    handler: Handler

    def offer(self) -> Tool:
        return Tool(self.name, self.description, self.parameters)


async def _kv_get(ctx: ToolContext, arguments: dict[str, Any]) -> Any:
    key = arguments.get("key")
    if not isinstance(key, str):
        raise ToolFailed("'key' must be a string")
    async with ctx.db.session() as session:
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
    async with ctx.db.session(write=True) as session:
        entry = await kv_service.set_entry(session, ctx.principal, data)
        return {"key": entry.key, "value": entry.value, "version": entry.version}


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


async def _ask_user(ctx: ToolContext, arguments: dict[str, Any]) -> Any:
    raise ToolFailed("ask_user is answered by a person: the chat turn asks it")  # pragma: no cover


ASK_USER = "ask_user"
"""The built-in tool the chat loop handles itself: it raises a question and waits."""

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
            ASK_USER,
            "Ask the person a question and wait for the answer (minutes or days).",
            {
                "type": "object",
                "properties": {
                    "question": {"type": "string", "minLength": 1, "maxLength": 4000},
                    "options": {
                        "type": "array",
                        "items": {"type": "string"},
                        "description": "Answers to choose from, if any.",
                    },
                },
                "required": ["question"],
            },
            _ask_user,
        ),
    )
}


@dataclass(frozen=True, slots=True)
class ToolOutcome:
    result: Any
    error: str | None = None


async def run_tool(ctx: ToolContext, name: str, arguments: dict[str, Any]) -> ToolOutcome:
    """Run one built-in tool; any failure becomes an ``{"error": ...}`` result."""
    tool = BUILTIN_TOOLS.get(name)
    if tool is None:
        return _failed(f"no tool named {name!r}")
    try:
        return ToolOutcome(await tool.handler(ctx, arguments))
    except ToolFailed as exc:
        return _failed(str(exc))
    except FlowlineError as exc:
        return _failed(exc.message)


def _failed(message: str) -> ToolOutcome:
    return ToolOutcome({"error": message}, message)
