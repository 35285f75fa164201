"""A fake Telegram Bot API on loopback.

``POST /bot<token>/<method>`` for ``sendMessage``, ``sendPhoto``,
``sendDocument``, ``sendAudio``, ``sendVideo``, ``setMessageReaction`` and
``getMe``: a wrong token is ``401 {"ok": false, "error_code": 401,
"description": "Unauthorized"}``; success is ``{"ok": true, "result": …}``.
A ``429`` says how long to wait as Telegram does, in the body
(``parameters.retry_after``), with no ``Retry-After`` header.
"""

from __future__ import annotations

import itertools
import time
from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tests.fakes.provider_api import ProviderFake

BOT = {"id": 7000000001, "is_bot": True, "first_name": "Flowline", "username": "flowline_test_bot"}
_SENDS = {"sendMessage", "sendPhoto", "sendDocument", "sendAudio", "sendVideo"}


def _answer(body: dict[str, Any], status: int = 200) -> Response:
    return Response(orjson.dumps(body), status, media_type="application/json")


class FakeTelegram(ProviderFake):
    def __init__(self, bot_token: str) -> None:
        super().__init__()
        self.bot_token = bot_token
        self._ids = itertools.count(1)

    def error(self, status: int, headers: dict[str, str]) -> Response:
        if status == 429:
            wait = int(headers.get("Retry-After", "1"))
            return _answer(
                {
                    "ok": False,
                    "error_code": 429,
                    "description": f"Too Many Requests: retry after {wait}",
                    "parameters": {"retry_after": wait},
                },
                429,
            )
        return _answer(
            {"ok": False, "error_code": status, "description": "Internal Server Error"}, status
        )

    def refused(self, request: Request) -> Response | None:
        if request.path_params["token"] != self.bot_token:
            return _answer({"ok": False, "error_code": 401, "description": "Unauthorized"}, 401)
        return None

    def app(self) -> Starlette:
        return Starlette(routes=[Route("/bot{token}/{method}", self.call, methods=["POST", "GET"])])

    async def call(self, request: Request) -> Response:
        seen, refused = await self.admit(request)
        if refused is not None:
            return refused
        method = request.path_params["method"]
        body = seen.json or {}
        if method == "getMe":
            return _answer({"ok": True, "result": BOT})
        if method == "setMessageReaction":
            return _answer({"ok": True, "result": True})
        if method not in _SENDS:
            return _answer({"ok": False, "error_code": 404, "description": "Not Found"}, 404)
        if "chat_id" not in body:
            return _answer(
                {"ok": False, "error_code": 400, "description": "Bad Request: chat not found"}, 400
            )
        result = {
            "message_id": next(self._ids),
            "from": BOT,
            "chat": {"id": body["chat_id"], "first_name": "Ada", "type": "private"},
            "date": int(time.time()),
        }
        if "text" in body:
            result["text"] = body["text"]
        return _answer({"ok": True, "result": result})
