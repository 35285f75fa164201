"""``/emails``: drafts written by the echo model as artifacts, sending through an email
channel (the SMTP fake), threaded replies, and search."""

from __future__ import annotations

import asyncio
import re
from datetime import timedelta
from typing import Any

import httpx

from flowline.db.types import utcnow
from flowline.engine.worker import Worker
from flowline.runtime import Runtime
from tests.artifacts.builders import SMTP_PASSWORD, SMTP_USER, make_email_channel
from tests.factories import Factory, Org
from tests.fakes import channel_inbound as signed
from tests.fakes.smtp_server import FakeSmtp, serve_smtp

URL = "/api/v1/emails"
RAW = (
    b"From: Ada <ada@example.org>\r\nTo: support@shop.example.com\r\n"
    b"Subject: Broken lamp\r\nMessage-ID: <lamp-1@example.org>\r\n\r\nMy lamp broke.\r\n"
)


async def _until(check: Any) -> None:
    for _ in range(400):
        if await check():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("not so after 20 s")


async def _query(client: httpx.AsyncClient, org: Org, **body: Any) -> list[dict[str, Any]]:
    r = await client.post(URL + "/query", json=body, headers=org.headers)
    assert r.status_code == 200, r.text
    data: list[dict[str, Any]] = r.json()["data"]
    return data


async def test_drafts_are_artifacts_written_by_the_model(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    given = {"to": ["ada@example.org"], "subject": "Hi", "body": "Hello Ada"}
    r = await client.post(URL + "/draft", json=given, headers=org.headers)
    assert r.status_code == 201, r.text
    assert r.json()["data"]["usage"] is None
    assert r.json()["data"]["artifact"]["content"]["body"] == "Hello Ada"
    r = await client.post(
        URL + "/draft", json={"subject": "Hi", "instructions": "thank Ada"}, headers=org.headers
    )
    assert r.status_code == 201, r.text
    drafted = r.json()["data"]
    assert drafted["usage"]["model"] == "flowline/echo"
    assert drafted["artifact"]["content"]["subject"] == "Hi"
    assert isinstance(drafted["artifact"]["content"]["body"], str)
    r = await client.post(
        URL + "/draft-email",
        json={"to": ["bob@example.org"], "instructions": "Invite Bob to lunch", "tone": "warm"},
        headers=org.headers,
    )
    assert r.status_code == 201, r.text
    artifact = r.json()["data"]["artifact"]
    assert (artifact["type"], artifact["state"]) == ("email_draft", "draft")
    assert artifact["content"]["to"] == ["bob@example.org"]
    r = await client.post(URL + "/draft", json={"subject": "x"}, headers=org.headers)
    assert r.status_code == 422
    r = await client.post(
        URL + "/draft-email", json={"to": ["nope"], "instructions": "x"}, headers=org.headers
    )
    assert r.status_code == 422
    assert r.json()["details"][0]["field"] == "to.0"


async def test_send_needs_an_email_channel(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    body = {"to": ["ada@example.org"], "subject": "s", "body": "b"}
    r = await client.post(URL + "/send", json=body, headers=org.headers)
    assert r.status_code == 409, r.text
    assert r.json()["error"] == "EMAIL_CHANNEL_MISSING"
    assert r.json()["details"][0]["field"] == "channel_id"


async def test_a_channel_id_naming_no_email_channel_is_404_naming_the_field(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    send = {"to": ["ada@example.org"], "subject": "s", "body": "b", "channel_id": "chn_nope"}
    for path, body in (("/send", send), ("/query", {"channel_id": "chn_nope"})):
        r = await client.post(URL + path, json=body, headers=org.headers)
        assert r.status_code == 404, r.text
        assert r.json()["details"] == [
            {"field": "channel_id", "problem": "not an email channel of this organisation"}
        ]


async def test_addresses_are_refused_as_the_documents_pattern_says(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    """The pattern spells its spaces out: JSON Schema's regular expressions, pydantic's and
    Python's ``\\s`` are three sets (``\\x1c``-``\\x1f`` and ``\\x85`` are where they differ)."""
    document = (await client.get("/openapi.json")).json()
    items = document["components"]["schemas"]["EmailSend"]["properties"]["to"]["items"]
    assert "\\s" not in items["pattern"]
    user_email = document["components"]["schemas"]["UserCreate"]["properties"]["email"]
    assert "\\s" not in user_email["pattern"]
    pattern = re.compile(items["pattern"])
    org = await factory.org()
    for address in ("ada@example.org", "a\x1db@example.org", "a\x85b@example.org", "a@ex\x1f.org"):
        body = {"to": [address], "subject": "s", "body": "b"}
        r = await client.post(URL + "/send", json=body, headers=org.headers)
        # No email channel: an address the pattern takes meets that (409), another is 422.
        assert r.status_code == (409 if pattern.match(address) else 422), (address, r.text)
    assert not pattern.match("a\x85b@example.org")


async def test_reply_to_a_received_email_send_and_search(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org, other = await factory.org(), await factory.org()
    async with serve_smtp(FakeSmtp(SMTP_USER, SMTP_PASSWORD)) as smtp:
        channel = await make_email_channel(client, org, smtp.port)
        inbound = signed.flowline("mail-inbound-1", RAW, content_type="message/rfc822")
        r = await client.post(
            f"/api/v1/channels/{channel['id']}/inbound",
            content=inbound.body,
            headers=inbound.headers,
        )
        assert r.status_code == 200, r.text

        async def received() -> bool:
            return bool(await _query(client, org, direction="in"))

        await _until(received)
        [email] = await _query(client, org, q="lamp BROKE")
        assert email["subject"] == "Broken lamp"
        r = await client.post(
            URL + "/draft-reply", json={"message_id": email["id"]}, headers=other.headers
        )
        assert r.status_code == 404
        r = await client.post(
            URL + "/draft-reply",
            json={"message_id": email["id"], "instructions": "apologise"},
            headers=org.headers,
        )
        assert r.status_code == 201, r.text
        draft = r.json()["data"]["artifact"]
        assert draft["content"]["to"] == ["ada@example.org"]
        assert draft["content"]["subject"] == "Re: Broken lamp"
        assert draft["conversation_id"] == email["conversation_id"]
        r = await client.post(URL + "/send", json={"artifact_id": draft["id"]}, headers=org.headers)
        assert r.status_code == 200, r.text
        assert r.json()["data"]["artifact"]["state"] == "sent"

        async def delivered() -> bool:
            return bool(smtp.mail)

        await _until(delivered)
    mail = smtp.mail[0].message
    assert mail["Subject"] == "Re: Broken lamp"
    assert mail["In-Reply-To"] == "<lamp-1@example.org>"
    r = await client.post(URL + "/send", json={"artifact_id": draft["id"]}, headers=org.headers)
    assert r.status_code == 409
    assert r.json()["error"] == "ILLEGAL_TRANSITION"
    assert [e["direction"] for e in await _query(client, org)] == ["out", "in"]
    assert await _query(client, org, direction="out", address="ada@example.org")
    assert await _query(client, other) == []
    assert await _query(client, org, q="nothing-like-this") == []


async def test_a_scheduled_draft_is_sent_at_its_time_by_a_fresh_worker(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    """The firing is an engine task row: a worker started afterwards (as after a
    restart) sends it; an edit after scheduling voids the stale one."""
    org = await factory.org()
    async with serve_smtp(FakeSmtp(SMTP_USER, SMTP_PASSWORD)) as smtp:
        await make_email_channel(client, org, smtp.port)
        given = {"to": ["ada@example.org"], "subject": "Later", "body": "Sent on time"}
        r = await client.post(URL + "/draft", json=given, headers=org.headers)
        art = r.json()["data"]["artifact"]
        url = f"/api/v1/artifacts/{art['id']}/state"
        when = (utcnow() - timedelta(seconds=1)).isoformat()
        r = await client.patch(
            url, json={"state": "scheduled", "scheduled_at": when}, headers=org.headers
        )
        assert r.status_code == 200, r.text
        worker = Worker(runtime, slots=2)
        task = asyncio.create_task(worker.run())
        try:

            async def sent() -> bool:
                r = await client.get(f"/api/v1/artifacts/{art['id']}", headers=org.headers)
                return bool(r.json()["data"]["state"] == "sent" and smtp.mail)

            await _until(sent)
        finally:
            worker.stop()
            await asyncio.wait_for(task, 10)
    assert smtp.mail[0].message["Subject"] == "Later"
