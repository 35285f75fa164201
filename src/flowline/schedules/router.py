from __future__ import annotations

from typing import Annotated

from fastapi import Query, Response

from flowline.api.bodies import unwrap
from flowline.api.concurrency import IfMatch
from flowline.api.deps import RuntimeDep, SessionDep, require
from flowline.api.envelope import Envelope, PageEnvelope, envelope, page_envelope
from flowline.api.idempotency import IDEMPOTENT
from flowline.api.pagination import PageParams
from flowline.api.routing import make_router
from flowline.auth.principal import Principal
from flowline.schedules import service
from flowline.schedules.schemas import (
    ScheduleCreate,
    ScheduleRead,
    ScheduleSummary,
    ScheduleUpdate,
)

router = make_router("/api/v1/schedules", "Schedules")
SchedulesRead = Annotated[Principal, require("schedules:read")]
SchedulesWrite = Annotated[Principal, require("schedules:write")]

_TIMING = (
    "`cron` is matched against the wall clock of `timezone` (an IANA name); daylight-saving "
    "changes follow the rules in docs/schedules.md. Each firing starts one run of the flow "
    "with trigger `schedule` and the schedule's `input`."
)
_GUARD = (
    "With `If-Match` or `expected_version`, only when the schedule is at that version (else 409)."
)


@router.get(
    "",
    summary="List schedules",
    description="The organisation's schedules, newest first, each with its `next_run_at`.",
)
async def list_schedules(
    session: SessionDep,
    principal: SchedulesRead,
    page: PageParams,
    flow_id: Annotated[
        str | None, Query(max_length=40, description="Only the schedules of this flow.")
    ] = None,
) -> PageEnvelope[ScheduleSummary]:
    result = await service.list_schedules(session, principal, page, flow_id)
    return page_envelope(result, ScheduleSummary.model_validate)


@router.post(
    "",
    status_code=201,
    summary="Create a schedule",
    description=(
        f"{_TIMING} A bad cron expression, an unknown time zone or a flow the organisation "
        "does not have answers 422 naming the field. The first firing is the first one after "
        'now. The body may be wrapped as `{"schedule": {...}}`.'
    ),
    openapi_extra=IDEMPOTENT,
)
async def create_schedule(
    body: Annotated[ScheduleCreate, unwrap("schedule")],
    session: SessionDep,
    runtime: RuntimeDep,
    principal: SchedulesWrite,
) -> Envelope[ScheduleRead]:
    schedule = await service.create_schedule(session, runtime.bus, principal, body)
    return envelope(ScheduleRead.model_validate(schedule))


@router.get(
    "/{schedule_id}",
    summary="Get a schedule",
    description="With its `next_run_at` and its latest runs, newest first.",
)
async def get_schedule(
    schedule_id: str, session: SessionDep, principal: SchedulesRead
) -> Envelope[ScheduleRead]:
    schedule = await service.get_schedule(session, principal, schedule_id)
    return envelope(ScheduleRead.model_validate(schedule))


@router.put(
    "/{schedule_id}",
    summary="Change a schedule",
    description=(
        "Changes the fields given; omitted ones keep their value. A new `cron` or `timezone`, "
        "or enabling the schedule, counts the next firing from now (firings missed while it "
        f"was disabled are not made). {_GUARD}"
    ),
)
async def update_schedule(
    schedule_id: str,
    body: Annotated[ScheduleUpdate, unwrap("schedule")],
    session: SessionDep,
    runtime: RuntimeDep,
    principal: SchedulesWrite,
    if_match: IfMatch,
) -> Envelope[ScheduleRead]:
    schedule = await service.update_schedule(
        session, runtime.bus, principal, schedule_id, body, if_match
    )
    return envelope(ScheduleRead.model_validate(schedule))


@router.delete(
    "/{schedule_id}",
    status_code=204,
    summary="Delete a schedule",
    description=(
        "It fires no more; the runs it started stay. With `If-Match`, only when the schedule "
        "is at that version (else 409)."
    ),
)
async def delete_schedule(
    schedule_id: str,
    session: SessionDep,
    runtime: RuntimeDep,
    principal: SchedulesWrite,
    if_match: IfMatch,
) -> Response:
    await service.delete_schedule(session, runtime.bus, principal, schedule_id, if_match)
    return Response(status_code=204)
