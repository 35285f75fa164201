from __future__ import annotations

from typing import Annotated

from flowline.api.bodies import unwrap
from flowline.api.deps import InstanceAdmin, SessionDep
from flowline.api.envelope import Envelope, PageEnvelope, envelope, page_envelope
from flowline.api.pagination import PageParams
from flowline.api.routing import make_router
from flowline.auth.schemas import UserRead
from flowline.orgs import service
from flowline.orgs.schemas import OrganizationCreate, OrganizationCreated, OrganizationRead

router = make_router("/api/v1/admin/organizations", "Organizations")


@router.get("", summary="List organisations (instance administrators)")
async def list_organizations(
    session: SessionDep, _: InstanceAdmin, page: PageParams
) -> PageEnvelope[OrganizationRead]:
    result = await service.list_organizations(session, page)
    return page_envelope(result, OrganizationRead.model_validate)


@router.post(
    "",
    status_code=201,
    summary="Create an organisation with its owner (instance administrators)",
    description="Returns the owner's password and a first API key, once.",
)
async def create_organization(
    body: Annotated[OrganizationCreate, unwrap("organization")],
    session: SessionDep,
    _: InstanceAdmin,
) -> Envelope[OrganizationCreated]:
    made = await service.create_organization(
        session, name=body.name, owner_email=body.owner_email, owner_name=body.owner_name
    )
    read = OrganizationRead.model_validate(made.org)
    return envelope(
        OrganizationCreated(
            **read.model_dump(),
            owner=UserRead.model_validate(made.owner),
            owner_password=made.password,
            api_key=made.api_key,
        )
    )
