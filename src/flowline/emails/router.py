from __future__ import annotations

from typing import Annotated

from flowline.api.deps import RuntimeDep, SessionDep, require
from flowline.api.envelope import Envelope, PageEnvelope, envelope, page_envelope
from flowline.api.errors import MODEL_CALL_RESPONSES
from flowline.api.routing import make_router
from flowline.artifacts.router import artifact_read
from flowline.auth.principal import Principal
from flowline.db.models import ChannelMessage
from flowline.emails import service
from flowline.emails.schemas import (
    Drafted,
    DraftReply,
    DraftSave,
    DraftWrite,
    EmailQuery,
    EmailRead,
    EmailSend,
    EmailSent,
    ModelUsage,
)

router = make_router("/api/v1/emails", "Emails")
Writer = Annotated[Principal, require("agents:chat")]
Sender = Annotated[Principal, require("channels:write")]
Reader = Annotated[Principal, require("channels:read")]

_MODEL = (
    " The model is the one mapped to the `email_draft` use case (`/llm/config/model-options`), "
    "else the default; the call is charged to the organisation (402 when out of budget)."
)


def _drafted(done: service.Drafted) -> Drafted:
    answer = done.answer
    usage = None
    if answer is not None:
        usage = ModelUsage(
            model=answer.model,
            input_tokens=answer.input_tokens,
            output_tokens=answer.output_tokens,
            cost=answer.cost,
        )
    return Drafted(artifact=artifact_read(done.view), usage=usage)


def _email(row: ChannelMessage) -> EmailRead:
    return EmailRead(
        id=row.id,
        channel_id=row.channel_id,
        contact_id=row.contact_id,
        direction=row.direction,
        subject=str(row.body.get("subject") or ""),
        text=str(row.body.get("text") or ""),
        status=row.status,
        conversation_id=row.conversation_id,
        created_at=row.created_at,
        body=row.body,
    )


@router.post(
    "/draft",
    status_code=201,
    summary="Save an email draft",
    description="An `email_draft` artifact as given; the model writes `body` only when it is "
    "missing (from `instructions`)." + _MODEL,
    responses=MODEL_CALL_RESPONSES,
)
async def draft(
    body: DraftSave, session: SessionDep, principal: Writer, runtime: RuntimeDep
) -> Envelope[Drafted]:
    await session.commit()  # the model call works through short transactions of its own
    return envelope(_drafted(await service.save_draft(runtime, principal, body)))


@router.post(
    "/draft-email",
    status_code=201,
    summary="Draft a new email with the model",
    description="The model writes `subject` and `body` from `instructions` (and `context`, "
    "`tone`); kept as an `email_draft` artifact." + _MODEL,
    responses=MODEL_CALL_RESPONSES,
)
async def draft_email(
    body: DraftWrite, session: SessionDep, principal: Writer, runtime: RuntimeDep
) -> Envelope[Drafted]:
    await session.commit()  # the model call works through short transactions of its own
    return envelope(_drafted(await service.write_draft(runtime, principal, body)))


@router.post(
    "/draft-reply",
    status_code=201,
    summary="Draft a reply to a received email",
    description="To the sender of `message_id` (a message of an email channel; 404 "
    "`EMAIL_NOT_FOUND` otherwise), `Re:` its subject, threaded on send, in its "
    "conversation." + _MODEL,
    responses=MODEL_CALL_RESPONSES,
)
async def draft_reply(
    body: DraftReply, session: SessionDep, principal: Writer, runtime: RuntimeDep
) -> Envelope[Drafted]:
    await session.commit()  # the model call works through short transactions of its own
    return envelope(_drafted(await service.reply_draft(runtime, principal, body)))


@router.post(
    "/send",
    summary="Send an email",
    description=(
        "A draft artifact (`artifact_id`; it moves to `sent`, and a move the draft's state "
        "forbids is 409 `ILLEGAL_TRANSITION`) or `to`/`subject`/`body`, one message per "
        "recipient through an email channel (`channel_id`, else the first active one). With "
        "no email channel: 409 `EMAIL_CHANNEL_MISSING` naming `channel_id`. Sends are "
        "durable: queued now, delivered and retried by the worker."
    ),
)
async def send(
    body: EmailSend, session: SessionDep, principal: Sender, runtime: RuntimeDep
) -> Envelope[EmailSent]:
    sent = await service.send(session, runtime, principal, body)
    read = artifact_read(sent.view) if sent.view is not None else None
    return envelope(
        EmailSent(message_ids=sent.message_ids, channel_id=sent.channel_id, artifact=read)
    )


@router.post(
    "/query",
    summary="Search emails",
    description="Sent and received messages of the organisation's email channels, newest "
    "first: words of `q` in the subject or text, `direction`, the other party's `address`.",
)
async def query(
    body: EmailQuery, session: SessionDep, principal: Reader
) -> PageEnvelope[EmailRead]:
    return page_envelope(await service.query(session, principal, body), _email)
