"""``flowline secrets set``: store a secret whose value comes from stdin, never argv.

A value on the command line would stay in the shell's history and in the
process list; read from stdin it does neither (``pass show x | flowline secrets
set x``). At a terminal the value is asked for without echo.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from flowline.cli.api import JsonOption, connected, print_json
from flowline.cli.console import EXIT_USAGE, fail, out
from flowline.cli.remote import ApiError, ApiKeyOption, UrlOption

app = typer.Typer(add_completion=False, no_args_is_help=True)


@app.callback()
def secrets() -> None:
    """Secrets: credentials kept encrypted, never shown again."""


def read_value() -> str:
    """The value from stdin (one trailing newline dropped), or asked for at a terminal."""
    if sys.stdin.isatty():
        value: str = typer.prompt("Value", hide_input=True, err=True)
    else:
        value = sys.stdin.read()
        value = value.removesuffix("\n").removesuffix("\r")
    if not value:
        fail(
            'no value on stdin (pipe it in: printf %s "$VALUE" | flowline secrets set NAME)',
            EXIT_USAGE,
        )
    return value


@app.command("set")
def set_(
    name: Annotated[str, typer.Argument(help="The secret's name.")],
    kind: Annotated[
        str,
        typer.Option(help="generic, bearer, api_key_header, basic or query."),
    ] = "generic",
    host: Annotated[
        list[str] | None,
        typer.Option("--host", help="A host it may be sent to (repeatable; not for generic)."),
    ] = None,
    header: Annotated[str | None, typer.Option(help="Header name, for api_key_header.")] = None,
    param: Annotated[str | None, typer.Option(help="Query parameter, for query.")] = None,
    description: Annotated[str | None, typer.Option(help="What it is for.")] = None,
    as_json: JsonOption = False,
    url: UrlOption = None,
    api_key: ApiKeyOption = None,
) -> None:
    """Create the secret NAME, or replace its value if it exists. The value is read
    from stdin."""
    value = read_value()
    fields: dict[str, Any] = {"kind": kind, "value": value}
    if host:
        fields["hosts"] = host
    for option, given in (("header", header), ("param", param), ("description", description)):
        if given is not None:
            fields[option] = given
    with connected(url, api_key) as api:
        try:
            made = api.post("/api/v1/secrets", {"name": name, **fields})["data"]
            action = "created"
        except ApiError as exc:
            if exc.status != 409:
                raise
            made = api.put(f"/api/v1/secrets/{name}", fields)["data"]
            action = "updated"
    if as_json:
        print_json(made)
    else:
        out.print(f"secret {made['name']} {action}", soft_wrap=True)
