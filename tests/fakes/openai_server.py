"""A fake OpenAI-compatible API on loopback, speaking the real wire format.

``POST /v1/chat/completions`` answers a ``chat.completion`` object, or with
``"stream": true`` the SSE ``chat.completion.chunk`` sequence: the role, text in
pieces, each tool call as a first chunk (id, name) and argument fragments, the
finish reason, then (with ``stream_options.include_usage``) a usage chunk with
no choices, then ``data: [DONE]``. ``GET /v1/models`` lists ``fake.models``.
``POST /v1/embeddings`` answers each input with a vector of its hashed words
(:func:`bag_of_words`): texts sharing words are near, others orthogonal.
Errors carry OpenAI's body ``{"error": {"message", "type", "param", "code"}}``.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import AsyncIterator
from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from tests.fakes.llm_script import Reply, ScriptedProvider, halves, raw_answer, serve, sse, words

CREATED = 1_700_000_000


class FakeOpenAI(ScriptedProvider):
    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def _refused(self, request: Request) -> Response | None:
        if self.keys is None:
            return None
        key = request.headers.get("authorization", "").removeprefix("Bearer ")
        if key in self.keys:
            return None
        return _error(
            Reply(status=401, error_type="invalid_request_error", message="Incorrect API key.")
        )

    async def chat(self, request: Request) -> Response:
        seen = await self.record(request)
        refused = self._refused(request)
        if refused is not None:
            return refused
        reply = self.next_reply()
        if reply.status >= 400:
            return _error(reply)
        body = seen.body or {}
        if (raw := raw_answer(reply, body)) is not None:
            return raw
        model = body.get("model", "gpt-fake")
        if body.get("stream"):
            usage = bool((body.get("stream_options") or {}).get("include_usage"))
            return StreamingResponse(_chunks(reply, model, usage), media_type="text/event-stream")
        return JSONResponse(_completion(reply, model), headers=reply.headers)

    async def embeddings(self, request: Request) -> Response:
        seen = await self.record(request)
        refused = self._refused(request)
        if refused is not None:
            return refused
        body = seen.body or {}
        texts = body.get("input") or []
        texts = [texts] if isinstance(texts, str) else texts
        return JSONResponse(
            {
                "object": "list",
                "data": [
                    {"object": "embedding", "index": i, "embedding": bag_of_words(text)}
                    for i, text in enumerate(texts)
                ],
                "model": body.get("model", "embed-fake"),
                "usage": {"prompt_tokens": 0, "total_tokens": 0},
            }
        )

    async def list_models(self, request: Request) -> Response:
        await self.record(request)
        refused = self._refused(request)
        if refused is not None:
            return refused
        if self.models_error is not None:
            return _error(self.models_error)
        return JSONResponse(
            {
                "object": "list",
                "data": [
                    {"id": m, "object": "model", "created": CREATED, "owned_by": "fake"}
                    for m in self.models
                ],
            }
        )


EMBEDDING_DIMENSIONS = 64


def bag_of_words(text: str) -> list[float]:
    """A stable vector of ``text``'s lower-cased words, each hashed to one dimension."""
    vector = [0.0] * EMBEDDING_DIMENSIONS
    for word in text.lower().split():
        digest = hashlib.sha256(word.strip(".,!?").encode()).digest()
        vector[int.from_bytes(digest[:4], "big") % EMBEDDING_DIMENSIONS] += 1.0
    return vector


def _error(reply: Reply) -> Response:
    body = {
        "error": {
            "message": reply.message or "Something went wrong.",
            "type": reply.error_type or "server_error",
            "param": None,
            "code": "rate_limit_exceeded" if reply.status == 429 else None,
        }
    }
    return Response(
        orjson.dumps(body),
        status_code=reply.status,
        media_type="application/json",
        headers=reply.headers,
    )


def _finish(reply: Reply) -> str:
    return reply.finish or ("tool_calls" if reply.calls else "stop")


def _call_id(reply: Reply, index: int) -> str:
    return reply.calls[index].id or f"call_{index + 1}"


def _usage(reply: Reply) -> dict[str, int]:
    return {
        "prompt_tokens": reply.input_tokens,
        "completion_tokens": reply.output_tokens,
        "total_tokens": reply.input_tokens + reply.output_tokens,
    }


def _completion(reply: Reply, model: str) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": reply.text or None}
    if reply.calls:
        message["tool_calls"] = [
            {
                "id": _call_id(reply, i),
                "type": "function",
                "function": {"name": c.name, "arguments": orjson.dumps(c.arguments).decode()},
            }
            for i, c in enumerate(reply.calls)
        ]
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": CREATED,
        "model": model,
        "choices": [
            {"index": 0, "message": message, "finish_reason": _finish(reply), "logprobs": None}
        ],
        "usage": _usage(reply),
    }


async def _chunks(reply: Reply, model: str, include_usage: bool) -> AsyncIterator[bytes]:
    def chunk(delta: dict[str, Any], finish: str | None = None) -> bytes:
        data: dict[str, Any] = {
            "id": "chatcmpl-fake",
            "object": "chat.completion.chunk",
            "created": CREATED,
            "model": model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}],
        }
        if include_usage:
            data["usage"] = None
        return sse(None, data)

    yield chunk({"role": "assistant", "content": ""})
    for piece in words(reply.text):
        yield chunk({"content": piece})
    for i, call in enumerate(reply.calls):
        first = {
            "index": i,
            "id": _call_id(reply, i),
            "type": "function",
            "function": {"name": call.name, "arguments": ""},
        }
        yield chunk({"tool_calls": [first]})
        for fragment in halves(orjson.dumps(call.arguments).decode()):
            yield chunk({"tool_calls": [{"index": i, "function": {"arguments": fragment}}]})
    yield chunk({}, _finish(reply))
    if include_usage:
        yield sse(
            None,
            {
                "id": "chatcmpl-fake",
                "object": "chat.completion.chunk",
                "created": CREATED,
                "model": model,
                "choices": [],
                "usage": _usage(reply),
            },
        )
    yield sse(None, "[DONE]")


@contextlib.asynccontextmanager
async def serve_openai() -> AsyncIterator[FakeOpenAI]:
    fake = FakeOpenAI()
    app = Starlette(
        routes=[
            Route("/v1/chat/completions", fake.chat, methods=["POST"]),
            Route("/v1/models", fake.list_models, methods=["GET"]),
            Route("/v1/embeddings", fake.embeddings, methods=["POST"]),
        ]
    )
    async with serve(fake, app):
        yield fake
