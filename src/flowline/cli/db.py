"""``flowline db``: the database schema."""

from __future__ import annotations

import typer

from flowline.cli.console import out, settings_from_env
from flowline.cli.instance import open_database, run
from flowline.config import Settings
from flowline.db import migrate

app = typer.Typer(add_completion=False, no_args_is_help=True)


@app.callback()
def db() -> None:
    """The database schema (migrations)."""


@app.command()
def upgrade() -> None:
    """Migrate the database to the newest schema and print its revision."""
    settings = settings_from_env()
    before, after = run(_upgrade(settings))
    if before == after:
        out.print(f"Database schema already at revision {after} (newest).", soft_wrap=True)
    else:
        out.print(
            f"Database schema upgraded from {before or 'empty'} to revision {after}.",
            soft_wrap=True,
        )


async def _upgrade(settings: Settings) -> tuple[str | None, str | None]:
    async with open_database(settings, create=True) as database:
        before = await migrate.current_revision(database.engine)
        await migrate.upgrade(database.engine)
        return before, await migrate.current_revision(database.engine)
