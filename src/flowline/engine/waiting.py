"""Waiting for a run to end, for callers that answer with its result (``wait_seconds``).

:func:`start_and_wait` is the one way a caller starts a run in a transaction of its
own and waits for it (an MCP flow tool, an agent's flow tool); callers that start a
run in their request's transaction (``POST /flows/{id}/run``, hooks) commit it at the
edge and call :func:`wait_for_run` themselves.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.db.models import Run
from flowline.engine import repository as repo
from flowline.engine.start import Started
from flowline.engine.transitions import RUN_TERMINAL
from flowline.events.bus import Lagged
from flowline.events.log import run_channel
from flowline.runtime import Runtime

MAX_WAIT_SECONDS = 300

Until = Callable[[AsyncSession, Run], Awaitable[bool]]
"""Reads more of a run that has not ended, in the same session: whether to stop waiting."""
Start = Callable[[AsyncSession], Awaitable[Started]]
"""Starts a run in the given write session (``engine.start.start_run``)."""


async def start_and_wait(
    runtime: Runtime, start: Start, seconds: float, *, until: Until | None = None
) -> tuple[Started, Run | None]:
    """Start a run (``start``, in a write transaction of its own, committed before any
    wait), then wait up to ``seconds`` for it to end (:func:`wait_for_run`). Answers how
    it started and the run as it is then (``None`` if it is gone)."""
    async with runtime.db.session(write=True) as session:
        started = await start(session)
    run = started.run
    if seconds <= 0 or run.status in RUN_TERMINAL:
        return started, run
    return started, await wait_for_run(runtime, run.org_id, run.id, seconds, until=until)


async def wait_for_run(
    runtime: Runtime, org_id: str, run_id: str, seconds: float, *, until: Until | None = None
) -> Run | None:
    """The run once it has ended (or ``until`` says so), or as it is when ``seconds`` pass
    (``None`` if gone).

    Holds no transaction while it waits: it reads in short sessions whenever the
    run's channel announces new events (over LISTEN/NOTIFY on PostgreSQL, so the
    run may move on any process).
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + max(0.0, seconds)
    async with runtime.bus.subscribe(run_channel(run_id)) as subscription:
        while True:
            async with runtime.db.session() as session:
                run = await repo.get_run(session, org_id, run_id)
                if run is not None and until is not None and await until(session, run):
                    return run
            if run is None or run.status in RUN_TERMINAL:
                return run
            left = deadline - loop.time()
            if left <= 0:
                return run
            try:
                async with asyncio.timeout(left):
                    await anext(subscription)
            except (TimeoutError, Lagged):
                continue
            except StopAsyncIteration:
                return run
