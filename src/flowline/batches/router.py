"""``/api/v1/files``, ``/api/v1/batches`` and ``/api/v1/cancel/background-task/{id}``."""

from __future__ import annotations

import csv
import io
from typing import Annotated, Any, Literal

import orjson
from fastapi import Path, Query, Request, Response

from flowline.api.deps import RuntimeDep, SessionDep, require
from flowline.api.envelope import Envelope, PageEnvelope, envelope
from flowline.api.routing import make_router
from flowline.attachments.router import UPLOAD_RESPONSES
from flowline.attachments.schemas import AttachmentRead, upload_body
from flowline.auth.principal import Principal
from flowline.batches import background, service
from flowline.batches.schemas import BatchCreate, BatchRead, ResultRead

files_router = make_router("/api/v1/files", "Batches")
router = make_router("/api/v1/batches", "Batches")
cancel_router = make_router("/api/v1/cancel/background-task", "Cancellation")
RunsRead = Annotated[Principal, require("runs:read")]
RunsWrite = Annotated[Principal, require("runs:write")]
Uploader = Annotated[Principal, require("runs:write", reading=True)]
BatchId = Annotated[str, Path(max_length=40, description="`bat_…`.")]
MAX_PAGE = 1000


@files_router.post(
    "",
    status_code=201,
    summary="Upload a file for batches",
    description=(
        "CSV (a header row, then one record a row), JSON (an array of objects) or JSON Lines "
        "(an object a line), UTF-8, up to `FLOWLINE_UPLOAD_MAX_MB` (100 MiB by default), "
        "in a multipart part named `file`; the format is the `format` field, else the "
        "name's extension (`.csv`, `.json`, `.jsonl`, `.ndjson`). The file is streamed to "
        "storage, then read back to check every row and count them (at most 1,000,000): "
        "a bad row is `422 INVALID_FILE` naming its line, and nothing is kept."
    ),
    openapi_extra=upload_body({"format": {"type": "string", "enum": ["csv", "json", "jsonl"]}}),
    responses=UPLOAD_RESPONSES,
)
async def upload_file(
    request: Request, principal: Uploader, runtime: RuntimeDep
) -> Envelope[AttachmentRead]:
    content_type = request.headers.get("content-type", "")
    row = await service.upload_file(runtime, principal, content_type, request.stream())
    return envelope(AttachmentRead.of(row))


@router.post(
    "",
    status_code=202,
    summary="Submit a batch",
    description=(
        "Applies `operation` (a completion kind with its `params`; the input is the row, or "
        "its `input_field`) to every row of `file_id`, durably on the engine: `concurrency` "
        "rows at a time, a failed row tried up to `max_attempts` times (not a refused "
        "budget, `402`, nor a bad input). Each row is a model call charged as usage. A "
        "restarted or killed worker resumes the batch without redoing rows already done. "
        "`402` when nothing may be spent now; rows refused later fail with that error."
    ),
)
async def create(
    body: BatchCreate, session: SessionDep, principal: RunsWrite, runtime: RuntimeDep
) -> Envelope[BatchRead]:
    batch = await service.create(session, runtime, principal, body)
    return envelope(await service.read(session, batch))


@router.get(
    "/{batch_id}",
    summary="Get a batch's status and progress",
    description="`succeeded`, `failed` and `pending` rows; `progress` is rows done over rows.",
)
async def get(batch_id: BatchId, session: SessionDep, principal: RunsRead) -> Envelope[BatchRead]:
    batch = await service.get(session, principal, batch_id)
    return envelope(await service.read(session, batch))


def _csv(items: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["row", "status", "attempts", "output", "error"])
    for item in items:
        output = "" if item["output"] is None else orjson.dumps(item["output"]).decode()
        error = "" if item["error"] is None else orjson.dumps(item["error"]).decode()
        writer.writerow([item["row"], item["status"], item["attempts"], output, error])
    return out.getvalue()


@router.get(
    "/{batch_id}/output",
    summary="Read a batch's output",
    description=(
        "The rows done so far, by row, a page at a time (`page` from 0, `size` up to "
        f"{MAX_PAGE}). `format=json` (default): the usual page envelope; `jsonl`: one "
        "result a line; `csv`: columns `row,status,attempts,output,error` (output and "
        "error as JSON). The latter two give the total in `X-Total-Count`."
    ),
    response_model=PageEnvelope[ResultRead],
    responses={
        200: {"content": {"application/x-ndjson": {}, "text/csv": {}}, "description": "Rows."}
    },
)
async def output(
    batch_id: BatchId,
    session: SessionDep,
    principal: RunsRead,
    format: Annotated[Literal["json", "jsonl", "csv"], Query()] = "json",
    page: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    size: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
) -> Any:
    batch, items = await service.results(session, principal, batch_id, page * size, size)
    progress = await service.read(session, batch)
    done = progress.succeeded + progress.failed
    headers = {"X-Total-Count": str(done)}
    if format == "jsonl":
        body = b"".join(orjson.dumps(item) + b"\n" for item in items)
        return Response(body, media_type="application/x-ndjson", headers=headers)
    if format == "csv":
        return Response(_csv(items), media_type="text/csv; charset=utf-8", headers=headers)
    return PageEnvelope[ResultRead](
        data=[ResultRead.model_validate(item) for item in items],
        total=done,
        page=page,
        size=size,
        pages=-(-done // size),
    )


@router.post(
    "/{batch_id}/cancel",
    summary="Cancel a batch",
    description="Stops it at its next commit; the rows done stay readable. Ended: `409`.",
)
async def cancel(
    batch_id: BatchId, session: SessionDep, principal: RunsWrite
) -> Envelope[BatchRead]:
    batch = await service.cancel(session, principal, batch_id)
    return envelope(await service.read(session, batch))


@cancel_router.post(
    "/{task_id}",
    summary="Cancel a background task",
    description=(
        "Stops background work by its id: a batch (`bat_…`, as `POST /batches/{id}/cancel`), "
        "a knowledge document's ingestion (`doc_…`, which ends `failed` with "
        "`CANCELLED`, its chunks not written) or a flow run (`run_…`, as "
        "`POST /runs/{id}/cancel`). Another organisation's, unknown or another kind of "
        "id: `404`; work already ended: `409`."
    ),
)
async def cancel_background(
    task_id: Annotated[str, Path(max_length=40)],
    session: SessionDep,
    principal: RunsWrite,
    runtime: RuntimeDep,
) -> Envelope[background.Cancelled]:
    return envelope(await background.cancel(session, runtime, principal, task_id))
