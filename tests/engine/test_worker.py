"""The worker loop: sleeping when idle, falling back when a batch breaks."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from flowline.engine.executor import Executor
from flowline.engine.queue import Lease
from flowline.engine.run_state import Prepared
from flowline.engine.worker import Worker
from tests.engine.flows import chain, create_flow, node, run_flow
from tests.factories import Factory
from tests.postgres import PG_URL


async def test_an_idle_worker_does_not_poll(worker: Worker) -> None:
    await asyncio.sleep(0.3)
    before = worker.claims
    await asyncio.sleep(1.5)
    assert worker.claims - before <= 1  # woken by nothing, it sleeps to the safety tick


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
    run = await run_flow(client, org, flow_id, wait=10)
    assert run["status"] == "succeeded", run
    assert run["output"] == 7
    assert broken_batches == [1]  # the batch broke once, then the task ran on its own
