"""Running one ``http_request`` node through the real API and worker."""

from __future__ import annotations

from typing import Any

import httpx

from tests.engine.flows import chain, create_flow, node, run_flow
from tests.factories import Org


async def run_call(
    client: httpx.AsyncClient, org: Org, *, wait: float = 15, **config: Any
) -> dict[str, Any]:
    """A run of ``start -> call`` with ``config`` on the call; the finished run."""
    flow_id = await create_flow(
        client, org, chain(node("start", "start"), node("call", "http_request", **config))
    )
    return await run_flow(client, org, flow_id, wait=wait)


def call_steps(run: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for s in run["steps"] if s["node_id"] == "call"]


async def make_secret(client: httpx.AsyncClient, org: Org, **body: Any) -> None:
    r = await client.post("/api/v1/secrets", json=body, headers=org.headers)
    assert r.status_code == 201, r.text
