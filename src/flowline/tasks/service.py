"""Scheduled agent tasks, on the schedules machinery.

A task is three records made together: the ``AgentTask``, a one-step flow (an
``agent`` step whose thread key is the task's, so every firing continues one
conversation) and the schedule firing that flow with the prompt as input. The
scheduler, its catch-up after a restart and the engine's durable runs are the
schedules' own; a task only keeps the three in step.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.agents.flow_turns import keyed_conversation_id
from flowline.agents.repository import AgentRepository
from flowline.auth.principal import Principal
from flowline.db.models import AgentTask
from flowline.db.repository import Page, PageRequest
from flowline.db.types import utcnow
from flowline.engine.graph import FlowDefinition
from flowline.errors import MissingReference, NotFound
from flowline.events.bus import Bus
from flowline.flows import service as flows
from flowline.flows.schemas import FlowCreate, FlowPatch
from flowline.ids import new_id
from flowline.schedules import service as schedules
from flowline.schedules.schemas import ScheduleCreate, ScheduleUpdate
from flowline.schedules.service import ScheduleView
from flowline.tasks.repository import TaskRepository
from flowline.tasks.schemas import TaskCreate, TaskUpdate
from flowline.users.service import check_version


@dataclass(frozen=True, slots=True)
class TaskView:
    task: AgentTask
    conversation_id: str
    schedule: ScheduleView | None


def thread_key(task_id: str) -> str:
    return f"task:{task_id}"


def _definition(agent_id: str, task_id: str) -> FlowDefinition:
    """start → agent (the prompt from the run's input, never rendered as a template
    itself) → end."""
    agent = {"agent_id": agent_id, "prompt": "{{ input.prompt }}", "thread": thread_key(task_id)}
    end = {"output": "{{ steps.agent.output }}"}
    return FlowDefinition.model_validate(
        {
            "nodes": [
                {"id": "start", "data": {"node_type": "start"}},
                {"id": "agent", "data": {"node_type": "agent", "config": agent}},
                {"id": "end", "data": {"node_type": "end", "config": end}},
            ],
            "edges": [
                {"id": "e1", "source": "start", "target": "agent"},
                {"id": "e2", "source": "agent", "target": "end"},
            ],
        }
    )


def not_found(task_id: str) -> NotFound:
    return NotFound(f"Task {task_id} not found.", code="TASK_NOT_FOUND")


async def _agent_id(session: AsyncSession, principal: Principal, ref: str) -> str:
    agent_id = await AgentRepository(session, principal.org_id).id_of(ref)
    if agent_id is None:
        raise MissingReference("not an agent of this organisation", field="agent_id")
    return agent_id


async def view(session: AsyncSession, principal: Principal, task: AgentTask) -> TaskView:
    schedule = None
    if task.schedule_id is not None:
        try:
            schedule = await schedules.get_schedule(session, principal, task.schedule_id)
        except NotFound:
            schedule = None
    conversation = keyed_conversation_id(task.org_id, task.agent_id, thread_key(task.id))
    return TaskView(task, conversation, schedule)


async def _task(repo: TaskRepository, task_id: str, *, lock: bool = False) -> AgentTask:
    task = await (repo.get_for_update(task_id) if lock else repo.get(task_id))
    if task is None:
        raise not_found(task_id)
    return task


async def list_tasks(
    session: AsyncSession, principal: Principal, page: PageRequest
) -> Page[TaskView]:
    repo = TaskRepository(session, principal.org_id)
    found = await repo.paginate(repo.select(), page)
    views = [await view(session, principal, task) for task in found.items]
    return Page(views, found.total, found.page, found.size)


async def get_task(session: AsyncSession, principal: Principal, task_id: str) -> TaskView:
    task = await _task(TaskRepository(session, principal.org_id), task_id)
    return await view(session, principal, task)


async def create_task(
    session: AsyncSession,
    bus: Bus,
    principal: Principal,
    data: TaskCreate,
    *,
    artifact_id: str | None = None,
) -> TaskView:
    """The task, its flow and its schedule, in the caller's transaction."""
    agent_id = await _agent_id(session, principal, data.agent_id)
    now = utcnow()
    task = TaskRepository(session, principal.org_id).add(
        AgentTask(
            id=new_id("tsk"),
            name=data.name,
            agent_id=agent_id,
            prompt=data.prompt,
            cron=data.cron,
            timezone=data.timezone,
            active=data.active,
            artifact_id=artifact_id,
            version=1,
            created_by_id=principal.user_id,
            created_at=now,
            updated_at=now,
        )
    )
    flow = await flows.create_flow(
        session,
        principal,
        FlowCreate(
            name=f"Task {task.id}",
            description=f"Runs the scheduled agent task '{data.name}'.",
            definition=_definition(agent_id, task.id),
        ),
    )
    schedule = await schedules.create_schedule(
        session,
        bus,
        principal,
        ScheduleCreate(
            name=f"Task {task.id}",
            flow_id=flow.id,
            cron=data.cron,
            timezone=data.timezone,
            input={"prompt": data.prompt, "task_id": task.id},
            enabled=data.active,
        ),
    )
    task.flow_id, task.schedule_id = flow.id, schedule.id
    await session.flush()
    return await view(session, principal, task)


def _schedule_change(task: AgentTask, data: TaskUpdate) -> ScheduleUpdate | None:
    fields: dict[str, Any] = {}
    if data.cron is not None:
        fields["cron"] = data.cron
    if data.timezone is not None:
        fields["timezone"] = data.timezone
    if data.active is not None:
        fields["enabled"] = data.active
    if data.prompt is not None:
        fields["input"] = {"prompt": data.prompt, "task_id": task.id}
    return ScheduleUpdate.model_validate(fields) if fields else None


async def update_task(
    session: AsyncSession,
    bus: Bus,
    principal: Principal,
    task_id: str,
    data: TaskUpdate,
    if_match: int | None,
) -> TaskView:
    """Change the fields given, and the flow and schedule with them."""
    task = await _task(TaskRepository(session, principal.org_id), task_id, lock=True)
    check_version(task.version, if_match, "The task")
    check_version(task.version, data.expected_version, "The task")
    if data.agent_id is not None:
        agent_id = await _agent_id(session, principal, data.agent_id)
        if agent_id != task.agent_id and task.flow_id is not None:
            patch = FlowPatch(definition=_definition(agent_id, task.id))
            await flows.patch_flow(session, principal, task.flow_id, patch, None)
        task.agent_id = agent_id
    change = _schedule_change(task, data)
    if change is not None and task.schedule_id is not None:
        await schedules.update_schedule(session, bus, principal, task.schedule_id, change, None)
    for field in ("name", "prompt", "cron", "timezone", "active"):
        value = getattr(data, field)
        if value is not None:
            setattr(task, field, value)
    task.version += 1
    task.updated_at = utcnow()
    await session.flush()
    return await view(session, principal, task)


async def toggle_task(
    session: AsyncSession, bus: Bus, principal: Principal, task_id: str, active: bool | None
) -> TaskView:
    """Set ``active`` (flip it when not given)."""
    task = await _task(TaskRepository(session, principal.org_id), task_id)
    wanted = (not task.active) if active is None else active
    return await update_task(session, bus, principal, task_id, TaskUpdate(active=wanted), None)


async def delete_task(
    session: AsyncSession, bus: Bus, principal: Principal, task_id: str, if_match: int | None
) -> None:
    """The task, its schedule and its flow; the runs and the conversation stay."""
    repo = TaskRepository(session, principal.org_id)
    task = await _task(repo, task_id, lock=True)
    check_version(task.version, if_match, "The task")
    await _remove(session, bus, principal, task)
    await repo.delete(task)
    await session.flush()


async def _remove(session: AsyncSession, bus: Bus, principal: Principal, task: AgentTask) -> None:
    if task.schedule_id is not None:
        with contextlib.suppress(NotFound):
            await schedules.delete_schedule(session, bus, principal, task.schedule_id, None)
    if task.flow_id is not None:
        with contextlib.suppress(NotFound):
            await flows.delete_flow(session, principal, task.flow_id, None)
