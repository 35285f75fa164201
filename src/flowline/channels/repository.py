"""Channel, contact, message, event and wait queries, always within one organisation.

The one exception is :func:`inbound_channel`: a provider's request names only
the channel, so the public inbound route finds it by id first and everything
after is scoped to that channel's organisation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.db.models import (
    Agent,
    ApprovalNotice,
    Channel,
    ChannelEvent,
    ChannelMessage,
    ChannelWait,
    Contact,
    Conversation,
    Flow,
    Run,
    Step,
    Task,
    User,
)
from flowline.db.repository import OrgRepository
from flowline.db.types import utcnow
from flowline.ids import new_id


async def notice_for_link(session: AsyncSession, notice_id: str) -> ApprovalNotice | None:
    """The approval notice a signed link names, whatever its organisation (the link's
    seal is the proof; everything after is scoped to the notice's organisation)."""
    return await session.get(ApprovalNotice, notice_id)


class ChannelRepository(OrgRepository[Channel]):
    model = Channel

    async def lock(self, channel_id: str) -> Channel | None:
        """The channel, row-locked until the transaction ends (its events and send rate
        change only under this lock)."""
        stmt = (
            self.select()
            .where(Channel.id == channel_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def name_taken(self, name: str, other_than: str | None = None) -> bool:
        stmt = sa.select(sa.func.count()).where(self.scoped(), Channel.name == name)
        if other_than is not None:
            stmt = stmt.where(Channel.id != other_than)
        return bool((await self.session.execute(stmt)).scalar_one())

    async def flow_exists(self, flow_id: str) -> bool:
        stmt = sa.select(Flow.id).where(Flow.org_id == self.org_id, Flow.id == flow_id)
        return (await self.session.execute(stmt)).first() is not None

    async def agent_exists(self, agent_id: str) -> bool:
        stmt = sa.select(Agent.id).where(Agent.org_id == self.org_id, Agent.id == agent_id)
        return (await self.session.execute(stmt)).first() is not None

    async def of_kind(self, kind: str) -> list[Channel]:
        """The organisation's channels of ``kind``, oldest first."""
        stmt = self.select().where(Channel.kind == kind).order_by(Channel.created_at, Channel.id)
        return list((await self.session.execute(stmt)).scalars())

    async def delete_conversations(self, channel_id: str) -> None:
        await self.session.execute(
            sa.delete(Conversation).where(
                Conversation.org_id == self.org_id, Conversation.channel_id == channel_id
            )
        )

    async def append_event(
        self,
        channel_id: str,
        type: str,
        *,
        message_id: str | None = None,
        data: dict[str, Any] | None = None,
    ) -> int:
        """Number and add one event; answers its number.

        The number is taken by an ``UPDATE`` of the channel row, which holds the row's
        lock until commit: a channel's events commit in the order of their numbers, so
        a stream reading "after n" never skips one. (``updated_at`` is kept: an event
        is not an edit of the channel.) Both are plain statements, built once; the
        session's pending rows (the event's message) are flushed first.
        """
        await self.session.flush()
        where = {"p_org": self.org_id, "p_channel": channel_id}
        seq = (await self.session.execute(_NEXT_EVENT_SEQ, where)).scalar_one()
        row = {
            "org_id": self.org_id,
            "channel_id": channel_id,
            "seq": seq,
            "type": type,
            "message_id": message_id,
            "data": data or {},
            "created_at": utcnow(),
        }
        await self.session.execute(_ADD_EVENT, row)
        return int(seq)

    async def set_send_tat(self, channel_id: str, tat: datetime) -> None:
        where = {"p_org": self.org_id, "p_channel": channel_id}
        await self.session.execute(_SET_SEND_TAT, {**where, "v_tat": tat})

    async def events_after(self, channel_id: str, seq: int, limit: int) -> Sequence[ChannelEvent]:
        stmt = (
            sa.select(ChannelEvent)
            .where(
                ChannelEvent.org_id == self.org_id,
                ChannelEvent.channel_id == channel_id,
                ChannelEvent.seq > seq,
            )
            .order_by(ChannelEvent.seq)
            .limit(limit)
        )
        return (await self.session.execute(stmt)).scalars().all()


class ContactRepository(OrgRepository[Contact]):
    model = Contact

    async def by_address(self, channel_id: str, address: str) -> Contact | None:
        stmt = self.select().where(Contact.channel_id == channel_id, Contact.address == address)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def lock(self, contact_id: str) -> Contact | None:
        stmt = self.select().where(Contact.id == contact_id).with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()

    def search(self, q: str | None, channel_id: str | None) -> sa.Select[Contact]:
        stmt = self.select()
        if channel_id is not None:
            stmt = stmt.where(Contact.channel_id == channel_id)
        if q:
            pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            stmt = stmt.where(
                sa.or_(
                    Contact.address.ilike(pattern, escape="\\"),
                    Contact.name.ilike(pattern, escape="\\"),
                )
            )
        return stmt

    async def add_with_conversation(self, contact: Contact) -> Contact:
        """The contact and its one conversation on the channel (CHANNELS.md)."""
        conversation = Conversation(
            id=contact.conversation_id,
            org_id=self.org_id,
            channel_id=contact.channel_id,
            contact_id=contact.id,
            title=(contact.name or contact.address)[:200],
            meta={},
            message_seq=0,
            version=1,
        )
        self.session.add(conversation)
        await self.session.flush()  # no relationship tells the ORM to insert it first
        self.add(contact)
        await self.session.flush()
        return contact

    async def sent_since(self, contact_id: str, since: datetime) -> int:
        stmt = sa.select(sa.func.count()).where(
            ChannelMessage.org_id == self.org_id,
            ChannelMessage.contact_id == contact_id,
            ChannelMessage.direction == "out",
            ChannelMessage.created_at >= since,
        )
        return int((await self.session.execute(stmt)).scalar_one())


@dataclass(frozen=True, slots=True)
class MessageFilter:
    channel_id: str | None = None
    contact_id: str | None = None
    direction: str | None = None
    status: str | None = None
    since: datetime | None = None


class MessageRepository(OrgRepository[ChannelMessage]):
    model = ChannelMessage

    def filtered(self, wanted: MessageFilter) -> sa.Select[ChannelMessage]:
        stmt = self.select()
        if wanted.channel_id is not None:
            stmt = stmt.where(ChannelMessage.channel_id == wanted.channel_id)
        if wanted.contact_id is not None:
            stmt = stmt.where(ChannelMessage.contact_id == wanted.contact_id)
        if wanted.direction is not None:
            stmt = stmt.where(ChannelMessage.direction == wanted.direction)
        if wanted.status is not None:
            stmt = stmt.where(ChannelMessage.status == wanted.status)
        if wanted.since is not None:
            stmt = stmt.where(ChannelMessage.created_at >= wanted.since)
        return stmt

    async def by_provider_id(
        self, channel_id: str, provider_message_id: str
    ) -> ChannelMessage | None:
        stmt = self.select().where(
            ChannelMessage.channel_id == channel_id,
            ChannelMessage.provider_message_id == provider_message_id,
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def node_of_step(self, step_id: str) -> str:
        stmt = sa.select(Step.node_id).where(Step.org_id == self.org_id, Step.id == step_id)
        return str((await self.session.execute(stmt)).scalar_one_or_none() or "")


class WaitRepository(OrgRepository[ChannelWait]):
    model = ChannelWait

    async def waiting_for(
        self, channel_id: str, address: str
    ) -> list[tuple[ChannelWait, str | None]]:
        """The waits for a message from ``address``, longest waiting first, each with its
        step's status (``waiting`` unless its run ended or moved on)."""
        stmt = (
            sa.select(ChannelWait, Step.status)
            .outerjoin(Step, Step.id == ChannelWait.step_id)
            .where(
                self.scoped(), ChannelWait.channel_id == channel_id, ChannelWait.address == address
            )
            .order_by(ChannelWait.created_at, ChannelWait.id)
        )
        return [(row[0], row[1]) for row in (await self.session.execute(stmt)).all()]

    async def take(self, wait_id: str) -> bool:
        """Delete the wait; whether this transaction is the one that did (the claim)."""
        result = await self.session.execute(
            sa.delete(ChannelWait).where(self.scoped(), ChannelWait.id == wait_id)
        )
        return bool(getattr(result, "rowcount", 0))

    async def take_step(self, step_id: str) -> bool:
        """Delete the step's wait (its time-out); whether it was still there."""
        result = await self.session.execute(
            sa.delete(ChannelWait).where(self.scoped(), ChannelWait.step_id == step_id)
        )
        return bool(getattr(result, "rowcount", 0))


class AgentQueueRepository(MessageRepository):
    """Inbound messages waiting for their conversation's agent turn, and the turns' rows
    (``agent_turns.py``)."""

    async def held(self, contact_id: str) -> list[ChannelMessage]:
        """The contact's held messages, oldest first."""
        stmt = (
            self.select()
            .where(ChannelMessage.contact_id == contact_id, ChannelMessage.held.is_(True))
            .order_by(ChannelMessage.created_at, ChannelMessage.id)
        )
        return list((await self.session.execute(stmt)).scalars())

    async def answered_by(self, run_id: str) -> str | None:
        """The last inbound message the turn ``run_id`` took: what its answer replies to."""
        stmt = (
            sa.select(ChannelMessage.id)
            .where(
                ChannelMessage.org_id == self.org_id,
                ChannelMessage.run_id == run_id,
                ChannelMessage.direction == "in",
            )
            .order_by(ChannelMessage.created_at.desc(), ChannelMessage.id.desc())
            .limit(1)
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def busy_turn(self, conversation_id: str) -> str | None:
        """The turn (or compaction) holding the conversation, if any."""
        stmt = sa.select(Conversation.busy_turn_id).where(
            Conversation.org_id == self.org_id, Conversation.id == conversation_id
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def turn_of(self, run_id: str) -> Run | None:
        stmt = sa.select(Run).where(Run.org_id == self.org_id, Run.id == run_id)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def contact_of(self, conversation_id: str) -> Contact | None:
        """The contact whose conversation on its channel this is."""
        stmt = sa.select(Contact).where(
            Contact.org_id == self.org_id, Contact.conversation_id == conversation_id
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()


class NoticeRepository(OrgRepository[ApprovalNotice]):
    """Approval requests sent to contacts (``approval_notices.py``)."""

    model = ApprovalNotice

    async def asked(
        self, contact_id: str, approval_id: str | None, code: str | None
    ) -> ApprovalNotice | None:
        """The latest notice to the contact for that approval (or with that reply code)."""
        stmt = self.select().where(ApprovalNotice.contact_id == contact_id)
        if approval_id is not None:
            stmt = stmt.where(ApprovalNotice.approval_id == approval_id)
        else:
            stmt = stmt.where(ApprovalNotice.code == code)
        stmt = stmt.order_by(ApprovalNotice.created_at.desc(), ApprovalNotice.id.desc()).limit(1)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def linked_user(self, contact: Contact) -> User | None:
        """The active user the contact is linked to by ``metadata.user_id``, if any."""
        user_id = (contact.meta or {}).get("user_id")
        if not isinstance(user_id, str):
            return None
        stmt = sa.select(User).where(
            User.org_id == self.org_id, User.id == user_id, User.is_active.is_(True)
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()


# ------------------------------------------------------------------ inbound, as Core


def _table(model: type[Any]) -> sa.Table:
    table = model.__table__
    assert isinstance(table, sa.Table)
    return table


CHANNELS, CONTACTS = _table(Channel), _table(Contact)
MESSAGES, EVENTS = _table(ChannelMessage), _table(ChannelEvent)
CONVERSATIONS, TASKS = _table(Conversation), _table(Task)

# The statements of every event and send, built once (a statement made afresh on every
# call costs more to key for the compiled cache than to run; an ORM ``UPDATE`` also
# evaluates its criteria against every object in the session).
_THIS_CHANNEL = sa.and_(
    CHANNELS.c.org_id == sa.bindparam("p_org"), CHANNELS.c.id == sa.bindparam("p_channel")
)
_NEXT_EVENT_SEQ = (
    sa.update(CHANNELS)
    .where(_THIS_CHANNEL)
    .values(event_seq=CHANNELS.c.event_seq + 1, updated_at=CHANNELS.c.updated_at)
    .returning(CHANNELS.c.event_seq)
)
_ADD_EVENT = sa.insert(EVENTS)
_SET_SEND_TAT = (
    sa.update(CHANNELS)
    .where(_THIS_CHANNEL)
    .values(
        send_tat=sa.bindparam("v_tat", type_=CHANNELS.c.send_tat.type),
        updated_at=CHANNELS.c.updated_at,
    )
)


def inbound_channel(conn: sa.Connection, channel_id: str) -> dict[str, Any] | None:
    """The channel a provider's request names, whatever its organisation: one statement
    on a plain connection (``Database.read``)."""
    c = CHANNELS.c
    stmt = sa.select(c.id, c.org_id, c.kind, c.status, c.config, c.credentials).where(
        c.id == channel_id
    )
    row = conn.execute(stmt).first()
    return None if row is None else dict(row._mapping)


@dataclass(frozen=True, slots=True)
class InboundSql:
    """A provider's request's writes as plain statements on one connection
    (``Database.transact``): the inbound route's hot path, one transaction a request.
    They write the same rows as the session's path (``inbound.store``)."""

    conn: sa.Connection
    org_id: str
    channel_id: str

    def lock(self) -> dict[str, Any] | None:
        """The channel's kind, config, limits and status, row-locked (as
        ``ChannelRepository.lock``)."""
        stmt = (
            sa.select(CHANNELS.c.kind, CHANNELS.c.config, CHANNELS.c.limits, CHANNELS.c.status)
            .where(CHANNELS.c.org_id == self.org_id, CHANNELS.c.id == self.channel_id)
            .with_for_update()
        )
        row = self.conn.execute(stmt).first()
        return None if row is None else dict(row._mapping)

    def seen(self, provider_message_id: str) -> bool:
        stmt = sa.select(MESSAGES.c.id).where(
            MESSAGES.c.org_id == self.org_id,
            MESSAGES.c.channel_id == self.channel_id,
            MESSAGES.c.provider_message_id == provider_message_id,
        )
        return self.conn.execute(stmt).first() is not None

    def contact(self, address: str) -> dict[str, Any] | None:
        c = CONTACTS.c
        stmt = sa.select(
            c.id, c.name, c.last_inbound_at, c.conversation_id, c.version, c.address
        ).where(c.org_id == self.org_id, c.channel_id == self.channel_id, c.address == address)
        row = self.conn.execute(stmt).first()
        return None if row is None else dict(row._mapping)

    def add_contact(self, contact_id: str, address: str, name: str | None) -> dict[str, Any]:
        """A new contact and its one conversation on the channel (as ``add_with_conversation``)."""
        conversation_id = new_id("conv")
        self.conn.execute(
            CONVERSATIONS.insert().values(
                id=conversation_id,
                org_id=self.org_id,
                channel_id=self.channel_id,
                contact_id=contact_id,
                title=(name or address)[:200],
                metadata={},
                message_seq=0,
                version=1,
            )
        )
        values: dict[str, Any] = {
            "id": contact_id,
            "org_id": self.org_id,
            "channel_id": self.channel_id,
            "address": address,
            "name": name,
            "metadata": {},
            "conversation_id": conversation_id,
            "version": 1,
        }
        self.conn.execute(CONTACTS.insert().values(**values))
        return {**values, "last_inbound_at": None}

    def update_contact(self, contact_id: str, **values: Any) -> None:
        self.conn.execute(
            CONTACTS.update()
            .where(CONTACTS.c.org_id == self.org_id, CONTACTS.c.id == contact_id)
            .values(**values)
        )

    def add_message(self, row: dict[str, Any]) -> None:
        self.conn.execute(MESSAGES.insert().values(org_id=self.org_id, **row))

    def append_event(self, type: str, message_id: str | None, data: dict[str, Any]) -> int:
        """Number and add one event, as ``ChannelRepository.append_event``."""
        where = {"p_org": self.org_id, "p_channel": self.channel_id}
        seq = self.conn.execute(_NEXT_EVENT_SEQ, where).scalar_one()
        self.conn.execute(
            EVENTS.insert().values(
                org_id=self.org_id,
                channel_id=self.channel_id,
                seq=seq,
                type=type,
                message_id=message_id,
                data=data,
            )
        )
        return int(seq)

    def add_task(self, kind: str, node_id: str, payload: dict[str, Any]) -> None:
        """A task for the workers, as ``engine.queue.enqueue`` adds it."""
        self.conn.execute(
            TASKS.insert().values(
                org_id=self.org_id, run_id=None, node_id=node_id, kind=kind, payload=payload
            )
        )


def send_rows(
    conn: sa.Connection, org_id: str, message_id: str
) -> tuple[dict[str, Any], dict[str, Any] | None] | None:
    """A queued send's message with its contact's address and its channel, and the message
    it answers (``body.reply_to``) if any: what its provider call needs, in one statement
    (two with an answered message) on a plain connection (``Database.read``)."""
    m, c, ch = MESSAGES.c, CONTACTS.c, CHANNELS.c
    stmt = (
        sa.select(
            m.id,
            m.type,
            m.body,
            m.status,
            m.channel_id,
            c.address,
            ch.kind,
            ch.status.label("channel_status"),
            ch.config,
            ch.credentials,
        )
        .join(CONTACTS, sa.and_(c.org_id == m.org_id, c.id == m.contact_id))
        .join(CHANNELS, sa.and_(ch.org_id == m.org_id, ch.id == m.channel_id))
        .where(m.org_id == org_id, m.id == message_id)
    )
    row = conn.execute(stmt).first()
    if row is None:
        return None
    found = dict(row._mapping)
    answered_id = (found["body"] or {}).get("reply_to")
    if answered_id is None:
        return found, None
    answered = conn.execute(
        sa.select(m.provider_message_id, m.body).where(m.org_id == org_id, m.id == str(answered_id))
    ).first()
    return found, None if answered is None else dict(answered._mapping)
