"""Approvals asked by SMS or email (no buttons): the request carries a reply code and signed
links; a signed Twilio reply with the code decides it, a link decides it once (by SMS and by
email), and a made-up or altered link is refused."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from flowline.engine.worker import Worker
from tests.channels.builders import CHANNELS, PHONE, make_channel, make_secret
from tests.channels.test_kinds_api import _email_channel
from tests.engine.flows import create_flow, edge, get_run, node, wait_status
from tests.factories import Factory, Org
from tests.fakes import channel_inbound as signed
from tests.fakes.provider_api import serve_provider
from tests.fakes.smtp_server import FakeSmtp, serve_smtp
from tests.fakes.twilio_server import FakeTwilio

SID, TOKEN = "AC" + "3" * 32, "twilio-auth-token-3"
LINK = re.compile(r"(Approve|Deny): (/api/v1/approval-links/\S+)")


@pytest.fixture
async def twilio() -> AsyncIterator[FakeTwilio]:
    fake = FakeTwilio(SID, TOKEN)
    async with serve_provider(fake):
        yield fake


async def _link_to_owner(client: httpx.AsyncClient, org: Org, channel_id: str) -> None:
    """The channel's one contact linked to the organisation's owner (who may answer)."""
    contacts = await client.get(
        "/api/v1/contacts", params={"channel_id": channel_id}, headers=org.headers
    )
    [contact] = contacts.json()["data"]
    linked = await client.patch(
        f"/api/v1/contacts/{contact['id']}",
        json={"metadata": {"user_id": org.owner.user_id}},
        headers=org.headers,
    )
    assert linked.status_code == 200, linked.text


async def _asked(
    client: httpx.AsyncClient, org: Org, twilio: FakeTwilio
) -> tuple[dict[str, Any], str, str]:
    """An SMS channel, a run waiting on an approval sent to PHONE: (channel, run id, text)."""
    auth = await make_secret(client, org, f"{SID}:{TOKEN}", kind="basic", hosts=["127.0.0.1"])
    channel = await make_channel(
        client,
        org,
        "sms",
        config={"api_base": twilio.url, "account_sid": SID, "from_number": "+14155550100"},
        credentials={"auth": auth},
    )
    approval = node(
        "ask",
        "approval",
        title="Ship order 7?",
        assignees=[org.owner.user_id],
        notify=[{"channel_id": channel["id"], "to": PHONE}],
    )
    definition = {
        "nodes": [node("start", "start"), approval, node("yes", "end", output="approved")],
        "edges": [edge("start", "ask"), edge("ask", "yes", "approved")],
    }
    flow_id = await create_flow(client, org, definition)
    r = await client.post(f"/api/v1/flows/{flow_id}/run", json={"input": {}}, headers=org.headers)
    async with asyncio.timeout(30):
        while True:
            if twilio.requests:
                break
            await asyncio.sleep(0.05)
    [text] = twilio.form()["Body"]
    await _link_to_owner(client, org, channel["id"])
    return channel, str(r.json()["data"]["id"]), text


async def test_a_signed_reply_with_the_code_decides(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, twilio: FakeTwilio
) -> None:
    org = await factory.org()
    channel, run_id, text = await _asked(client, org, twilio)
    assert text.startswith("Approval needed: Ship order 7?\n\nReply YES ")
    code = re.search(r"Reply YES (\d{4}) to approve or NO \1 to deny", text)
    assert code is not None
    url = f"http://flowline.test{CHANNELS}/{channel['id']}/inbound"
    params = [
        ("MessageSid", "SM" + "4" * 32),
        ("AccountSid", SID),
        ("From", PHONE),
        ("To", "+14155550100"),
        ("Body", f"YES {code[1]}"),
        ("NumMedia", "0"),
    ]
    forged = signed.twilio("forged", url, params)
    r = await client.post(
        f"{CHANNELS}/{channel['id']}/inbound", content=forged.body, headers=forged.headers
    )
    assert r.status_code == 401
    assert (await get_run(client, org, run_id))["status"] == "waiting"
    good = signed.twilio(TOKEN, url, params)
    r = await client.post(
        f"{CHANNELS}/{channel['id']}/inbound", content=good.body, headers=good.headers
    )
    assert r.status_code == 200, r.text
    run = await wait_status(client, org, run_id, {"succeeded", "failed"})
    assert run["output"] == "approved"
    async with asyncio.timeout(30):
        while True:
            if len(twilio.requests) >= 2:
                break
            await asyncio.sleep(0.05)
    assert twilio.form()["Body"] == ["Thanks: approved."]


async def test_a_link_decides_once_and_a_made_up_one_is_refused(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, twilio: FakeTwilio
) -> None:
    org = await factory.org()
    _, run_id, text = await _asked(client, org, twilio)
    links = dict(LINK.findall(text))
    assert set(links) == {"Approve", "Deny"}
    # Opening a link only shows the question (a mail scanner following it decides nothing).
    page = await client.get(links["Deny"])
    assert page.status_code == 200
    assert "Ship order 7?" in page.text
    assert '<form method="post">' in page.text
    assert (await get_run(client, org, run_id))["status"] == "waiting"
    token = links["Approve"].rsplit("/", 1)[1]
    altered = token[:-6] + ("A" if token[-6] != "A" else "B") + token[-5:]
    refused = await client.post(links["Approve"].replace(token, altered))
    assert refused.status_code == 401
    assert "not valid" in refused.text
    assert (await client.post("/api/v1/approval-links/made-up")).status_code == 401

    answered = await client.post(links["Approve"])
    assert answered.status_code == 200, answered.text
    assert "Thanks: approved." in answered.text
    run = await wait_status(client, org, run_id, {"succeeded", "failed"})
    assert run["output"] == "approved"
    again = await client.post(links["Deny"])
    assert again.status_code == 409
    assert "Already decided: the approval is approved." in again.text
    repeat = await client.post(links["Approve"])
    assert repeat.status_code == 409


async def test_by_email_the_links_decide_once(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    async with serve_smtp(FakeSmtp("bot@shop.example.com", "smtp-pass-1")) as smtp:
        channel = await _email_channel(client, org, smtp.port)
        approval = node(
            "ask",
            "approval",
            title="Ship order 9?",
            assignees=[org.owner.user_id],
            notify=[{"channel_id": channel["id"], "to": "ada@example.org"}],
        )
        definition = {
            "nodes": [
                node("start", "start"),
                approval,
                node("yes", "end", output="approved"),
                node("no", "end", output="denied"),
            ],
            "edges": [
                edge("start", "ask"),
                edge("ask", "yes", "approved"),
                edge("ask", "no", "denied"),
            ],
        }
        flow_id = await create_flow(client, org, definition)
        r = await client.post(
            f"/api/v1/flows/{flow_id}/run", json={"input": {}}, headers=org.headers
        )
        run_id = r.json()["data"]["id"]
        async with asyncio.timeout(30):
            while not smtp.mail:  # noqa: ASYNC110 - the fake has no event
                await asyncio.sleep(0.05)
    [mail] = smtp.mail
    assert mail.recipients == ["ada@example.org"]
    body = mail.message.get_body(preferencelist=("plain",))
    assert body is not None
    text = body.get_content()
    assert text.startswith("Approval needed: Ship order 9?")
    links = dict(LINK.findall(text))
    assert set(links) == {"Approve", "Deny"}
    assert (await get_run(client, org, run_id))["status"] == "waiting"

    # The address is nobody's yet: the link decides nothing.
    unlinked = await client.post(links["Deny"])
    assert unlinked.status_code == 403
    assert "not linked to a user" in unlinked.text
    await _link_to_owner(client, org, channel["id"])

    answered = await client.post(links["Deny"])
    assert answered.status_code == 200, answered.text
    assert "Thanks: denied." in answered.text
    run = await wait_status(client, org, run_id, {"succeeded", "failed"})
    assert run["output"] == "denied"
    again = await client.post(links["Approve"])
    assert again.status_code == 409
    assert "Already decided: the approval is denied." in again.text


async def test_a_link_and_an_answer_in_the_console_at_once_one_wins(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, twilio: FakeTwilio
) -> None:
    org = await factory.org()
    _, run_id, text = await _asked(client, org, twilio)
    links = dict(LINK.findall(text))
    pending = (await client.get("/api/v1/approvals/pending", headers=org.headers)).json()
    [approval] = pending["data"]
    by_link, in_console = await asyncio.gather(
        client.post(links["Approve"]),
        client.post(
            f"/api/v1/approvals/{approval['id']}/respond",
            json={"decision": "deny"},
            headers=org.headers,
        ),
    )
    assert sorted([by_link.status_code, in_console.status_code]) == [200, 409]
    won = "approved" if by_link.status_code == 200 else "denied"
    run = await wait_status(client, org, run_id, {"succeeded", "failed"})
    # The flow has an edge for "approved" only: a denial ends the run at the approval.
    assert run["output"] == "approved" if won == "approved" else run["output"]["decision"] == won
    decided = await client.get(f"/api/v1/approvals/{approval['id']}", headers=org.headers)
    assert decided.json()["data"]["status"] == won
    events = await client.get(f"/api/v1/runs/{run_id}/events?size=100", headers=org.headers)
    assert [e["type"] for e in events.json()["data"]].count("approval.resolved") == 1
