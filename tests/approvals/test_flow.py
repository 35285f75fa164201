"""Approval steps run by the engine's worker, end to end through the API."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from flowline.engine.worker import Worker
from tests.answers import assert_error
from tests.engine.flows import create_flow, edge, events, get_run, node, run_flow
from tests.factories import Factory, Org


def _definition(**ask: Any) -> dict[str, Any]:
    config = {"title": "Pay {{ input.amount }}?", "payload": {"amount": "{{ input.amount }}"}}
    return {
        "nodes": [
            node("start", "start"),
            node("ask", "approval", **(config | ask)),
            node("paid", "end", output="{{ steps.ask.output }}"),
            node("refused", "end", output="{{ steps.ask.output }}"),
        ],
        "edges": [
            edge("start", "ask"),
            edge("ask", "paid", "approved"),
            edge("ask", "refused", "denied"),
            edge("ask", "refused", "expired"),
        ],
    }


async def _until(
    client: httpx.AsyncClient, org: Org, run_id: str, status: str, seconds: float = 15
) -> dict[str, Any]:
    async with asyncio.timeout(seconds):
        while True:
            run = await get_run(client, org, run_id)
            if run["status"] == status:
                return run
            await asyncio.sleep(0.05)


async def _pending(client: httpx.AsyncClient, org: Org, run_id: str) -> dict[str, Any]:
    async with asyncio.timeout(15):
        while True:
            r = await client.get(f"/api/v1/approvals/pending?run_id={run_id}", headers=org.headers)
            if r.json()["data"]:
                approval: dict[str, Any] = r.json()["data"][0]
                return approval
            await asyncio.sleep(0.05)


async def test_an_approved_step_goes_on_with_the_edited_payload(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    schema = {"type": "object", "properties": {"amount": {"type": "integer"}}}
    definition = _definition(assignees=[org.owner.user_id], payload_schema=schema)
    flow_id = await create_flow(client, org, definition)
    run = await run_flow(client, org, flow_id, {"amount": 50}, wait=0)
    approval = await _pending(client, org, run["id"])
    assert (approval["title"], approval["payload"]) == ("Pay 50?", {"amount": 50})
    await _until(client, org, run["id"], "waiting")

    r = await client.post(
        f"/api/v1/approvals/{approval['id']}/respond",
        json={"decision": "approve", "arguments": {"amount": 40}, "comment": "less"},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    done = await _until(client, org, run["id"], "succeeded")
    assert done["output"]["decision"] == "approved"
    assert done["output"]["payload"] == {"amount": 40}
    assert done["output"]["decided_by"]["id"] == org.owner.user_id
    assert done["output"]["comment"] == "less"
    seen = await events(client, org, run["id"])
    assert seen.index("approval.requested") < seen.index("approval.resolved")


async def test_run_approve_and_deny(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    flow_id = await create_flow(client, org, _definition(assignees=[org.owner.user_id]))
    run = await run_flow(client, org, flow_id, {"amount": 1}, wait=0)
    await _pending(client, org, run["id"])
    await _until(client, org, run["id"], "waiting")
    r = await client.post(
        f"/api/v1/runs/{run['id']}/approve", json={"decision": "deny"}, headers=org.headers
    )
    assert r.status_code == 200, r.text
    done = await _until(client, org, run["id"], "succeeded")
    assert done["output"]["decision"] == "denied"
    [step] = [s for s in done["steps"] if s["node_id"] == "ask"]
    assert step["outcome"] == "denied"


async def test_a_time_out_takes_on_timeout(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    definition = _definition(group="{{ input.group }}", timeout_seconds=0.5)
    r = await client.post("/api/v1/groups", json={"name": "ops"}, headers=org.headers)
    assert r.status_code == 201, r.text
    flow_id = await create_flow(client, org, definition)
    run = await run_flow(client, org, flow_id, {"amount": 1, "group": "ops"}, wait=0)
    approval = await _pending(client, org, run["id"])
    done = await _until(client, org, run["id"], "succeeded")
    assert done["output"]["decision"] == "expired"
    assert done["output"]["timed_out"] is True
    r = await client.get(f"/api/v1/approvals/{approval['id']}", headers=org.headers)
    assert r.json()["data"]["status"] == "expired"
    r = await client.post(
        f"/api/v1/approvals/{approval['id']}/respond",
        json={"decision": "approve"},
        headers=org.headers,
    )
    assert_error(r, 409, "CONFLICT")


async def test_cancelling_the_approval_fails_the_run(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    flow_id = await create_flow(client, org, _definition(assignees=[org.owner.user_id]))
    run = await run_flow(client, org, flow_id, {"amount": 1}, wait=0)
    approval = await _pending(client, org, run["id"])
    await _until(client, org, run["id"], "waiting")
    r = await client.delete(f"/api/v1/approvals/{approval['id']}", headers=org.headers)
    assert r.status_code == 204, r.text
    failed = await _until(client, org, run["id"], "failed")
    assert failed["error"]["code"] == "APPROVAL_CANCELLED"


async def test_cancelling_the_run_withdraws_the_approval(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    flow_id = await create_flow(client, org, _definition(assignees=[org.owner.user_id]))
    run = await run_flow(client, org, flow_id, {"amount": 1}, wait=0)
    approval = await _pending(client, org, run["id"])
    await _until(client, org, run["id"], "waiting")
    r = await client.post(f"/api/v1/runs/{run['id']}/cancel", headers=org.headers)
    assert r.status_code == 200, r.text
    r = await client.get(f"/api/v1/approvals/{approval['id']}", headers=org.headers)
    assert r.json()["data"]["status"] == "cancelled"
    r = await client.post(
        f"/api/v1/approvals/{approval['id']}/respond",
        json={"decision": "approve"},
        headers=org.headers,
    )
    assert_error(r, 409, "CONFLICT")
