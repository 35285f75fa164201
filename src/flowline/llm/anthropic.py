"""Anthropic's Messages API on the official ``anthropic`` SDK (``AsyncAnthropic``).

Mapping both ways: system messages become the ``system`` parameter; tool calls are
``tool_use`` content blocks; tool results are ``tool_result`` blocks of a user
turn (consecutive results share one turn). A requested JSON schema goes into the
system prompt, since the answer is checked by the caller anyway.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, TypeVar

import anthropic
import httpx2
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
from flowline.llm.retry import DEFAULT_POLICY, Failure, RetryPolicy, parse_retry_after
from flowline.llm.transport import (
    STREAM_ERRORS,
    UNSENT_ERRORS,
    answer_json,
    connection_failure,
    event_stream,
    json_object,
    sdk_call,
    shared_client,
    ssl_context,
    unsent_failure,
)

ANTHROPIC_BASE_URL = "https://api.anthropic.com"
DEFAULT_MAX_TOKENS = 4096
"""Anthropic requires ``max_tokens``; this is used when the caller gives none."""
LIST_TIMEOUT_SECONDS = 10.0
CLIENT_TIMEOUT_SECONDS = 600.0
"""The shared client's default; every call passes its own."""
STREAM = anthropic.AsyncStream[object]
"""What a streamed call answers: the SDK's event stream, its chunks as parsed JSON."""

_FINISH: dict[str, FinishReason] = {
    "end_turn": "stop",
    "stop_sequence": "stop",
    "pause_turn": "stop",
    "max_tokens": "length",
    "model_context_window_exceeded": "length",
    "tool_use": "tool_calls",
    "refusal": "content_filter",
}

T = TypeVar("T")


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
        return connection_failure(exc)
    return Failure(type(exc).__name__)


def _input_tokens(usage: dict[str, Any]) -> int:
    return sum(
        int(usage.get(name) or 0)
        for name in ("input_tokens", "cache_creation_input_tokens", "cache_read_input_tokens")
    )


def message_response(message: Any, model: str) -> ChatResponse:
    """A Messages API ``message`` (parsed JSON) as our response; ``model`` by default."""
    message = json_object(message)
    blocks = [json_object(b) for b in message.get("content") or () if isinstance(b, dict)]
    usage = json_object(message.get("usage"))
    return ChatResponse(
        model=message.get("model") or model,
        text="".join(str(b.get("text") or "") for b in blocks if b.get("type") == "text"),
        tool_calls=tuple(
            ToolCall(str(b.get("id") or ""), str(b.get("name") or ""), json_object(b.get("input")))
            for b in blocks
            if b.get("type") == "tool_use"
        ),
        usage=Usage(_input_tokens(usage), int(usage.get("output_tokens") or 0)),
        finish_reason=_FINISH.get(message.get("stop_reason") or "end_turn", "other"),
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
        try:
            return shared_client(("anthropic", self.base_url, self._api_key), self._make_client)
        except UNSENT_ERRORS as exc:  # a base URL the HTTP client cannot parse
            raise unsent_failure(exc).as_error(self.name) from None

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

    async def _call(self, call: Callable[[], Awaitable[T]]) -> T:
        return await sdk_call(self.name, self.policy, call, anthropic.AnthropicError, _failure)

    async def chat(self, request: ChatRequest) -> ChatResponse:
        # The SDK's own request method (docs/models.md): its authentication, headers, URL
        # and error mapping, without checking our plain JSON body against its parameter
        # types or building models of the answer, which cost more than the rest of a call.
        client = self._client()
        body = request_body(request)
        options: Any = {"timeout": request.timeout_seconds}
        answer = await self._call(
            lambda: client.post("/v1/messages", body=body, cast_to=httpx2.Response, options=options)
        )
        return message_response(answer_json(answer, self.name), request.model)

    async def stream(self, request: ChatRequest) -> AsyncIterator[StreamEvent]:
        body = request_body(request) | {"stream": True}
        client = self._client()
        events = await self._call(
            lambda: event_stream(client, "/v1/messages", body, request.timeout_seconds, STREAM)
        )
        async with events:  # its response is closed however the reader stops
            model = request.model
            finish: FinishReason = "stop"
            input_tokens = output_tokens = 0
            tools: dict[int, int] = {}  # content block index -> tool call index
            try:
                async for raw in events:
                    event = json_object(raw)
                    kind, index = event.get("type"), event.get("index")
                    if kind == "message_start":
                        message = json_object(event.get("message"))
                        usage = json_object(message.get("usage"))
                        model = message.get("model") or model
                        input_tokens = _input_tokens(usage)
                        output_tokens = int(usage.get("output_tokens") or 0)
                    elif kind == "content_block_start" and isinstance(index, int):
                        block = json_object(event.get("content_block"))
                        if block.get("type") == "tool_use":
                            tools[index] = len(tools)
                            call_id, name = block.get("id"), block.get("name")
                            yield ToolCallDelta(tools[index], call_id, name, "")
                        elif block.get("type") == "text" and block.get("text"):
                            yield TextDelta(str(block["text"]))
                    elif kind == "content_block_delta":
                        delta = json_object(event.get("delta"))
                        if delta.get("type") == "text_delta":
                            yield TextDelta(str(delta.get("text") or ""))
                        elif delta.get("type") == "input_json_delta" and index in tools:
                            partial = str(delta.get("partial_json") or "")
                            yield ToolCallDelta(tools[index], arguments=partial)
                    elif kind == "message_delta":
                        reason = json_object(event.get("delta")).get("stop_reason")
                        if reason:
                            finish = _FINISH.get(reason, "other")
                        usage = json_object(event.get("usage"))
                        output_tokens = int(usage.get("output_tokens") or output_tokens)
                        if usage.get("input_tokens") is not None:
                            input_tokens = max(input_tokens, _input_tokens(usage))
            except anthropic.AnthropicError as exc:
                raise _failure(exc).as_error(self.name) from None
            except STREAM_ERRORS as exc:
                raise unsent_failure(exc).as_error(self.name) from None
            yield StreamEnd(model, finish, Usage(input_tokens, output_tokens))

    async def list_models(self) -> list[str]:
        client = self._client()

        async def listed() -> list[str]:
            return [m.id async for m in client.models.list(timeout=LIST_TIMEOUT_SECONDS)]

        return await self._call(listed)
