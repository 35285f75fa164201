"""Starting runs: a waiting caller's run runs in the starting transaction; bulk starts."""

from __future__ import annotations

import httpx
import sqlalchemy as sa

from flowline.db.models import Run, Task
from flowline.engine.worker import Worker
from flowline.runtime import Runtime
from tests.answers import assert_error, error_fields
from tests.engine.flows import chain, create_flow, events, get_run, node, run_flow
from tests.factories import Factory


async def test_a_waiting_caller_gets_a_run_without_effects_ended_with_no_worker(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    # No worker runs in this test: the run can only end in the transaction that starts it.
    org = await factory.org()
    definition = chain(
        node("start", "start"),
        node("greet", "set", values={"greeting": "hello {{ input.name }}"}),
        node("done", "end", output="{{ vars.greeting }}"),
    )
    flow_id = await create_flow(client, org, definition)
    run = await run_flow(client, org, flow_id, {"name": "Ada"}, wait=30)
    assert (run["status"], run["output"]) == ("succeeded", "hello Ada")
    assert [s["node_id"] for s in run["steps"]] == ["start", "greet", "done"]
    assert await events(client, org, run["id"]) == [
        "run.started",
        *["step.started", "step.succeeded"] * 3,
        "run.succeeded",
    ]


async def test_a_run_that_ended_as_it_started_answers_as_it_reads_back(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    # The answer is built from the run just run, not read back: it must be what a read gives.
    org = await factory.org()
    values = {"n": "{{ input.n + 1 }}", "tags": "{{ input.tags }}", "deep": {"a": [1, 2.5]}}
    ok = chain(
        node("start", "start"),
        node("first", "set", values=values),
        node("second", "set", values={"sum": "{{ vars.n * 2 }}"}),
        node("done", "end", output={"sum": "{{ vars.sum }}", "deep": "{{ vars.deep }}"}),
    )
    broken = chain(
        node("start", "start"),
        node("bad", "set", values={"x": "{{ input.n.nothing.here }}"}),
        node("done", "end"),
    )
    for definition, status in ((ok, "succeeded"), (broken, "failed")):
        flow_id = await create_flow(client, org, definition)
        run = await run_flow(client, org, flow_id, {"n": 1, "tags": ["a", "b"]}, wait=30)
        assert run["status"] == status, run
        assert run == await get_run(client, org, run["id"])


async def test_a_waiting_callers_run_hands_its_first_effect_to_the_worker(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    definition = chain(
        node("start", "start"),
        node("pause", "delay", seconds=3600),
        node("done", "end"),
    )
    flow_id = await create_flow(client, org, definition)
    run = await run_flow(client, org, flow_id, wait=1)
    assert run["status"] == "waiting", run  # the delay's timer is a task, as a worker leaves it
    async with runtime.db.session() as session:
        kinds = (await session.execute(sa.select(Task.kind).where(Task.run_id == run["id"]))).all()
    assert [k for (k,) in kinds] == ["timer"]


async def test_a_caller_that_does_not_wait_gets_a_queued_run(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    flow_id = await create_flow(client, org, chain(node("start", "start"), node("done", "end")))
    run = await run_flow(client, org, flow_id, wait=0)
    assert run["status"] == "queued"


async def test_a_bulk_start_queues_every_run_in_order_and_keys_find_earlier_runs(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime, worker: Worker
) -> None:
    org = await factory.org()
    flow_id = await create_flow(client, org, chain(node("start", "start"), node("done", "end")))
    path = f"/api/v1/flows/{flow_id}/runs/bulk"
    items = [{"input": {"n": n}, "idempotency_key": f"k{n}"} for n in range(3)]
    r = await client.post(path, json={"runs": [*items, {"input": {"n": 3}}]}, headers=org.headers)
    assert r.status_code == 201, r.text
    first = r.json()["data"]
    assert [(i["status"], i["created"]) for i in first] == [("queued", True)] * 4
    # Keys answer the earlier runs, new keys start new ones, whatever the request.
    again = [items[1], {"input": {"n": 9}, "idempotency_key": "k9"}]
    r = await client.post(path, json={"runs": again}, headers=org.headers)
    assert r.status_code == 201, r.text
    second = r.json()["data"]
    assert (second[0]["id"], second[0]["created"]) == (first[1]["id"], False)
    assert second[1]["created"] is True
    r = await client.post(
        f"/api/v1/flows/{flow_id}/run",
        json={"input": {}, "idempotency_key": "k2"},
        headers=org.headers,
    )
    assert (r.status_code, r.json()["data"]["id"]) == (200, first[2]["id"])
    ids = [i["id"] for i in first] + [second[1]["id"]]
    async with runtime.db.session() as session:
        rows = (await session.execute(sa.select(Run).where(Run.id.in_(ids)))).scalars().all()
    inputs = {run.id: (run.input, run.trigger, run.org_id) for run in rows}
    assert [inputs[i] for i in ids] == [({"n": n}, "api", org.id) for n in (0, 1, 2, 3, 9)]
    r = await client.get(f"/api/v1/flows/{flow_id}", headers=org.headers)
    assert r.json()["data"]["execution_count"] == 5


async def test_a_bulk_start_is_all_or_nothing_and_names_each_bad_item(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    schema = {"type": "object", "required": ["n"], "properties": {"n": {"type": "integer"}}}
    definition = chain(node("start", "start", input_schema=schema), node("done", "end"))
    flow_id = await create_flow(client, org, definition)
    path = f"/api/v1/flows/{flow_id}/runs/bulk"
    bad = {"runs": [{"input": {"n": 1}}, {"input": {"n": "x"}}, {"input": {}}]}
    r = await client.post(path, json=bad, headers=org.headers)
    assert_error(r, 422, "VALIDATION_ERROR")
    assert error_fields(r) == {"runs[1].input.n", "runs[2].input"}
    twice = {"runs": [{"idempotency_key": "a"}, {"idempotency_key": "a"}]}
    assert_error(await client.post(path, json=twice, headers=org.headers), 422, "VALIDATION_ERROR")
    for body in ({"runs": []}, {"runs": [{}] * 1001}, {"runs": [{"inputs": {}}]}):
        r = await client.post(path, json=body, headers=org.headers)
        assert_error(r, 422, "VALIDATION_ERROR")
    async with runtime.db.session() as session:
        count = await session.scalar(sa.select(sa.func.count()).where(Run.flow_id == flow_id))
    assert count == 0
    other = await factory.org()
    r = await client.post(path, json={"runs": [{"input": {"n": 1}}]}, headers=other.headers)
    assert_error(r, 404, "FLOW_NOT_FOUND")
