"""Flows for engine tests, written as the seed format, and a way to run them."""

from __future__ import annotations

import asyncio
import itertools
from typing import Any

import httpx

from flowline.db.types import utcnow
from tests.factories import Org, unique


def node(node_id: str, node_type: str, **config: Any) -> dict[str, Any]:
    return {"id": node_id, "data": {"node_type": node_type, "config": config}}


def edge(source: str, target: str, label: str | None = None, **extra: Any) -> dict[str, Any]:
    made: dict[str, Any] = {"id": f"{source}-{target}-{label or 'next'}", "source": source}
    made["target"] = target
    if label is not None:
        made["label"] = label
    return {**made, **extra}


def chain(*nodes: dict[str, Any]) -> dict[str, Any]:
    """A definition running ``nodes`` one after another."""
    edges = [edge(a["id"], b["id"]) for a, b in itertools.pairwise(nodes)]
    return {"nodes": list(nodes), "edges": edges}


async def create_flow(client: httpx.AsyncClient, org: Org, definition: dict[str, Any]) -> str:
    body = {"name": unique("flow"), "definition": definition}
    r = await client.post("/api/v1/flows", json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    assert r.json()["data"]["status"] != "draft", r.json()["data"]
    return str(r.json()["data"]["id"])


async def run_flow(
    client: httpx.AsyncClient,
    org: Org,
    flow_id: str,
    input: Any = None,
    *,
    wait: float = 10,
    expect: int = 201,
) -> dict[str, Any]:
    body: dict[str, Any] = {"input": {} if input is None else input, "wait_seconds": wait}
    r = await client.post(f"/api/v1/flows/{flow_id}/run", json=body, headers=org.headers)
    assert r.status_code == expect, r.text
    data: dict[str, Any] = r.json()["data"]
    return data


async def get_run(client: httpx.AsyncClient, org: Org, run_id: str) -> dict[str, Any]:
    r = await client.get(f"/api/v1/runs/{run_id}", headers=org.headers)
    assert r.status_code == 200, r.text
    data: dict[str, Any] = r.json()["data"]
    return data


async def wait_status(
    client: httpx.AsyncClient, org: Org, run_id: str, statuses: set[str]
) -> dict[str, Any]:
    """The run once its status is one of ``statuses`` (read again until then, 30 s at most)."""
    async with asyncio.timeout(30):
        while True:
            run = await get_run(client, org, run_id)
            if run["status"] in statuses:
                return run
            await asyncio.sleep(0.05)


async def events(client: httpx.AsyncClient, org: Org, run_id: str) -> list[str]:
    r = await client.get(f"/api/v1/runs/{run_id}/events?size=100", headers=org.headers)
    assert r.status_code == 200, r.text
    return [e["type"] for e in r.json()["data"]]


__all__ = ["chain", "create_flow", "edge", "node", "run_flow", "utcnow"]
