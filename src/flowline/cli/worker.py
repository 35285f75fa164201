"""``flowline worker``: a standalone worker for the scale-out set-up (PostgreSQL)."""

from __future__ import annotations

import typer

from flowline.cli.console import EXIT_USAGE, fail, settings_from_env

app = typer.Typer(add_completion=False)


@app.command()
def worker() -> None:
    """Run a worker process beside `flowline serve --no-worker` (needs PostgreSQL)."""
    settings = settings_from_env()
    if settings.is_sqlite:
        fail(
            "a separate worker needs PostgreSQL; the embedded server runs its own worker",
            EXIT_USAGE,
        )
    fail(
        "the standalone worker is not available yet; `flowline serve` runs the embedded worker",
        EXIT_USAGE,
    )
