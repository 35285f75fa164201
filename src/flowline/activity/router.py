from __future__ import annotations

from typing import Annotated

from flowline.activity import service
from flowline.activity.schemas import TimelineItem, TimelineQuery
from flowline.api.deps import SessionDep, require
from flowline.api.envelope import PageEnvelope, page_envelope
from flowline.api.routing import make_router
from flowline.auth.principal import Principal

router = make_router("/api/v1/activity", "Activity")
Reader = Annotated[Principal, require("channels:read")]


@router.post(
    "/timeline",
    summary="A contact's or an account's timeline",
    description=(
        "Conversations, their messages, emails (messages of email channels), runs in those "
        "conversations, their approvals, and artifacts, for one `contact_id` (404 if not the "
        "organisation's) or an `account` (an email domain, or contacts' metadata `account`); "
        "newest first, paged by `page`/`size` in the body (the newest 10,000 items). `kinds` "
        "narrows it."
    ),
)
async def timeline(
    body: TimelineQuery, session: SessionDep, principal: Reader
) -> PageEnvelope[TimelineItem]:
    return page_envelope(await service.timeline(session, principal, body), lambda item: item)
