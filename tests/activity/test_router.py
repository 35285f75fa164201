"""``/activity/timeline``: a contact's emails, conversation messages, runs and artifacts,
newest first and paged; another organisation's contact is not found."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from flowline.engine.worker import Worker
from tests.artifacts.builders import SMTP_PASSWORD, SMTP_USER, make_artifact, make_email_channel
from tests.factories import Factory, Org
from tests.fakes import channel_inbound as signed
from tests.fakes.smtp_server import FakeSmtp, serve_smtp

URL = "/api/v1/activity/timeline"
RAW = (
    b"From: Ada <ada@example.org>\r\nTo: support@shop.example.com\r\n"
    b"Subject: Invoice\r\nMessage-ID: <inv-1@example.org>\r\n\r\nPlease resend it.\r\n"
)


async def _timeline(client: httpx.AsyncClient, org: Org, **body: Any) -> httpx.Response:
    return await client.post(URL, json=body, headers=org.headers)


async def test_a_contacts_timeline(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org, other = await factory.org(), await factory.org()
    async with serve_smtp(FakeSmtp(SMTP_USER, SMTP_PASSWORD)) as smtp:
        assert smtp.port
        channel = await make_email_channel(client, org, smtp.port)
        made = signed.flowline("mail-inbound-1", RAW, content_type="message/rfc822")
        r = await client.post(
            f"/api/v1/channels/{channel['id']}/inbound", content=made.body, headers=made.headers
        )
        assert r.status_code == 200, r.text
        contacts: list[dict[str, Any]] = []
        for _ in range(400):
            r = await client.get("/api/v1/contacts", headers=org.headers)
            contacts = r.json().get("data", [])
            if contacts and contacts[0].get("conversation_id"):
                break
            await asyncio.sleep(0.05)
    [contact] = contacts
    await make_artifact(
        client, org, "email_draft", {"subject": "Resent invoice"}, contact_id=contact["id"]
    )
    r = await _timeline(client, org, contact_id=contact["id"])
    assert r.status_code == 200, r.text
    items = r.json()["data"]
    kinds = [i["kind"] for i in items]
    assert kinds[0] == "artifact"
    assert "email" in kinds
    assert "conversation" in kinds
    email = next(i for i in items if i["kind"] == "email")
    assert (email["title"], email["data"]["direction"]) == ("Received: Invoice", "in")
    times = [i["at"] for i in items]
    assert times == sorted(times, reverse=True)
    r = await _timeline(client, org, account="example.org", kinds=["email"], size=1)
    assert (r.json()["total"], len(r.json()["data"])) == (1, 1)
    # Past the newest 10,000 items a page is empty, not a 422 (found by schema fuzzing).
    r = await _timeline(client, org, account="example.org", page=24373, size=34)
    assert r.status_code == 200, r.text
    assert (r.json()["total"], r.json()["data"]) == (len(items), [])
    r = await _timeline(client, other, contact_id=contact["id"])
    assert r.status_code == 404
    r = await _timeline(client, other, account="example.org")
    assert r.json()["data"] == []
    r = await _timeline(client, org)
    assert r.status_code == 422
