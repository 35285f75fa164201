"""The worker loop: sleeping when idle, falling back when a batch breaks, stopping."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Iterator
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from flowline.db.models import Task
from flowline.engine.executor import Executor
from flowline.engine.queue import Lease
from flowline.engine.run_state import Prepared
from flowline.engine.worker import Worker
from flowline.runtime import Runtime
from tests.engine.flows import chain, create_flow, get_run, node, run_flow, wait_status
from tests.factories import Factory
from tests.postgres import PG_URL


async def test_an_idle_worker_does_not_poll(worker: Worker) -> None:
    # Earlier tests on this database may leave tasks that come due now (a retry, a
    # schedule): a window in which the worker took work is not idle; look at the next.
    await asyncio.sleep(0.3)
    for _ in range(10):
        claims, claimed = worker.claims, worker.claimed
        await asyncio.sleep(1.5)
        if worker.claimed == claimed:
            assert worker.claims - claims <= 1  # woken by nothing, it sleeps to the safety tick
            return
    pytest.fail("the worker found work in every window: no idle window to look at")


@pytest.fixture
def broken_batches(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Make the first inline batch fail, as a bug in one task would."""
    calls: list[int] = []
    real = Executor.run_inline

    async def run_inline(
        self: Executor, tx: object, leases: list[Lease], *, slots: int
    ) -> tuple[list[Lease], list[Prepared]]:
        calls.append(len(leases))
        if len(calls) == 1:
            raise RuntimeError("a task broke the batch")
        return await real(self, tx, leases, slots=slots)  # type: ignore[arg-type]

    monkeypatch.setattr(Executor, "run_inline", run_inline)
    return calls


@pytest.mark.skipif(PG_URL is not None, reason="inline batches are the SQLite worker's")
async def test_a_broken_inline_batch_falls_back_to_one_task_per_transaction(
    client: httpx.AsyncClient, factory: Factory, broken_batches: list[int], worker: Worker
) -> None:
    org = await factory.org()
    flow_id = await create_flow(
        client, org, chain(node("start", "start"), node("done", "end", output=7))
    )
    started = await run_flow(client, org, flow_id, wait=0)  # queued for the worker
    run = await wait_status(client, org, started["id"], {"succeeded", "failed"})
    assert run["status"] == "succeeded", run
    assert run["output"] == 7
    assert broken_batches == [1]  # the batch broke once, then the task ran on its own


async def test_stop_lets_the_tasks_in_flight_finish_and_claims_nothing_more(
    runtime: Runtime,
) -> None:
    made = Worker(runtime, slots=2)
    running = asyncio.create_task(made.run())
    await asyncio.sleep(0.2)  # asleep: nothing is due
    release, finished = asyncio.Event(), []

    async def in_flight() -> None:
        await release.wait()
        finished.append(True)

    made._spawn(SimpleNamespace(task_id=-1), in_flight())  # type: ignore[arg-type]
    claims = made.claims
    began = time.monotonic()
    made.stop()
    await asyncio.sleep(0.2)
    assert not running.done()  # it waits for the task, not cutting it short
    release.set()
    await asyncio.wait_for(running, 5)
    assert finished == [True]
    assert made.claims - claims <= 1
    assert time.monotonic() - began < 5  # not the safety tick's 30 s


async def test_an_idle_worker_stops_at_once(runtime: Runtime) -> None:
    made = Worker(runtime, slots=2)
    running = asyncio.create_task(made.run())
    await asyncio.sleep(0.2)
    made.stop()
    await asyncio.wait_for(running, 2)


async def test_a_task_naming_a_missing_node_fails_its_run_alone(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    """Claimed in one batch with a sound task, it fails its own run, clearly, and the
    batch goes on (no fall-back to one task per transaction)."""
    org = await factory.org()
    flow_id = await create_flow(
        client, org, chain(node("start", "start"), node("done", "end", output=7))
    )
    sound = await run_flow(client, org, flow_id, wait=0)  # queued for the worker
    broken = (await run_flow(client, org, flow_id, wait=0))["id"]
    async with runtime.db.session(write=True) as tx:
        await tx.execute(sa.update(Task).where(Task.run_id == broken).values(node_id="ghost"))
    made = Worker(runtime, slots=8)
    running = asyncio.create_task(made.run())
    try:
        failed = await wait_status(client, org, broken, {"succeeded", "failed"})
        done = await wait_status(client, org, sound["id"], {"succeeded", "failed"})
    finally:
        made.stop()
        await asyncio.wait_for(running, 10)
    assert failed["status"] == "failed"
    assert failed["error"]["code"] == "NODE_NOT_FOUND"
    assert failed["error"]["node_id"] == "ghost"
    assert done["status"] == "succeeded"
    assert made._inline_off_until == 0  # the batch did not break


@pytest.mark.skipif(PG_URL is None, reason="on PostgreSQL every statement is a round trip")
async def test_a_queued_chain_costs_one_claim_outside_a_transaction_and_one_short_one(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    """A queued run of 10 ``set`` steps costs its worker one claim statement, with no
    ``BEGIN`` or ``COMMIT`` around it, then one transaction of six statements: lock the
    run, finish its task, notify, write the run, its steps and its events. Counted, not
    timed: one more statement per run is a regression this test catches."""
    org = await factory.org()
    steps = [node(f"s{i}", "set", values={f"v{i}": i}) for i in range(10)]
    definition = chain(node("start", "start"), *steps, node("done", "end", output=7))
    started = await run_flow(client, org, await create_flow(client, org, definition), wait=0)
    watch = _Transactions()
    made = Worker(runtime, slots=1)
    with watch.on(runtime.db.engine.sync_engine):
        running = asyncio.create_task(made.run())
        try:
            while made.claimed == 0 or made.busy:  # noqa: ASYNC110 - the worker's own counters
                await asyncio.sleep(0.01)
        finally:
            made.stop()
            await asyncio.wait_for(running, 10)
    assert (await get_run(client, org, started["id"]))["status"] == "succeeded"
    claims = [s for s in watch.statements if "SET lease_owner" in s.sql]
    assert claims
    assert all(s.autocommit for s in claims)
    [run_transaction] = [
        t for t in watch.transactions if any(started["id"] in str(s.params) for s in t)
    ]
    assert not any(s.autocommit for s in run_transaction)
    assert len(run_transaction) <= 6, [s.sql[:60] for s in run_transaction]


@dataclass
class _Statement:
    sql: str
    params: Any
    autocommit: bool


class _Transactions:
    """The statements an engine runs, grouped by the transaction they ran in."""

    def __init__(self) -> None:
        self.statements: list[_Statement] = []
        self.transactions: list[list[_Statement]] = []
        self._open: dict[int, list[_Statement]] = {}

    @contextlib.contextmanager
    def on(self, engine: sa.Engine) -> Iterator[None]:
        listeners = {
            "begin": self._begin,
            "before_cursor_execute": self._execute,
            "commit": self._end,
            "rollback": self._end,
        }
        for name, listener in listeners.items():
            sa.event.listen(engine, name, listener)
        try:
            yield
        finally:
            for name, listener in listeners.items():
                sa.event.remove(engine, name, listener)

    def _begin(self, conn: sa.Connection) -> None:
        self._open[id(conn)] = []

    def _execute(self, conn: sa.Connection, _cursor: Any, sql: str, params: Any, *_: Any) -> None:
        level = conn.get_execution_options().get("isolation_level")
        statement = _Statement(sql, params, level == "AUTOCOMMIT")
        self.statements.append(statement)
        self._open.setdefault(id(conn), []).append(statement)

    def _end(self, conn: sa.Connection) -> None:
        self.transactions.append(self._open.pop(id(conn), []))
