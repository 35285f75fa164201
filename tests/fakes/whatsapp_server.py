"""A fake WhatsApp Cloud API (Graph API) on loopback.

``POST /{version}/{phone_number_id}/messages`` checks the Bearer token and
``messaging_product``, and answers as Meta does::

    {"messaging_product": "whatsapp", "contacts": [{"input", "wa_id"}],
     "messages": [{"id": "wamid...."}]}

``GET /{version}/{phone_number_id}`` answers the number's fields. Errors carry
the Graph error body ``{"error": {"message", "type", "code", "fbtrace_id"}}``.
"""

from __future__ import annotations

import base64
import itertools
from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tests.fakes.provider_api import ProviderFake

_ERRORS = {
    400: (100, "(#100) Invalid parameter"),
    401: (190, "Invalid OAuth access token - Cannot parse access token"),
    429: (130429, "(#130429) Rate limit hit"),
}


def graph_error(status: int, headers: dict[str, str] | None = None) -> Response:
    code, message = _ERRORS.get(status, (1, "An unknown error has occurred."))
    body = {
        "error": {
            "message": message,
            "type": "OAuthException",
            "code": code,
            "fbtrace_id": "AbCdEfGhIjKlMnOp",
        }
    }
    return Response(orjson.dumps(body), status, headers, media_type="application/json")


class FakeWhatsApp(ProviderFake):
    def __init__(self, token: str, phone_number_id: str = "106540352242922") -> None:
        super().__init__()
        self.token = token
        self.phone_number_id = phone_number_id
        self._ids = itertools.count(1)

    def error(self, status: int, headers: dict[str, str]) -> Response:
        return graph_error(status, headers)

    def app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/{version}/{number}/messages", self.messages, methods=["POST"]),
                Route("/{version}/{number}", self.number, methods=["GET"]),
            ]
        )

    def refused(self, request: Request) -> Response | None:
        if request.headers.get("authorization") != f"Bearer {self.token}":
            return graph_error(401)
        if request.path_params["number"] != self.phone_number_id:
            return graph_error(400)
        return None

    async def messages(self, request: Request) -> Response:
        seen, refused = await self.admit(request)
        if refused is not None:
            return refused
        body: dict[str, Any] = seen.json or {}
        if body.get("messaging_product") != "whatsapp" or not body.get("to"):
            return graph_error(400)
        raw = f"{body['to']}:{next(self._ids)}".encode()
        wamid = "wamid." + base64.b64encode(raw).decode()
        sent: dict[str, Any] = {"id": wamid}
        if body.get("type") == "template":
            sent["message_status"] = "accepted"
        return Response(
            orjson.dumps(
                {
                    "messaging_product": "whatsapp",
                    "contacts": [{"input": body["to"], "wa_id": body["to"]}],
                    "messages": [sent],
                }
            ),
            media_type="application/json",
        )

    async def number(self, request: Request) -> Response:
        _, refused = await self.admit(request)
        if refused is not None:
            return refused
        return Response(
            orjson.dumps(
                {
                    "verified_name": "Flowline Test",
                    "display_phone_number": "+1 555-010-0199",
                    "id": self.phone_number_id,
                }
            ),
            media_type="application/json",
        )
