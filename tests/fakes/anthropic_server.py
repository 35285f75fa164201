"""A fake Anthropic Messages API on loopback, speaking the real wire format.

``POST /v1/messages`` answers a ``message`` object (``text`` and ``tool_use``
content blocks, ``stop_reason``, ``usage``), or with ``"stream": true`` the SSE
events ``message_start``, ``ping``, then per block ``content_block_start``,
``content_block_delta`` (``text_delta`` / ``input_json_delta``) and
``content_block_stop``, then ``message_delta`` (stop reason, output tokens) and
``message_stop``. ``GET /v1/models`` lists ``fake.models``. Errors carry
Anthropic's body ``{"type": "error", "error": {"type", "message"}}``.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Mapping
from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from tests.fakes.llm_script import Reply, ScriptedProvider, halves, raw_answer, serve, sse, words

_ERROR_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "not_found_error",
    429: "rate_limit_error",
    500: "api_error",
    529: "overloaded_error",
}


class FakeAnthropic(ScriptedProvider):
    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _refused(self, request: Request) -> Response | None:
        if self.keys is None or api_key(request.headers) in self.keys:
            return None
        return _error(Reply(status=401, message="invalid x-api-key"))

    async def messages(self, request: Request) -> Response:
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
        model = body.get("model", "claude-fake")
        if body.get("stream"):
            return StreamingResponse(_events(reply, model), media_type="text/event-stream")
        return JSONResponse(_message(reply, model), headers=reply.headers)

    async def list_models(self, request: Request) -> Response:
        await self.record(request)
        refused = self._refused(request)
        if refused is not None:
            return refused
        if self.models_error is not None:
            return _error(self.models_error)
        data = [
            {
                "type": "model",
                "id": m,
                "display_name": m,
                "created_at": "2025-01-01T00:00:00Z",
            }
            for m in self.models
        ]
        return JSONResponse(
            {
                "data": data,
                "has_more": False,
                "first_id": self.models[0] if self.models else None,
                "last_id": self.models[-1] if self.models else None,
            }
        )


def api_key(headers: Mapping[str, str]) -> str | None:
    """The key as sent: ``x-api-key``, or (as recent SDKs do) ``Authorization: Bearer``."""
    bearer = headers.get("authorization", "")
    return headers.get("x-api-key") or (bearer.removeprefix("Bearer ") if bearer else None)


def _error(reply: Reply) -> Response:
    body = {
        "type": "error",
        "error": {
            "type": reply.error_type or _ERROR_TYPES.get(reply.status, "api_error"),
            "message": reply.message or "Something went wrong.",
        },
    }
    return Response(
        orjson.dumps(body),
        status_code=reply.status,
        media_type="application/json",
        headers=reply.headers,
    )


def _stop(reply: Reply) -> str:
    return reply.finish or ("tool_use" if reply.calls else "end_turn")


def _tool_id(reply: Reply, index: int) -> str:
    return reply.calls[index].id or f"toolu_{index + 1:02d}"


def _blocks(reply: Reply) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = []
    if reply.text:
        blocks.append({"type": "text", "text": reply.text})
    for i, call in enumerate(reply.calls):
        blocks.append(
            {
                "type": "tool_use",
                "id": _tool_id(reply, i),
                "name": call.name,
                "input": call.arguments,
            }
        )
    return blocks


def _message(reply: Reply, model: str) -> dict[str, Any]:
    return {
        "id": "msg_fake",
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": _blocks(reply),
        "stop_reason": _stop(reply),
        "stop_sequence": None,
        "usage": {"input_tokens": reply.input_tokens, "output_tokens": reply.output_tokens},
    }


async def _events(reply: Reply, model: str) -> AsyncIterator[bytes]:
    start = _message(reply, model) | {
        "content": [],
        "stop_reason": None,
        "usage": {"input_tokens": reply.input_tokens, "output_tokens": 1},
    }
    yield sse("message_start", {"type": "message_start", "message": start})
    yield sse("ping", {"type": "ping"})
    for index, block in enumerate(_blocks(reply)):
        if block["type"] == "text":
            opened = {"type": "text", "text": ""}
            pieces = [{"type": "text_delta", "text": w} for w in words(block["text"])]
        else:
            opened = block | {"input": {}}
            pieces = [
                {"type": "input_json_delta", "partial_json": p}
                for p in halves(orjson.dumps(block["input"]).decode())
            ]
        yield sse(
            "content_block_start",
            {"type": "content_block_start", "index": index, "content_block": opened},
        )
        for piece in pieces:
            yield sse(
                "content_block_delta",
                {"type": "content_block_delta", "index": index, "delta": piece},
            )
        yield sse("content_block_stop", {"type": "content_block_stop", "index": index})
    yield sse(
        "message_delta",
        {
            "type": "message_delta",
            "delta": {"stop_reason": _stop(reply), "stop_sequence": None},
            "usage": {"output_tokens": reply.output_tokens},
        },
    )
    yield sse("message_stop", {"type": "message_stop"})


@contextlib.asynccontextmanager
async def serve_anthropic() -> AsyncIterator[FakeAnthropic]:
    fake = FakeAnthropic()
    app = Starlette(
        routes=[
            Route("/v1/messages", fake.messages, methods=["POST"]),
            Route("/v1/models", fake.list_models, methods=["GET"]),
        ]
    )
    async with serve(fake, app):
        yield fake
