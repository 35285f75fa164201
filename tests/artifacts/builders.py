"""Conversations, artifacts and an email channel on the SMTP fake, made through the API."""

from __future__ import annotations

from typing import Any

import httpx

from tests.channels.builders import make_channel
from tests.factories import Org, unique

URL = "/api/v1/artifacts"
SMTP_USER, SMTP_PASSWORD = "bot@shop.example.com", "smtp-pass-1"


async def make_conversation(client: httpx.AsyncClient, org: Org) -> str:
    r = await client.post("/api/v1/conversations", json={"title": "t"}, headers=org.headers)
    assert r.status_code == 201, r.text
    return str(r.json()["data"]["id"])


async def make_artifact(
    client: httpx.AsyncClient, org: Org, type_: str, content: dict[str, Any], **fields: Any
) -> dict[str, Any]:
    body = {"type": type_, "content": content, **fields}
    r = await client.post(URL, json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    data: dict[str, Any] = r.json()["data"]
    return data


async def make_email_channel(client: httpx.AsyncClient, org: Org, port: int) -> dict[str, Any]:
    secret = {
        "name": unique("sec"),
        "kind": "basic",
        "value": f"{SMTP_USER}:{SMTP_PASSWORD}",
        "hosts": ["127.0.0.1"],
    }
    r = await client.post("/api/v1/secrets", json=secret, headers=org.headers)
    assert r.status_code == 201, r.text
    inbound = {"name": unique("sec"), "kind": "generic", "value": "mail-inbound-1"}
    r = await client.post("/api/v1/secrets", json=inbound, headers=org.headers)
    assert r.status_code == 201, r.text
    return await make_channel(
        client,
        org,
        "email",
        config={
            "smtp_host": "127.0.0.1",
            "smtp_port": port,
            "verify_certificate": False,
            "from_address": "support@shop.example.com",
        },
        credentials={"smtp": secret["name"], "inbound_secret": inbound["name"]},
    )
