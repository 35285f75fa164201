"""Retries of steps, cancelling runs wherever they are, retrying failed runs."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
import sqlalchemy as sa

from flowline.db.models import Task
from flowline.engine.worker import Worker
from flowline.runtime import Runtime
from tests.answers import assert_error
from tests.engine.flows import chain, create_flow, get_run, node, run_flow
from tests.factories import Factory
from tests.fakes.http import Answer, FakeApi, serve_fake

FAST_RETRY = {"max_attempts": 3, "initial_seconds": 0.05, "max_seconds": 0.1}


@pytest.fixture
async def api() -> AsyncIterator[FakeApi]:
    async with serve_fake() as fake:
        yield fake


def _call(api: FakeApi, path: str, **config: object) -> dict[str, object]:
    return node(
        "call", "http_request", method="POST", url=f"{api.url}{path}", json={"a": 1}, **config
    )


async def _until(
    client: httpx.AsyncClient, org: object, run_id: str, status: str
) -> dict[str, object]:
    for _ in range(200):
        run = await get_run(client, org, run_id)  # type: ignore[arg-type]
        if run["status"] == status:
            return run
        await asyncio.sleep(0.02)
    raise AssertionError(f"run never became {status}: {run}")


async def test_a_step_is_retried_with_backoff_under_one_idempotency_key(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, api: FakeApi
) -> None:
    org = await factory.org()
    api.answer("/flaky", Answer(500), Answer(503), Answer(200, {"id": 42}))
    flow_id = await create_flow(
        client,
        org,
        chain(
            node("start", "start"),
            _call(api, "/flaky", retry=FAST_RETRY, attempts=1),
            node("done", "end", output="{{ steps.call.output.body.id }}"),
        ),
    )
    run = await run_flow(client, org, flow_id)
    assert run["status"] == "succeeded", run
    assert run["output"] == 42
    calls = [s for s in run["steps"] if s["node_id"] == "call"]
    assert [(s["attempt"], s["status"]) for s in calls] == [
        (1, "retrying"),
        (2, "retrying"),
        (3, "succeeded"),
    ]
    keys = {r.headers["idempotency-key"] for r in api.seen("/flaky")}
    assert keys == {f"{run['id']}:call:1"}
    assert api.seen("/flaky")[0].headers["user-agent"].startswith("Flowline/")


async def test_a_client_error_is_not_retried(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, api: FakeApi
) -> None:
    org = await factory.org()
    api.answer("/bad", Answer(400, {"error": "no"}))
    flow_id = await create_flow(
        client, org, chain(node("start", "start"), _call(api, "/bad", retry=FAST_RETRY))
    )
    run = await run_flow(client, org, flow_id)
    assert run["status"] == "failed"
    assert run["error"]["code"] == "HTTP_400"
    assert len(api.seen("/bad")) == 1


async def test_cancel_interrupts_a_running_step(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, api: FakeApi
) -> None:
    org = await factory.org()
    api.answer("/slow", Answer(200, delay=30))
    flow_id = await create_flow(client, org, chain(node("start", "start"), _call(api, "/slow")))
    run = await run_flow(client, org, flow_id, wait=0)
    for _ in range(200):
        if api.seen("/slow"):
            break
        await asyncio.sleep(0.02)
    r = await client.post(f"/api/v1/runs/{run['id']}/cancel", headers=org.headers)
    assert r.status_code == 200, r.text
    assert r.json()["data"]["status"] == "cancelled"
    for _ in range(100):
        if worker.busy == 0:
            break
        await asyncio.sleep(0.02)
    assert worker.busy == 0  # the handler was interrupted, not left to finish
    run = await get_run(client, org, run["id"])
    assert {s["node_id"]: s["status"] for s in run["steps"]}["call"] == "cancelled"
    assert_error(
        await client.post(f"/api/v1/runs/{run['id']}/cancel", headers=org.headers),
        409,
        "RUN_STATE_CONFLICT",
    )


async def test_cancel_while_sleeping_drops_the_timer(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, runtime: Runtime
) -> None:
    org = await factory.org()
    flow_id = await create_flow(
        client,
        org,
        chain(node("start", "start"), node("nap", "delay", seconds=3600), node("done", "end")),
    )
    run = await run_flow(client, org, flow_id, wait=0)
    await _until(client, org, run["id"], "waiting")
    r = await client.delete(f"/api/v1/runs/{run['id']}", headers=org.headers)
    assert r.json()["data"]["status"] == "cancelled"
    async with runtime.db.session() as session:
        left = await session.scalar(sa.select(sa.func.count()).where(Task.run_id == run["id"]))
    assert left == 0
    assert {s["node_id"]: s["status"] for s in r.json()["data"]["steps"]}["nap"] == "cancelled"


async def test_retry_resumes_from_the_failed_step_keeping_what_succeeded(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, api: FakeApi
) -> None:
    org = await factory.org()
    api.answer("/once", Answer(500), Answer(200, {"ok": 1}))
    flow_id = await create_flow(
        client,
        org,
        chain(
            node("start", "start"),
            node("prep", "set", values={"n": "{{ input.n }}"}),
            _call(api, "/once", attempts=1),
            node("done", "end", output="{{ vars.n }}"),
        ),
    )
    run = await run_flow(client, org, flow_id, {"n": 5})
    assert run["status"] == "failed"
    assert run["error"]["resume_from"] == ["call"]
    assert_error(
        await client.post(f"/api/v1/runs/{run['id']}/cancel", headers=org.headers),
        409,
        "RUN_STATE_CONFLICT",
    )
    r = await client.post(f"/api/v1/runs/{run['id']}/retry", headers=org.headers)
    assert r.status_code == 200, r.text
    run = await _until(client, org, run["id"], "succeeded")
    assert run["output"] == 5
    assert run["attempt_group"] == 2
    nodes = [(s["node_id"], s["attempt_group"], s["status"]) for s in run["steps"]]
    assert nodes == [
        ("start", 1, "succeeded"),
        ("prep", 1, "succeeded"),
        ("call", 1, "failed"),
        ("call", 2, "succeeded"),
        ("done", 2, "succeeded"),
    ]
    keys = [r.headers["idempotency-key"] for r in api.seen("/once")]
    assert keys == [f"{run['id']}:call:1", f"{run['id']}:call:2"]
    assert_error(
        await client.post(f"/api/v1/runs/{run['id']}/retry", headers=org.headers),
        409,
        "RUN_STATE_CONFLICT",
    )


async def test_a_repeated_idempotency_key_answers_the_same_run(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    flow_id = await create_flow(client, org, chain(node("start", "start"), node("done", "end")))
    body = {"input": {}, "idempotency_key": "order-1"}
    answers = await asyncio.gather(
        *[
            client.post(f"/api/v1/flows/{flow_id}/run", json=body, headers=org.headers)
            for _ in range(5)
        ]
    )
    assert sorted(a.status_code for a in answers) == [200, 200, 200, 200, 201]
    assert len({a.json()["data"]["id"] for a in answers}) == 1


async def test_running_a_draft_or_missing_flow_is_refused(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    body = {"name": "draft", "definition": {"nodes": [], "edges": []}}
    r = await client.post("/api/v1/flows", json=body, headers=org.headers)
    flow_id = r.json()["data"]["id"]
    assert_error(
        await client.post(f"/api/v1/flows/{flow_id}/run", json={}, headers=org.headers),
        409,
        "FLOW_NOT_RUNNABLE",
    )
    assert_error(
        await client.post("/api/v1/flows/flow_nope/run", json={}, headers=org.headers),
        404,
        "FLOW_NOT_FOUND",
    )


async def test_a_step_waiting_for_confirmation_leaves_no_task_to_run_it_again(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, api: FakeApi, runtime: Runtime
) -> None:
    org = await factory.org()
    flow_id = await create_flow(
        client, org, chain(node("start", "start"), _call(api, "/write", confirm="always"))
    )
    run = await run_flow(client, org, flow_id, wait=0)
    await _until(client, org, run["id"], "waiting")
    async with runtime.db.session() as session:
        kinds = (await session.scalars(sa.select(Task.kind).where(Task.run_id == run["id"]))).all()
    assert "node" not in kinds  # else its lease would lapse and ask (and count) again
    assert api.seen("/write") == []
