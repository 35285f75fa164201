"""``http_request`` through real flows: retries, writes, limits, credentials, identity."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from flowline import __version__
from flowline.db.models import Step, Task
from flowline.engine.worker import Worker
from flowline.runtime import Runtime
from tests.engine.flows import chain, create_flow, node, run_flow, wait_status
from tests.factories import Factory
from tests.fakes.http import Answer, FakeApi, serve_fake
from tests.outbound.flows import call_steps, make_secret, run_call

FAST = {"backoff_initial_seconds": 0.01, "backoff_max_seconds": 0.02}
ENGINE_RETRY = {"max_attempts": 3, "initial_seconds": 0.01, "max_seconds": 0.02}


@pytest.fixture
async def api() -> AsyncIterator[FakeApi]:
    async with serve_fake() as fake:
        yield fake


def _gaps(api: FakeApi, path: str) -> list[float]:
    seen = api.seen(path)
    return [(b.at - a.at).total_seconds() for a, b in itertools.pairwise(seen)]


async def test_5xx_is_tried_again_within_the_step_under_one_key(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, api: FakeApi
) -> None:
    org = await factory.org()
    api.answer("/flaky", Answer(500), Answer(502), Answer(200, {"id": 7}))
    run = await run_call(client, org, method="POST", url=f"{api.url}/flaky", json={}, **FAST)
    assert run["status"] == "succeeded", run
    (step,) = call_steps(run)
    assert step["output"]["body"] == {"id": 7}
    assert [a["status"] for a in step["output"]["attempts"]] == [500, 502, 200]
    assert step["output"]["attempts"][0]["waited_seconds"] == 0
    assert {r.headers["idempotency-key"] for r in api.seen("/flaky")} == {f"{run['id']}:call:1"}


async def test_5xx_every_time_fails_with_the_attempts_in_the_error(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, api: FakeApi
) -> None:
    org = await factory.org()
    api.answer("/down", Answer(503, {"error": "down"}))
    run = await run_call(client, org, url=f"{api.url}/down", attempts=5, **FAST)
    assert run["status"] == "failed"
    assert run["error"]["code"] == "HTTP_503"
    attempts = run["error"]["details"]["response"]["attempts"]
    assert [a["attempt"] for a in attempts] == [1, 2, 3, 4, 5]
    assert len(api.seen("/down")) == 5


async def test_a_4xx_is_sent_exactly_once(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, api: FakeApi
) -> None:
    org = await factory.org()
    api.answer("/missing", Answer(404, {"error": "no"}))
    run = await run_call(client, org, url=f"{api.url}/missing", retry=ENGINE_RETRY, **FAST)
    assert run["status"] == "failed"
    assert run["error"]["code"] == "HTTP_404"
    assert len(api.seen("/missing")) == 1
    assert len(call_steps(run)) == 1


async def test_retry_after_in_seconds_is_waited_exactly(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, api: FakeApi
) -> None:
    org = await factory.org()
    api.answer("/busy", Answer(429, headers={"retry-after": "1"}), Answer(200, {"ok": 1}))
    run = await run_call(client, org, url=f"{api.url}/busy", **FAST)
    assert run["status"] == "succeeded", run
    (gap,) = _gaps(api, "/busy")
    assert 1.0 <= gap < 1.5
    attempts = call_steps(run)[0]["output"]["attempts"]
    assert [a["status"] for a in attempts] == [429, 200]
    assert attempts[1]["waited_seconds"] == 1.0


async def test_retry_after_as_a_date_is_honoured(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, api: FakeApi
) -> None:
    org = await factory.org()
    when = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=3)
    date = format_datetime(when, usegmt=True)
    api.answer("/busy", Answer(429, headers={"retry-after": date}), Answer(200, {"ok": 1}))
    run = await run_call(client, org, url=f"{api.url}/busy", **FAST)
    assert run["status"] == "succeeded", run
    first, second = api.seen("/busy")[:2]
    # The backoff alone would retry within 20 ms of the first answer: a retry at the date
    # (not before it, whatever the machine's speed) is the date honoured.
    assert first.at < when
    assert second.at >= when - timedelta(milliseconds=50)


async def test_a_retry_after_past_the_limit_ends_the_step(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, api: FakeApi
) -> None:
    org = await factory.org()
    api.answer("/later", Answer(429, headers={"retry-after": "3600"}))
    run = await run_call(client, org, url=f"{api.url}/later", **FAST)
    assert run["error"]["code"] == "HTTP_429"
    assert len(api.seen("/later")) == 1


async def test_a_write_without_a_key_is_never_repeated(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, api: FakeApi
) -> None:
    org = await factory.org()
    api.answer("/charge", Answer(503), Answer(200))
    run = await run_call(
        client,
        org,
        method="POST",
        url=f"{api.url}/charge",
        json={"amount": 1},
        idempotency_key=False,
        retry=ENGINE_RETRY,
        **FAST,
    )
    assert run["status"] == "failed"
    assert run["error"]["code"] == "HTTP_503"
    assert len(api.seen("/charge")) == 1
    assert "idempotency-key" not in api.seen("/charge")[0].headers
    assert len(call_steps(run)) == 1  # not retried by the engine either


async def test_a_timed_out_write_without_a_key_is_outcome_unknown(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, api: FakeApi
) -> None:
    org = await factory.org()
    api.answer("/slow", Answer(200, delay=2))
    run = await run_call(
        client,
        org,
        method="POST",
        url=f"{api.url}/slow",
        json={},
        idempotency_key=False,
        request_timeout_seconds=0.3,
        retry=ENGINE_RETRY,
        **FAST,
    )
    assert run["status"] == "failed"
    assert run["error"]["code"] == "OUTCOME_UNKNOWN"
    assert "may have been applied" in run["error"]["message"]
    assert [a["error"] for a in run["error"]["details"]["attempts"]] == ["TIMEOUT"]
    assert len(api.seen("/slow")) == 1
    assert len(call_steps(run)) == 1


async def test_a_timed_out_read_is_tried_again(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, api: FakeApi
) -> None:
    org = await factory.org()
    api.answer("/slow", Answer(200, delay=2), Answer(200, {"ok": 2}))
    run = await run_call(client, org, url=f"{api.url}/slow", request_timeout_seconds=0.3, **FAST)
    assert run["status"] == "succeeded", run
    attempts = call_steps(run)[0]["output"]["attempts"]
    assert [(a.get("error"), a["status"]) for a in attempts] == [("TIMEOUT", None), (None, 200)]


async def test_the_steps_timeout_bounds_all_attempts(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, api: FakeApi
) -> None:
    org = await factory.org()
    api.answer("/slow", Answer(200, delay=5))
    run = await run_call(client, org, url=f"{api.url}/slow", timeout_seconds=1, **FAST)
    assert run["status"] == "failed"
    assert run["error"]["code"] == "TIMEOUT"
    assert run["error"]["details"]["attempts"]  # the client's own report, not the engine's


async def test_a_response_over_the_size_cap_is_not_kept(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, api: FakeApi
) -> None:
    org = await factory.org()
    api.answer("/big", Answer(200, {"blob": "x" * 5000}))
    run = await run_call(client, org, url=f"{api.url}/big", max_response_bytes=1000, **FAST)
    assert run["error"]["code"] == "RESPONSE_TOO_LARGE"
    assert len(api.seen("/big")) == 1


async def test_the_default_policy_refuses_metadata_and_private_targets(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, api: FakeApi
) -> None:
    org = await factory.org()
    for url in ("http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://[::1]/"):
        run = await run_call(client, org, url=url)
        assert run["status"] == "failed"
        assert run["error"]["code"] == "OUTBOUND_REFUSED", run["error"]
    api.answer("/hop", Answer(302, headers={"location": "http://127.0.0.2:1/"}))
    run = await run_call(client, org, url=f"{api.url}/hop")
    assert run["error"]["code"] == "OUTBOUND_REFUSED"
    assert "127.0.0.2 is a loopback address" in run["error"]["message"]


async def test_bearer_credentials_go_only_to_their_hosts_with_the_prefix(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, api: FakeApi
) -> None:
    org = await factory.org()
    await make_secret(
        client, org, name="capi", kind="bearer", value="eyJ.jwt.sig", hosts=["127.0.0.1"]
    )
    await make_secret(
        client, org, name="elsewhere", kind="bearer", value="eyJ.other.sig", hosts=["x.example"]
    )
    run = await run_call(client, org, url=f"{api.url}/me", credential="capi")
    assert run["status"] == "succeeded", run
    assert api.seen("/me")[0].headers["authorization"] == "Bearer eyJ.jwt.sig"

    run = await run_call(client, org, url=f"{api.url}/other", credential="elsewhere")
    assert run["error"]["code"] == "OUTBOUND_REFUSED"
    assert "not bound" in run["error"]["message"]
    assert "eyJ" not in str(run)
    assert api.seen("/other") == []


async def test_every_request_identifies_itself(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, api: FakeApi
) -> None:
    org = await factory.org()
    contact = factory.runtime.settings.contact
    await run_call(client, org, url=f"{api.url}/plain")
    await run_call(client, org, url=f"{api.url}/branded", user_agent="AcmeCRM/2.3")
    assert api.seen("/plain")[0].headers["user-agent"] == f"Flowline/{__version__} (+{contact})"
    assert api.seen("/branded")[0].headers["user-agent"] == (
        f"AcmeCRM/2.3 Flowline/{__version__} (+{contact})"
    )
    r = await client.post(
        "/api/v1/flows/validate",
        json={
            "definition": {
                "nodes": [
                    {"id": "start", "data": {"node_type": "start"}},
                    {
                        "id": "call",
                        "data": {
                            "node_type": "http_request",
                            "config": {"url": "https://x.test", "user_agent": "bad\r\nX: 1"},
                        },
                    },
                ],
                "edges": [{"id": "e", "source": "start", "target": "call"}],
            }
        },
        headers=org.headers,
    )
    assert "user_agent" in r.text


async def test_a_chained_call_in_flight_is_recorded_running_and_its_task_names_its_step(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, api: FakeApi, runtime: Runtime
) -> None:
    """The commit of one call's result records the next call's step as running, with the
    task (leased to the worker running it) naming that step: a worker lost mid-call leaves
    a task that runs the same step again, under the same key."""
    org = await factory.org()
    held = Answer(200, {"n": 2}, gate=asyncio.Event())
    api.answer("/one", Answer(200, {"n": 1}))
    api.answer("/two", held)
    definition = chain(
        node("start", "start"),
        node("one", "http_request", url=f"{api.url}/one"),
        node("two", "http_request", url=f"{api.url}/two"),
    )
    flow_id = await create_flow(client, org, definition)
    run = await run_flow(client, org, flow_id, wait=0)
    async with asyncio.timeout(30):
        await held.arrived.wait()
    async with runtime.db.session() as session:
        steps = (
            await session.execute(
                sa.select(Step.id, Step.node_id, Step.status).where(Step.run_id == run["id"])
            )
        ).all()
        tasks = (
            await session.execute(
                sa.select(Task.node_id, Task.payload, Task.lease_owner).where(
                    Task.run_id == run["id"]
                )
            )
        ).all()
    running = [s for s in steps if s.node_id == "two"]
    assert [s.status for s in running] == ["running"]
    assert [(t.node_id, t.payload, t.lease_owner) for t in tasks] == [
        ("two", {"step_id": running[0].id}, worker.name)
    ]
    assert held.gate is not None
    held.gate.set()
    done = await wait_status(client, org, run["id"], {"succeeded", "failed"})
    assert done["status"] == "succeeded", done
    assert [s["node_id"] for s in done["steps"]] == ["start", "one", "two"]
    assert next(s["id"] for s in done["steps"] if s["node_id"] == "two") == running[0].id
    assert {r.headers["idempotency-key"] for r in api.seen("/two")} == {f"{run['id']}:two:1"}


async def test_a_chain_of_calls_takes_its_run_up_again_without_reading_its_steps(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, api: FakeApi, runtime: Runtime
) -> None:
    """The commit of a call's result finds the run as the commit before left it (same
    status, same last event) and takes up the steps it kept instead of reading them."""
    org = await factory.org()
    opened, closing = asyncio.Event(), asyncio.Event()
    first, last = Answer(200, {"n": 1}, gate=opened), Answer(200, {}, gate=closing)
    api.answer("/one", first)
    api.answer("/two", Answer(200, {"n": 2}))
    api.answer("/three", last)
    definition = chain(
        node("start", "start"),
        node("one", "http_request", url=f"{api.url}/one"),
        node("two", "http_request", url=f"{api.url}/two"),
        node(
            "three",
            "http_request",
            url=f"{api.url}/three",
            query={"n": "{{ steps.two.output.body.n }}"},
        ),
    )
    flow_id = await create_flow(client, org, definition)
    run = await run_flow(client, org, flow_id, wait=0)
    statements: list[tuple[str, str]] = []

    def record(*args: Any) -> None:
        statements.append((str(args[2]), str(args[3])))

    async with asyncio.timeout(30):
        await first.arrived.wait()
    for engine in runtime.db.sync_engines:
        sa.event.listen(engine, "before_cursor_execute", record)
    try:
        opened.set()
        async with asyncio.timeout(30):
            await last.arrived.wait()  # two results committed since
    finally:
        for engine in runtime.db.sync_engines:
            sa.event.remove(engine, "before_cursor_execute", record)
    closing.set()
    done = await wait_status(client, org, run["id"], {"succeeded", "failed"})
    assert done["status"] == "succeeded", done
    assert api.seen("/three")[0].query == "n=2"  # the kept output of step two
    mine = [text for text, params in statements if run["id"] in params]
    assert sum(text.lstrip().upper().startswith("INSERT INTO STEPS") for text in mine) == 2
    assert not [text for text in mine if "FROM steps" in text and "SELECT" in text.upper()]
