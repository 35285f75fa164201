"""The contact's conversation holds every message on the channel, in order, each once:
inbound whatever its route (a flow, a waiting run, nobody), outbound from flows and the API
(text, buttons, templates), with the channel message's id, direction, kind and current
delivery status; another organisation cannot read it."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from flowline.engine.worker import Worker
from tests.channels.builders import CHANNELS, PHONE, events_until, make_channel, message_once, say
from tests.engine.flows import create_flow, edge, get_run, node, wait_status
from tests.factories import Factory, Org


async def _thread(client: httpx.AsyncClient, org: Org, contact_id: str) -> list[dict[str, Any]]:
    contact = await client.get(f"/api/v1/contacts/{contact_id}", headers=org.headers)
    assert contact.status_code == 200, contact.text
    conversation_id = contact.json()["data"]["conversation_id"]
    r = await client.get(
        f"/api/v1/conversations/{conversation_id}/messages?size=100", headers=org.headers
    )
    assert r.status_code == 200, r.text
    found: list[dict[str, Any]] = r.json()["data"]
    return found


def _seen(thread: list[dict[str, Any]]) -> list[tuple[str, str, str, str]]:
    return [
        (m["role"], m["content"], m["metadata"]["direction"], m["metadata"]["kind"]) for m in thread
    ]


def _conversing_flow() -> dict[str, Any]:
    """Answers with buttons, waits for the person's next message, and answers that."""
    to, channel_id = "{{ input.contact.address }}", "{{ input.message.channel_id }}"
    nodes = [
        node("start", "start"),
        node(
            "ask",
            "send_text",
            channel_id=channel_id,
            to=to,
            text="re: {{ input.message.body.text }}",
            buttons=[{"id": "y", "title": "Yes"}, {"id": "n", "title": "No"}],
        ),
        node("wait", "wait_for_message", channel_id=channel_id, **{"from": to}),
        node(
            "answer",
            "send_text",
            channel_id=channel_id,
            to=to,
            text="got: {{ steps.wait.output.message.body.text }}",
        ),
        node("done", "end"),
    ]
    edges = [
        edge("start", "ask"),
        edge("ask", "wait"),
        edge("wait", "answer", "message"),
        edge("answer", "done"),
    ]
    return {"nodes": nodes, "edges": edges}


async def _run_waits(client: httpx.AsyncClient, org: Org, run_id: str) -> None:
    async with asyncio.timeout(20):
        while True:
            run = await get_run(client, org, run_id)
            if any(s["node_id"] == "wait" and s["status"] == "waiting" for s in run["steps"]):
                return
            await asyncio.sleep(0.05)


async def test_a_flows_exchange_is_in_the_contacts_conversation_once_and_in_order(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    flow_id = await create_flow(client, org, _conversing_flow())
    channel = await make_channel(client, org, on_message={"flow_id": flow_id})
    first = await say(client, org, channel["id"], "hello", id="p1")
    assert first.status_code == 202, first.text
    contact_id = first.json()["data"]["contact_id"]
    found = await events_until(client, org, channel["id"], "message.routed")
    [run_id] = [e["data"]["run_id"] for e in found if e["type"] == "message.routed"]
    await _run_waits(client, org, run_id)
    for _ in range(3):  # the person's answer, retried by the provider: stored and kept once
        await say(client, org, channel["id"], "yes", id="p2")
    run = await wait_status(client, org, run_id, {"succeeded", "failed"})
    assert run["status"] == "succeeded", run
    await events_until(client, org, channel["id"], "message.sent", 2)

    thread = await _thread(client, org, contact_id)
    assert _seen(thread) == [
        ("user", "hello", "in", "text"),
        ("assistant", "re: hello [buttons: Yes | No]", "out", "buttons"),
        ("user", "yes", "in", "text"),
        ("assistant", "got: yes", "out", "text"),
    ]
    assert [m["seq"] for m in thread] == sorted({m["seq"] for m in thread})
    r = await client.get(
        f"{CHANNELS}/{channel['id']}/messages?size=100&contact_id={contact_id}",
        headers=org.headers,
    )
    messages = {m["id"]: m for m in r.json()["data"]}
    assert {m["channel_message_id"] for m in thread} == set(messages)
    for row in thread:
        message = messages[row["channel_message_id"]]
        assert row["metadata"]["status"] == message["status"]  # "received", or "sent"
        assert row["metadata"]["channel_id"] == channel["id"]
        assert row["turn_id"] is None


async def test_api_sends_templates_and_stored_messages_are_kept_with_their_status(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    channel = await make_channel(client, org)  # no on_message: what comes in is only stored
    r = await client.post(
        f"{CHANNELS}/{channel['id']}/send", json={"to": PHONE, "text": "Hello"}, headers=org.headers
    )
    assert r.status_code == 202, r.text
    sent = r.json()["data"]
    template = {
        "to": PHONE,
        "template": "order_update",
        "language": "en_US",
        "parameters": [{"type": "body", "parameters": [{"type": "text", "text": "ABC123"}]}],
    }
    r = await client.post(
        f"{CHANNELS}/{channel['id']}/templates/send", json=template, headers=org.headers
    )
    assert r.status_code == 202, r.text
    await message_once(client, org, r.json()["data"]["id"], {"sent"})
    answer = await say(client, org, channel["id"], "Hi back")
    assert answer.status_code == 202, answer.text
    await events_until(client, org, channel["id"], "message.routed")

    thread = await _thread(client, org, sent["contact_id"])
    assert _seen(thread) == [
        ("assistant", "Hello", "out", "text"),
        ("assistant", "[template 'order_update' (en_US) sent with ABC123]", "out", "template"),
        ("user", "Hi back", "in", "text"),
    ]
    assert thread[0]["channel_message_id"] == sent["id"]
    assert thread[0]["metadata"]["status"] == "sent"  # queued when written: read when shown
    assert thread[1]["metadata"]["template"] == "order_update"
    assert thread[1]["metadata"]["language"] == "en_US"
    assert thread[2]["metadata"]["status"] == "received"

    # The console's timeline shows the same, with the status.
    conversation_id = (
        await client.get(f"/api/v1/contacts/{sent['contact_id']}", headers=org.headers)
    ).json()["data"]["conversation_id"]
    r = await client.get(f"/api/v1/conversations/{conversation_id}/timeline", headers=org.headers)
    assert r.status_code == 200, r.text
    shown = [item["message"]["metadata"] for item in r.json()["data"]]
    assert [m["status"] for m in shown] == ["sent", "sent", "received"]

    # Another organisation reads none of it.
    stranger = await factory.org()
    for path in ("messages", "timeline", ""):
        r = await client.get(
            f"/api/v1/conversations/{conversation_id}/{path}".rstrip("/"), headers=stranger.headers
        )
        assert r.status_code == 404, (path, r.text)
        assert r.json()["error"] == "CONVERSATION_NOT_FOUND"

    # A conversation the team deletes is gone: the contact's later messages stay on the
    # channel only, both ways.
    r = await client.delete(f"/api/v1/conversations/{conversation_id}", headers=org.headers)
    assert r.status_code == 204, r.text
    later = await say(client, org, channel["id"], "still there?")
    assert later.status_code == 202, later.text
    assert later.json()["data"]["conversation_id"] is None
    r = await client.post(
        f"{CHANNELS}/{channel['id']}/send", json={"to": PHONE, "text": "yes"}, headers=org.headers
    )
    assert r.status_code == 202, r.text
    assert r.json()["data"]["conversation_id"] is None
