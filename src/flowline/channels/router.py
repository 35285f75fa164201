from __future__ import annotations

import html
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Annotated, Any

import orjson
from fastapi import Header, Query, Request, Response
from fastapi.responses import HTMLResponse
from sse_starlette import EventSourceResponse, ServerSentEvent

from flowline.api.bodies import unwrap
from flowline.api.concurrency import IfMatch
from flowline.api.deps import RuntimeDep, SessionDep, require
from flowline.api.envelope import Envelope, PageEnvelope, envelope, page_envelope
from flowline.api.idempotency import IDEMPOTENT
from flowline.api.pagination import PageParams
from flowline.api.responses import event_stream
from flowline.api.routing import make_router
from flowline.auth.principal import Principal
from flowline.channels import service
from flowline.channels.approval_notices import LinkRefused, answer_link, link_notice
from flowline.channels.inbound import receive
from flowline.channels.providers.base import InboundRequest
from flowline.channels.providers.sandbox import SandboxPerson
from flowline.channels.repository import MessageFilter
from flowline.channels.schemas import (
    ChannelCreate,
    ChannelEventRead,
    ChannelRead,
    ChannelReplace,
    ChannelTestResult,
    ContactPatch,
    ContactRead,
    Direction,
    MessageRead,
    MessageStatus,
    SendBody,
    TemplateSendBody,
    WabaSend,
)
from flowline.channels.sending import Outgoing
from flowline.channels.stream import follow_channel
from flowline.channels.waba import send_waba
from flowline.db.types import MAX_INT32
from flowline.runtime import Runtime

router = make_router("/api/v1/channels", "Channels")
contacts_router = make_router("/api/v1/contacts", "Channels")
messages_router = make_router("/api/v1/messages", "Channels")
agents_router = make_router("/api/v1/agents", "Channels")
links_router = make_router("/api/v1/approval-links", "Approvals")
ROUTERS = (router, contacts_router, messages_router, agents_router, links_router)

ChannelsRead = Annotated[Principal, require("channels:read")]
ChannelsWrite = Annotated[Principal, require("channels:write")]
EVENT_STREAM = "text/event-stream"
Since = Annotated[
    datetime | None, Query(description="Only messages created at or after this ISO 8601 time.")
]
Id = Annotated[str | None, Query(max_length=40)]

_RULES = (
    "Checked before anything is stored: 404 `CHANNEL_NOT_FOUND`, 409 `CHANNEL_DISABLED`, 422 "
    "`INVALID_ADDRESS` (`to` is not an address of this kind; phones in E.164), 422 "
    "`COUNTRY_NOT_ALLOWED` (`limits.allowed_countries`), 409 `CONTACT_OPTED_OUT` (the contact "
    "sent STOP or another opt-out keyword), 429 `CONTACT_HOURLY_CAP` "
    "(`limits.max_per_contact_per_hour`), 429 `CHANNEL_RATE_LIMITED` with `Retry-After` "
    "(`limits.messages_per_second`, held across processes). Accepted: 202 with the message "
    "`queued`; the provider is called by the engine (one request per message, the message id "
    "as idempotency key; temporary failures retried), and the message moves to `sent` or "
    "`failed` (see `GET messages/{id}` or the channel's stream). `Idempotency-Key` makes a "
    "repeat answer the first message."
)


def _read(runtime: Runtime, channel: Any) -> ChannelRead:
    return service.channel_read(runtime, channel)


@router.get("", summary="List channels", description="The organisation's channels, newest first.")
async def list_channels(
    session: SessionDep,
    principal: ChannelsRead,
    runtime: RuntimeDep,
    page: PageParams,
    kind: Annotated[str | None, Query(max_length=32, description="Only this kind.")] = None,
) -> PageEnvelope[ChannelRead]:
    result = await service.list_channels(session, principal, page, kind)
    return page_envelope(result, lambda c: _read(runtime, c))


@router.post(
    "",
    status_code=201,
    summary="Create a channel",
    description=(
        "The name is unique in the organisation (409). `kind` must be one this instance has "
        "(422 `CHANNEL_KIND_NOT_AVAILABLE` otherwise); `config` is checked against the kind "
        "(422 naming `config.<field>`); `credentials` names secrets: every role the kind "
        "requires, each an existing secret (422 naming `credentials.<role>`); `on_message` "
        "names an existing flow or agent (422). The body may be wrapped as "
        '`{"channel": {...}}`.'
    ),
    openapi_extra=IDEMPOTENT,
)
async def create_channel(
    body: Annotated[ChannelCreate, unwrap("channel")],
    session: SessionDep,
    principal: ChannelsWrite,
    runtime: RuntimeDep,
) -> Envelope[ChannelRead]:
    return envelope(_read(runtime, await service.create_channel(session, principal, body)))


@router.get("/{channel_id}", summary="Get a channel")
async def get_channel(
    channel_id: str, session: SessionDep, principal: ChannelsRead, runtime: RuntimeDep
) -> Envelope[ChannelRead]:
    return envelope(_read(runtime, await service.get_channel(session, principal, channel_id)))


@router.put(
    "/{channel_id}",
    summary="Replace a channel",
    description=(
        "Everything but `kind` (which cannot change), checked as at create. With `If-Match` "
        "or `expected_version`, only at that version (else 409)."
    ),
)
async def replace_channel(
    channel_id: str,
    body: Annotated[ChannelReplace, unwrap("channel")],
    session: SessionDep,
    principal: ChannelsWrite,
    runtime: RuntimeDep,
    if_match: IfMatch,
) -> Envelope[ChannelRead]:
    channel = await service.replace_channel(session, principal, channel_id, body, if_match)
    return envelope(_read(runtime, channel))


@router.delete(
    "/{channel_id}",
    status_code=204,
    summary="Delete a channel",
    description="With its contacts, messages, events and conversations.",
)
async def delete_channel(
    channel_id: str, session: SessionDep, principal: ChannelsWrite, if_match: IfMatch
) -> Response:
    await service.delete_channel(session, principal, channel_id, if_match)
    return Response(status_code=204)


@router.post(
    "/{channel_id}/test",
    summary="Check a channel's credentials",
    description="Asks the provider whether the channel's credentials work. Always 200 "
    "`{ok, detail, error}`: `ok: true` with what the provider read in `detail`, or "
    "`ok: false` with `error: {code, message}` (e.g. `PROVIDER_REFUSED`) and `detail: {}`.",
)
async def test_channel(
    channel_id: str, session: SessionDep, principal: ChannelsWrite, runtime: RuntimeDep
) -> Envelope[ChannelTestResult]:
    answer = await service.test_channel(session, runtime, principal, channel_id)
    return envelope(ChannelTestResult.of(answer))


async def _send(
    session: SessionDep, runtime: Runtime, principal: Principal, channel_id: str, out: Outgoing
) -> Envelope[MessageRead]:
    message = await service.send(session, runtime, principal.org_id, channel_id, out)
    return envelope(MessageRead.model_validate(message))


@router.post(
    "/{channel_id}/send",
    status_code=202,
    summary="Send a message",
    description=f"`{{to, text}}`, `{{to, media}}` or `{{to, interactive}}`. {_RULES} "
    "Free-form messages on a kind with a session window (WhatsApp: 24 h after the contact's "
    "last message) answer 422 `OUTSIDE_SESSION_WINDOW` outside it: send a template.",
    openapi_extra=IDEMPOTENT,
)
async def send_message(
    channel_id: str,
    body: SendBody,
    session: SessionDep,
    principal: ChannelsWrite,
    runtime: RuntimeDep,
) -> Envelope[MessageRead]:
    if body.text is not None:
        out = Outgoing(body.to, "text", {"text": body.text}, body.reply_to)
    elif body.media is not None:
        out = Outgoing(body.to, "media", body.media.model_dump(exclude_none=True), body.reply_to)
    else:
        assert body.interactive is not None
        out = Outgoing(body.to, "interactive", body.interactive.model_dump(), body.reply_to)
    return await _send(session, runtime, principal, channel_id, out)


@router.post(
    "/{channel_id}/templates/send",
    status_code=202,
    summary="Send a template message",
    description=f"A template (allowed outside the session window). {_RULES}",
    openapi_extra=IDEMPOTENT,
)
async def send_template(
    channel_id: str,
    body: TemplateSendBody,
    session: SessionDep,
    principal: ChannelsWrite,
    runtime: RuntimeDep,
) -> Envelope[MessageRead]:
    content = {"template": body.template, "language": body.language, "components": body.parameters}
    return await _send(
        session, runtime, principal, channel_id, Outgoing(body.to, "template", content)
    )


_INBOUND = (
    "Public (no API key): where the provider calls. The kind's signature check runs before "
    "anything is stored (401 `INVALID_SIGNATURE`); messages are stored once (a repeated "
    "provider message id is a retry and is skipped), status callbacks update the sent "
    "messages, and routing is queued; the answer is the provider's expected one (a "
    "challenge, `{}`), at once. Unknown channel: 404; disabled: 409."
)


async def _inbound(channel_id: str, request: Request, runtime: Runtime) -> Response:
    body = await request.body()
    inbound = InboundRequest(
        method=request.method,
        url=str(request.url),
        headers={k.lower(): v for k, v in request.headers.items()},
        query=dict(request.query_params),
        body=body,
    )
    answer = await receive(runtime, channel_id, inbound)
    return Response(answer.body, status_code=answer.status, media_type=answer.content_type)


@router.get("/{channel_id}/inbound", summary="Provider verification", description=_INBOUND)
async def inbound_get(channel_id: str, request: Request, runtime: RuntimeDep) -> Response:
    return await _inbound(channel_id, request, runtime)


@router.post(
    "/{channel_id}/inbound", summary="Provider messages and statuses", description=_INBOUND
)
async def inbound_post(channel_id: str, request: Request, runtime: RuntimeDep) -> Response:
    return await _inbound(channel_id, request, runtime)


@router.post(
    "/{channel_id}/sandbox/messages",
    status_code=202,
    summary="Write to a sandbox channel as a person",
    description=(
        "Only for `sandbox` channels (else 409 `NOT_A_SANDBOX`): the message goes through the "
        "inbound path (stored once per `id`, opt-out keywords, routing to a waiting run or "
        "`on_message`) without a signature. Answers the stored message; a repeated `id` "
        "answers 200 with `data: null`."
    ),
)
async def sandbox_message(
    channel_id: str,
    body: SandboxPerson,
    session: SessionDep,
    principal: ChannelsWrite,
    runtime: RuntimeDep,
    response: Response,
) -> Envelope[MessageRead | None]:
    stored = await service.act_as_person(session, runtime, principal, channel_id, body)
    if stored is None:
        response.status_code = 200
        return envelope(None)
    return envelope(MessageRead.model_validate(stored))


@router.get(
    "/{channel_id}/stream",
    summary="Follow a channel's messages",
    description=(
        f"With `Accept: {EVENT_STREAM}`: server-sent events of the channel (any kind), first "
        "those after `Last-Event-ID` (or `after_seq`), then new ones live: `message.queued`, "
        "`message.sent`, `message.delivered`, `message.read`, `message.failed`, "
        "`message.received`, `message.routed` (`to`: `run`, `flow`, `agent` or `stored`, with "
        "why; `held: true` when the agent's turn is busy), `contact.opted_out`, "
        "`contact.opted_in`, `agent.unanswered` (an agent turn that sent no answer, and why). "
        "`id:` is the event's number in the channel, "
        "`data` its JSON (`message` as `GET messages/{id}` shows it). `: ping` every 15 s; "
        "ends when the channel is deleted. Without that `Accept`: the stored events, oldest "
        "first, as a JSON page."
    ),
    response_model=PageEnvelope[ChannelEventRead],
    responses={200: {"content": event_stream()}},
)
async def stream_channel(
    channel_id: str,
    request: Request,
    session: SessionDep,
    principal: ChannelsRead,
    runtime: RuntimeDep,
    page: PageParams,
    after_seq: Annotated[
        int, Query(ge=0, le=MAX_INT32, description="Only events numbered above this.")
    ] = 0,
    last_event_id: Annotated[
        int | None,
        Header(alias="Last-Event-ID", ge=0, le=MAX_INT32, description="Takes precedence."),
    ] = None,
) -> PageEnvelope[ChannelEventRead] | EventSourceResponse:
    start = after_seq if last_event_id is None else last_event_id
    if EVENT_STREAM not in request.headers.get("accept", ""):
        found = await service.stored_events(session, principal, channel_id, start, page)
        return page_envelope(found, ChannelEventRead.model_validate)
    channel = await service.get_channel(session, principal, channel_id)
    await session.commit()  # a stream outlives the request's transaction
    return EventSourceResponse(
        _sse(runtime, channel.org_id, channel.id, start),
        ping=runtime.settings.stream_ping_seconds,
        ping_message_factory=_ping,
        sep="\n",
    )


def _ping() -> ServerSentEvent:
    return ServerSentEvent(comment="ping", sep="\n")


async def _sse(
    runtime: Runtime, org_id: str, channel_id: str, after_seq: int
) -> AsyncIterator[ServerSentEvent]:
    async for event in follow_channel(runtime.db, runtime.bus, org_id, channel_id, after_seq):
        yield ServerSentEvent(
            id=str(event.seq),
            event=event.type,
            data=orjson.dumps(event.model_dump(mode="json")).decode(),
            sep="\n",
        )


@router.get(
    "/{channel_id}/messages",
    summary="List a channel's messages",
    description="Newest first; filters combine.",
)
async def list_channel_messages(
    channel_id: str,
    session: SessionDep,
    principal: ChannelsRead,
    page: PageParams,
    contact_id: Id = None,
    direction: Annotated[Direction | None, Query(description="`in` or `out`.")] = None,
    status: Annotated[MessageStatus | None, Query()] = None,
    since: Since = None,
) -> PageEnvelope[MessageRead]:
    wanted = MessageFilter(channel_id, contact_id, direction, status, since)
    result = await service.list_messages(session, principal, page, wanted)
    return page_envelope(result, MessageRead.model_validate)


@messages_router.get("/{message_id}", summary="Get a message")
async def get_message(
    message_id: str, session: SessionDep, principal: ChannelsRead
) -> Envelope[MessageRead]:
    return envelope(
        MessageRead.model_validate(await service.get_message(session, principal, message_id))
    )


@contacts_router.get(
    "",
    summary="List contacts",
    description="Newest first; `q` finds a part of the address or name, any case.",
)
async def list_contacts(
    session: SessionDep,
    principal: ChannelsRead,
    page: PageParams,
    q: Annotated[str | None, Query(max_length=200)] = None,
    channel_id: Id = None,
) -> PageEnvelope[ContactRead]:
    result = await service.list_contacts(session, principal, page, q, channel_id)
    return page_envelope(result, ContactRead.model_validate)


@contacts_router.get("/{contact_id}", summary="Get a contact")
async def get_contact(
    contact_id: str, session: SessionDep, principal: ChannelsRead
) -> Envelope[ContactRead]:
    return envelope(
        ContactRead.model_validate(await service.get_contact(session, principal, contact_id))
    )


@contacts_router.patch(
    "/{contact_id}",
    summary="Change a contact",
    description=(
        "`name`, `metadata` (replaced whole), `opted_out` (`true`: sends are refused with 409 "
        "`CONTACT_OPTED_OUT`; `false`: opted back in). With `If-Match` or `expected_version`, "
        "only at that version (else 409)."
    ),
)
async def patch_contact(
    contact_id: str,
    body: ContactPatch,
    session: SessionDep,
    principal: ChannelsWrite,
    if_match: IfMatch,
) -> Envelope[ContactRead]:
    contact = await service.patch_contact(session, principal, contact_id, body, if_match)
    return envelope(ContactRead.model_validate(contact))


@contacts_router.get(
    "/{contact_id}/messages", summary="List a contact's messages", description="Newest first."
)
async def list_contact_messages(
    contact_id: str, session: SessionDep, principal: ChannelsRead, page: PageParams
) -> PageEnvelope[MessageRead]:
    contact = await service.get_contact(session, principal, contact_id)
    result = await service.list_messages(
        session, principal, page, MessageFilter(contact_id=contact.id)
    )
    return page_envelope(result, MessageRead.model_validate)


@agents_router.post(
    "/{agent_id}/waba",
    status_code=202,
    summary="Send a WhatsApp template as an agent",
    description=(
        "Seed 004's body: `recipient_phone_number` (with country code), `template_name`, "
        "`language`, `customer_name` (stored as the contact's name), `parameters` (WhatsApp "
        "template components). Sent through the agent's WhatsApp channel: the `whatsapp` "
        "channel whose `on_message` names this agent (the oldest active one if several); "
        "none: 404 `WHATSAPP_CONNECTION_NOT_FOUND` (no such agent: 404 `AGENT_NOT_FOUND`). "
        "The template is written into the contact's conversation, so the agent's later turns "
        f"see it. {_RULES}"
    ),
    openapi_extra=IDEMPOTENT,
)
async def agent_waba(
    agent_id: str,
    body: WabaSend,
    session: SessionDep,
    principal: ChannelsWrite,
    runtime: RuntimeDep,
) -> Envelope[MessageRead]:
    message = await send_waba(session, runtime, principal, agent_id, body)
    return envelope(MessageRead.model_validate(message))


_LINK = (
    "Public: the link sent with an approval's request on a channel without buttons (email, "
    "SMS). The token seals the request sent to one contact, the decision and an expiry "
    "(401 `INVALID_LINK` when altered or made up, `LINK_EXPIRED`, `LINK_GONE`). "
)


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    page = (
        '<!doctype html><html><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width">'
        f"<title>{html.escape(title)}</title></head><body><h1>{html.escape(title)}</h1>"
        f"{body}</body></html>"
    )
    return HTMLResponse(page, status_code=status)


@links_router.get(
    "/{token}",
    summary="Open an approval link",
    description=_LINK + "Shows the question and a button that sends the answer (`POST`); "
    "opening the link decides nothing, so a mail scanner that follows links cannot answer.",
    response_class=HTMLResponse,
)
async def open_link(token: str, session: SessionDep, runtime: RuntimeDep) -> HTMLResponse:
    try:
        _, approval, decision = await link_notice(session, runtime, token)
    except LinkRefused as exc:
        return _page("Approval link", f"<p>{html.escape(exc.message)}</p>", exc.status)
    verb = "Approve" if decision == "approve" else "Deny"
    form = (
        f"<p>{html.escape(approval.title)}</p>"
        f'<form method="post"><button type="submit">{verb}</button></form>'
    )
    return _page(f"{verb}?", form)


@links_router.post(
    "/{token}",
    summary="Answer an approval by its link",
    description=_LINK + "Decides as the user the contact is linked to (`metadata.user_id`), "
    "through the approvals service: the first answer wins; later ones are told it was "
    "already decided (409).",
    response_class=HTMLResponse,
)
async def use_link(token: str, session: SessionDep, runtime: RuntimeDep) -> HTMLResponse:
    try:
        answered = await answer_link(session, runtime, token)
    except LinkRefused as exc:
        return _page("Approval link", f"<p>{html.escape(exc.message)}</p>", exc.status)
    status = {"refused": 403, "already_decided": 409}.get(answered.outcome, 200)
    return _page(answered.approval.title, f"<p>{html.escape(answered.message)}</p>", status)
