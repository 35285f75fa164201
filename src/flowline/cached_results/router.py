from __future__ import annotations

from typing import Annotated, Any

from flowline.api.deps import SessionDep, require
from flowline.api.envelope import Envelope, PageEnvelope, envelope, page_envelope
from flowline.api.pagination import PageParams
from flowline.api.routing import make_router
from flowline.auth.principal import Principal
from flowline.cached_results import service
from flowline.cached_results.schemas import CachedResultRead

router = make_router("/api/v1/conversations", "Conversations")
Reader = Annotated[Principal, require("agents:read")]


@router.get(
    "/{conversation_id}/cached-results/{cache_id}",
    summary="Get a cached tool result",
    description="A tool's whole result kept out of the prompt; 404 when the conversation or "
    "the result is not the organisation's.",
)
async def get_cached_result(
    conversation_id: str, cache_id: str, session: SessionDep, principal: Reader
) -> Envelope[CachedResultRead]:
    row = await service.get(session, principal, conversation_id, cache_id)
    return envelope(
        CachedResultRead(
            id=row.id,
            conversation_id=row.conversation_id,
            tool_name=row.tool_name,
            tool_call_id=row.tool_call_id,
            item_count=row.item_count,
            payload=row.payload,
            created_at=row.created_at,
        )
    )


@router.get(
    "/{conversation_id}/cached-results/{cache_id}/items",
    summary="Page through a cached tool result's items",
    description="The result's list (or the first list it holds), `page`/`size` as everywhere.",
)
async def list_cached_items(
    conversation_id: str, cache_id: str, session: SessionDep, principal: Reader, page: PageParams
) -> PageEnvelope[Any]:
    found = await service.items(session, principal, conversation_id, cache_id, page)
    return page_envelope(found, lambda item: item)
