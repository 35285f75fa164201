"""``flowline apikey``: API keys made on the machine that runs Flowline."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

import typer
from pydantic import ValidationError

from flowline.auth.schemas import ApiKeyCreate
from flowline.auth.service import create_api_key
from flowline.cli.console import invalid_input, settings_from_env
from flowline.cli.instance import open_database, require_initialised, run
from flowline.config import Settings
from flowline.db.types import utcnow
from flowline.orgs.service import owner_principal

app = typer.Typer(add_completion=False, no_args_is_help=True)


@app.callback()
def apikey() -> None:
    """API keys, made directly in the database (no server needed)."""


@app.command()
def create(
    name: Annotated[str, typer.Option(help="A label to recognise the key by.")],
    scopes: Annotated[
        list[str] | None,
        typer.Option(
            help="Limit the key to these scopes (comma-separated or repeated). "
            "Default: everything its owner may do."
        ),
    ] = None,
    org: Annotated[
        str | None,
        typer.Option(help="Organisation id.  [default: the instance's first organisation]"),
    ] = None,
    expires_in_days: Annotated[
        int | None, typer.Option(min=1, max=36500, help="Expire the key after this many days.")
    ] = None,
) -> None:
    """Create an API key for an organisation's owner; print only the key.

    For scripts: KEY=$(flowline apikey create --name ci)
    """
    wanted = None if scopes is None else split_scopes(scopes)
    expires_at = None if expires_in_days is None else utcnow() + timedelta(days=expires_in_days)
    try:
        body = ApiKeyCreate(name=name, scopes=wanted, expires_at=expires_at)
    except ValidationError as exc:
        invalid_input(exc)
    settings = settings_from_env()
    typer.echo(run(_create(settings, body, org)))


def split_scopes(values: list[str]) -> list[str]:
    """``["kv:read,kv:write", "flows:read"]`` -> ``["kv:read", "kv:write", "flows:read"]``."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


async def _create(settings: Settings, body: ApiKeyCreate, org_id: str | None) -> str:
    async with open_database(settings) as db:
        await require_initialised(db)
        async with db.session(write=True) as session:
            principal = await owner_principal(session, org_id)
            _, raw = await create_api_key(
                session, principal, name=body.name, scopes=body.scopes, expires_at=body.expires_at
            )
    return raw
