"""``POST /api/vapi/webhook`` and ``/api/calls``: live state, transcript, end-of-call
reports landing in the caller's conversation and starting a flow once."""

from __future__ import annotations

import httpx

from tests.factories import Factory, unique
from tests.runs.builders import make_flow
from tests.voice.builders import configure, message, post

PHONE = "+15550001111"


async def test_a_call_from_ringing_to_its_report(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org, other = await factory.org(), await factory.org()
    flow_id = await make_flow(client, org)
    secret = await configure(client, org, flow_id)
    call_id = unique("vapi-call-")
    assert (await post(client, None, message("status-update", call_id))).status_code == 401
    assert (
        await post(client, "wrong-secret", message("status-update", call_id))
    ).status_code == 401
    r = await post(client, secret, message("status-update", call_id, status="ringing"))
    assert r.status_code == 200, r.text
    r = await client.get(
        f"/api/calls/lookup/by-phone?phone={PHONE.replace('+', '%2B')}", headers=org.headers
    )
    assert r.status_code == 200, r.text
    assert (r.json()["data"]["vapi_call_id"], r.json()["data"]["status"]) == (call_id, "ringing")
    lines = [("user", "Hi, my order is late", "final"), ("assistant", "Let me", "partial")]
    for role, text, kind in lines:
        body = message("transcript", call_id, role=role, transcript=text, transcriptType=kind)
        assert (await post(client, secret, body)).status_code == 200
    r = await client.get(f"/api/calls/{call_id}", headers=org.headers)
    live = r.json()["data"]
    assert live["status"] == "in-progress"
    assert live["transcript"] == [{"role": "user", "text": "Hi, my order is late", "at": None}]
    assert (await client.get(f"/api/calls/{call_id}", headers=other.headers)).status_code == 404
    report = message(
        "end-of-call-report",
        call_id,
        endedReason="customer-ended-call",
        summary="The order is late; a refund was offered.",
        cost=0.12,
        artifact={
            "messages": [
                {"role": "user", "message": "Hi, my order is late"},
                {"role": "bot", "message": "Sorry, I will refund it."},
            ]
        },
    )
    for _ in range(2):  # Vapi may send a report twice
        r = await post(client, secret, report)
        assert r.status_code == 200, r.text
    r = await client.get(f"/api/calls/{call_id}", headers=org.headers)
    ended = r.json()["data"]
    assert (ended["status"], ended["ended_reason"], ended["cost"]) == (
        "ended",
        "customer-ended-call",
        0.12,
    )
    assert ended["run_id"] is not None
    r = await client.get(
        f"/api/v1/conversations/{ended['conversation_id']}/messages", headers=org.headers
    )
    [note] = r.json()["data"]
    assert note["role"] == "system"
    assert "refund was offered" in note["content"]
    assert "assistant: Sorry, I will refund it." in note["content"]
    r = await client.get(f"/api/v1/runs/{ended['run_id']}", headers=org.headers)
    assert r.status_code == 200
    r = await client.get(f"/api/calls/lookup/by-phone?phone={PHONE}", headers=org.headers)
    assert r.status_code == 404


async def test_bad_messages_and_config(client: httpx.AsyncClient, factory: Factory) -> None:
    org, other = await factory.org(), await factory.org()
    secret = await configure(client, org)
    r = await post(client, secret, {"message": {"type": "status-update", "call": {}}})
    assert r.status_code == 422
    assert r.json()["details"][0]["field"] == "message.call.id"
    r = await post(client, secret, {"nothing": 1})
    assert r.status_code == 422
    r = await post(client, secret, message("hang", "c1"))
    assert (r.status_code, r.json()["data"]["received"]) == (200, "hang")
    r = await client.put("/api/v1/voice/config", json={"secret": secret}, headers=other.headers)
    assert r.status_code == 409
    r = await client.put("/api/v1/voice/config", json={"secret": "short"}, headers=org.headers)
    assert r.status_code == 422
