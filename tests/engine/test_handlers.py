"""Task handlers are registered where the runtime is built: a bare ``flowline worker``
process, which imports neither the API nor the domains' routers, handles agent turns and
the channels' tasks."""

from __future__ import annotations

import asyncio
import functools
import os
import signal
import sys
from pathlib import Path

import httpx
import sqlalchemy as sa

from flowline.agents.chat import Opening, open_turn
from flowline.agents.schemas import MessageIn
from flowline.channels.statuses import STATUS_TASK
from flowline.config import Settings
from flowline.db.models import Run, Task
from flowline.engine import queue
from flowline.ids import new_id
from flowline.process import task_handlers
from flowline.runtime import Runtime
from tests.agents.builders import make_agent
from tests.factories import Factory

# The worker command's own coroutine, in a process that imports nothing before it (the
# command refuses SQLite; the coroutine itself serves either database).
WORKER = """
import asyncio, sys
from flowline.cli import worker
from flowline.cli.console import settings_from_env
try:
    asyncio.run(worker._work(settings_from_env(), 2))
finally:
    print("imported the app:", "flowline.app" in sys.modules, flush=True)
"""


def test_the_runtime_registers_every_kind_outside_the_executor() -> None:
    assert {"turn", "callback", STATUS_TASK, "channel_route", "knowledge_ingest"} <= set(
        task_handlers()
    )


async def _queue_work(
    runtime: Runtime, client: httpx.AsyncClient, factory: Factory
) -> tuple[str, int]:
    """A turn no process drives yet, and a channel task: both for any worker to claim."""
    org = await factory.org()
    agent_id = await make_agent(client, org)
    opening = Opening(
        org.principal(),
        agent_id,
        None,
        [MessageIn(role="user", content="Hi")],
        new_id("cnv"),
        queued=True,
    )
    await runtime.db.transact(functools.partial(open_turn, runtime=runtime, opening=opening))
    async with runtime.db.session(write=True) as session:
        task = queue.enqueue(
            session,
            org_id=org.id,
            run_id=None,
            node_id="status",
            kind=STATUS_TASK,
            payload={"channel_id": "chn_gone", "provider_message_id": "m1", "status": "read"},
        )
        await session.flush()
        task_id = task.id
    return opening.run_id, task_id


async def _done(runtime: Runtime, run_id: str, task_id: int) -> bool:
    async with runtime.db.session() as session:
        status = await session.scalar(sa.select(Run.status).where(Run.id == run_id))
        left = await session.scalar(sa.select(sa.func.count()).where(Task.id == task_id))
    return status == "succeeded" and left == 0


async def test_a_bare_worker_process_handles_turns_and_channel_tasks(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime, settings: Settings
) -> None:
    run_id, task_id = await _queue_work(runtime, client, factory)
    env = {
        **os.environ,
        "FLOWLINE_DATABASE_URL": settings.resolved_database_url,
        "FLOWLINE_DATA_DIR": str(Path(settings.data_dir)),
        "FLOWLINE_SECRET_KEY": str(settings.secret_key),
    }
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-c", WORKER, env=env, stdout=asyncio.subprocess.PIPE
    )
    try:
        for _ in range(600):
            if await _done(runtime, run_id, task_id):
                break
            await asyncio.sleep(0.05)
    finally:
        child.send_signal(signal.SIGTERM)
        out, _ = await asyncio.wait_for(child.communicate(), 30)
    assert await _done(runtime, run_id, task_id)
    assert "imported the app: False" in out.decode()
