"""``flowline init``: data dir, secret key file, database schema and the owner account."""

from __future__ import annotations

import typer

from flowline.bootstrap import initialise
from flowline.cli.console import out, settings_from_env
from flowline.cli.credentials import print_initial_credentials
from flowline.cli.instance import run

app = typer.Typer(add_completion=False)


@app.command()
def init() -> None:
    """Prepare this instance: data dir, secret key, database schema, owner account.

    Safe to run again: only the first run creates the owner and prints its login.
    """
    settings = settings_from_env()
    made = run(initialise(settings))
    if made is None:
        out.print(
            f"Flowline is already initialised (data dir {settings.data_dir.resolve()}); "
            "the database schema is up to date.",
            soft_wrap=True,
        )
        return
    print_initial_credentials(out, made)
