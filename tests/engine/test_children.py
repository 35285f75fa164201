"""Runs that start other runs: ``subflow`` and ``foreach``."""

from __future__ import annotations

import httpx

from flowline.engine.worker import Worker
from tests.engine.flows import chain, create_flow, node, run_flow
from tests.factories import Factory


async def test_a_subflow_answers_with_its_output(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    child = await create_flow(
        client, org, chain(node("start", "start"), node("done", "end", output="{{ input.n * 2 }}"))
    )
    parent = await create_flow(
        client,
        org,
        chain(
            node("start", "start"),
            node("call", "subflow", flow_id=child, input={"n": "{{ input.n }}"}),
            node("done", "end", output="{{ steps.call.output + 1 }}"),
        ),
    )
    run = await run_flow(client, org, parent, {"n": 20})
    assert run["status"] == "succeeded", run
    assert run["output"] == 41
    r = await client.get(f"/api/v1/runs?flow_id={child}", headers=org.headers)
    [child_run] = r.json()["data"]
    assert child_run["parent_run_id"] == run["id"]
    assert child_run["trigger"] == "subflow"


async def test_a_failed_subflow_fails_the_step(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    child = await create_flow(
        client, org, chain(node("start", "start"), node("boom", "set", values={"x": "{{ nope }}"}))
    )
    parent = await create_flow(
        client, org, chain(node("start", "start"), node("call", "subflow", flow_id=child))
    )
    run = await run_flow(client, org, parent)
    assert run["status"] == "failed", run
    assert run["error"]["code"] == "SUBFLOW_FAILED"


async def test_foreach_collects_outputs_in_order_with_limited_concurrency(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    child = await create_flow(
        client,
        org,
        chain(
            node("start", "start"),
            node("nap", "delay", seconds=0.05),
            node("done", "end", output={"item": "{{ item }}", "index": "{{ index }}"}),
        ),
    )
    parent = await create_flow(
        client,
        org,
        chain(
            node("start", "start"),
            node("each", "foreach", flow_id=child, items="{{ input.items }}", concurrency=2),
            node("done", "end", output="{{ steps.each.output }}"),
        ),
    )
    items = ["a", "b", "c", "d", "e"]
    run = await run_flow(client, org, parent, {"items": items}, wait=20)
    assert run["status"] == "succeeded", run
    assert run["output"] == [{"item": x, "index": i} for i, x in enumerate(items)]


async def test_foreach_of_nothing_is_an_empty_list(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    child = await create_flow(client, org, chain(node("start", "start"), node("done", "end")))
    parent = await create_flow(
        client,
        org,
        chain(
            node("start", "start"),
            node("each", "foreach", flow_id=child, items=[]),
            node("done", "end", output="{{ steps.each.output }}"),
        ),
    )
    run = await run_flow(client, org, parent)
    assert run["output"] == []


async def test_a_subflow_may_name_its_flow(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    r = await client.post(
        "/api/v1/flows",
        json={
            "name": "doubler",
            "definition": chain(
                node("start", "start"), node("done", "end", output="{{ input * 2 }}")
            ),
        },
        headers=org.headers,
    )
    assert r.status_code == 201
    parent = await create_flow(
        client,
        org,
        chain(
            node("start", "start"),
            node("call", "subflow", flow_id="doubler", input=21),
            node("done", "end", output="{{ steps.call.output }}"),
        ),
    )
    run = await run_flow(client, org, parent)
    assert run["output"] == 42
