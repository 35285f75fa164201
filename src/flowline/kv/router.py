from __future__ import annotations

from typing import Annotated

from fastapi import Query, Response

from flowline.api.bodies import unwrap
from flowline.api.concurrency import IfMatch
from flowline.api.deps import SessionDep, require
from flowline.api.envelope import Envelope, PageEnvelope, envelope, page_envelope
from flowline.api.idempotency import IDEMPOTENT
from flowline.api.pagination import PageParams
from flowline.api.routing import make_router
from flowline.auth.principal import Principal
from flowline.kv import service
from flowline.kv.schemas import KEY_PATTERN, MAX_KEY_LENGTH, KvRead, KvSet

router = make_router("/api/v1/kv", "KV store")
KvReader = Annotated[Principal, require("kv:read")]
KvWriter = Annotated[Principal, require("kv:write")]


@router.get("", summary="List keys", description="Live keys in key order, optionally by prefix.")
async def list_entries(
    session: SessionDep,
    principal: KvReader,
    page: PageParams,
    prefix: Annotated[
        str | None,
        Query(
            max_length=MAX_KEY_LENGTH,
            pattern=KEY_PATTERN,
            description="Only keys starting with this (no control characters, as keys).",
        ),
    ] = None,
) -> PageEnvelope[KvRead]:
    result = await service.list_entries(session, principal, prefix, page)
    return page_envelope(result, KvRead.model_validate)


@router.post(
    "",
    summary="Set a key",
    description="Creates or replaces a key. `expected_version` turns it into compare-and-set.",
    openapi_extra=IDEMPOTENT,
)
async def set_entry(
    body: Annotated[KvSet, unwrap("kv")], session: SessionDep, principal: KvWriter
) -> Envelope[KvRead]:
    return envelope(KvRead.model_validate(await service.set_entry(session, principal, body)))


@router.get("/{key:path}", summary="Get a key")
async def get_entry(key: str, session: SessionDep, principal: KvReader) -> Envelope[KvRead]:
    return envelope(KvRead.model_validate(await service.get_entry(session, principal, key)))


@router.delete(
    "/{key:path}",
    status_code=204,
    summary="Delete a key",
    description="With `If-Match`, only when the key is at that version (else 409).",
)
async def delete_entry(
    key: str, session: SessionDep, principal: KvWriter, if_match: IfMatch
) -> Response:
    await service.delete_entry(session, principal, key, if_match)
    return Response(status_code=204)
