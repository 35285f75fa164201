"""``flowline worker``: a standalone worker for the scale-out set-up (PostgreSQL)."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from typing import Annotated

import typer

from flowline.cli.collector import tune_collector
from flowline.cli.console import EXIT_USAGE, err, fail, settings_from_env
from flowline.cli.instance import run
from flowline.config import ConfigError, Settings
from flowline.llm.transport import close_clients

app = typer.Typer(add_completion=False)


@app.command()
def worker(
    slots: Annotated[
        int | None,
        typer.Option(min=1, max=1024, help="Tasks in flight at once.  [default: FLOWLINE_WORKERS]"),
    ] = None,
) -> None:
    """Run a worker process beside `flowline serve --no-worker` (needs PostgreSQL).

    It migrates the database if needed, then claims and runs tasks until it gets
    SIGTERM or SIGINT. Work in flight when it stops is taken over by another
    worker once its lease runs out.
    """
    settings = settings_from_env()
    if settings.is_sqlite:
        fail(
            "a separate worker needs PostgreSQL (FLOWLINE_DATABASE_URL); on SQLite the "
            "embedded server runs the only worker",
            EXIT_USAGE,
        )
    run(_work(settings, slots))


async def _work(settings: Settings, slots: int | None) -> None:
    from flowline.db import migrate
    from flowline.engine.worker import Worker
    from flowline.observability.logs import configure_logging
    from flowline.process import build_runtime
    from flowline.schedules.scheduler import run_scheduler

    try:
        runtime = build_runtime(settings)
    except ConfigError as exc:
        fail(str(exc), EXIT_USAGE)
    configure_logging(settings.log_level)
    await migrate.upgrade(runtime.db.engine)
    tune_collector()
    await runtime.bus.start()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for stop_signal in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(stop_signal, stop.set)
    the_worker = Worker(runtime, slots=slots)
    tasks = [
        asyncio.create_task(the_worker.run(), name="flowline-worker"),
        asyncio.create_task(run_scheduler(runtime), name="flowline-scheduler"),
    ]
    err.print(f"worker {the_worker.name} running with {the_worker.slots} slots")
    try:
        await stop.wait()
    finally:
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await runtime.outbound.close()
        await close_clients()
        await runtime.bus.close()
        await runtime.db.dispose()
