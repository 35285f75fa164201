"""Runs executed by the worker, through the API: sequences, branches, outputs, events."""

from __future__ import annotations

import asyncio

import httpx

from flowline.engine.worker import Worker
from tests.engine.flows import chain, create_flow, edge, events, node, run_flow, wait_status
from tests.factories import Factory


async def test_a_chain_of_set_nodes_ends_with_the_output(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    definition = chain(
        node("start", "start"),
        node("greet", "set", values={"greeting": "hello {{ input.name }}"}),
        node("done", "end", output="{{ vars.greeting }}"),
    )
    flow_id = await create_flow(client, org, definition)
    run = await run_flow(client, org, flow_id, {"name": "Ada"})
    assert run["status"] == "succeeded", run
    assert run["output"] == "hello Ada"
    assert [s["node_id"] for s in run["steps"]] == ["start", "greet", "done"]
    assert await events(client, org, run["id"]) == [
        "run.started",
        "step.started",
        "step.succeeded",
        "step.started",
        "step.succeeded",
        "step.started",
        "step.succeeded",
        "run.succeeded",
    ]


async def test_condition_picks_a_branch(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    definition = {
        "nodes": [
            node("start", "start"),
            node("vip", "condition", expression="input.tier == 'vip'"),
            node("yes", "end", output="gold"),
            node("no", "end", output="plain"),
        ],
        "edges": [edge("start", "vip"), edge("vip", "yes", "true"), edge("vip", "no", "false")],
    }
    flow_id = await create_flow(client, org, definition)
    assert (await run_flow(client, org, flow_id, {"tier": "vip"}))["output"] == "gold"
    assert (await run_flow(client, org, flow_id, {"tier": "x"}))["output"] == "plain"


async def test_switch_kv_and_templates_keep_json_types(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    definition = {
        "nodes": [
            node("start", "start"),
            node("save", "kv_set", key="order-{{ input.id }}", value="{{ input.items }}"),
            node("load", "kv_get", key="order-{{ input.id }}"),
            node("kind", "switch", value="input.kind", cases=["a", "b"]),
            node("a", "end", output="{{ steps.load.output.value }}"),
            node("other", "end", output={"kind": "{{ input.kind }}"}),
        ],
        "edges": [
            edge("start", "save"),
            edge("save", "load"),
            edge("load", "kind"),
            edge("kind", "a", "a"),
            edge("kind", "other", "default"),
        ],
    }
    flow_id = await create_flow(client, org, definition)
    run = await run_flow(client, org, flow_id, {"id": 7, "items": [1, 2], "kind": "a"})
    assert run["output"] == [1, 2]
    run = await run_flow(client, org, flow_id, {"id": 8, "items": [], "kind": "zzz"})
    assert run["output"] == {"kind": "zzz"}
    r = await client.get("/api/v1/kv/order-8", headers=org.headers)
    assert r.json()["data"]["value"] == []


async def test_input_schema_is_checked_before_a_run_starts(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    schema = {"type": "object", "required": ["email"], "properties": {"n": {"type": "integer"}}}
    definition = chain(node("start", "start", input_schema=schema), node("done", "end"))
    flow_id = await create_flow(client, org, definition)
    r = await client.post(
        f"/api/v1/flows/{flow_id}/run", json={"input": {"n": "x"}}, headers=org.headers
    )
    assert r.status_code == 422, r.text
    fields = {d["field"] for d in r.json()["details"]}
    assert fields == {"input", "input.n"}
    r = await client.get(f"/api/v1/runs?flow_id={flow_id}", headers=org.headers)
    assert r.json()["total"] == 0


async def test_hostile_template_fails_the_step_with_expression_error(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    definition = chain(
        node("start", "start"),
        node("evil", "set", values={"x": "{{ ''.__class__.__mro__[1].__subclasses__() }}"}),
        node("done", "end"),
    )
    flow_id = await create_flow(client, org, definition)
    run = await run_flow(client, org, flow_id)
    assert run["status"] == "failed"
    assert run["error"]["code"] == "EXPRESSION_ERROR"
    assert run["error"]["node_id"] == "evil"
    assert [s["status"] for s in run["steps"]] == ["succeeded", "failed"]


async def test_an_error_edge_handles_a_failure(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    definition = {
        "nodes": [
            node("start", "start"),
            node("bad", "delay", until="{{ input.when }}"),
            node("fallback", "end", output="handled: {{ steps.bad.error.code }}"),
        ],
        "edges": [edge("start", "bad"), edge("bad", "fallback", "error")],
    }
    flow_id = await create_flow(client, org, definition)
    run = await run_flow(client, org, flow_id, {"when": "not a time"})
    assert run["status"] == "succeeded", run
    assert run["output"] == "handled: VALIDATION_ERROR"


async def test_parallel_branches_meet_at_a_join(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    definition = {
        "nodes": [
            node("start", "start"),
            node("left", "set", values={"l": 1}),
            node("wait", "delay", seconds=0.3),
            node("right", "set", values={"r": 2}),
            node("join", "set", values={"sum": "{{ vars.l + vars.r }}"}, join="all"),
            node("done", "end", output="{{ vars.sum }}"),
        ],
        "edges": [
            edge("start", "left"),
            edge("start", "wait"),
            edge("wait", "right"),
            edge("left", "join"),
            edge("right", "join"),
            edge("join", "done"),
        ],
    }
    flow_id = await create_flow(client, org, definition)
    run = await run_flow(client, org, flow_id)
    assert run["status"] == "succeeded", (run["error"], run["steps"])
    assert run["output"] == 3
    assert [s["node_id"] for s in run["steps"]].count("join") == 1


async def test_without_join_a_node_runs_once_per_firing(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    definition = {
        "nodes": [
            node("start", "start"),
            node("a", "set", values={"a": 1}),
            node("b", "set", values={"b": 1}),
            node("count", "kv_set", key="hits-{{ run.id }}", value="x"),
        ],
        "edges": [
            edge("start", "a"),
            edge("start", "b"),
            edge("a", "count"),
            edge("b", "count"),
        ],
    }
    flow_id = await create_flow(client, org, definition)
    run = await run_flow(client, org, flow_id)
    assert run["status"] == "succeeded", run
    assert [s["node_id"] for s in run["steps"]].count("count") == 2


async def test_a_durable_delay_holds_no_worker(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    hour = chain(
        node("start", "start"), node("nap", "delay", seconds=3600), node("done", "end", output=1)
    )
    run = await run_flow(client, org, await create_flow(client, org, hour), wait=0)
    run = await wait_status(client, org, run["id"], {"waiting"})
    assert {s["node_id"]: s["status"] for s in run["steps"]}["nap"] == "waiting"
    # A worker holding the delay would stay busy for the hour; one that let it go is idle.
    async with asyncio.timeout(30):
        while worker.busy:  # noqa: ASYNC110 - the worker has no idle event
            await asyncio.sleep(0.01)

    short = chain(
        node("start", "start"), node("nap", "delay", seconds=0.2), node("done", "end", output=1)
    )
    run = await run_flow(client, org, await create_flow(client, org, short), wait=0)
    run = await wait_status(client, org, run["id"], {"succeeded", "failed"})
    assert run["status"] == "succeeded"
    assert "run.waiting" in await events(client, org, run["id"])
