"""``flowline org``: organisations, each with its own owner."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from pydantic import ValidationError

from flowline.cli.console import invalid_input, out, settings_from_env
from flowline.cli.credentials import print_new_organization
from flowline.cli.instance import open_database, require_initialised, run
from flowline.config import Settings
from flowline.orgs.schemas import OrganizationCreate
from flowline.orgs.service import NewOrganization, create_organization

app = typer.Typer(add_completion=False, no_args_is_help=True)


@app.callback()
def org() -> None:
    """Organisations (tenants) of this instance."""


@app.command()
def create(
    name: Annotated[str, typer.Argument(help="The organisation's name.")],
    owner_email: Annotated[
        str, typer.Option(help="Its owner's email (unique across the instance).")
    ],
    owner_name: Annotated[str, typer.Option(help="Its owner's display name.")] = "",
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON object instead of a panel.")
    ] = False,
) -> None:
    """Create an organisation and its owner; print the owner's password and API key once."""
    try:
        body = OrganizationCreate(name=name, owner_email=owner_email, owner_name=owner_name)
    except ValidationError as exc:
        invalid_input(exc, {"name": "NAME"})
    settings = settings_from_env()
    made = run(_create(settings, body))
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "org_id": made.org.id,
                    "name": made.org.name,
                    "owner_email": made.owner.email,
                    "password": made.password,
                    "api_key": made.api_key,
                }
            )
        )
        return
    print_new_organization(out, made)


async def _create(settings: Settings, body: OrganizationCreate) -> NewOrganization:
    async with open_database(settings) as db:
        await require_initialised(db)
        async with db.session(write=True) as session:
            made = await create_organization(
                session, name=body.name, owner_email=body.owner_email, owner_name=body.owner_name
            )
    return made
