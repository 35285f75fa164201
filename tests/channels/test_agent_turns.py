"""``on_message: {"agent_id"}``: a person's messages answered by agent turns on the contact's
conversation, the answer sent back through the one durable send; quick messages queued on
the conversation; a turn waiting on a tool approval answers once it is approved."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from flowline.engine.worker import Worker
from flowline.llm.echo import EchoProvider
from tests.agents.builders import hold_echo, make_agent
from tests.channels.builders import CHANNELS, OTHER_PHONE, events_until, make_channel, say
from tests.factories import Factory, Org


async def _outbound(
    client: httpx.AsyncClient, org: Org, channel_id: str, count: int, to_status: str = "sent"
) -> list[dict[str, Any]]:
    """The channel's outbound messages (oldest first) once ``count`` of them are sent."""
    async with asyncio.timeout(30):
        while True:
            r = await client.get(
                f"{CHANNELS}/{channel_id}/messages?direction=out&size=100", headers=org.headers
            )
            assert r.status_code == 200, r.text
            found: list[dict[str, Any]] = list(reversed(r.json()["data"]))
            if sum(m["status"] == to_status for m in found) >= count:
                return found
            await asyncio.sleep(0.05)


async def _conversation(client: httpx.AsyncClient, org: Org, contact_id: str) -> list[Any]:
    contact = (await client.get(f"/api/v1/contacts/{contact_id}", headers=org.headers)).json()
    conversation_id = contact["data"]["conversation_id"]
    r = await client.get(
        f"/api/v1/conversations/{conversation_id}/messages?size=100", headers=org.headers
    )
    assert r.status_code == 200, r.text
    return [(m["role"], m["content"]) for m in r.json()["data"] if m["role"] != "tool"]


async def _each_once(client: httpx.AsyncClient, org: Org, channel_id: str, contact_id: str) -> None:
    """Every channel message of the contact is one conversation message, with its metadata."""
    contact = (await client.get(f"/api/v1/contacts/{contact_id}", headers=org.headers)).json()
    r = await client.get(
        f"/api/v1/conversations/{contact['data']['conversation_id']}/messages?size=100",
        headers=org.headers,
    )
    rows = [m for m in r.json()["data"] if m["role"] != "tool"]
    r = await client.get(
        f"{CHANNELS}/{channel_id}/messages?contact_id={contact_id}&size=100", headers=org.headers
    )
    sent = {m["id"]: m for m in r.json()["data"]}
    assert sorted(m["channel_message_id"] for m in rows) == sorted(sent)
    for row in rows:
        message = sent[row["channel_message_id"]]
        assert row["metadata"]["direction"] == message["direction"]
        assert row["role"] == ("user" if message["direction"] == "in" else "assistant")
        assert row["turn_id"] == message["run_id"]  # the turn that took or wrote it


async def test_an_agent_answers_on_the_channel_in_the_contacts_conversation(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    channel = await make_channel(client, org, on_message={"agent_id": agent_id})
    first = await say(client, org, channel["id"], "hello there")
    assert first.status_code == 202, first.text
    [answer] = await _outbound(client, org, channel["id"], 1)
    assert answer["body"]["text"] == "echo: hello there"
    assert answer["body"]["reply_to"] == first.json()["data"]["id"]  # in its thread
    assert answer["contact_id"] == first.json()["data"]["contact_id"]
    run_id = answer["run_id"]
    assert run_id is not None
    run = (await client.get(f"/api/v1/runs/{run_id}", headers=org.headers)).json()["data"]
    assert run["kind"] == "agent"
    assert run["agent_id"] == agent_id

    # The second message continues the same conversation: one per contact and channel.
    await say(client, org, channel["id"], "and again")
    answers = await _outbound(client, org, channel["id"], 2)
    assert answers[1]["body"]["text"] == "echo: and again"
    contact_id = answer["contact_id"]
    assert await _conversation(client, org, contact_id) == [
        ("user", "hello there"),
        ("assistant", "echo: hello there"),
        ("user", "and again"),
        ("assistant", "echo: and again"),
    ]
    # Each is its channel message, once: the turn's answer is linked to its send, not
    # written again; the person's message was written when stored, and taken by the turn.
    await _each_once(client, org, channel["id"], contact_id)
    # Another person has a conversation of their own.
    await say(client, org, channel["id"], "someone else", **{"from": OTHER_PHONE})
    others = await _outbound(client, org, channel["id"], 3)
    assert others[2]["contact_id"] != contact_id
    routed = await events_until(client, org, channel["id"], "message.routed", 3)
    assert {e["data"]["to"] for e in routed if e["type"] == "message.routed"} == {"agent"}

    # The conversations API shows whose thread on which channel each is, and filters by them.
    listed = await client.get(f"/api/v1/conversations?contact_id={contact_id}", headers=org.headers)
    assert listed.status_code == 200, listed.text
    [thread] = listed.json()["data"]
    assert (thread["channel_id"], thread["contact_id"]) == (channel["id"], contact_id)
    on_channel = await client.get(
        f"/api/v1/conversations?channel_id={channel['id']}", headers=org.headers
    )
    assert {c["contact_id"] for c in on_channel.json()["data"]} == {
        contact_id,
        others[2]["contact_id"],
    }
    other_org = await factory.org()
    hidden = await client.get(
        f"/api/v1/conversations?contact_id={contact_id}", headers=other_org.headers
    )
    assert hidden.json()["data"] == []


async def test_quick_messages_wait_for_the_turn_and_go_to_the_next_one_in_order(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, monkeypatch: pytest.MonkeyPatch
) -> None:
    entered, release = hold_echo(monkeypatch)
    org = await factory.org()
    agent_id = await make_agent(client, org)
    channel = await make_channel(client, org, on_message={"agent_id": agent_id})
    await say(client, org, channel["id"], "one")
    async with asyncio.timeout(20):
        await entered.wait()  # the first turn is at its model call
    await say(client, org, channel["id"], "two")
    await say(client, org, channel["id"], "three")
    held = await events_until(client, org, channel["id"], "message.routed", 3)
    routed = [e["data"] for e in held if e["type"] == "message.routed"]
    assert [r.get("held", False) for r in routed] == [False, True, True]
    assert await _outbound(client, org, channel["id"], 0) == []  # nothing answered yet
    release.set()

    answers = await _outbound(client, org, channel["id"], 2)
    assert [a["body"]["text"] for a in answers] == ["echo: one", "echo: three"]
    contact_id = answers[0]["contact_id"]
    assert await _conversation(client, org, contact_id) == [
        ("user", "one"),
        ("assistant", "echo: one"),
        ("user", "two"),
        ("user", "three"),
        ("assistant", "echo: three"),
    ]
    # Two turns, one after the other, never both at once; every message is one of theirs.
    first, second = answers[0]["run_id"], answers[1]["run_id"]
    assert first != second
    r = await client.get(
        f"{CHANNELS}/{channel['id']}/messages?direction=in&size=100", headers=org.headers
    )
    by_text = {m["body"]["text"]: m["run_id"] for m in r.json()["data"]}
    assert by_text == {"one": first, "two": second, "three": second}
    runs = {
        run_id: (await client.get(f"/api/v1/runs/{run_id}", headers=org.headers)).json()["data"]
        for run_id in (first, second)
    }
    assert runs[first]["finished_at"] <= runs[second]["started_at"]


async def test_a_turn_waiting_on_an_approval_answers_once_approved(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org, tools=["kv_set"], approval={"kv_set": "always"})
    channel = await make_channel(client, org, on_message={"agent_id": agent_id})
    await say(client, org, channel["id"], 'call kv_set {"key": "k", "value": 7}')
    async with asyncio.timeout(20):
        while True:
            pending = await client.get("/api/v1/approvals/pending", headers=org.headers)
            if pending.json()["data"]:
                break
            await asyncio.sleep(0.05)
    [approval] = pending.json()["data"]
    # While it waits, a new message is held, not a second turn.
    await say(client, org, channel["id"], "are you there?")
    found = await events_until(client, org, channel["id"], "message.routed", 2)
    assert [e["data"].get("held", False) for e in found if e["type"] == "message.routed"] == [
        False,
        True,
    ]
    assert await _outbound(client, org, channel["id"], 0) == []
    ok = await client.post(
        f"/api/v1/approvals/{approval['id']}/respond",
        json={"decision": "approve"},
        headers=org.headers,
    )
    assert ok.status_code == 200, ok.text
    answers = await _outbound(client, org, channel["id"], 2)
    assert "kv_set returned" in answers[0]["body"]["text"]
    assert answers[1]["body"]["text"] == "echo: are you there?"
    kv = await client.get("/api/v1/kv/k", headers=org.headers)
    assert kv.json()["data"]["value"] == 7


async def test_a_failed_turn_sends_nothing_and_the_next_message_is_answered(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    channel = await make_channel(client, org, on_message={"agent_id": agent_id})
    plain = EchoProvider.chat
    calls = 0

    async def failing_once(self: EchoProvider, request: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise RuntimeError("the model broke")
        return await plain(self, request)

    monkeypatch.setattr(EchoProvider, "chat", failing_once)
    await say(client, org, channel["id"], "first")
    found = await events_until(client, org, channel["id"], "agent.unanswered")
    [unanswered] = [e["data"] for e in found if e["type"] == "agent.unanswered"]
    assert unanswered["reason"] == "the turn failed"
    await say(client, org, channel["id"], "second")
    [answer] = await _outbound(client, org, channel["id"], 1)
    assert answer["body"]["text"] == "echo: second"


async def test_a_cancelled_turn_sends_nothing_and_its_held_messages_go_on(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, monkeypatch: pytest.MonkeyPatch
) -> None:
    entered, release = hold_echo(monkeypatch)
    org = await factory.org()
    agent_id = await make_agent(client, org)
    channel = await make_channel(client, org, on_message={"agent_id": agent_id})
    first = await say(client, org, channel["id"], "first")
    async with asyncio.timeout(20):
        await entered.wait()
    await say(client, org, channel["id"], "second")
    routed = await events_until(client, org, channel["id"], "message.routed", 2)
    [started] = [
        e["data"] for e in routed if e["type"] == "message.routed" and e["data"].get("run_id")
    ]
    r = await client.post(f"/api/v1/runs/{started['run_id']}/cancel", headers=org.headers)
    assert r.status_code == 200, r.text
    release.set()
    found = await events_until(client, org, channel["id"], "agent.unanswered")
    [unanswered] = [e["data"] for e in found if e["type"] == "agent.unanswered"]
    assert unanswered == {"run_id": started["run_id"], "reason": "the turn cancelled"}
    [answer] = await _outbound(client, org, channel["id"], 1)
    assert answer["body"]["text"] == "echo: second"
    assert answer["contact_id"] == first.json()["data"]["contact_id"]
