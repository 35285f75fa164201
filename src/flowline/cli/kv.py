"""``flowline kv``: read and write the organisation's key-value store."""

from __future__ import annotations

import json
from typing import Annotated, Any
from urllib.parse import quote

import typer

from flowline.cli.api import JsonOption, connected, json_value, print_json
from flowline.cli.console import out
from flowline.cli.remote import ApiKeyOption, UrlOption

app = typer.Typer(add_completion=False, no_args_is_help=True)

Key = Annotated[str, typer.Argument(help="The key.")]


@app.callback()
def kv() -> None:
    """The key-value store."""


@app.command()
def get(
    key: Key, as_json: JsonOption = False, url: UrlOption = None, api_key: ApiKeyOption = None
) -> None:
    """Print a key's value (as JSON); exit 1 when there is no such key."""
    with connected(url, api_key) as api:
        entry = api.get(f"/api/v1/kv/{quote(key, safe='/')}")["data"]
    if as_json:
        print_json(entry)
    else:
        out.print(json.dumps(entry["value"], ensure_ascii=False), soft_wrap=True)


@app.command("set")
def set_(
    key: Key,
    value: Annotated[str, typer.Argument(help="The value: JSON, or else taken as text.")],
    ttl: Annotated[
        int | None, typer.Option("--ttl", min=1, help="Seconds until it expires.")
    ] = None,
    expected_version: Annotated[
        int | None, typer.Option(help="Only if the entry is at this version (else 409).")
    ] = None,
    as_json: JsonOption = False,
    url: UrlOption = None,
    api_key: ApiKeyOption = None,
) -> None:
    """Set a key (created or replaced)."""
    body: dict[str, Any] = {"key": key, "value": json_value(value)}
    if ttl is not None:
        body["ttl_seconds"] = ttl
    if expected_version is not None:
        body["expected_version"] = expected_version
    with connected(url, api_key) as api:
        entry = api.post("/api/v1/kv", body)["data"]
    if as_json:
        print_json(entry)
    else:
        out.print(f"{entry['key']} = version {entry.get('version')}", soft_wrap=True)
