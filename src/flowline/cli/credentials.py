"""How the one-time credentials of a new owner are shown."""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from flowline.bootstrap import InitialCredentials
from flowline.orgs.service import NewOrganization


def _panel(title: str, rows: list[tuple[str, str]]) -> Panel:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column(overflow="fold")
    for label, value in rows:
        grid.add_row(label, Text(value))
    return Panel(grid, title=title, title_align="left", expand=False)


def print_initial_credentials(console: Console, made: InitialCredentials) -> None:
    console.print(
        _panel(
            "Flowline is ready: the owner's login (shown once)",
            [("Email", made.email), ("Password", made.password), ("API key", made.api_key)],
        )
    )
    console.print(
        Text(f"Also saved to {made.path.resolve()} (readable by you only); keep it or delete it."),
        soft_wrap=True,
    )


def print_new_organization(console: Console, made: NewOrganization) -> None:
    console.print(
        _panel(
            "Organisation created: its owner's login (shown once)",
            [
                ("Organisation", made.org.id),
                ("Name", made.org.name),
                ("Owner email", made.owner.email),
                ("Password", made.password),
                ("API key", made.api_key),
            ],
        )
    )
