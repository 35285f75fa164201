from __future__ import annotations

from typing import Annotated

from fastapi import Response

from flowline.api.deps import RuntimeDep, SessionDep, require
from flowline.api.envelope import Envelope, PageEnvelope, envelope, page_envelope
from flowline.api.pagination import PageParams
from flowline.api.routing import make_router
from flowline.artifacts import documents, invites, service
from flowline.artifacts.schemas import (
    ActiveSet,
    ArtifactCreate,
    ArtifactRead,
    ArtifactTypeRead,
    ContentEdit,
    InteractionCreate,
    InteractionRead,
    MeetingInvite,
    MeetingSent,
    ScheduledTaskSet,
    StateChange,
    TaskFromArtifact,
)
from flowline.artifacts.service import ArtifactView
from flowline.artifacts.types import TYPES
from flowline.auth.principal import Principal
from flowline.tasks.router import task_read
from flowline.tasks.schemas import TaskRead

router = make_router("/api/v1/artifacts", "Artifacts")
ArtifactsRead = Annotated[Principal, require("agents:read")]
ArtifactsWrite = Annotated[Principal, require("agents:chat")]
TasksWrite = Annotated[Principal, require("schedules:write")]


def artifact_read(view: ArtifactView) -> ArtifactRead:
    artifact = view.artifact
    return ArtifactRead(
        id=artifact.id,
        type=artifact.type,
        conversation_id=artifact.conversation_id,
        title=artifact.title,
        content=artifact.content,
        state=artifact.state,
        allowed_states=service.kind_of(artifact).allowed_from(artifact.state),
        contact_id=artifact.contact_id,
        scheduled_at=artifact.scheduled_at,
        task_id=view.task_id,
        version=artifact.version,
        created_by_id=artifact.created_by_id,
        created_at=artifact.created_at,
        updated_at=artifact.updated_at,
    )


@router.get(
    "/types",
    summary="List artifact types",
    description=(
        "Each type with its label, icon, states, allowed transitions, editable states, "
        "actions and the JSON Schema of its content."
    ),
)
async def list_types(principal: ArtifactsRead) -> Envelope[list[ArtifactTypeRead]]:
    return envelope(
        [
            ArtifactTypeRead(
                name=t.name,
                label=t.label,
                icon=t.icon,
                description=t.description,
                initial_state=t.initial,
                states=t.states,
                transitions={s: t.allowed_from(s) for s in t.states},
                editable_states=sorted(t.editable),
                actions=list(t.actions),
                content_schema=t.content.model_json_schema(),
            )
            for t in TYPES.values()
        ]
    )


@router.post(
    "",
    status_code=201,
    summary="Create an artifact",
    description=(
        "In its type's first state; the content is checked against the type (422 naming "
        "each field). `conversation_id` and `contact_id` must be the organisation's."
    ),
)
async def create_artifact(
    body: ArtifactCreate, session: SessionDep, principal: ArtifactsWrite
) -> Envelope[ArtifactRead]:
    return envelope(artifact_read(await service.create(session, principal, body)))


@router.get(
    "/conversation/{conversation_id}",
    summary="List artifacts in a conversation",
    description="Newest first; an unknown conversation is 404.",
)
async def list_in_conversation(
    conversation_id: str, session: SessionDep, principal: ArtifactsRead, page: PageParams
) -> PageEnvelope[ArtifactRead]:
    found = await service.list_in_conversation(session, principal, conversation_id, page)
    return page_envelope(found, artifact_read)


@router.get("/{artifact_id}", summary="Get an artifact", description="Its content and state.")
async def get_artifact(
    artifact_id: str, session: SessionDep, principal: ArtifactsRead
) -> Envelope[ArtifactRead]:
    return envelope(artifact_read(await service.get(session, principal, artifact_id)))


@router.patch(
    "/{artifact_id}/state",
    summary="Move an artifact to another state",
    description=(
        "Only along its type's transitions (`GET /artifacts/types`); any other move is "
        "409 `ILLEGAL_TRANSITION` naming the rule. Scheduling an email needs `scheduled_at`."
    ),
)
async def set_state(
    artifact_id: str, body: StateChange, session: SessionDep, principal: ArtifactsWrite
) -> Envelope[ArtifactRead]:
    return envelope(artifact_read(await service.set_state(session, principal, artifact_id, body)))


@router.patch(
    "/{artifact_id}/content",
    summary="Edit an artifact's content",
    description=(
        "`content` is a JSON Merge Patch of the content, checked against the type (422 naming "
        "each field); only in an editable state (409 `ARTIFACT_NOT_EDITABLE`)."
    ),
)
async def edit_content(
    artifact_id: str, body: ContentEdit, session: SessionDep, principal: ArtifactsWrite
) -> Envelope[ArtifactRead]:
    view = await service.edit_content(session, principal, artifact_id, body)
    return envelope(artifact_read(view))


@router.post(
    "/{artifact_id}/create-task",
    status_code=201,
    summary="Create a follow-up task from a draft artifact",
    description=(
        "A `task` artifact in the same conversation pointing back at the draft; the source "
        "must be in its first state (409 `ARTIFACT_NOT_DRAFT`)."
    ),
)
async def create_task(
    artifact_id: str, body: TaskFromArtifact, session: SessionDep, principal: ArtifactsWrite
) -> Envelope[ArtifactRead]:
    view = await service.create_task_from(session, principal, artifact_id, body)
    return envelope(artifact_read(view))


@router.post(
    "/{artifact_id}/schedule-meeting",
    summary="Send a meeting's invite by email",
    description=(
        "An iCalendar `REQUEST` (UID `<artifact id>@flowline`) mailed to each attendee through "
        "an email channel (the one named, else the organisation's first; none is 409 "
        "`EMAIL_CHANNEL_MISSING`); the meeting moves to `scheduled`. Only a `meeting` in "
        "`draft` (409 otherwise); no start is 422 naming `start`."
    ),
)
async def schedule_meeting(
    artifact_id: str,
    body: MeetingInvite,
    session: SessionDep,
    principal: ArtifactsWrite,
    runtime: RuntimeDep,
) -> Envelope[MeetingSent]:
    sent = await invites.schedule_meeting(session, runtime, principal, artifact_id, body)
    return envelope(
        MeetingSent(artifact=artifact_read(sent.view), message_ids=sent.message_ids, uid=sent.uid)
    )


@router.post(
    "/{artifact_id}/scheduled-task",
    summary="Create or update the artifact's scheduled agent task",
    description=(
        "A task (`/tasks`) giving `agent_id` the prompt (default: the artifact's title and "
        "text) on `cron` in `timezone`; a second call updates it. Needs `schedules:write`."
    ),
)
async def set_scheduled_task(
    artifact_id: str,
    body: ScheduledTaskSet,
    session: SessionDep,
    principal: TasksWrite,
    runtime: RuntimeDep,
) -> Envelope[TaskRead]:
    view = await service.set_scheduled_task(session, runtime.bus, principal, artifact_id, body)
    return envelope(task_read(view))


@router.post(
    "/{artifact_id}/scheduled-task/active",
    summary="Turn the artifact's scheduled task on or off",
    description="404 `SCHEDULED_TASK_NOT_FOUND` when it has none.",
)
async def set_task_active(
    artifact_id: str,
    body: ActiveSet,
    session: SessionDep,
    principal: TasksWrite,
    runtime: RuntimeDep,
) -> Envelope[TaskRead]:
    view = await service.set_task_active(session, runtime.bus, principal, artifact_id, body.active)
    return envelope(task_read(view))


@router.delete(
    "/{artifact_id}/scheduled-task",
    status_code=204,
    summary="Delete the artifact's scheduled task",
    description="404 `SCHEDULED_TASK_NOT_FOUND` when it has none.",
)
async def delete_scheduled_task(
    artifact_id: str, session: SessionDep, principal: TasksWrite, runtime: RuntimeDep
) -> Response:
    await service.delete_scheduled_task(session, runtime.bus, principal, artifact_id)
    return Response(status_code=204)


@router.post(
    "/{artifact_id}/interaction",
    status_code=201,
    summary="Record an interaction with an artifact",
    description="`viewed`, `copied`, `edited`, `shared`, `downloaded`, `sent`, `dismissed`, "
    "`feedback`, with any JSON `data`.",
)
async def record_interaction(
    artifact_id: str, body: InteractionCreate, session: SessionDep, principal: ArtifactsRead
) -> Envelope[InteractionRead]:
    row = await service.record_interaction(session, principal, artifact_id, body)
    return envelope(InteractionRead.model_validate(row))


@router.get(
    "/{artifact_id}/download",
    summary="Download an artifact as DOCX",
    response_class=Response,
    responses={200: {"content": {documents.DOCX_TYPE: {}}, "description": "The DOCX file."}},
)
async def download(artifact_id: str, session: SessionDep, principal: ArtifactsRead) -> Response:
    view = await service.get(session, principal, artifact_id)
    name = f"{view.artifact.type}-{view.artifact.id}.docx"
    return Response(
        documents.docx_bytes(view.artifact),
        media_type=documents.DOCX_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
