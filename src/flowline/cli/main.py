"""The ``flowline`` command.

Each command group lives in its own module and is imported only when it runs:
the web stack takes seconds to import, and ``flowline --version`` or a mistyped
command should not pay for it.
"""

from __future__ import annotations

import importlib
from typing import Annotated

import typer
from typer.core import TyperCommand, TyperGroup
from typer.main import get_command

from flowline import __version__

COMMANDS: dict[str, str] = {
    "init": "flowline.cli.init",
    "serve": "flowline.cli.serve",
    "worker": "flowline.cli.worker",
    "apikey": "flowline.cli.apikey",
    "org": "flowline.cli.org",
    "db": "flowline.cli.db",
    "flows": "flowline.cli.flows",
    "run": "flowline.cli.run",
    "runs": "flowline.cli.runs",
    "approvals": "flowline.cli.approvals",
    "chat": "flowline.cli.chat",
    "agents": "flowline.cli.agents",
    "kv": "flowline.cli.kv",
    "secrets": "flowline.cli.secrets",
    "phone": "flowline.cli.phone",
}
"""Command name -> module holding its ``app`` (a ``typer.Typer``)."""


class LazyCommands(TyperGroup):
    """The root group: commands come from ``COMMANDS``, loaded on first use."""

    def list_commands(self, ctx: object) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: object, cmd_name: str) -> TyperCommand | TyperGroup | None:
        module_name = COMMANDS.get(cmd_name)
        if module_name is None:
            return None
        sub_app: typer.Typer = importlib.import_module(module_name).app
        command = get_command(sub_app)
        if not isinstance(command, TyperCommand | TyperGroup):
            raise TypeError(f"{module_name}.app is not a Typer command")
        command.name = cmd_name
        return command


app = typer.Typer(
    cls=LazyCommands,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,  # locals can hold passwords and keys
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"flowline {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Flowline: durable automation flows and AI agents, self-hosted.

    Settings come from FLOWLINE_* environment variables and a .env file.
    """


def main() -> None:
    app(prog_name="flowline")
