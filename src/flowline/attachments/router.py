"""``/api/v1/attachments`` and ``/api/v1/s3/upload``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Path, Query, Request, Response
from fastapi.responses import StreamingResponse

from flowline.api.deps import RuntimeDep, SessionDep, require
from flowline.api.envelope import Envelope, ErrorBody, PageEnvelope, envelope, page_envelope
from flowline.api.pagination import PageParams
from flowline.api.routing import make_router
from flowline.attachments import service
from flowline.attachments.schemas import AttachmentRead, Purpose, upload_body
from flowline.auth.principal import Principal
from flowline.db.models import Attachment

router = make_router("/api/v1/attachments", "Attachments")
s3_router = make_router("/api/v1/s3", "Attachments")
RunsRead = Annotated[Principal, require("runs:read")]
RunsWrite = Annotated[Principal, require("runs:write")]
Uploader = Annotated[Principal, require("runs:write", reading=True)]
"""Authenticated outside any transaction: the body streams to storage first."""
AttachmentId = Annotated[
    str, Path(max_length=40, description="`att_…`, from an upload or a step's output.")
]
UPLOAD_RESPONSES: dict[int | str, dict[str, Any]] = {
    413: {"model": ErrorBody, "description": "The file is larger than the upload limit."},
    503: {"model": ErrorBody, "description": "The storage cannot be reached."},
}
_UPLOAD = (
    "A `multipart/form-data` body with the file in a part named `file`. The file streams "
    "to storage as it arrives (never whole in memory); larger than `FLOWLINE_UPLOAD_MAX_MB` "
    "(100 MiB by default) is `413` and nothing is kept. The content type is sniffed from "
    "the bytes (a known signature; else UTF-8 text typed by its name's extension, or "
    "`text/plain`; else `application/octet-stream`), never taken from the client."
)


def disposition(kind: str, row: Attachment) -> str:
    """RFC 6266: an ASCII ``filename`` and the UTF-8 ``filename*``."""
    name = row.name or row.id
    plain = "".join(c if 32 <= ord(c) < 127 and c not in '"\\' else "_" for c in name)
    return f"{kind}; filename=\"{plain}\"; filename*=UTF-8''{quote(name, safe='')}"


async def _stream(runtime: RuntimeDep, row: Attachment, kind: str) -> StreamingResponse:
    """The bytes as a streamed answer, their first chunk read before it starts: bytes
    that are gone (deleted meanwhile) are a 404, not a stream broken after its headers."""
    chunks = service.content(runtime.settings, row)
    first = await anext(chunks, b"")

    async def body() -> AsyncIterator[bytes]:
        yield first
        async for chunk in chunks:
            yield chunk

    headers = {
        "Content-Disposition": disposition(kind, row),
        "Content-Length": str(row.size),
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "sandbox",
        "ETag": f'"{row.sha256}"',
    }
    return StreamingResponse(body(), media_type=row.content_type, headers=headers)


@router.post(
    "",
    status_code=201,
    summary="Upload an attachment",
    description=_UPLOAD + " The file goes to the configured storage (`FLOWLINE_STORAGE`).",
    openapi_extra=upload_body(),
    responses=UPLOAD_RESPONSES,
)
async def upload(
    request: Request, principal: Uploader, runtime: RuntimeDep
) -> Envelope[AttachmentRead]:
    content_type = request.headers.get("content-type", "")
    row = await service.upload(runtime, principal, content_type, request.stream())
    return envelope(AttachmentRead.of(row))


@s3_router.post(
    "/upload",
    status_code=201,
    summary="Upload a file to the S3-compatible store",
    description=_UPLOAD
    + " The file goes to the S3-compatible store whatever `FLOWLINE_STORAGE` says; with no "
    "store configured (`FLOWLINE_S3_BUCKET`), `409 S3_NOT_CONFIGURED`.",
    openapi_extra=upload_body(),
    responses=UPLOAD_RESPONSES,
)
async def s3_upload(
    request: Request, principal: Uploader, runtime: RuntimeDep
) -> Envelope[AttachmentRead]:
    content_type = request.headers.get("content-type", "")
    row = await service.upload(
        runtime, principal, content_type, request.stream(), storage_name="s3"
    )
    return envelope(AttachmentRead.of(row))


@router.get(
    "",
    summary="List attachments",
    description="The organisation's attachments, newest first; `purpose` narrows them.",
)
async def list_attachments(
    session: SessionDep,
    principal: RunsRead,
    page: PageParams,
    purpose: Annotated[Purpose | None, Query()] = None,
) -> PageEnvelope[AttachmentRead]:
    found = await service.list_attachments(session, principal, page, purpose)
    return page_envelope(found, AttachmentRead.of)


@router.get("/{attachment_id}", summary="Get an attachment's metadata")
async def get_attachment(
    attachment_id: AttachmentId, session: SessionDep, principal: RunsRead
) -> Envelope[AttachmentRead]:
    return envelope(AttachmentRead.of(await service.get(session, principal, attachment_id)))


_BYTES: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}},
        "description": "The bytes, with the content type sniffed at upload.",
    }
}


@router.get(
    "/{attachment_id}/content",
    summary="Get an attachment's content",
    description=(
        "The bytes, streamed, with their sniffed content type, shown inline "
        "(`Content-Disposition: inline`, `Content-Security-Policy: sandbox`)."
    ),
    response_class=Response,
    responses=_BYTES,
)
async def content(
    attachment_id: AttachmentId, session: SessionDep, principal: RunsRead, runtime: RuntimeDep
) -> Response:
    return await _stream(
        runtime, await service.readable(session, principal, attachment_id), "inline"
    )


@router.get(
    "/{attachment_id}/download",
    summary="Download an attachment",
    description=(
        "The bytes, streamed, as a download: `Content-Disposition: attachment` with the "
        "file's name (`filename*` in UTF-8)."
    ),
    response_class=Response,
    responses=_BYTES,
)
async def download(
    attachment_id: AttachmentId, session: SessionDep, principal: RunsRead, runtime: RuntimeDep
) -> Response:
    row = await service.readable(session, principal, attachment_id)
    return await _stream(runtime, row, "attachment")


@router.delete(
    "/{attachment_id}",
    status_code=204,
    summary="Delete an attachment",
    description="The record and its stored bytes. A batch over it keeps its results.",
)
async def delete(
    attachment_id: AttachmentId, session: SessionDep, principal: RunsWrite, runtime: RuntimeDep
) -> Response:
    await service.delete(runtime, session, principal, attachment_id)
    return Response(status_code=204)
