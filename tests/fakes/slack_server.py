"""A fake Slack Web API on loopback.

``POST /api/chat.postMessage``, ``/api/reactions.add`` and ``/api/auth.test``
check the Bearer bot token and answer as Slack does: ``200 {"ok": true, …}``, or
``200 {"ok": false, "error": "invalid_auth" | "channel_not_found" | …}`` for a
refusal. ``refuse_next(error)`` makes the next call answer ``{"ok": false, "error"}``
(``ratelimited`` comes as ``429`` with ``Retry-After`` through ``fail_next``).
"""

from __future__ import annotations

import itertools
from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tests.fakes.provider_api import ProviderFake

TEAM = {"team": "Flowline Test", "team_id": "T0FAKE001", "user": "flowline", "user_id": "U0BOT0001"}


def _answer(
    body: dict[str, Any], status: int = 200, headers: dict[str, str] | None = None
) -> Response:
    return Response(orjson.dumps(body), status, headers, media_type="application/json")


class FakeSlack(ProviderFake):
    def __init__(self, bot_token: str) -> None:
        super().__init__()
        self.bot_token = bot_token
        self.refusals: list[tuple[str, dict[str, str]]] = []
        self._ts = itertools.count(100)

    def refuse_next(self, error: str, retry_after: str | None = None) -> None:
        self.refusals.append((error, {"Retry-After": retry_after} if retry_after else {}))

    def error(self, status: int, headers: dict[str, str]) -> Response:
        error = "ratelimited" if status == 429 else "internal_error"
        return _answer({"ok": False, "error": error}, status, headers)

    def refused(self, request: Request) -> Response | None:
        if request.headers.get("authorization") != f"Bearer {self.bot_token}":
            return _answer({"ok": False, "error": "invalid_auth"})
        if self.refusals:
            error, headers = self.refusals.pop(0)
            return _answer({"ok": False, "error": error}, 200, headers)
        return None

    def app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/api/chat.postMessage", self.post_message, methods=["POST"]),
                Route("/api/reactions.add", self.reaction, methods=["POST"]),
                Route("/api/auth.test", self.auth_test, methods=["POST"]),
            ]
        )

    async def post_message(self, request: Request) -> Response:
        seen, refused = await self.admit(request)
        if refused is not None:
            return refused
        body = seen.json or {}
        if not body.get("channel"):
            return _answer({"ok": False, "error": "channel_not_found"})
        if not body.get("text") and not body.get("blocks"):
            return _answer({"ok": False, "error": "no_text"})
        ts = f"1700000000.{next(self._ts):06d}"
        message = {"type": "message", "user": "U0BOT0001", "bot_id": "B0BOT0001", "ts": ts}
        message["text"] = body.get("text", "")
        return _answer({"ok": True, "channel": body["channel"], "ts": ts, "message": message})

    async def reaction(self, request: Request) -> Response:
        _, refused = await self.admit(request)
        return refused if refused is not None else _answer({"ok": True})

    async def auth_test(self, request: Request) -> Response:
        _, refused = await self.admit(request)
        if refused is not None:
            return refused
        return _answer(
            {"ok": True, "url": "https://flowline-test.slack.com/", "bot_id": "B0BOT0001", **TEAM}
        )
