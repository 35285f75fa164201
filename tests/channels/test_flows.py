"""Channels and flows: a run waiting for a message gets it exactly once, a time-out ends
the wait, ``on_message`` starts runs, and a flow sends, waits and answers on the sandbox."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any

import httpx

from flowline.engine.worker import Worker
from tests.channels.builders import (
    CHANNELS,
    PHONE,
    channel_events,
    events_until,
    make_channel,
    make_http_channel,
    say,
)
from tests.engine.flows import chain, create_flow, edge, get_run, node, wait_status
from tests.factories import Factory, Org
from tests.fakes.http import Answer, serve_fake


async def _start(client: httpx.AsyncClient, org: Org, flow_id: str, input: Any) -> str:
    r = await client.post(
        f"/api/v1/flows/{flow_id}/run", json={"input": input}, headers=org.headers
    )
    assert r.status_code == 201, r.text
    return str(r.json()["data"]["id"])


async def _waiting_step(client: httpx.AsyncClient, org: Org, run_id: str, node_id: str) -> None:
    """Until the run's ``node_id`` step waits (the wait is in place)."""
    async with asyncio.timeout(20):
        while True:
            run = await get_run(client, org, run_id)
            if any(s["node_id"] == node_id and s["status"] == "waiting" for s in run["steps"]):
                return
            await asyncio.sleep(0.05)


def _waiter(channel_id: str, **wait: Any) -> dict[str, Any]:
    nodes = [
        node("start", "start"),
        node(
            "wait",
            "wait_for_message",
            channel_id=channel_id,
            **{"from": "{{ input.phone }}"},
            **wait,
        ),
        node("got", "end", output="{{ steps.wait.output }}"),
        node("late", "end", output={"timed_out": True}),
    ]
    edges = [
        edge("start", "wait"),
        edge("wait", "got", "message"),
        edge("wait", "late", "timeout"),
    ]
    return {"nodes": nodes, "edges": edges}


async def test_a_waiting_run_gets_a_repeated_message_exactly_once(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    fallback = await create_flow(client, org, chain(node("start", "start"), node("done", "end")))
    channel = await make_channel(client, org, on_message={"flow_id": fallback})
    flow_id = await create_flow(client, org, _waiter(channel["id"]))
    run_id = await _start(client, org, flow_id, {"phone": "+1 415-555-0123"})
    await _waiting_step(client, org, run_id, "wait")

    # Another person's message is not this run's.
    await say(client, org, channel["id"], "not me", **{"from": "+14155550199"})
    for _ in range(3):  # the provider retries the same message
        await say(client, org, channel["id"], "yes please", id="wamid.1")
    run = await wait_status(client, org, run_id, {"succeeded", "failed"})
    assert run["status"] == "succeeded", run
    assert run["output"]["message"]["body"] == {"text": "yes please"}
    assert run["output"]["contact"]["address"] == PHONE
    assert [s["node_id"] for s in run["steps"]] == ["start", "wait", "got"]

    found = await events_until(client, org, channel["id"], "message.routed", 2)
    routed = [e["data"] for e in found if e["type"] == "message.routed"]
    assert sorted(r["to"] for r in routed) == ["flow", "run"]
    assert [r["run_id"] for r in routed if r["to"] == "run"] == [run_id]
    listed = await client.get(f"{CHANNELS}/{channel['id']}/messages", headers=org.headers)
    assert listed.json()["total"] == 2  # stored once each


async def test_a_wait_times_out_and_a_later_message_goes_elsewhere(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    channel = await make_channel(client, org)
    flow_id = await create_flow(client, org, _waiter(channel["id"], timeout_seconds=0.3))
    run_id = await _start(client, org, flow_id, {"phone": PHONE})
    run = await wait_status(client, org, run_id, {"succeeded", "failed"})
    assert run["output"] == {"timed_out": True}
    assert [s["outcome"] for s in run["steps"] if s["node_id"] == "wait"] == ["timeout"]

    await say(client, org, channel["id"], "too late")
    found = await events_until(client, org, channel["id"], "message.routed")
    assert [e["data"]["to"] for e in found if e["type"] == "message.routed"] == ["stored"]


async def test_a_match_expression_picks_the_messages_a_wait_takes(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    channel = await make_channel(client, org)
    match = "message.body.text | upper in ['YES', 'NO']"
    flow_id = await create_flow(client, org, _waiter(channel["id"], match=match))
    run_id = await _start(client, org, flow_id, {"phone": PHONE})
    await _waiting_step(client, org, run_id, "wait")
    await say(client, org, channel["id"], "maybe?")
    await events_until(client, org, channel["id"], "message.routed")
    assert (await get_run(client, org, run_id))["status"] == "waiting"
    await say(client, org, channel["id"], "no")
    run = await wait_status(client, org, run_id, {"succeeded", "failed"})
    assert run["output"]["message"]["body"]["text"] == "no"


async def test_on_message_starts_a_flow_run_with_the_message_and_contact(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    flow_id = await create_flow(
        client,
        org,
        chain(
            node("start", "start"),
            node(
                "done", "end", output="{{ input.contact.name }} said {{ input.message.body.text }}"
            ),
        ),
    )
    channel = await make_channel(client, org, on_message={"flow_id": flow_id})
    r = await say(client, org, channel["id"], "hello", name="Ada")
    message_id = r.json()["data"]["id"]
    found = await events_until(client, org, channel["id"], "message.routed")
    routed = next(e["data"] for e in found if e["type"] == "message.routed")
    assert routed["to"] == "flow"
    run = await wait_status(client, org, routed["run_id"], {"succeeded", "failed"})
    assert run["trigger"] == "message"
    assert run["output"] == "Ada said hello"
    message = (await client.get(f"/api/v1/messages/{message_id}", headers=org.headers)).json()
    assert message["data"]["run_id"] == routed["run_id"]


async def test_a_flow_sends_waits_for_the_answer_and_answers_on_the_sandbox(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    channel = await make_channel(client, org)
    cid = channel["id"]
    definition = chain(
        node("start", "start"),
        node(
            "ask",
            "send_text",
            channel_id=cid,
            to="{{ input.phone }}",
            text="Hi {{ input.name }}, what size?",
            buttons=[{"id": "s", "title": "Small"}, {"id": "l", "title": "Large"}],
        ),
        node("wait", "wait_for_message", channel_id=cid, **{"from": "{{ input.phone }}"}),
        node(
            "confirm",
            "send_text",
            channel_id=cid,
            to="{{ input.phone }}",
            text="Got it: {{ steps.wait.output.message.body.text }}",
        ),
        node("done", "end", output="{{ steps.confirm.output }}"),
    )
    definition["edges"][2] = edge("wait", "confirm", "message")
    flow_id = await create_flow(client, org, definition)
    run_id = await _start(client, org, flow_id, {"phone": PHONE, "name": "Ada"})
    await _waiting_step(client, org, run_id, "wait")
    first = (
        await client.get(f"{CHANNELS}/{cid}/messages?direction=out", headers=org.headers)
    ).json()
    assert first["data"][0]["type"] == "interactive"
    assert first["data"][0]["body"]["text"] == "Hi Ada, what size?"
    assert first["data"][0]["run_id"] == run_id

    await say(client, org, cid, "Large", button_id="l")
    run = await wait_status(client, org, run_id, {"succeeded", "failed"})
    assert run["status"] == "succeeded", run
    assert run["output"]["status"] == "sent"
    sent = (
        await client.get(f"{CHANNELS}/{cid}/messages?direction=out", headers=org.headers)
    ).json()
    assert [m["body"].get("text") for m in sent["data"]] == ["Got it: Large", "Hi Ada, what size?"]
    assert {m["status"] for m in sent["data"]} == {"sent"}
    types = [e["type"] for e in await channel_events(client, org, cid)]
    assert types.count("message.sent") == 2


async def test_a_refused_send_takes_the_error_edge(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    channel = await make_channel(client, org)
    definition = {
        "nodes": [
            node("start", "start"),
            node("send", "send_text", channel_id=channel["id"], to="{{ input.phone }}", text="hi"),
            node("ok", "end", output="sent"),
            node("oops", "end", output="{{ steps.send.output }}"),
        ],
        "edges": [edge("start", "send"), edge("send", "ok"), edge("send", "oops", "error")],
    }
    flow_id = await create_flow(client, org, definition)
    run = await wait_status(
        client, org, await _start(client, org, flow_id, {"phone": "nope"}), {"succeeded", "failed"}
    )
    assert run["output"]["error"]["code"] == "INVALID_ADDRESS"


async def test_a_node_waits_for_the_channels_rate_then_sends(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    channel = await make_channel(client, org, limits={"messages_per_second": 2, "burst": 1})
    cid = channel["id"]
    definition = chain(
        node("start", "start"),
        node("one", "send_text", channel_id=cid, to=PHONE, text="one"),
        node("two", "send_text", channel_id=cid, to=PHONE, text="two"),
        node("done", "end", output="{{ steps.two.output.status }}"),
    )
    flow_id = await create_flow(client, org, definition)
    run = await wait_status(
        client, org, await _start(client, org, flow_id, {}), {"succeeded", "failed"}
    )
    assert run["output"] == "sent", run
    sent = (await client.get(f"{CHANNELS}/{cid}/messages", headers=org.headers)).json()
    assert [m["body"]["text"] for m in sent["data"]] == ["two", "one"]
    two, one = (datetime.fromisoformat(m["created_at"]) for m in sent["data"])
    assert (two - one).total_seconds() >= 0.45  # the rate's interval: 1/2 s


async def test_a_provider_refusal_fails_the_send_node_onto_its_error_edge(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    async with serve_fake() as fake:
        fake.answer("/messages", Answer(400, {"error": "template not approved"}))
        channel = await make_http_channel(client, org, fake.url, "secret-for-node-test")
        definition = {
            "nodes": [
                node("start", "start"),
                node(
                    "send",
                    "send_template",
                    channel_id=channel["id"],
                    to=PHONE,
                    template="welcome",
                    parameters=[{"type": "body", "parameters": []}],
                ),
                node("ok", "end", output="sent"),
                node("oops", "end", output="{{ steps.send.error }}"),
            ],
            "edges": [edge("start", "send"), edge("send", "ok"), edge("send", "oops", "error")],
        }
        flow_id = await create_flow(client, org, definition)
        run = await wait_status(
            client, org, await _start(client, org, flow_id, {}), {"succeeded", "failed"}
        )
    assert run["status"] == "succeeded", run
    assert run["output"]["code"] == "PROVIDER_REFUSED"
    assert [s["status"] for s in run["steps"] if s["node_id"] == "send"] == ["failed"]
    assert fake.seen("/messages")[0].json["body"]["template"] == "welcome"


async def test_an_inactive_on_message_flow_leaves_the_message_stored_and_says_why(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    flow_id = await create_flow(client, org, chain(node("start", "start"), node("done", "end")))
    channel = await make_channel(client, org, on_message={"flow_id": flow_id})
    r = await client.patch(
        f"/api/v1/flows/{flow_id}", json={"status": "inactive"}, headers=org.headers
    )
    assert r.status_code == 200, r.text
    await say(client, org, channel["id"], "anyone?")
    found = await events_until(client, org, channel["id"], "message.routed")
    routed = next(e["data"] for e in found if e["type"] == "message.routed")
    assert routed["to"] == "stored"
    assert routed["flow_id"] == flow_id
    assert "inactive" in routed["reason"]
