"""A run pins the version it started with: edits wait for the next run."""

from __future__ import annotations

import asyncio

import httpx

from flowline.engine.worker import Worker
from tests.engine.flows import chain, create_flow, get_run, node, run_flow
from tests.factories import Factory


def _definition(answer: str, nap: float) -> dict[str, object]:
    return chain(
        node("start", "start"),
        node("nap", "delay", seconds=nap),
        node("done", "end", output=answer),
    )


async def test_runs_waiting_on_an_old_version_finish_on_it(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    flow_id = await create_flow(client, org, _definition("old", 0.5))
    waiting = [await run_flow(client, org, flow_id, wait=0) for _ in range(3)]
    r = await client.put(
        f"/api/v1/flows/{flow_id}",
        json={"name": "edited", "definition": _definition("new", 0.01)},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    fresh = await run_flow(client, org, flow_id)
    assert fresh["output"] == "new"
    for _ in range(100):
        runs = [await get_run(client, org, run["id"]) for run in waiting]
        if all(run["status"] == "succeeded" for run in runs):
            break
        await asyncio.sleep(0.05)
    assert [run["output"] for run in runs] == ["old", "old", "old"]
    assert {run["flow_version_id"] for run in runs} != {fresh["flow_version_id"]}
