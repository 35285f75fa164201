"""Artifacts: create, read, edit, move between states, interactions, follow-up tasks
and scheduled agent tasks. The services never commit; the request's edge does."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import json_merge_patch  # type: ignore[import-untyped]
from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.artifacts.repository import ArtifactRepository, InteractionRepository
from flowline.artifacts.schemas import (
    ArtifactCreate,
    ContentEdit,
    InteractionCreate,
    ScheduledTaskSet,
    StateChange,
    TaskFromArtifact,
)
from flowline.artifacts.types import TYPES, ArtifactType
from flowline.auth.principal import Principal
from flowline.channels.repository import ContactRepository
from flowline.conversations.repository import ConversationRepository
from flowline.conversations.service import not_found as conversation_not_found
from flowline.db.models import AgentTask, Artifact, ArtifactInteraction
from flowline.db.repository import Page, PageRequest
from flowline.db.types import dump_json, utcnow
from flowline.engine import queue
from flowline.errors import Conflict, MissingReference, NotFound, ValidationFailed
from flowline.events.bus import Bus
from flowline.ids import new_id
from flowline.tasks import service as tasks
from flowline.tasks.repository import TaskRepository
from flowline.tasks.schemas import TaskCreate, TaskUpdate
from flowline.tasks.service import TaskView
from flowline.users.service import check_version

SEND_SCHEDULED_TASK = "email_scheduled"
"""The engine task that sends a scheduled email draft (``emails.scheduled``)."""


@dataclass(frozen=True, slots=True)
class ArtifactView:
    artifact: Artifact
    task_id: str | None


def not_found(artifact_id: str) -> NotFound:
    return NotFound(f"Artifact {artifact_id} not found.", code="ARTIFACT_NOT_FOUND")


def kind_of(artifact: Artifact) -> ArtifactType:
    return TYPES[artifact.type]


def checked_content(kind: ArtifactType, content: dict[str, Any]) -> dict[str, Any]:
    """The content as the type's model stores it; 422 naming each wrong field. Read as
    the JSON it is, strictly: a value the type's schema does not allow (a number for a
    date) is refused, not converted."""
    try:
        model = kind.content.model_validate_json(dump_json(content), strict=True)
    except ValidationError as exc:
        details = [
            {
                "field": ".".join(["content", *(str(p) for p in err["loc"])]),
                "problem": err["msg"],
            }
            for err in exc.errors()[:20]
        ]
        raise ValidationFailed(
            f"The content is not a valid {kind.name}.", details=details
        ) from None
    return model.model_dump(mode="json", exclude_defaults=False)


async def _artifact(
    session: AsyncSession, principal: Principal, artifact_id: str, *, lock: bool = False
) -> Artifact:
    repo = ArtifactRepository(session, principal.org_id)
    artifact = await (repo.get_for_update(artifact_id) if lock else repo.get(artifact_id))
    if artifact is None:
        raise not_found(artifact_id)
    return artifact


async def _view(session: AsyncSession, artifact: Artifact) -> ArtifactView:
    task = await TaskRepository(session, artifact.org_id).by_artifact(artifact.id)
    return ArtifactView(artifact, task.id if task else None)


async def _check_refs(session: AsyncSession, org_id: str, data: ArtifactCreate) -> None:
    conversations = ConversationRepository(session, org_id)
    if data.conversation_id is not None and await conversations.get(data.conversation_id) is None:
        raise MissingReference("not a conversation of this organisation", field="conversation_id")
    contacts = ContactRepository(session, org_id)
    if data.contact_id is not None and await contacts.get(data.contact_id) is None:
        raise MissingReference("not a contact of this organisation", field="contact_id")


async def create(session: AsyncSession, principal: Principal, data: ArtifactCreate) -> ArtifactView:
    """A new artifact in its type's first state."""
    kind = TYPES[data.type]
    content = checked_content(kind, data.content)
    await _check_refs(session, principal.org_id, data)
    now = utcnow()
    artifact = ArtifactRepository(session, principal.org_id).add(
        Artifact(
            id=new_id("art"),
            conversation_id=data.conversation_id,
            type=kind.name,
            title=data.title or str(content.get("title") or content.get("subject") or ""),
            content=content,
            state=kind.initial,
            contact_id=data.contact_id,
            version=1,
            created_by_id=principal.user_id or None,
            created_at=now,
            updated_at=now,
        )
    )
    await session.flush()
    return ArtifactView(artifact, None)


async def get(session: AsyncSession, principal: Principal, artifact_id: str) -> ArtifactView:
    return await _view(session, await _artifact(session, principal, artifact_id))


async def list_in_conversation(
    session: AsyncSession, principal: Principal, conversation_id: str, page: PageRequest
) -> Page[ArtifactView]:
    if await ConversationRepository(session, principal.org_id).get(conversation_id) is None:
        raise conversation_not_found(conversation_id)
    repo = ArtifactRepository(session, principal.org_id)
    found = await repo.paginate(repo.in_conversation(conversation_id), page)
    views = [await _view(session, a) for a in found.items]
    return Page(views, found.total, found.page, found.size)


def check_move(artifact: Artifact, state: str) -> None:
    """409 ``ILLEGAL_TRANSITION`` naming the rule unless ``(state, to)`` is allowed."""
    kind = kind_of(artifact)
    if (artifact.state, state) in kind.moves:
        return
    allowed = kind.allowed_from(artifact.state)
    rule = (
        f"from '{artifact.state}' a {kind.name} may move to {', '.join(repr(s) for s in allowed)}"
        if allowed
        else f"'{artifact.state}' is final for a {kind.name}"
    )
    raise Conflict(
        f"A {kind.name} cannot move from '{artifact.state}' to '{state}': {rule}.",
        code="ILLEGAL_TRANSITION",
        details=[{"field": "state", "problem": rule}],
    )


def move(artifact: Artifact, state: str, scheduled_at: datetime | None = None) -> None:
    check_move(artifact, state)
    artifact.state = state
    artifact.scheduled_at = scheduled_at if state == "scheduled" else artifact.scheduled_at
    artifact.version += 1
    artifact.updated_at = utcnow()


async def set_state(
    session: AsyncSession, principal: Principal, artifact_id: str, data: StateChange
) -> ArtifactView:
    """Move the artifact; a scheduled email is sent at ``scheduled_at`` by an engine task
    (a row: it survives restarts; an edit or another move before then voids it)."""
    artifact = await _artifact(session, principal, artifact_id, lock=True)
    check_version(artifact.version, data.expected_version, "The artifact")
    is_email = artifact.type == "email_draft"
    if data.state == "scheduled" and data.scheduled_at is None and is_email:
        raise ValidationFailed("is required to schedule an email", field="scheduled_at")
    move(artifact, data.state, data.scheduled_at)
    if is_email and data.state == "scheduled":
        queue.enqueue(
            session,
            org_id=artifact.org_id,
            run_id=None,
            node_id=artifact.id,
            kind=SEND_SCHEDULED_TASK,
            payload={"artifact_id": artifact.id, "version": artifact.version},
            available_at=data.scheduled_at,
        )
    await session.flush()
    return await _view(session, artifact)


async def edit_content(
    session: AsyncSession, principal: Principal, artifact_id: str, data: ContentEdit
) -> ArtifactView:
    """Merge-patch the content (only in an editable state), checked against the type."""
    artifact = await _artifact(session, principal, artifact_id, lock=True)
    check_version(artifact.version, data.expected_version, "The artifact")
    kind = kind_of(artifact)
    if artifact.state not in kind.editable:
        raise Conflict(
            f"A {kind.name} is edited only while {', '.join(sorted(kind.editable))}; "
            f"this one is '{artifact.state}'.",
            code="ARTIFACT_NOT_EDITABLE",
        )
    if data.content is not None:
        merged = json_merge_patch.merge(copy.deepcopy(artifact.content), data.content)
        artifact.content = checked_content(kind, merged)
    if data.title is not None:
        artifact.title = data.title
    artifact.version += 1
    artifact.updated_at = utcnow()
    await session.flush()
    return await _view(session, artifact)


async def create_task_from(
    session: AsyncSession, principal: Principal, artifact_id: str, data: TaskFromArtifact
) -> ArtifactView:
    """A ``task`` artifact following up a draft, in the same conversation."""
    source = await _artifact(session, principal, artifact_id)
    kind = kind_of(source)
    if source.state != kind.initial or kind.name == "task":
        raise Conflict(
            f"A task is made from a draft artifact; this {kind.name} is '{source.state}'.",
            code="ARTIFACT_NOT_DRAFT",
        )
    text = source.content.get("body") or source.content.get("description") or ""
    content = {
        "title": data.title or f"Follow up: {source.title or kind.label}",
        "description": str(text)[:2000],
        "due": data.due.isoformat() if data.due else None,
        "assignee": data.assignee,
        "source_artifact_id": source.id,
    }
    body = ArtifactCreate(
        type="task",
        conversation_id=source.conversation_id,
        content=content,
        contact_id=source.contact_id,
    )
    return await create(session, principal, body)


async def record_interaction(
    session: AsyncSession, principal: Principal, artifact_id: str, data: InteractionCreate
) -> ArtifactInteraction:
    artifact = await _artifact(session, principal, artifact_id)
    row = InteractionRepository(session, principal.org_id).add(
        ArtifactInteraction(
            id=new_id("aix"),
            artifact_id=artifact.id,
            user_id=principal.user_id or None,
            action=data.action,
            data=data.data,
            created_at=utcnow(),
        )
    )
    await session.flush()
    return row


# --- the artifact's scheduled agent task -------------------------------------


def _prompt(artifact: Artifact) -> str:
    parts = [artifact.title, str(artifact.content.get("description") or "")]
    parts.append(str(artifact.content.get("body") or ""))
    text = "\n\n".join(p for p in parts if p.strip())
    return text or f"Work on the {artifact.type} {artifact.id}."


async def set_scheduled_task(
    session: AsyncSession, bus: Bus, principal: Principal, artifact_id: str, data: ScheduledTaskSet
) -> TaskView:
    """Create the artifact's scheduled task, or update the one it has."""
    artifact = await _artifact(session, principal, artifact_id, lock=True)
    existing = await TaskRepository(session, principal.org_id).by_artifact(artifact.id)
    prompt = data.prompt or _prompt(artifact)
    name = data.name or _task_name(artifact)
    if existing is None:
        create = TaskCreate(
            name=name,
            agent_id=data.agent_id,
            prompt=prompt,
            cron=data.cron,
            timezone=data.timezone,
            active=data.active,
        )
        return await tasks.create_task(session, bus, principal, create, artifact_id=artifact.id)
    update = TaskUpdate(
        name=name,
        agent_id=data.agent_id,
        prompt=prompt,
        cron=data.cron,
        timezone=data.timezone,
        active=data.active,
    )
    return await tasks.update_task(session, bus, principal, existing.id, update, None)


def _task_name(artifact: Artifact) -> str:
    """The scheduled task's name from the artifact's title: a title may be any text
    (lines, control characters, only spaces), a name is one printable line."""
    printable = "".join(ch if ch.isprintable() else " " for ch in artifact.title)
    title = " ".join(printable.split())[:200].strip()
    return title or f"Artifact {artifact.id}"


async def _task_of(session: AsyncSession, principal: Principal, artifact_id: str) -> AgentTask:
    artifact = await _artifact(session, principal, artifact_id)
    task = await TaskRepository(session, principal.org_id).by_artifact(artifact.id)
    if task is None:
        raise NotFound(
            f"Artifact {artifact_id} has no scheduled task.", code="SCHEDULED_TASK_NOT_FOUND"
        )
    return task


async def set_task_active(
    session: AsyncSession, bus: Bus, principal: Principal, artifact_id: str, active: bool
) -> TaskView:
    task = await _task_of(session, principal, artifact_id)
    return await tasks.toggle_task(session, bus, principal, task.id, active)


async def delete_scheduled_task(
    session: AsyncSession, bus: Bus, principal: Principal, artifact_id: str
) -> None:
    task = await _task_of(session, principal, artifact_id)
    await tasks.delete_task(session, bus, principal, task.id, None)
