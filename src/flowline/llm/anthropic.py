"""Anthropic's Messages API on the official ``anthropic`` SDK (``AsyncAnthropic``).

Mapping both ways: system messages become the ``system`` parameter; tool calls are
``tool_use`` content blocks; tool results are ``tool_result`` blocks of a user
turn (consecutive results share one turn). A requested JSON schema goes into the
system prompt, since the answer is checked by the caller anyway.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import anthropic
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
from flowline.llm.retry import DEFAULT_POLICY, Failure, RetryPolicy, parse_retry_after, with_retries
from flowline.llm.transport import shared_client, ssl_context

ANTHROPIC_BASE_URL = "https://api.anthropic.com"
DEFAULT_MAX_TOKENS = 4096
"""Anthropic requires ``max_tokens``; this is used when the caller gives none."""
LIST_TIMEOUT_SECONDS = 10.0
CLIENT_TIMEOUT_SECONDS = 600.0
"""The shared client's default; every call passes its own."""

_FINISH: dict[str, FinishReason] = {
    "end_turn": "stop",
    "stop_sequence": "stop",
    "pause_turn": "stop",
    "max_tokens": "length",
    "model_context_window_exceeded": "length",
    "tool_use": "tool_calls",
    "refusal": "content_filter",
}


def _system(request: ChatRequest) -> str:
    parts = [m.content for m in request.messages if m.role == "system" and m.content]
    if request.json_schema is not None:
        schema = orjson.dumps(request.json_schema).decode()
        parts.append(
            "Answer with one JSON document and nothing else. It must match this JSON "
            f"Schema: {schema}"
        )
    return "\n\n".join(parts)


def _turns(messages: list[Message]) -> list[dict[str, Any]]:
    turns: list[dict[str, Any]] = []
    for message in messages:
        if message.role == "system":
            continue
        if message.role == "tool":
            block = {
                "type": "tool_result",
                "tool_use_id": message.tool_call_id,
                "content": message.content,
            }
            last = turns[-1] if turns else None
            if last and last["role"] == "user" and isinstance(last["content"], list):
                last["content"].append(block)
            else:
                turns.append({"role": "user", "content": [block]})
        elif message.role == "assistant":
            blocks: list[dict[str, Any]] = []
            if message.content:
                blocks.append({"type": "text", "text": message.content})
            blocks.extend(
                {"type": "tool_use", "id": c.id, "name": c.name, "input": c.arguments}
                for c in message.tool_calls
            )
            turns.append({"role": "assistant", "content": blocks or ""})
        else:
            turns.append({"role": "user", "content": message.content})
    return turns


def request_body(request: ChatRequest) -> dict[str, Any]:
    """The ``messages.create`` arguments for ``request`` (without ``stream``)."""
    body: dict[str, Any] = {
        "model": request.model,
        "messages": _turns(list(request.messages)),
        "max_tokens": request.max_tokens or DEFAULT_MAX_TOKENS,
    }
    system = _system(request)
    if system:
        body["system"] = system
    if request.tools:
        body["tools"] = [
            {"name": t.name, "description": t.description, "input_schema": t.parameters}
            for t in request.tools
        ]
    if request.temperature is not None:
        body["temperature"] = min(request.temperature, 1.0)  # Anthropic's range is 0 to 1
    return body


def _failure(exc: anthropic.AnthropicError) -> Failure:
    if isinstance(exc, anthropic.APIStatusError):
        detail = exc.api_message if isinstance(exc.api_message, str) else ""
        text = f"answered {exc.status_code}"
        return Failure(
            f"{text}: {detail[:500]}" if detail else text,
            status=exc.status_code,
            retry_after=parse_retry_after(dict(exc.response.headers)),
        )
    if isinstance(exc, anthropic.APITimeoutError):
        return Failure("the request timed out")
    if isinstance(exc, anthropic.APIConnectionError):
        return Failure("could not connect")
    return Failure(type(exc).__name__)


def _input_tokens(usage: Any) -> int:
    return sum(
        int(getattr(usage, name, None) or 0)
        for name in ("input_tokens", "cache_creation_input_tokens", "cache_read_input_tokens")
    )


class AnthropicProvider:
    """Anthropic's API (or a compatible proxy) serving the models ``<name>/<model>``."""

    def __init__(
        self,
        name: str,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        policy: RetryPolicy = DEFAULT_POLICY,
    ) -> None:
        self._name = name
        self.base_url = base_url or ANTHROPIC_BASE_URL
        self._api_key = api_key or ""
        self.policy = policy

    @property
    def name(self) -> str:
        return self._name

    def _client(self) -> anthropic.AsyncAnthropic:
        return shared_client(("anthropic", self.base_url, self._api_key), self._make_client)

    def _make_client(self) -> anthropic.AsyncAnthropic:
        http = anthropic.DefaultAsyncHttpxClient(
            base_url=self.base_url, timeout=CLIENT_TIMEOUT_SECONDS, verify=ssl_context()
        )
        return anthropic.AsyncAnthropic(
            api_key=self._api_key,
            base_url=self.base_url,
            max_retries=0,
            timeout=CLIENT_TIMEOUT_SECONDS,
            http_client=http,
        )

    async def chat(self, request: ChatRequest) -> ChatResponse:
        client = self._client()
        body = request_body(request)

        async def attempt() -> Any:
            try:
                return await client.messages.create(**body, timeout=request.timeout_seconds)
            except anthropic.AnthropicError as exc:
                raise _failure(exc) from None

        message = await with_retries(self.name, attempt, self.policy)
        text = "".join(b.text for b in message.content if b.type == "text")
        calls = tuple(
            ToolCall(b.id, b.name, dict(b.input) if isinstance(b.input, dict) else {})
            for b in message.content
            if b.type == "tool_use"
        )
        return ChatResponse(
            model=message.model or request.model,
            text=text,
            tool_calls=calls,
            usage=Usage(_input_tokens(message.usage), int(message.usage.output_tokens or 0)),
            finish_reason=_FINISH.get(message.stop_reason or "end_turn", "other"),
        )

    async def stream(self, request: ChatRequest) -> AsyncIterator[StreamEvent]:
        body = request_body(request) | {"stream": True}
        client = self._client()

        async def attempt() -> Any:
            try:
                return await client.messages.create(**body, timeout=request.timeout_seconds)
            except anthropic.AnthropicError as exc:
                raise _failure(exc) from None

        events = await with_retries(self.name, attempt, self.policy)
        async with events:  # its response is closed however the reader stops
            model = request.model
            finish: FinishReason = "stop"
            input_tokens = output_tokens = 0
            tools: dict[int, int] = {}  # content block index -> tool call index
            try:
                async for event in events:
                    if event.type == "message_start":
                        model = event.message.model or model
                        input_tokens = _input_tokens(event.message.usage)
                        output_tokens = int(event.message.usage.output_tokens or 0)
                    elif event.type == "content_block_start":
                        block = event.content_block
                        if block.type == "tool_use":
                            tools[event.index] = len(tools)
                            yield ToolCallDelta(tools[event.index], block.id, block.name, "")
                        elif block.type == "text" and block.text:
                            yield TextDelta(block.text)
                    elif event.type == "content_block_delta":
                        delta = event.delta
                        if delta.type == "text_delta":
                            yield TextDelta(delta.text)
                        elif delta.type == "input_json_delta" and event.index in tools:
                            yield ToolCallDelta(tools[event.index], arguments=delta.partial_json)
                    elif event.type == "message_delta":
                        if event.delta.stop_reason:
                            finish = _FINISH.get(event.delta.stop_reason, "other")
                        output_tokens = int(event.usage.output_tokens or output_tokens)
                        if event.usage.input_tokens is not None:
                            input_tokens = max(input_tokens, _input_tokens(event.usage))
            except anthropic.AnthropicError as exc:
                raise _failure(exc).as_error(self.name) from None
            yield StreamEnd(model, finish, Usage(input_tokens, output_tokens))

    async def list_models(self) -> list[str]:
        client = self._client()

        async def attempt() -> list[str]:
            try:
                listed = client.models.list(timeout=LIST_TIMEOUT_SECONDS)
                return [model.id async for model in listed]
            except anthropic.AnthropicError as exc:
                raise _failure(exc) from None

        return await with_retries(self.name, attempt, self.policy)
