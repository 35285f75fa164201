"""``flowline agents``: list agents and show one (needs a running server)."""

from __future__ import annotations

from typing import Annotated

import typer

from flowline.cli.api import JsonOption, connected, print_json, print_record, table
from flowline.cli.console import out
from flowline.cli.remote import ApiKeyOption, UrlOption

app = typer.Typer(add_completion=False, no_args_is_help=True)

FIELDS = ["id", "name", "description", "model", "tools", "created_at", "updated_at", "config"]


@app.callback()
def agents() -> None:
    """The organisation's agents."""


@app.command("list")
def list_agents(
    page: Annotated[int, typer.Option(min=0, help="Page, from 0.")] = 0,
    size: Annotated[int, typer.Option(min=1, max=100, help="Agents per page.")] = 100,
    as_json: JsonOption = False,
    url: UrlOption = None,
    api_key: ApiKeyOption = None,
) -> None:
    """Agents, newest first."""
    with connected(url, api_key) as api:
        answer = api.get("/api/v1/agents", page=page, size=size)
    if as_json:
        print_json(answer)
        return
    rows = [[a["id"], a["name"], a.get("description", "")] for a in answer["data"]]
    out.print(table(["Agent", "Name", "Description"], rows))


@app.command()
def show(
    agent: Annotated[str, typer.Argument(help="The agent's id or name.")],
    as_json: JsonOption = False,
    url: UrlOption = None,
    api_key: ApiKeyOption = None,
) -> None:
    """One agent and its configuration."""
    with connected(url, api_key) as api:
        found = api.find_agent(agent)
        data = api.get(f"/api/v1/agents/{found['id']}")["data"]
    if as_json:
        print_json(data)
    else:
        print_record(data, FIELDS)
