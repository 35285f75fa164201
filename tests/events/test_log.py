"""The run event log: replay in order, and notification of what was appended."""

from __future__ import annotations

import asyncio
from functools import partial

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.db.models import Run
from flowline.engine.transitions import append_event, lock_run
from flowline.events.log import notify_appended, replay, run_channel
from flowline.runtime import Runtime
from tests.factories import Factory
from tests.runs.builders import advance, make_run


async def test_replay_reads_the_runs_events_in_order_after_a_sequence_number(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org, other = await factory.org(), await factory.org()
    run_id = await make_run(client, runtime, org)
    for kind in ("a", "b", "c", "d"):
        await advance(runtime, org, run_id, partial(_append, kind=kind))
    async with runtime.db.session() as session:
        assert [e.seq for e in await replay(session, org.id, run_id)] == [1, 2, 3, 4]
        events = await replay(session, org.id, run_id, after_seq=1, limit=2)
        assert [(e.seq, e.type) for e in events] == [(2, "b"), (3, "c")]
        assert events[0].data == {"run_id": run_id}
        assert await replay(session, org.id, run_id, after_seq=4) == []
        assert await replay(session, other.id, run_id) == []
        with pytest.raises(ValueError, match="limit"):
            await replay(session, org.id, run_id, limit=0)


async def test_appended_events_are_announced_on_commit_only(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    run_id = await make_run(client, runtime, org)
    assert run_channel(run_id) == f"run:{run_id}"
    async with runtime.bus.subscribe(run_channel(run_id)) as subscription:
        with pytest.raises(RuntimeError, match="rolled back"):
            await _append_then_roll_back(runtime, org.id, run_id)
        await advance(runtime, org, run_id, lambda s, run: append_event(s, run, "x"))
        await advance(runtime, org, run_id, lambda s, run: append_event(s, run, "y"))
        received = [await asyncio.wait_for(anext(subscription), 5) for _ in range(2)]
    assert received == ["1", "2"]


def _append(session: AsyncSession, run: Run, kind: str) -> None:
    append_event(session, run, kind)


async def _append_then_roll_back(runtime: Runtime, org_id: str, run_id: str) -> None:
    async with runtime.db.session(write=True) as session:
        run = await lock_run(session, org_id, run_id)
        assert run is not None
        append_event(session, run, "lost")
        await notify_appended(runtime.bus, session, run)
        raise RuntimeError("rolled back")
