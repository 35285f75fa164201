"""Confirmed requests end to end: credentials, flows with one ``http_request``, and waiting
for the question and the run's end through the API."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import httpx

from tests.engine.flows import create_flow, edge, get_run, node
from tests.factories import Org
from tests.fakes.http import FakeApi


def token() -> str:
    return f"tok-{uuid.uuid4().hex}"


async def add_credential(
    client: httpx.AsyncClient, org: Org, name: str, value: str, **extra: Any
) -> dict[str, Any]:
    body = {"name": name, "kind": "bearer", "value": value, "hosts": ["127.0.0.1"], **extra}
    r = await client.post("/api/v1/secrets", json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    made: dict[str, Any] = r.json()["data"]
    return made


def call(api: FakeApi, path: str, **config: Any) -> dict[str, Any]:
    return node("call", "http_request", url=f"{api.url}{path}", **config)


async def flow_with(client: httpx.AsyncClient, org: Org, call_node: dict[str, Any]) -> str:
    """``start → call → sent`` (the answer's body), and ``call -error→ refused`` (the code)."""
    return await create_flow(
        client,
        org,
        {
            "nodes": [
                node("start", "start"),
                call_node,
                node("sent", "end", output="{{ steps.call.output.body }}"),
                node("refused", "end", output="{{ steps.call.error.code }}"),
            ],
            "edges": [
                edge("start", "call"),
                edge("call", "sent"),
                edge("call", "refused", "error"),
            ],
        },
    )


async def until(
    client: httpx.AsyncClient, org: Org, run_id: str, *statuses: str, seconds: float = 15
) -> dict[str, Any]:
    async with asyncio.timeout(seconds):
        while True:
            run = await get_run(client, org, run_id)
            if run["status"] in statuses:
                return run
            await asyncio.sleep(0.05)


async def pending(client: httpx.AsyncClient, org: Org, run_id: str) -> dict[str, Any]:
    """The run's pending approval, once the run waits for it."""
    async with asyncio.timeout(15):
        while True:
            r = await client.get(f"/api/v1/approvals/pending?run_id={run_id}", headers=org.headers)
            assert r.status_code == 200, r.text
            if r.json()["data"]:
                approval: dict[str, Any] = r.json()["data"][0]
                await until(client, org, run_id, "waiting")
                return approval
            await asyncio.sleep(0.05)


async def respond(
    client: httpx.AsyncClient, org: Org, approval_id: str, **answer: Any
) -> dict[str, Any]:
    r = await client.post(
        f"/api/v1/approvals/{approval_id}/respond",
        json={"decision": "approve", **answer},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    data: dict[str, Any] = r.json()["data"]
    return data
