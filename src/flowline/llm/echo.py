"""``flowline/echo``: the built-in offline model, deterministic and plainly not clever.

It is what an instance without a configured provider uses, so that flows and
agents run on a fresh machine and tests need no network:

- it answers ``echo: <the last user message>``, streamed word by word;
- a line of the last user message reading ``call <tool> <json object>`` calls that
  tool (one call per such line, so several at once), if the request offers it;
- once the tool results are back, it answers ``echo: <tool> returned <result>``;
- with a ``json_schema`` it answers JSON: the user message itself when that is
  JSON, else an instance of the schema made from the user's text (:func:`instance`):
  every string is the text (a URL for ``format: uri``, a snake_case name where a
  ``pattern`` wants one), an object has its required properties, an array its
  ``minItems`` items; ``const``, ``default``, ``enum`` and ``examples`` are taken
  first; an object schema with no properties is ``{"echo": "<text>"}``. It is how
  ``tools/generate`` and the capabilities answer on a fresh machine: the same
  request, the same answer, and nothing clever;
- a token is a whitespace-separated word, counted over every message.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import orjson

from flowline.llm.provider import (
    ChatRequest,
    ChatResponse,
    FinishReason,
    Message,
    StreamEnd,
    StreamEvent,
    TextDelta,
    ToolCall,
    ToolCallDelta,
    Usage,
)

NAME = "flowline"
MODEL = "echo"
MODEL_ID = f"{NAME}/{MODEL}"
_CALL = re.compile(r"^\s*call\s+([A-Za-z0-9_.-]+)\s+(.+?)\s*$")
_URL = re.compile(r"https?://[^\s\"'<>]+")
_MAX_DEPTH = 16


def count_tokens(text: str) -> int:
    return len(text.split())


def _input_tokens(messages: list[Message]) -> int:
    total = 0
    for message in messages:
        total += count_tokens(message.content)
        for call in message.tool_calls:
            total += 1 + count_tokens(orjson.dumps(call.arguments).decode())
    return total


def _last_user(messages: list[Message]) -> str:
    for message in reversed(messages):
        if message.role == "user":
            return message.content
    return ""


def _tool_results(messages: list[Message]) -> list[Message]:
    """The tool answers after the last assistant turn (empty if the user spoke last)."""
    results: list[Message] = []
    for message in reversed(messages):
        if message.role != "tool":
            break
        results.append(message)
    return list(reversed(results))


class EchoProvider:
    """The ``flowline`` provider; it serves one model, ``echo``."""

    @property
    def name(self) -> str:
        return NAME

    def answer(self, request: ChatRequest) -> ChatResponse:
        """The whole answer, computed at once (it is the same for the same request)."""
        messages = list(request.messages)
        usage_in = _input_tokens(messages)
        results = _tool_results(messages)
        finish: FinishReason = "stop"
        calls: tuple[ToolCall, ...] = ()
        if results:
            text = "echo: " + "; ".join(f"{m.name or 'tool'} returned {m.content}" for m in results)
        else:
            user = _last_user(messages)
            calls, problem = self._calls(user, request)
            if calls:
                text, finish = "", "tool_calls"
            elif problem:
                text = f"echo: {problem}"
            elif request.json_schema is not None:
                text = _as_json(user, request.json_schema)
            else:
                text = f"echo: {user}"
        output = count_tokens(text) + sum(
            1 + count_tokens(orjson.dumps(c.arguments).decode()) for c in calls
        )
        return ChatResponse(MODEL, text, calls, Usage(usage_in, output), finish)

    def _calls(self, user: str, request: ChatRequest) -> tuple[tuple[ToolCall, ...], str]:
        offered = {tool.name for tool in request.tools}
        calls: list[ToolCall] = []
        for line in user.splitlines():
            match = _CALL.match(line)
            if match is None:
                continue
            name, raw = match.groups()
            if name not in offered:
                return (), f"no tool named {name} is offered"
            try:
                arguments = orjson.loads(raw)
            except orjson.JSONDecodeError:
                return (), f"the arguments for {name} are not JSON"
            if not isinstance(arguments, dict):
                return (), f"the arguments for {name} must be a JSON object"
            calls.append(ToolCall(f"call_echo_{len(calls) + 1}", name, arguments))
        return tuple(calls), ""

    async def chat(self, request: ChatRequest) -> ChatResponse:
        return self.answer(request)

    async def stream(self, request: ChatRequest) -> AsyncIterator[StreamEvent]:
        response = self.answer(request)
        words = response.text.split(" ") if response.text else []
        for index, word in enumerate(words):
            yield TextDelta(word if index == 0 else " " + word)
        for index, call in enumerate(response.tool_calls):
            arguments = orjson.dumps(call.arguments).decode()
            yield ToolCallDelta(index, call.id, call.name, arguments)
        yield StreamEnd(response.model, response.finish_reason, response.usage)

    async def list_models(self) -> list[str]:
        return [MODEL]


def _as_json(text: str, schema: dict[str, Any]) -> str:
    try:
        orjson.loads(text)
    except orjson.JSONDecodeError:
        return orjson.dumps(instance(schema, text)).decode()
    return text.strip()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def _fits(pattern: Any, value: str) -> bool:
    try:
        return isinstance(pattern, str) and re.search(pattern, value) is not None
    except re.error:
        return False


def _string(schema: dict[str, Any], text: str) -> str:
    form = schema.get("format")
    if form == "uri":
        found = _URL.search(text)
        value = found.group(0).rstrip(".,;:)") if found else "https://example.com/"
    elif form == "date-time":
        value = "1970-01-01T00:00:00Z"
    elif form == "date":
        value = "1970-01-01"
    else:
        value = text
    limit = schema.get("maxLength")
    if isinstance(limit, int):
        value = value[:limit]
    pattern = schema.get("pattern")
    if pattern is not None and not _fits(pattern, value):
        slug = _slug(text)
        if isinstance(limit, int):
            slug = slug[:limit].rstrip("_")
        if _fits(pattern, slug):
            value = slug
    return value


def instance(schema: Any, text: str, depth: int = 0) -> Any:
    """A value of ``schema`` made from ``text``, the same every time (see the module)."""
    if not isinstance(schema, dict) or depth > _MAX_DEPTH:
        return text
    for key in ("const", "default"):
        if key in schema:
            return schema[key]
    for key in ("enum", "examples"):
        listed = schema.get(key)
        if isinstance(listed, list) and listed:
            return listed[0]
    for key in ("anyOf", "oneOf", "allOf"):
        branches = schema.get(key)
        if isinstance(branches, list) and branches:
            return instance(branches[0], text, depth + 1)
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind is None:
        kind = "object" if "properties" in schema else "string"
    if kind == "object":
        properties = schema.get("properties") or {}
        if not properties:
            return {"echo": text}
        required = [n for n in schema.get("required") or [] if n in properties]
        return {name: instance(properties[name], text, depth + 1) for name in required}
    if kind == "array":
        least = schema.get("minItems")
        count = least if isinstance(least, int) else 0
        return [instance(schema.get("items"), text, depth + 1) for _ in range(count)]
    if kind in ("integer", "number"):
        low = schema.get("minimum")
        return low if isinstance(low, int | float) else 0
    if kind == "boolean":
        return False
    if kind == "null":
        return None
    return _string(schema, text)
