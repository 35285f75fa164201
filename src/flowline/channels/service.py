"""Channels, their contacts and messages: records and reads (CHANNELS.md).

The paths that move messages live beside this module and are re-exported here,
so that every caller finds them in one place:

- :func:`send` (``channels/sending.py``): accept one message in the caller's
  transaction, checked against every rule; the provider call is a task.
- :func:`receive` / :func:`store` (``channels/inbound.py``): a provider's request
  verified and stored, or an already parsed :class:`Inbound` stored.
- :func:`route_to_agent` (``channels/inbound.py``): where ``on_message:
  {"agent_id"}`` plugs in.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.auth.principal import Principal
from flowline.channels import context as chan
from flowline.channels.agent_turns import route_to_agent
from flowline.channels.inbound import receive, store
from flowline.channels.providers import PROVIDERS
from flowline.channels.providers.base import ChannelProvider, InboundRequest
from flowline.channels.providers.sandbox import SandboxPerson
from flowline.channels.repository import (
    ChannelRepository,
    ContactRepository,
    MessageFilter,
    MessageRepository,
)
from flowline.channels.schemas import (
    KINDS,
    ChannelCreate,
    ChannelRead,
    ChannelReplace,
    ContactPatch,
)
from flowline.channels.sending import Outgoing, send
from flowline.db.models import Channel, ChannelEvent, ChannelMessage, Contact
from flowline.db.repository import Page, PageRequest
from flowline.db.types import utcnow
from flowline.errors import Conflict, MissingReference, NotFound, ValidationFailed
from flowline.ids import new_id
from flowline.runtime import Runtime
from flowline.secrets.repository import SecretRepository
from flowline.users.service import check_version

__all__ = [
    "Outgoing",
    "create_channel",
    "receive",
    "route_to_agent",
    "send",
    "store",
]


def _name_taken(name: str) -> Conflict:
    return Conflict(
        f"A channel named {name!r} already exists.",
        details=[{"field": "name", "problem": "already taken"}],
    )


def _check_kind(kind: str) -> ChannelProvider:
    if kind not in KINDS and kind not in PROVIDERS:
        raise ValidationFailed(f"must be one of {', '.join(KINDS)}", field="kind")
    return chan.provider_of(kind)


def _check_config(provider: ChannelProvider, config: dict[str, Any]) -> dict[str, Any]:
    try:
        model = provider.config_model.model_validate(config)
    except ValidationError as exc:
        details = [
            {
                "field": ".".join(["config", *(str(p) for p in error["loc"])]),
                "problem": error["msg"],
            }
            for error in exc.errors(include_url=False, include_input=False)
        ]
        raise ValidationFailed(
            f"config does not fit the kind: {details[0]['field']}: {details[0]['problem']}",
            details=details,
        ) from None
    return model.model_dump(mode="json")


async def _check_credentials(
    session: AsyncSession, org_id: str, provider: ChannelProvider, credentials: dict[str, str]
) -> None:
    roles = provider.credential_roles
    for role in credentials:
        if role not in roles:
            known = ", ".join(roles) or "none"
            raise ValidationFailed(
                f"{provider.kind} channels take no {role!r} credential (roles: {known})",
                field=f"credentials.{role}",
            )
    for role, required in roles.items():
        if required and role not in credentials:
            raise ValidationFailed(
                f"the {provider.kind} kind needs a secret for {role!r}",
                field=f"credentials.{role}",
            )
    secrets = SecretRepository(session, org_id)
    for role, name in credentials.items():
        if await secrets.by_name(name) is None:
            raise MissingReference(
                f"there is no secret named {name!r}", field=f"credentials.{role}"
            )


async def _check_on_message(repo: ChannelRepository, on_message: dict[str, str] | None) -> None:
    if on_message is None:
        return
    if (flow_id := on_message.get("flow_id")) is not None and not await repo.flow_exists(flow_id):
        raise MissingReference(f"there is no flow {flow_id}", field="on_message.flow_id")
    if (agent_id := on_message.get("agent_id")) is not None and not await repo.agent_exists(
        agent_id
    ):
        raise MissingReference(f"there is no agent {agent_id}", field="on_message.agent_id")


async def _checked(
    session: AsyncSession, repo: ChannelRepository, data: ChannelCreate
) -> tuple[dict[str, Any], dict[str, str] | None]:
    provider = _check_kind(data.kind)
    config = _check_config(provider, data.config)
    await _check_credentials(session, repo.org_id, provider, data.credentials)
    on_message = data.on_message.model_dump(exclude_none=True) if data.on_message else None
    await _check_on_message(repo, on_message)
    return config, on_message


async def _flush_named(session: AsyncSession, name: str) -> None:
    try:
        await session.flush()
    except IntegrityError:
        raise _name_taken(name) from None


def channel_read(runtime: Runtime, channel: Channel) -> ChannelRead:
    return ChannelRead.model_validate(
        {
            **{f: getattr(channel, f) for f in ChannelRead.model_fields if hasattr(channel, f)},
            "inbound_url": chan.inbound_url(runtime, channel.id),
        }
    )


async def get_channel(session: AsyncSession, principal: Principal, channel_id: str) -> Channel:
    channel = await ChannelRepository(session, principal.org_id).get(channel_id)
    if channel is None:
        raise chan.channel_not_found(channel_id)
    return channel


async def list_channels(
    session: AsyncSession, principal: Principal, page: PageRequest, kind: str | None
) -> Page[Channel]:
    repo = ChannelRepository(session, principal.org_id)
    stmt = repo.select()
    if kind is not None:
        stmt = stmt.where(Channel.kind == kind)
    return await repo.paginate(stmt, page)


async def create_channel(
    session: AsyncSession, principal: Principal, data: ChannelCreate
) -> Channel:
    """Check the kind, its config and credentials, and ``on_message``; store the channel."""
    repo = ChannelRepository(session, principal.org_id)
    config, on_message = await _checked(session, repo, data)
    if await repo.name_taken(data.name):
        raise _name_taken(data.name)
    now = utcnow()
    channel = repo.add(
        Channel(
            id=new_id("chn"),
            name=data.name,
            kind=data.kind,
            config=config,
            credentials=dict(data.credentials),
            on_message=on_message,
            status=data.status,
            limits=data.limits.model_dump(mode="json"),
            version=1,
            event_seq=0,
            created_at=now,
            updated_at=now,
        )
    )
    await _flush_named(session, data.name)
    return channel


async def replace_channel(
    session: AsyncSession,
    principal: Principal,
    channel_id: str,
    data: ChannelReplace,
    if_match: int | None,
) -> Channel:
    repo = ChannelRepository(session, principal.org_id)
    channel = await repo.lock(channel_id)
    if channel is None:
        raise chan.channel_not_found(channel_id)
    check_version(channel.version, if_match, f"Channel {channel_id}")
    check_version(channel.version, data.expected_version, f"Channel {channel_id}")
    if data.kind != channel.kind:  # a well-formed body; the stored channel is in the way
        raise Conflict(
            f"kind cannot change from {channel.kind!r}; make a new channel",
            details=[{"field": "kind", "problem": f"the channel is {channel.kind!r}"}],
        )
    config, on_message = await _checked(session, repo, data)
    if data.name != channel.name and await repo.name_taken(data.name, other_than=channel.id):
        raise _name_taken(data.name)
    channel.name = data.name
    channel.config = config
    channel.credentials = dict(data.credentials)
    channel.on_message = on_message
    channel.status = data.status
    channel.limits = data.limits.model_dump(mode="json")
    channel.version += 1
    channel.updated_at = utcnow()
    await _flush_named(session, data.name)
    return channel


async def delete_channel(
    session: AsyncSession, principal: Principal, channel_id: str, if_match: int | None
) -> None:
    """The channel, its contacts, messages, events, waits and conversations."""
    repo = ChannelRepository(session, principal.org_id)
    channel = await repo.lock(channel_id)
    if channel is None:
        raise chan.channel_not_found(channel_id)
    check_version(channel.version, if_match, f"Channel {channel_id}")
    await repo.delete_conversations(channel.id)
    await repo.delete(channel)
    await session.flush()


async def test_channel(
    session: AsyncSession, runtime: Runtime, principal: Principal, channel_id: str
) -> dict[str, Any]:
    """The provider's own check of the credentials (``POST channels/{id}/test``)."""
    channel = await get_channel(session, principal, channel_id)
    provider = chan.provider_of(channel.kind)
    ctx = await chan.context_of(session, runtime, channel)
    return await provider.test(ctx)


async def act_as_person(
    session: AsyncSession,
    runtime: Runtime,
    principal: Principal,
    channel_id: str,
    person: SandboxPerson,
) -> ChannelMessage | None:
    """A sandbox channel's inbound path without the signature; ``None`` for a repeated id."""
    channel = await get_channel(session, principal, channel_id)
    if channel.kind != "sandbox":
        raise Conflict(f"Channel {channel_id} is not a sandbox.", code="NOT_A_SANDBOX")
    if channel.status != "active":
        raise Conflict(f"Channel {channel_id} is disabled.", code="CHANNEL_DISABLED")
    raw = InboundRequest("POST", "", {}, {}, person.model_dump_json(by_alias=True).encode())
    ctx = await chan.context_of(session, runtime, channel)
    inbound = chan.provider_of(channel.kind).parse(ctx, raw)
    stored = await store(session, runtime, principal.org_id, channel.id, inbound)
    return stored[0] if stored else None


async def stored_events(
    session: AsyncSession,
    principal: Principal,
    channel_id: str,
    after_seq: int,
    page: PageRequest,
) -> Page[ChannelEvent]:
    """The channel's events numbered above ``after_seq``, oldest first, one page."""
    channel = await get_channel(session, principal, channel_id)
    repo = ChannelRepository(session, principal.org_id)
    events = await repo.events_after(channel.id, after_seq + page.offset, page.size)
    total = max(0, channel.event_seq - after_seq)
    return Page(items=events, total=total, page=page.page, size=page.size)


# ------------------------------------------------------------------ contacts


async def get_contact(session: AsyncSession, principal: Principal, contact_id: str) -> Contact:
    contact = await ContactRepository(session, principal.org_id).get(contact_id)
    if contact is None:
        raise NotFound(f"Contact {contact_id} not found.", code="CONTACT_NOT_FOUND")
    return contact


async def list_contacts(
    session: AsyncSession,
    principal: Principal,
    page: PageRequest,
    q: str | None,
    channel_id: str | None,
) -> Page[Contact]:
    repo = ContactRepository(session, principal.org_id)
    return await repo.paginate(repo.search(q, channel_id), page)


async def patch_contact(
    session: AsyncSession,
    principal: Principal,
    contact_id: str,
    data: ContactPatch,
    if_match: int | None,
) -> Contact:
    repo = ContactRepository(session, principal.org_id)
    contact = await repo.lock(contact_id)
    if contact is None:
        raise NotFound(f"Contact {contact_id} not found.", code="CONTACT_NOT_FOUND")
    check_version(contact.version, if_match, f"Contact {contact_id}")
    check_version(contact.version, data.expected_version, f"Contact {contact_id}")
    given = data.model_fields_set
    if "name" in given:
        contact.name = data.name
    if "metadata" in given:
        contact.meta = dict(data.metadata or {})
    if "opted_out" in given and data.opted_out is not None:
        if data.opted_out and contact.opted_out_at is None:
            contact.opted_out_at = utcnow()
        elif not data.opted_out:
            contact.opted_out_at = None
    contact.version += 1
    contact.updated_at = utcnow()
    await session.flush()
    return contact


# ------------------------------------------------------------------ messages


async def get_message(
    session: AsyncSession, principal: Principal, message_id: str
) -> ChannelMessage:
    message = await MessageRepository(session, principal.org_id).get(message_id)
    if message is None:
        raise NotFound(f"Message {message_id} not found.", code="MESSAGE_NOT_FOUND")
    return message


async def list_messages(
    session: AsyncSession, principal: Principal, page: PageRequest, wanted: MessageFilter
) -> Page[ChannelMessage]:
    """Newest first; the channel (or contact) must be the caller's (else 404)."""
    if wanted.channel_id is not None:
        await get_channel(session, principal, wanted.channel_id)
    repo = MessageRepository(session, principal.org_id)
    return await repo.paginate(repo.filtered(wanted), page)
