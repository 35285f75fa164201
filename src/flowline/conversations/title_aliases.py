"""The seed's title paths, ``/api/v1/agent/conversations/{id}/title[/generate]``:
the same endpoints as ``/api/v1/conversations/{id}/title``, under a second prefix
(clients written for the seed call them there)."""

from __future__ import annotations

from flowline.api.errors import MODEL_CALL_RESPONSES
from flowline.api.routing import make_router
from flowline.conversations import router as conversations

router = make_router("/api/v1/agent/conversations", "Conversations")

_SAME = "The same as `/api/v1/conversations/{id}/title`, at the seed's path."
router.add_api_route(
    "/{conversation_id}/title",
    conversations.get_title,
    methods=["GET"],
    summary="Get a conversation's title (seed path)",
    description=_SAME,
)
router.add_api_route(
    "/{conversation_id}/title",
    conversations.replace_title,
    methods=["PUT"],
    summary="Set a conversation's title (seed path)",
    description=_SAME,
)
router.add_api_route(
    "/{conversation_id}/title/generate",
    conversations.generate_title,
    methods=["POST"],
    summary="Generate a conversation's title (seed path)",
    description=_SAME,
    responses=MODEL_CALL_RESPONSES,
)
