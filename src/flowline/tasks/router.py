from __future__ import annotations

from typing import Annotated

from fastapi import Body, Response

from flowline.api.concurrency import IfMatch
from flowline.api.deps import RuntimeDep, SessionDep, require
from flowline.api.envelope import Envelope, PageEnvelope, envelope, page_envelope
from flowline.api.pagination import PageParams
from flowline.api.routing import make_router
from flowline.auth.principal import Principal
from flowline.schedules.schemas import ScheduleRunRead
from flowline.tasks import service
from flowline.tasks.schemas import TaskCreate, TaskRead, TaskUpdate
from flowline.tasks.service import TaskView

router = make_router("/api/v1/tasks", "Tasks")
TasksRead = Annotated[Principal, require("schedules:read")]
TasksWrite = Annotated[Principal, require("schedules:write")]


def task_read(view: TaskView) -> TaskRead:
    task, schedule = view.task, view.schedule
    return TaskRead(
        id=task.id,
        name=task.name,
        agent_id=task.agent_id,
        prompt=task.prompt,
        cron=task.cron,
        timezone=task.timezone,
        active=task.active,
        conversation_id=view.conversation_id,
        next_run_at=schedule.next_run_at if schedule else None,
        last_run_at=schedule.last_run_at if schedule else None,
        last_run_id=schedule.last_run_id if schedule else None,
        last_error=schedule.last_error if schedule else None,
        recent_runs=[
            ScheduleRunRead.model_validate(run, from_attributes=True)
            for run in (schedule.recent_runs if schedule else [])
        ],
        flow_id=task.flow_id,
        schedule_id=task.schedule_id,
        artifact_id=task.artifact_id,
        version=task.version,
        created_by_id=task.created_by_id,
        created_at=task.created_at,
        updated_at=task.updated_at,
    )


@router.get("", summary="List tasks", description="The organisation's tasks, newest first.")
async def list_tasks(
    session: SessionDep, principal: TasksRead, page: PageParams
) -> PageEnvelope[TaskRead]:
    return page_envelope(await service.list_tasks(session, principal, page), task_read)


@router.post(
    "",
    status_code=201,
    summary="Create a task",
    description=(
        "A prompt given to an agent on a cron schedule in an IANA time zone. Each firing is "
        "an agent run in the task's conversation (`conversation_id`, made by the first "
        "firing); firings missed while no scheduler ran are caught up once. An unknown "
        "agent is 422 naming `agent_id`. Needs `schedules:write`."
    ),
)
async def create_task(
    body: TaskCreate, session: SessionDep, principal: TasksWrite, runtime: RuntimeDep
) -> Envelope[TaskRead]:
    view = await service.create_task(session, runtime.bus, principal, body)
    return envelope(task_read(view))


@router.get("/{task_id}", summary="Get a task", description="With its next and latest runs.")
async def get_task(task_id: str, session: SessionDep, principal: TasksRead) -> Envelope[TaskRead]:
    return envelope(task_read(await service.get_task(session, principal, task_id)))


@router.patch(
    "/{task_id}",
    summary="Update a task",
    description=(
        "Change the fields given. A new cron, zone, or activating counts from now (missed "
        "firings are not caught up). With `If-Match` or `expected_version`, only at that "
        "version (else 409)."
    ),
)
async def update_task(
    task_id: str,
    body: TaskUpdate,
    session: SessionDep,
    principal: TasksWrite,
    runtime: RuntimeDep,
    if_match: IfMatch,
) -> Envelope[TaskRead]:
    view = await service.update_task(session, runtime.bus, principal, task_id, body, if_match)
    return envelope(task_read(view))


@router.post(
    "/{task_id}/toggle",
    summary="Toggle a task active or inactive",
    description='`{"active": bool}` sets it; an empty body flips it.',
)
async def toggle_task(
    task_id: str,
    session: SessionDep,
    principal: TasksWrite,
    runtime: RuntimeDep,
    active: Annotated[bool | None, Body(embed=True)] = None,
) -> Envelope[TaskRead]:
    view = await service.toggle_task(session, runtime.bus, principal, task_id, active)
    return envelope(task_read(view))


@router.delete(
    "/{task_id}",
    status_code=204,
    summary="Delete a task",
    description="Its schedule and flow go; its runs and conversation stay.",
)
async def delete_task(
    task_id: str, session: SessionDep, principal: TasksWrite, runtime: RuntimeDep, if_match: IfMatch
) -> Response:
    await service.delete_task(session, runtime.bus, principal, task_id, if_match)
    return Response(status_code=204)
