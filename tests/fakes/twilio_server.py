"""A fake Twilio REST API (Messages) on loopback.

``POST /2010-04-01/Accounts/{sid}/Messages.json`` takes a form-encoded body and
HTTP basic auth (account SID : auth token), and answers ``201`` with the
message resource (``sid`` ``SM…``, ``status`` ``queued``). ``GET
/2010-04-01/Accounts/{sid}.json`` answers the account. Errors carry Twilio's
body ``{"code", "message", "more_info", "status"}``.
"""

from __future__ import annotations

import base64
import itertools
import urllib.parse
from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tests.fakes.provider_api import ProviderFake

_ERRORS = {
    400: (21211, "The 'To' number is not a valid phone number."),
    401: (20003, "Authenticate"),
    404: (20404, "The requested resource was not found"),
    429: (20429, "Too Many Requests"),
}


def twilio_error(status: int, headers: dict[str, str] | None = None) -> Response:
    code, message = _ERRORS.get(status, (20500, "Internal Server Error"))
    body = {
        "code": code,
        "message": message,
        "more_info": f"https://www.twilio.com/docs/errors/{code}",
        "status": status,
    }
    return Response(orjson.dumps(body), status, headers, media_type="application/json")


class FakeTwilio(ProviderFake):
    def __init__(self, account_sid: str, auth_token: str) -> None:
        super().__init__()
        self.account_sid = account_sid
        self.auth_token = auth_token
        self._ids = itertools.count(1)

    def form(self, index: int = -1) -> dict[str, list[str]]:
        return urllib.parse.parse_qs(self.requests[index].body.decode(), keep_blank_values=True)

    def error(self, status: int, headers: dict[str, str]) -> Response:
        return twilio_error(status, headers)

    def app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/2010-04-01/Accounts/{sid}/Messages.json", self.messages, methods=["POST"]),
                Route("/2010-04-01/Accounts/{sid}.json", self.account, methods=["GET"]),
            ]
        )

    def refused(self, request: Request) -> Response | None:
        expected = base64.b64encode(f"{self.account_sid}:{self.auth_token}".encode()).decode()
        if request.headers.get("authorization") != f"Basic {expected}":
            return twilio_error(401)
        if request.path_params["sid"] != self.account_sid:
            return twilio_error(404)
        return None

    async def messages(self, request: Request) -> Response:
        seen, refused = await self.admit(request)
        if refused is not None:
            return refused
        fields = dict(urllib.parse.parse_qsl(seen.body.decode(), keep_blank_values=True))
        if not fields.get("To", "").startswith("+") or not (
            fields.get("From") or fields.get("MessagingServiceSid")
        ):
            return twilio_error(400)
        sid = f"SM{next(self._ids):032x}"
        resource: dict[str, Any] = {
            "account_sid": self.account_sid,
            "api_version": "2010-04-01",
            "body": fields.get("Body", ""),
            "direction": "outbound-api",
            "from": fields.get("From"),
            "messaging_service_sid": fields.get("MessagingServiceSid"),
            "num_media": "1" if fields.get("MediaUrl") else "0",
            "num_segments": "1",
            "sid": sid,
            "status": "queued",
            "to": fields["To"],
            "uri": f"/2010-04-01/Accounts/{self.account_sid}/Messages/{sid}.json",
        }
        return Response(orjson.dumps(resource), 201, media_type="application/json")

    async def account(self, request: Request) -> Response:
        _, refused = await self.admit(request)
        if refused is not None:
            return refused
        body = {"sid": self.account_sid, "friendly_name": "Flowline test", "status": "active"}
        return Response(orjson.dumps(body), media_type="application/json")
