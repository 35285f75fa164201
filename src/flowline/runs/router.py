from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Annotated

from fastapi import Header, Query, Request, Response
from sse_starlette import EventSourceResponse, ServerSentEvent

from flowline.api.deps import RuntimeDep, SessionDep, require
from flowline.api.envelope import Envelope, PageEnvelope, envelope, page_envelope
from flowline.api.idempotency import IDEMPOTENT
from flowline.api.pagination import PageParams
from flowline.api.responses import event_stream
from flowline.api.routing import make_router
from flowline.auth.principal import Principal
from flowline.db.types import MAX_INT32
from flowline.engine.transitions import RUN_TERMINAL
from flowline.engine.waiting import wait_for_run
from flowline.runs import service
from flowline.runs.repository import RunFilter
from flowline.runs.schemas import (
    MAX_BULK_RUNS,
    BulkRunStarted,
    RunCreate,
    RunEventRead,
    RunRead,
    RunsBulkCreate,
    RunStatus,
    RunSummary,
    StepRead,
)
from flowline.runs.stream import follow_events
from flowline.runtime import Runtime

router = make_router("/api/v1/runs", "Runs")
flow_runs_router = make_router("/api/v1/flows", "Runs")
RunsRead = Annotated[Principal, require("runs:read")]
RunsWrite = Annotated[Principal, require("runs:write")]
Seq = Annotated[int, Query(ge=0, le=MAX_INT32, description="Only events numbered above this.")]

EVENT_STREAM = "text/event-stream"
_STREAM_DOC = (
    f"JSON by default. With `Accept: {EVENT_STREAM}`, a server-sent event stream instead: "
    "each event as `id: <seq>`, `event: <type>`, `data: <the event as JSON>`, first those "
    "after `Last-Event-ID` (or `after_seq`), then new ones as they happen. The stream ends "
    "after `run.succeeded`, `run.failed` or `run.cancelled`, and sends a `: ping` comment "
    "every 15 seconds while idle. Reconnect with `Last-Event-ID` to go on where it stopped."
)


@router.get(
    "",
    summary="List runs",
    description="The organisation's runs, newest first, without input, output or steps.",
)
async def list_runs(
    session: SessionDep,
    principal: RunsRead,
    page: PageParams,
    flow_id: Annotated[
        str | None, Query(max_length=40, description="Only runs of this flow.")
    ] = None,
    status: Annotated[RunStatus | None, Query(description="Only runs with this status.")] = None,
    trigger: Annotated[
        str | None, Query(max_length=16, description="Only runs started this way, e.g. `api`.")
    ] = None,
    created_after: Annotated[
        datetime | None, Query(description="Only runs created at or after this ISO 8601 time.")
    ] = None,
    created_before: Annotated[
        datetime | None, Query(description="Only runs created before this ISO 8601 time.")
    ] = None,
) -> PageEnvelope[RunSummary]:
    wanted = RunFilter(flow_id, status, trigger, created_after, created_before)
    result = await service.list_runs(session, principal, page, wanted)
    return page_envelope(result, RunSummary.model_validate)


@router.get("/{run_id}", summary="Get a run", description="With every step attempt.")
async def get_run(run_id: str, session: SessionDep, principal: RunsRead) -> Envelope[RunRead]:
    return envelope(await service.get_run(session, principal, run_id))


@router.get(
    "/{run_id}/steps",
    summary="List a run's steps",
    description="Every attempt of every node, in the order they started.",
)
async def list_steps(
    run_id: str, session: SessionDep, principal: RunsRead, page: PageParams
) -> PageEnvelope[StepRead]:
    result = await service.list_steps(session, principal, run_id, page)
    return page_envelope(result, service.step_read)


@router.get(
    "/{run_id}/events",
    summary="Read or follow a run's events",
    description=_STREAM_DOC,
    response_model=PageEnvelope[RunEventRead],
    responses={200: {"content": event_stream()}},
)
async def list_events(
    run_id: str,
    request: Request,
    session: SessionDep,
    principal: RunsRead,
    runtime: RuntimeDep,
    page: PageParams,
    after_seq: Seq = 0,
    last_event_id: Annotated[
        int | None,
        Header(
            alias="Last-Event-ID",
            ge=0,
            le=MAX_INT32,
            description="For streams: the last `seq` received; takes precedence over `after_seq`.",
        ),
    ] = None,
) -> PageEnvelope[RunEventRead] | EventSourceResponse:
    if EVENT_STREAM in request.headers.get("accept", ""):
        run = await service.get_run_row(session, principal, run_id)
        start = after_seq if last_event_id is None else last_event_id
        return EventSourceResponse(
            _sse(runtime, run.org_id, run.id, start),
            ping=runtime.settings.stream_ping_seconds,
            ping_message_factory=_ping,
            sep="\n",
        )
    result = await service.list_events(session, principal, run_id, after_seq, page)
    return page_envelope(result, RunEventRead.model_validate)


def _ping() -> ServerSentEvent:
    return ServerSentEvent(comment="ping", sep="\n")


async def _sse(
    runtime: Runtime, org_id: str, run_id: str, after_seq: int
) -> AsyncIterator[ServerSentEvent]:
    events = follow_events(runtime.db, runtime.bus, org_id, run_id, after_seq)
    async for event in events:
        yield ServerSentEvent(
            id=str(event.seq), event=event.type, data=event.model_dump_json(), sep="\n"
        )


@flow_runs_router.post(
    "/{flow_id}/run",
    status_code=201,
    summary="Start a run",
    description=(
        "Starts a run of the flow's current version with `input` (checked against the start "
        "node's `input_schema`: 422 naming each field). With `idempotency_key`, a repeat "
        "answers the first run (200) instead of starting another. With `wait_seconds`, the "
        "answer waits up to that long for the run to end and shows it as it is then (its "
        "`status` says whether it ended). A draft flow answers 409 `FLOW_NOT_RUNNABLE`."
    ),
    openapi_extra=IDEMPOTENT,
    responses={200: {"description": "An earlier run with the same `idempotency_key`."}},
)
async def start_run(
    flow_id: str,
    body: RunCreate,
    response: Response,
    session: SessionDep,
    principal: RunsWrite,
    runtime: RuntimeDep,
) -> Envelope[RunRead]:
    begun = await service.start(session, runtime, principal, flow_id, body)
    started = begun.started
    run_id = started.run.id
    await session.commit()  # the run must exist before anyone waits on it
    if not started.created:
        response.status_code = 200
    if begun.ran is not None and started.run.status in RUN_TERMINAL:
        return envelope(service.ran_read(begun.ran))  # as it committed, not read back
    if body.wait_seconds > 0 and started.run.status not in RUN_TERMINAL:
        await wait_for_run(runtime, principal.org_id, run_id, body.wait_seconds)
        session.expire_all()  # read the run as the engine left it, not as it was started
    return envelope(await service.get_run(session, principal, run_id))


@flow_runs_router.post(
    "/{flow_id}/runs/bulk",
    status_code=201,
    summary="Start many runs",
    description=(
        f"Starts 1 to {MAX_BULK_RUNS:,} runs of the flow's current version in one "
        "transaction: all or none. Each item has an `input` (checked against the start "
        "node's `input_schema`: 422 naming `runs[i].input…`, and nothing starts) and an "
        "optional `idempotency_key`: an item whose key an earlier run has answers that run "
        "(`created: false`) instead of starting another; keys must differ within a request "
        "(422). Answers one entry per item, in order. The runs are queued (trigger `api`); "
        "follow them with `GET /runs?flow_id=…` or their events. A draft flow answers 409 "
        "`FLOW_NOT_RUNNABLE`."
    ),
)
async def start_runs(
    flow_id: str,
    body: RunsBulkCreate,
    session: SessionDep,
    principal: RunsWrite,
    runtime: RuntimeDep,
) -> Envelope[list[BulkRunStarted]]:
    started = await service.start_bulk(session, runtime, principal, flow_id, body)
    return envelope(
        [
            BulkRunStarted(id=s.run_id, status=RunStatus(s.status), created=s.created)
            for s in started
        ]
    )


@router.delete(
    "/{run_id}",
    summary="Cancel a run",
    description="The same as `POST /runs/{run_id}/cancel`: the run and its history are kept.",
)
@router.post(
    "/{run_id}/cancel",
    summary="Cancel a run",
    description=(
        "Stops the run wherever it is: a running step is interrupted, a sleep or a wait is "
        "dropped, pending approvals are withdrawn, child runs are cancelled. 409 once the "
        "run has ended."
    ),
)
async def cancel_run(
    run_id: str, session: SessionDep, principal: RunsWrite, runtime: RuntimeDep
) -> Envelope[RunRead]:
    run = await service.cancel(session, runtime, principal, run_id)
    return envelope(await service.get_run(session, principal, run.id))


@router.post(
    "/{run_id}/retry",
    summary="Retry a failed run",
    description=(
        "Resumes a failed run from the steps it failed at (and any branches it dropped then), "
        "keeping every output that succeeded. Retried steps carry a new idempotency key "
        "(`attempt_group` goes up). 409 unless the run failed."
    ),
)
async def retry_run(
    run_id: str, session: SessionDep, principal: RunsWrite, runtime: RuntimeDep
) -> Envelope[RunRead]:
    run = await service.retry(session, runtime, principal, run_id)
    return envelope(await service.get_run(session, principal, run.id))
