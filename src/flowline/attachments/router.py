from __future__ import annotations

from typing import Annotated

from fastapi import Path, Response

from flowline.api.deps import SessionDep, require
from flowline.api.routing import make_router
from flowline.attachments import service
from flowline.auth.principal import Principal

router = make_router("/api/v1/attachments", "Attachments")
RunsRead = Annotated[Principal, require("runs:read")]
AttachmentId = Annotated[str, Path(max_length=40, description="`att_…`, from a step's output.")]


@router.get(
    "/{attachment_id}",
    summary="Download an attachment",
    description=(
        "The bytes of a body a step stored instead of keeping it as text (a recording, a "
        "PDF, a large answer), with the content type it came with."
    ),
    response_class=Response,
    responses={200: {"content": {"application/octet-stream": {}}}},
)
async def download(
    attachment_id: AttachmentId, session: SessionDep, principal: RunsRead
) -> Response:
    attachment = await service.get_with_data(session, principal, attachment_id)
    return Response(
        content=attachment.data,
        media_type=attachment.content_type,
        headers={
            "Content-Disposition": f'attachment; filename="{attachment.id}"',
            "X-Content-Type-Options": "nosniff",
            "ETag": f'"{attachment.sha256}"',
        },
    )
