"""Every OpenAI-compatible endpoint on the official ``openai`` SDK (``AsyncOpenAI``).

OpenAI itself, Azure's compatible endpoint, Ollama, vLLM, the llama.cpp server,
OpenRouter, …: whatever answers ``/chat/completions`` at the configured
``base_url``. One SDK client per provider configuration and event loop
(``transport.shared_client``), its connections reused; each call has its own
timeout, and a stream is closed when its reader stops.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, TypeVar

import httpx2
import openai
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
    parse_arguments,
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

OPENAI_BASE_URL = "https://api.openai.com/v1"
NO_KEY = "none"
"""Sent when no key is configured (a local Ollama or llama.cpp server needs none)."""
LIST_TIMEOUT_SECONDS = 10.0
CLIENT_TIMEOUT_SECONDS = 600.0
"""The shared client's default; every call passes its own."""
STREAM = openai.AsyncStream[object]
"""What a streamed call answers: the SDK's event stream, its chunks as parsed JSON."""

_FINISH: dict[str, FinishReason] = {
    "stop": "stop",
    "length": "length",
    "tool_calls": "tool_calls",
    "function_call": "tool_calls",
    "content_filter": "content_filter",
}

T = TypeVar("T")


def _message(message: Message) -> dict[str, Any]:
    if message.role == "tool":
        return {"role": "tool", "tool_call_id": message.tool_call_id, "content": message.content}
    if message.role == "assistant" and message.tool_calls:
        return {
            "role": "assistant",
            "content": message.content or None,
            "tool_calls": [
                {
                    "id": call.id,
                    "type": "function",
                    "function": {
                        "name": call.name,
                        "arguments": orjson.dumps(call.arguments).decode(),
                    },
                }
                for call in message.tool_calls
            ],
        }
    return {"role": message.role, "content": message.content}


def request_body(request: ChatRequest) -> dict[str, Any]:
    """The ``chat.completions.create`` arguments for ``request`` (without ``stream``)."""
    body: dict[str, Any] = {
        "model": request.model,
        "messages": [_message(m) for m in request.messages],
    }
    if request.tools:
        body["tools"] = [
            {
                "type": "function",
                "function": {
                    "name": tool.name,
                    "description": tool.description,
                    "parameters": tool.parameters,
                },
            }
            for tool in request.tools
        ]
    if request.temperature is not None:
        body["temperature"] = request.temperature
    if request.max_tokens is not None:
        body["max_tokens"] = request.max_tokens
    if request.json_schema is not None:
        body["response_format"] = {
            "type": "json_schema",
            "json_schema": {"name": "output", "schema": request.json_schema},
        }
    return body


def _failure(exc: openai.OpenAIError) -> Failure:
    if isinstance(exc, openai.APIStatusError):
        return Failure(
            _status_message(exc),
            status=exc.status_code,
            retry_after=parse_retry_after(dict(exc.response.headers)),
        )
    if isinstance(exc, openai.APITimeoutError):
        return Failure("the request timed out")
    if isinstance(exc, openai.APIConnectionError):
        return connection_failure(exc)
    return Failure(type(exc).__name__)


def _status_message(exc: openai.APIStatusError) -> str:
    body = exc.body
    detail = ""
    if isinstance(body, dict):
        error = body.get("error", body)
        if isinstance(error, dict) and isinstance(error.get("message"), str):
            detail = error["message"]
    text = f"answered {exc.status_code}"
    return f"{text}: {detail[:500]}" if detail else text


def completion_response(completion: Any, model: str) -> ChatResponse:
    """A ``chat.completion`` object (parsed JSON) as our response; ``model`` by default."""
    if not isinstance(completion, dict):
        completion = {}
    model = completion.get("model") or model
    used = _usage_of(json_object(completion.get("usage")))
    choices = completion.get("choices")
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
        return ChatResponse(model, "", (), used)
    choice = choices[0]
    message = json_object(choice.get("message"))
    calls = tuple(
        ToolCall(
            str(call.get("id") or ""),
            str(call["function"].get("name") or ""),
            parse_arguments(str(call["function"].get("arguments") or "")),
        )
        for call in message.get("tool_calls") or ()
        if isinstance(call, dict) and isinstance(call.get("function"), dict)
    )
    return ChatResponse(
        model=model,
        text=message.get("content") or "",
        tool_calls=calls,
        usage=used,
        finish_reason=_FINISH.get(choice.get("finish_reason") or "stop", "other"),
    )


def _usage_of(usage: dict[str, Any]) -> Usage:
    return Usage(int(usage.get("prompt_tokens") or 0), int(usage.get("completion_tokens") or 0))


class OpenAIProvider:
    """An OpenAI-compatible endpoint serving the models ``<name>/<model>``."""

    def __init__(
        self,
        name: str,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        policy: RetryPolicy = DEFAULT_POLICY,
    ) -> None:
        self._name = name
        self.base_url = base_url or OPENAI_BASE_URL
        self._api_key = api_key or NO_KEY
        self.policy = policy

    @property
    def name(self) -> str:
        return self._name

    def _client(self) -> openai.AsyncOpenAI:
        try:
            return shared_client(("openai", self.base_url, self._api_key), self._make_client)
        except UNSENT_ERRORS as exc:  # a base URL the HTTP client cannot parse
            raise unsent_failure(exc).as_error(self.name) from None

    def _make_client(self) -> openai.AsyncOpenAI:
        http = openai.DefaultAsyncHttpxClient(
            base_url=self.base_url, timeout=CLIENT_TIMEOUT_SECONDS, verify=ssl_context()
        )
        return openai.AsyncOpenAI(
            api_key=self._api_key,
            base_url=self.base_url,
            max_retries=0,
            timeout=CLIENT_TIMEOUT_SECONDS,
            http_client=http,
        )

    async def _call(self, call: Callable[[], Awaitable[T]]) -> T:
        return await sdk_call(self.name, self.policy, call, openai.OpenAIError, _failure)

    async def chat(self, request: ChatRequest) -> ChatResponse:
        # The SDK's own request method (docs/models.md): its authentication, headers, URL
        # and error mapping, without checking our plain JSON body against its parameter
        # types or building models of the answer, which cost more than the rest of a call.
        client = self._client()
        body = request_body(request)
        options: Any = {"timeout": request.timeout_seconds}
        answer = await self._call(
            lambda: client.post(
                "/chat/completions", body=body, cast_to=httpx2.Response, options=options
            )
        )
        return completion_response(answer_json(answer, self.name), request.model)

    async def stream(self, request: ChatRequest) -> AsyncIterator[StreamEvent]:
        body = request_body(request) | {"stream": True, "stream_options": {"include_usage": True}}
        client = self._client()
        chunks = await self._call(
            lambda: event_stream(
                client,
                "/chat/completions",
                body,
                request.timeout_seconds,
                STREAM,
            )
        )
        async with chunks:  # its response is closed however the reader stops
            model = request.model
            finish: FinishReason = "stop"
            usage = Usage()
            try:
                async for raw in chunks:
                    chunk = json_object(raw)
                    model = chunk.get("model") or model
                    if isinstance(chunk.get("usage"), dict):
                        usage = _usage_of(chunk["usage"])
                    choices = chunk.get("choices")
                    for choice in choices[:1] if isinstance(choices, list) else ():
                        delta = json_object(json_object(choice).get("delta"))
                        if delta.get("content"):
                            yield TextDelta(str(delta["content"]))
                        for call in delta.get("tool_calls") or ():
                            call = json_object(call)
                            function = json_object(call.get("function"))
                            yield ToolCallDelta(
                                index=int(call.get("index") or 0),
                                id=call.get("id"),
                                name=function.get("name"),
                                arguments=str(function.get("arguments") or ""),
                            )
                        reason = json_object(choice).get("finish_reason")
                        if reason:
                            finish = _FINISH.get(reason, "other")
            except openai.OpenAIError as exc:
                raise _failure(exc).as_error(self.name) from None
            except STREAM_ERRORS as exc:
                raise unsent_failure(exc).as_error(self.name) from None
            yield StreamEnd(model, finish, usage)

    async def list_models(self) -> list[str]:
        client = self._client()

        async def listed() -> list[str]:
            return [m.id async for m in client.models.list(timeout=LIST_TIMEOUT_SECONDS)]

        return await self._call(listed)
