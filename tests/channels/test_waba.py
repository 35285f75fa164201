"""``POST agents/{id}/waba`` (seed 004): the seed's body to the WhatsApp fake as a Cloud API
template message, the contact named, the template in the conversation the agent later sees."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from flowline.engine.worker import Worker
from tests.agents.builders import make_agent
from tests.answers import assert_error
from tests.channels.builders import CHANNELS, make_channel, message_once
from tests.channels.whatsapp import (
    MESSAGES_PATH,
    NUMBER_ID,
    TOKEN,
    make_whatsapp,
    person_writes,
)
from tests.factories import Factory
from tests.fakes.provider_api import serve_provider
from tests.fakes.whatsapp_server import FakeWhatsApp

SEED_BODY: dict[str, Any] = {
    "recipient_phone_number": "31612345678",
    "template_name": "order_update",
    "language": "en_US",
    "customer_name": "John Doe",
    "parameters": [
        {
            "type": "header",
            "parameters": [{"type": "image", "image": {"link": "https://whatsapp_image_template"}}],
        },
        {
            "type": "body",
            "parameters": [{"type": "text", "text": "ABC123"}, {"type": "text", "text": "Shipped"}],
        },
    ],
}


@pytest.fixture
async def fake() -> AsyncIterator[FakeWhatsApp]:
    api = FakeWhatsApp(TOKEN, NUMBER_ID)
    async with serve_provider(api):
        yield api


async def test_the_seed_body_reaches_the_cloud_api_as_a_template(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, fake: FakeWhatsApp
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    channel = await make_whatsapp(client, org, fake, on_message={"agent_id": agent_id})
    # Seed 004's own header: the bare key, no scheme.
    headers = {"Authorization": org.owner.api_key}
    r = await client.post(f"/api/v1/agents/{agent_id}/waba", json=SEED_BODY, headers=headers)
    assert r.status_code == 202, r.text
    queued = r.json()["data"]
    assert (queued["status"], queued["type"], queued["channel_id"]) == (
        "queued",
        "template",
        channel.id,
    )
    sent = await message_once(client, org, queued["id"], {"sent", "failed"})
    assert sent["status"] == "sent", sent
    [request] = fake.seen(MESSAGES_PATH)
    assert request.headers["authorization"] == f"Bearer {TOKEN}"
    assert request.headers["idempotency-key"] == queued["id"]
    assert request.json == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": "31612345678",
        "type": "template",
        "template": {
            "name": "order_update",
            "language": {"code": "en_US"},
            "components": SEED_BODY["parameters"],
        },
    }

    contact = (
        await client.get(f"/api/v1/contacts/{queued['contact_id']}", headers=org.headers)
    ).json()["data"]
    assert (contact["address"], contact["name"]) == ("+31612345678", "John Doe")
    conversation_id = contact["conversation_id"]

    # The person answers; the agent's turn sees the template it sent, then the answer.
    r = await person_writes(client, channel.id, "31612345678", "Where is it now?", "wamid.IN9")
    assert r.status_code == 200, r.text
    async with asyncio.timeout(30):
        while True:
            if len(fake.seen(MESSAGES_PATH)) >= 2:
                break
            await asyncio.sleep(0.05)
    assert fake.seen(MESSAGES_PATH)[1].json["text"]["body"] == "echo: Where is it now?"
    r = await client.get(
        f"/api/v1/conversations/{conversation_id}/messages?size=100", headers=org.headers
    )
    assert [(m["role"], m["content"]) for m in r.json()["data"]] == [
        ("assistant", "[template 'order_update' (en_US) sent with ABC123, Shipped]"),
        ("user", "Where is it now?"),
        ("assistant", "echo: Where is it now?"),
    ]


async def test_an_agent_without_a_whatsapp_channel_is_404_and_sends_nothing(
    client: httpx.AsyncClient, factory: Factory, fake: FakeWhatsApp
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    other = await make_agent(client, org)
    await make_whatsapp(client, org, fake, on_message={"agent_id": other})
    await make_channel(client, org, on_message={"agent_id": agent_id})  # a sandbox: not WhatsApp
    r = await client.post(f"/api/v1/agents/{agent_id}/waba", json=SEED_BODY, headers=org.headers)
    assert_error(r, 404, "WHATSAPP_CONNECTION_NOT_FOUND")
    assert "No WhatsApp connection found for this agent" in r.json()["message"]
    assert_error(
        await client.post("/api/v1/agents/agt_nope/waba", json=SEED_BODY, headers=org.headers),
        404,
        "AGENT_NOT_FOUND",
    )
    # Another organisation's agent is not found either.
    stranger = await factory.org()
    r = await client.post(f"/api/v1/agents/{other}/waba", json=SEED_BODY, headers=stranger.headers)
    assert_error(r, 404, "AGENT_NOT_FOUND")
    listed = await client.get(f"{CHANNELS}?kind=whatsapp", headers=org.headers)
    [whatsapp] = listed.json()["data"]
    messages = await client.get(f"{CHANNELS}/{whatsapp['id']}/messages", headers=org.headers)
    assert messages.json()["total"] == 0
    assert fake.seen(MESSAGES_PATH) == []


async def test_bad_bodies_name_the_field(
    client: httpx.AsyncClient, factory: Factory, fake: FakeWhatsApp
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    await make_whatsapp(client, org, fake, on_message={"agent_id": agent_id})
    url = f"/api/v1/agents/{agent_id}/waba"
    missing = {k: v for k, v in SEED_BODY.items() if k != "template_name"}
    r = await client.post(url, json=missing, headers=org.headers)
    assert_error(r, 422, "VALIDATION_ERROR")
    assert "template_name" in r.text
    bad_number = {**SEED_BODY, "recipient_phone_number": "12"}
    r = await client.post(url, json=bad_number, headers=org.headers)
    assert_error(r, 422, "INVALID_ADDRESS")
    assert r.json()["details"][0]["field"] == "recipient_phone_number"
