"""A WhatsApp channel made through the API against the loopback Cloud API fake, and the
signed inbound messages a person's phone would cause."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import httpx

from tests.channels.builders import make_channel, make_secret
from tests.factories import Org
from tests.fakes import channel_inbound as signed
from tests.fakes.whatsapp_server import FakeWhatsApp

TOKEN = "EAAwaba-token-value"
APP_SECRET = "app-secret-waba"
NUMBER_ID = "106540352242922"
MESSAGES_PATH = f"/v21.0/{NUMBER_ID}/messages"


@dataclass(frozen=True)
class WhatsAppChannel:
    id: str
    data: dict[str, Any]


async def make_whatsapp(
    client: httpx.AsyncClient,
    org: Org,
    fake: FakeWhatsApp,
    token: str = TOKEN,
    app_secret: str = APP_SECRET,
    **fields: Any,
) -> WhatsAppChannel:
    credentials = {
        "access_token": await make_secret(client, org, token, kind="bearer", hosts=["127.0.0.1"]),
        "app_secret": await make_secret(client, org, app_secret),
        "verify_token": await make_secret(client, org, "verify-waba"),
    }
    data = await make_channel(
        client,
        org,
        "whatsapp",
        config={"api_base": fake.url, "phone_number_id": NUMBER_ID},
        credentials=credentials,
        **fields,
    )
    return WhatsAppChannel(data["id"], data)


def text_payload(wa_id: str, text: str, message_id: str, name: str = "Ada") -> dict[str, Any]:
    """A Cloud API webhook with one text message from ``wa_id`` (digits, no ``+``)."""
    value = {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "15550000000", "phone_number_id": NUMBER_ID},
        "contacts": [{"profile": {"name": name}, "wa_id": wa_id}],
        "messages": [
            {
                "from": wa_id,
                "id": message_id,
                "timestamp": str(int(time.time())),
                "type": "text",
                "text": {"body": text},
            }
        ],
    }
    return {
        "object": "whatsapp_business_account",
        "entry": [{"id": "1", "changes": [{"field": "messages", "value": value}]}],
    }


async def person_writes(
    client: httpx.AsyncClient, channel_id: str, wa_id: str, text: str, message_id: str
) -> httpx.Response:
    made = signed.whatsapp(APP_SECRET, text_payload(wa_id, text, message_id))
    return await client.post(
        f"/api/v1/channels/{channel_id}/inbound", content=made.body, headers=made.headers
    )
