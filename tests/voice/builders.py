"""Vapi's server-URL messages, as Vapi sends them, and an organisation's voice config."""

from __future__ import annotations

from typing import Any

import httpx

from tests.factories import Org, unique

WEBHOOK = "/api/vapi/webhook"


async def configure(client: httpx.AsyncClient, org: Org, flow_id: str | None = None) -> str:
    secret = unique("vapi-secret-0123456789-")
    r = await client.put(
        "/api/v1/voice/config", json={"secret": secret, "flow_id": flow_id}, headers=org.headers
    )
    assert r.status_code == 200, r.text
    return secret


def message(kind: str, call_id: str, phone: str = "+15550001111", **fields: Any) -> dict[str, Any]:
    call = {"id": call_id, "customer": {"number": phone}, "type": "inboundPhoneCall"}
    return {"message": {"type": kind, "call": call, "timestamp": 1765100000000, **fields}}


async def post(client: httpx.AsyncClient, secret: str | None, body: Any) -> httpx.Response:
    headers = {"X-Vapi-Secret": secret} if secret else {}
    return await client.post(WEBHOOK, json=body, headers=headers)
