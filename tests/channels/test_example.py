"""``examples/channels``: the Kapso-style support flow deployed from its file and driven on a
sandbox channel by two people, one answered by the flow, one handed to the agent."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx

from flowline.cli.flowfiles import read_flow_file
from flowline.engine.worker import Worker
from tests.channels.builders import CHANNELS, OTHER_PHONE, make_channel, say
from tests.factories import Factory, Org

EXAMPLE = Path(__file__).parents[2] / "examples" / "channels" / "whatsapp-support.yaml"


async def _said_to(
    client: httpx.AsyncClient, org: Org, channel_id: str, contact_id: str, count: int
) -> list[dict[str, Any]]:
    """The bodies the channel sent the contact (oldest first), once there are ``count``."""
    async with asyncio.timeout(30):
        while True:
            r = await client.get(
                f"{CHANNELS}/{channel_id}/messages",
                params={"direction": "out", "contact_id": contact_id, "size": 100},
                headers=org.headers,
            )
            found = [m["body"] for m in reversed(r.json()["data"]) if m["status"] == "sent"]
            if len(found) >= count:
                return found
            await asyncio.sleep(0.05)


async def _waiting(client: httpx.AsyncClient, org: Org, flow_id: str, count: int) -> None:
    """Until ``count`` runs of the flow wait at ``wait_for_message`` (a person reads first)."""
    async with asyncio.timeout(30):
        while True:
            runs = await client.get(f"/api/v1/runs?flow_id={flow_id}", headers=org.headers)
            waiting = 0
            for run in runs.json()["data"]:
                got = await client.get(f"/api/v1/runs/{run['id']}", headers=org.headers)
                steps = got.json()["data"]["steps"]
                waiting += any(s["node_id"] == "wait" and s["status"] == "waiting" for s in steps)
            if waiting >= count:
                return
            await asyncio.sleep(0.05)


async def test_the_support_flow_answers_or_hands_to_the_agent(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    agent = await client.post(
        "/api/v1/agents", json={"name": "support-agent", "config": {}}, headers=org.headers
    )
    assert agent.status_code == 201, agent.text
    example = read_flow_file(EXAMPLE)
    r = await client.post(
        "/api/v1/flows",
        json={
            "name": example.name,
            "description": example.description,
            "definition": example.definition,
        },
        headers=org.headers,
    )
    assert r.status_code == 201, r.text
    flow = r.json()["data"]
    assert flow["status"] != "draft", flow
    channel = await make_channel(client, org, on_message={"flow_id": flow["id"]})

    # Ada asks about her order with the button.
    first = await say(client, org, channel["id"], "hi", name="Ada")
    ada = first.json()["data"]["contact_id"]
    greeting, question = await _said_to(client, org, channel["id"], ada, 2)
    assert greeting == {"text": "Hi Ada! This is Flowline support."}
    assert question["text"] == "What can we help you with?"
    assert [b["id"] for b in question["buttons"]] == ["order", "other"]
    await _waiting(client, org, flow["id"], 1)
    await say(client, org, channel["id"], "Where is my order?", button_id="order")
    said = await _said_to(client, org, channel["id"], ada, 3)
    assert said[2] == {"text": "Your order has shipped and arrives tomorrow."}

    # Bob types something else: the agent answers him.
    first = await say(client, org, channel["id"], "hello", **{"from": OTHER_PHONE})
    bob = first.json()["data"]["contact_id"]
    greeting, _ = await _said_to(client, org, channel["id"], bob, 2)
    assert greeting == {"text": "Hi there! This is Flowline support."}
    await _waiting(client, org, flow["id"], 1)
    await say(client, org, channel["id"], "I want a refund", **{"from": OTHER_PHONE})
    said = await _said_to(client, org, channel["id"], bob, 3)
    assert said[2] == {"text": "echo: I want a refund"}
    async with asyncio.timeout(30):  # each run ends once its last send is sent
        while True:
            runs = await client.get(f"/api/v1/runs?flow_id={flow['id']}", headers=org.headers)
            statuses = sorted(run["status"] for run in runs.json()["data"])
            if "waiting" not in statuses and "running" not in statuses:
                break
            await asyncio.sleep(0.05)
    assert statuses == ["succeeded", "succeeded"]
