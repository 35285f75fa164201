"""The one interface every model provider implements, and the values it speaks.

A provider answers a :class:`ChatRequest` either whole (:meth:`LLMProvider.chat`)
or as a stream of deltas (:meth:`LLMProvider.stream`): text chunks, fragments of
tool calls (several calls may be built at once, told apart by ``index``) and one
final :class:`StreamEnd` with the finish reason and the token usage. Everything
is ``async`` and runs on the caller's event loop, so cancelling the caller's task
cancels the call.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

import orjson

Role = Literal["system", "user", "assistant", "tool"]
FinishReason = Literal["stop", "length", "tool_calls", "content_filter", "other"]


@dataclass(frozen=True, slots=True)
class ToolCall:
    """A function the model asks to call; ``arguments`` is the parsed JSON object."""

    id: str
    name: str
    arguments: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Message:
    """One turn of the conversation.

    An ``assistant`` message may carry ``tool_calls``; a ``tool`` message answers
    one of them (``tool_call_id``, and the tool's ``name``) with ``content``.
    """

    role: Role
    content: str = ""
    tool_calls: tuple[ToolCall, ...] = ()
    tool_call_id: str | None = None
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Tool:
    """A function the model may call; ``parameters`` is a JSON Schema object."""

    name: str
    description: str = ""
    parameters: dict[str, Any] = field(default_factory=lambda: {"type": "object", "properties": {}})


@dataclass(frozen=True, slots=True)
class Usage:
    input_tokens: int = 0
    output_tokens: int = 0


@dataclass(frozen=True, slots=True)
class ChatRequest:
    """``model`` is the provider's own name for it (``gpt-4o-mini``, not ``openai/…``)."""

    model: str
    messages: Sequence[Message]
    tools: Sequence[Tool] = ()
    temperature: float | None = None
    max_tokens: int | None = None
    json_schema: dict[str, Any] | None = None
    """Ask for a JSON answer matching this schema (checking it is the caller's job)."""
    timeout_seconds: float = 120.0


@dataclass(frozen=True, slots=True)
class ChatResponse:
    model: str
    text: str
    tool_calls: tuple[ToolCall, ...] = ()
    usage: Usage = field(default_factory=Usage)
    finish_reason: FinishReason = "stop"


@dataclass(frozen=True, slots=True)
class TextDelta:
    text: str


@dataclass(frozen=True, slots=True)
class ToolCallDelta:
    """A piece of tool call ``index``: the first piece has ``id`` and ``name``, later
    pieces add to ``arguments`` (a fragment of the JSON text)."""

    index: int
    id: str | None = None
    name: str | None = None
    arguments: str = ""


@dataclass(frozen=True, slots=True)
class StreamEnd:
    model: str
    finish_reason: FinishReason
    usage: Usage


StreamEvent = TextDelta | ToolCallDelta | StreamEnd


class LLMProvider(Protocol):
    """A model provider: OpenAI-compatible, Anthropic, the built-in echo, a test fake."""

    @property
    def name(self) -> str:
        """The prefix of the model ids it serves (``openai`` in ``openai/gpt-4o``)."""
        ...

    async def chat(self, request: ChatRequest) -> ChatResponse:
        """One whole answer."""
        ...

    def stream(self, request: ChatRequest) -> AsyncIterator[StreamEvent]:
        """The answer as it is made; the last event is a :class:`StreamEnd`."""
        ...

    async def list_models(self) -> list[str]:
        """The model names the endpoint offers (also a cheap check of the key)."""
        ...


def parse_arguments(raw: str) -> dict[str, Any]:
    """A tool call's JSON arguments; text that is not a JSON object is kept as ``_raw``."""
    if not raw.strip():
        return {}
    try:
        value = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return {"_raw": raw}
    return value if isinstance(value, dict) else {"_raw": raw}


async def collect(events: AsyncIterator[StreamEvent]) -> ChatResponse:
    """Assemble a stream into the answer :meth:`LLMProvider.chat` would have given."""
    text: list[str] = []
    calls: dict[int, dict[str, Any]] = {}
    end: StreamEnd | None = None
    async for event in events:
        if isinstance(event, TextDelta):
            text.append(event.text)
        elif isinstance(event, ToolCallDelta):
            call = calls.setdefault(event.index, {"id": "", "name": "", "arguments": []})
            call["id"] = event.id or call["id"]
            call["name"] = event.name or call["name"]
            call["arguments"].append(event.arguments)
        else:
            end = event
    if end is None:
        raise ValueError("the stream ended without a StreamEnd")
    tool_calls = tuple(
        ToolCall(c["id"], c["name"], parse_arguments("".join(c["arguments"])))
        for _, c in sorted(calls.items())
    )
    return ChatResponse(end.model, "".join(text), tool_calls, end.usage, end.finish_reason)
