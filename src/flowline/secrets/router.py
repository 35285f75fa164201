from __future__ import annotations

from typing import Annotated

from fastapi import Path, Response

from flowline.api.bodies import unwrap
from flowline.api.concurrency import IfMatch
from flowline.api.deps import RuntimeDep, SessionDep, require
from flowline.api.envelope import Envelope, PageEnvelope, envelope, page_envelope
from flowline.api.idempotency import IDEMPOTENT
from flowline.api.pagination import PageParams
from flowline.api.routing import make_router
from flowline.auth.principal import Principal
from flowline.secrets import service
from flowline.secrets.schemas import NAME_PATTERN, SecretCreate, SecretRead, SecretUpdate

SecretName = Annotated[str, Path(json_schema_extra={"pattern": NAME_PATTERN})]

router = make_router("/api/v1/secrets", "Secrets")
SecretsRead = Annotated[Principal, require("secrets:read")]
SecretsWrite = Annotated[Principal, require("secrets:write")]


@router.get(
    "",
    summary="List secrets",
    description="Newest first. Values are never returned: only their last four characters.",
)
async def list_secrets(
    session: SessionDep, principal: SecretsRead, page: PageParams
) -> PageEnvelope[SecretRead]:
    result = await service.list_secrets(session, principal, page)
    return page_envelope(result, SecretRead.model_validate)


@router.post(
    "",
    status_code=201,
    summary="Store a secret",
    description=(
        "Encrypts the value at rest; it is never returned. `hosts` lists where the "
        "credential may be sent (required for every kind but `generic`). The name must be "
        'unique in the organisation (409 otherwise). The body may be wrapped as `{"secret": '
        "{...}}`."
    ),
    openapi_extra=IDEMPOTENT,
)
async def create_secret(
    body: Annotated[SecretCreate, unwrap("secret")],
    session: SessionDep,
    principal: SecretsWrite,
    runtime: RuntimeDep,
) -> Envelope[SecretRead]:
    secret = await service.create_secret(session, principal, body, runtime.secret_box)
    return envelope(SecretRead.model_validate(secret))


@router.get("/{name}", summary="Get a secret's metadata", description="The value is not shown.")
async def get_secret(
    name: SecretName, session: SessionDep, principal: SecretsRead
) -> Envelope[SecretRead]:
    return envelope(SecretRead.model_validate(await service.get_secret(session, principal, name)))


@router.put(
    "/{name}",
    summary="Replace a secret's value or metadata",
    description=(
        "Omitted fields keep their value; `value` replaces the secret. With `If-Match` or "
        "`expected_version`, only when the secret is at that version (else 409)."
    ),
)
async def update_secret(
    name: SecretName,
    body: Annotated[SecretUpdate, unwrap("secret")],
    session: SessionDep,
    principal: SecretsWrite,
    runtime: RuntimeDep,
    if_match: IfMatch,
) -> Envelope[SecretRead]:
    secret = await service.update_secret(
        session, principal, name, body, if_match, runtime.secret_box
    )
    return envelope(SecretRead.model_validate(secret))


@router.delete(
    "/{name}",
    status_code=204,
    summary="Delete a secret",
    description="With `If-Match`, only when the secret is at that version (else 409).",
)
async def delete_secret(
    name: SecretName, session: SessionDep, principal: SecretsWrite, if_match: IfMatch
) -> Response:
    await service.delete_secret(session, principal, name, if_match)
    return Response(status_code=204)
