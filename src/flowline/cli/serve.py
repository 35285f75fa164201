"""``flowline serve``: the API server, with the embedded worker unless told otherwise."""

from __future__ import annotations

import os
import signal
from typing import TYPE_CHECKING, Annotated, Any

import typer
import uvicorn

from flowline.app import build_runtime, create_app
from flowline.bootstrap import initialise
from flowline.cli.collector import tune_collector
from flowline.cli.console import EXIT_USAGE, err, fail, settings_from_env
from flowline.cli.credentials import print_initial_credentials
from flowline.cli.instance import run, sqlite_file
from flowline.config import ConfigError, Settings
from flowline.db.process_lock import DatabaseInUse, hold_sqlite_lock

if TYPE_CHECKING:
    from fastapi import FastAPI

EXIT_NOT_STARTED = 3
"""The server could not start (the port is taken, say); uvicorn's own code for it."""
GRACEFUL_SHUTDOWN_SECONDS = 10
"""Open connections (event streams) get this long to finish; work itself is durable."""

WORKER_ENV = "FLOWLINE_SERVE_EMBEDDED_WORKER"
"""How ``--processes`` tells each API process whether to run the embedded worker."""

app = typer.Typer(add_completion=False)


@app.command()
def serve(
    host: Annotated[
        str | None,
        typer.Option(help="Address to listen on.  [default: FLOWLINE_HOST or 127.0.0.1]"),
    ] = None,
    port: Annotated[
        int | None,
        typer.Option(min=1, max=65535, help="Port to listen on.  [default: FLOWLINE_PORT or 8420]"),
    ] = None,
    no_worker: Annotated[
        bool,
        typer.Option(
            "--no-worker", help="Serve the API only; runs are worked on by other processes."
        ),
    ] = False,
    processes: Annotated[
        int,
        typer.Option(
            min=1,
            max=64,
            help=(
                "API processes sharing the port (PostgreSQL only); each runs the embedded"
                " worker unless --no-worker. A process that dies is started again."
            ),
        ),
    ] = 1,
) -> None:
    """Start the server: migrate the database, create the owner on first start, serve.

    On first start (empty database) the owner's login and a first API key are
    printed once, to stderr, and saved to <data dir>/initial-credentials.
    """
    flags = {"host": host, "port": port}
    settings = settings_from_env(
        **{name: value for name, value in flags.items() if value is not None}
    )
    database = sqlite_file(settings)
    if processes > 1:
        if database is not None:
            fail("--processes needs PostgreSQL: SQLite is served by one process", EXIT_USAGE)
        _serve_processes(settings, processes, no_worker=no_worker)
        return
    if database is not None:
        try:
            lock = hold_sqlite_lock(database)
        except DatabaseInUse as exc:
            fail(str(exc), EXIT_USAGE)
    made = run(initialise(settings))
    if made is not None:
        print_initial_credentials(err, made)
    try:
        runtime = build_runtime(settings, worker_enabled=not no_worker)
    except ConfigError as exc:
        fail(str(exc), EXIT_USAGE)
    server = uvicorn.Server(
        uvicorn.Config(create_app(runtime=runtime), **_uvicorn_options(settings))
    )
    # uvicorn stops gracefully on SIGINT/SIGTERM, then re-raises the signal under the
    # handler that was in place before it started, so that the default action would
    # kill the process. Routing those signals to the server instead makes a stop
    # that arrives before uvicorn listens still count, and lets a stopped server exit 0.
    for stop_signal in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop_signal, server.handle_exit)
    tune_collector()
    server.run()
    if database is not None:
        lock.close()
    if not server.started:
        raise typer.Exit(EXIT_NOT_STARTED)


def _uvicorn_options(settings: Settings) -> dict[str, Any]:
    return {
        "host": settings.host,
        "port": settings.port,
        "loop": "uvloop",
        "http": "httptools",
        "access_log": False,  # RequestMiddleware logs each request, redacted
        "proxy_headers": False,
        "log_level": settings.log_level,
        "timeout_graceful_shutdown": GRACEFUL_SHUTDOWN_SECONDS,
    }


def _serve_processes(settings: Settings, processes: int, *, no_worker: bool) -> None:
    """Several API processes on one socket, under uvicorn's supervisor.

    The parent migrates and binds; each child builds its own runtime from the same
    environment (``process_app``). The supervisor starts a child again if it dies.
    """
    made = run(initialise(settings))
    if made is not None:
        print_initial_credentials(err, made)
    os.environ[WORKER_ENV] = "0" if no_worker else "1"
    uvicorn.run(
        "flowline.cli.serve:process_app",
        factory=True,
        workers=processes,
        **_uvicorn_options(settings),
    )


def process_app() -> FastAPI:
    """The app of one of several API processes (``--processes``), built in that process."""
    settings = settings_from_env()
    runtime = build_runtime(settings, worker_enabled=os.environ.get(WORKER_ENV, "1") == "1")
    tune_collector()
    return create_app(runtime=runtime)
