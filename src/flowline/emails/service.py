"""Email drafts written by a model (kept as ``email_draft`` artifacts), sending
through an email channel, and searching the email channels' messages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.artifacts import service as artifacts
from flowline.artifacts.schemas import ArtifactCreate
from flowline.artifacts.service import ArtifactView
from flowline.auth.principal import Principal
from flowline.channels import sending
from flowline.db.models import ChannelMessage, Contact
from flowline.db.repository import Page, PageRequest
from flowline.emails.repository import EmailChannelRepository, EmailMessageRepository, email_channel
from flowline.emails.schemas import DraftReply, DraftSave, DraftWrite, EmailQuery, EmailSend
from flowline.errors import MissingReference, NotFound, ValidationFailed
from flowline.llm.use_case_calls import UseCaseAnswer, ask_for
from flowline.runtime import Runtime

USE_CASE = "email_draft"
EMAIL_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "subject": {"type": "string", "maxLength": 500},
        "body": {"type": "string", "maxLength": 200_000},
    },
    "required": ["subject", "body"],
    "additionalProperties": False,
}
SYSTEM = (
    "You write emails for the user. Answer with JSON: `subject` (one line) and `body` "
    "(plain text, with greeting and sign-off). Write only what the instructions ask."
)


@dataclass(frozen=True, slots=True)
class Drafted:
    view: ArtifactView
    answer: UseCaseAnswer | None


async def _write(runtime: Runtime, principal: Principal, prompt: str) -> UseCaseAnswer:
    return await ask_for(
        runtime, principal, USE_CASE, system=SYSTEM, prompt=prompt, schema=EMAIL_SCHEMA
    )


async def _save(
    runtime: Runtime, principal: Principal, content: dict[str, Any], where: dict[str, Any]
) -> ArtifactView:
    body = ArtifactCreate(type="email_draft", content=content, **where)
    async with runtime.db.session(write=True) as session:
        return await artifacts.create(session, principal, body)


async def save_draft(runtime: Runtime, principal: Principal, data: DraftSave) -> Drafted:
    """The draft as given; the model writes the body only when it is missing."""
    answer = None
    subject, body = data.subject, data.body
    if body is None:
        prompt = f"Subject: {subject}\n\nInstructions: {data.instructions}"
        answer = await _write(runtime, principal, prompt)
        subject = subject or str(answer.value["subject"])
        body = str(answer.value["body"])
    content = {"to": data.to, "cc": data.cc, "subject": subject, "body": body}
    where = {"conversation_id": data.conversation_id, "contact_id": data.contact_id}
    return Drafted(await _save(runtime, principal, content, where), answer)


async def write_draft(runtime: Runtime, principal: Principal, data: DraftWrite) -> Drafted:
    parts = [f"Instructions: {data.instructions}"]
    if data.to:
        parts.append(f"To: {', '.join(data.to)}")
    if data.tone:
        parts.append(f"Tone: {data.tone}")
    if data.context:
        parts.append(f"Context:\n{data.context}")
    answer = await _write(runtime, principal, "\n\n".join(parts))
    content = {"to": data.to, "cc": data.cc, **answer.value}
    where = {"conversation_id": data.conversation_id, "contact_id": data.contact_id}
    return Drafted(await _save(runtime, principal, content, where), answer)


async def _received(
    session: AsyncSession, principal: Principal, message_id: str
) -> tuple[ChannelMessage, Contact]:
    repo = EmailMessageRepository(session, principal.org_id)
    message = await repo.get(message_id)
    channels = await EmailChannelRepository(session, principal.org_id).ids()
    if message is None or message.channel_id not in channels:
        raise NotFound(f"Email {message_id} not found.", code="EMAIL_NOT_FOUND")
    contact = await session.get(Contact, message.contact_id)
    assert contact is not None  # a message's contact is deleted with it
    return message, contact


def _re(subject: str) -> str:
    return subject if subject.lower().startswith("re:") else f"Re: {subject}".strip()


async def reply_draft(runtime: Runtime, principal: Principal, data: DraftReply) -> Drafted:
    """A reply to a received email, to its sender, in its conversation."""
    async with runtime.db.session() as session:
        message, contact = await _received(session, principal, data.message_id)
    subject = str(message.body.get("subject") or "")
    prompt = (
        f"Write a reply to this email from {contact.address}.\n\nSubject: {subject}\n\n"
        f"{message.body.get('text') or ''}\n\n"
        f"Instructions: {data.instructions or 'Reply helpfully.'}"
    )
    if data.tone:
        prompt += f"\nTone: {data.tone}"
    answer = await _write(runtime, principal, prompt)
    content = {
        "to": [contact.address],
        "subject": _re(subject),
        "body": answer.value["body"],
        "in_reply_to": message.id,
    }
    where = {"conversation_id": message.conversation_id, "contact_id": contact.id}
    return Drafted(await _save(runtime, principal, content, where), answer)


@dataclass(frozen=True, slots=True)
class Sent:
    message_ids: list[str]
    channel_id: str
    view: ArtifactView | None


async def send(
    session: AsyncSession, runtime: Runtime, principal: Principal, data: EmailSend
) -> Sent:
    """Queue one email per recipient on the channel (the channels' durable send); a draft
    artifact moves to ``sent`` (only from ``draft`` or ``scheduled``: 409 otherwise)."""
    channel = await email_channel(session, principal.org_id, data.channel_id)
    view = None
    content: dict[str, Any] = {"to": data.to, "subject": data.subject or "", "body": data.body}
    if data.artifact_id is not None:
        view = await artifacts.get(session, principal, data.artifact_id)
        if view.artifact.type != "email_draft":
            raise ValidationFailed("not an email draft", field="artifact_id")
        artifacts.check_move(view.artifact, "sent")
        content = dict(view.artifact.content)
    if not content.get("to"):
        raise ValidationFailed("the email has no recipient", field="to")
    ids = []
    for address in content["to"]:
        body = {"text": content.get("body") or "", "subject": content.get("subject") or ""}
        reply_to = content.get("in_reply_to") if len(content["to"]) == 1 else None
        outgoing = sending.Outgoing(to=address, type="text", body=body, reply_to=reply_to)
        message = await sending.send(session, runtime, principal.org_id, channel.id, outgoing)
        ids.append(message.id)
    if view is not None:
        artifacts.move(view.artifact, "sent")
        await session.flush()
    return Sent(ids, channel.id, view)


async def query(
    session: AsyncSession, principal: Principal, data: EmailQuery
) -> Page[ChannelMessage]:
    """Sent and received emails of the organisation's email channels, newest first."""
    channels = list(await EmailChannelRepository(session, principal.org_id).ids())
    if data.channel_id is not None:
        if data.channel_id not in channels:
            raise MissingReference("not an email channel of this organisation", field="channel_id")
        channels = [data.channel_id]
    repo = EmailMessageRepository(session, principal.org_id)
    stmt = repo.search(channels, data.q, data.direction, data.address)
    return await repo.paginate(stmt, PageRequest(data.page, data.size))
