"""``flowline/echo``: the built-in offline model, deterministic and plainly not clever.

It is what an instance without a configured provider uses, so that flows and
agents run on a fresh machine and tests need no network:

- it answers ``echo: <the last user message>``, streamed word by word;
- a line of the last user message reading ``call <tool> <json object>`` calls that
  tool (one call per such line, so several at once), if the request offers it;
- once the tool results are back, it answers ``echo: <tool> returned <result>``;
- with a ``json_schema`` it answers JSON valid under that schema: the user message
  itself when that is JSON the schema accepts, else a value of the schema made from
  the user's text (``llm/schema_instance.py``): every string is the text (a URL for
  ``format: uri``, a snake_case name or the shortest match where a ``pattern``
  wants one), an object has its required properties, an array its ``minItems``
  items; ``const`` and ``enum`` are taken first, ``default`` and ``examples`` when
  they fit; an object schema with no properties is ``{"echo": "<text>"}``. It is
  how ``tools/generate`` and the capabilities answer on a fresh machine: the same
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
from flowline.llm.schema_instance import fits, instance

NAME = "flowline"
MODEL = "echo"
MODEL_ID = f"{NAME}/{MODEL}"
_CALL = re.compile(r"^\s*call\s+([A-Za-z0-9_.-]+)\s+(.+?)\s*$")


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
    """The user's text when it is JSON of the schema, else :func:`instance` of it."""
    try:
        value = orjson.loads(text)
    except orjson.JSONDecodeError:
        return orjson.dumps(instance(schema, text)).decode()
    if fits(schema, value):
        return text.strip()
    return orjson.dumps(instance(schema, text)).decode()
