"""Email channels and their messages, always within one organisation."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.db.models import Channel, ChannelMessage, Contact
from flowline.db.repository import OrgRepository
from flowline.errors import Conflict, MissingReference

EMAIL_KIND = "email"


class EmailChannelRepository(OrgRepository[Channel]):
    model = Channel

    async def first_active(self) -> Channel | None:
        stmt = (
            self.select()
            .where(Channel.kind == EMAIL_KIND, Channel.status == "active")
            .order_by(Channel.id)
            .limit(1)
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def ids(self) -> Sequence[str]:
        stmt = sa.select(Channel.id).where(self.scoped(), Channel.kind == EMAIL_KIND)
        return (await self.session.execute(stmt)).scalars().all()


async def email_channel(session: AsyncSession, org_id: str, channel_id: str | None) -> Channel:
    """The email channel to send through: the one named, else the organisation's first
    active one. None at all is 409 ``EMAIL_CHANNEL_MISSING`` naming ``channel_id``."""
    repo = EmailChannelRepository(session, org_id)
    if channel_id is None:
        channel = await repo.first_active()
        if channel is None:
            raise Conflict(
                "The organisation has no active email channel: create a channel of kind "
                "'email' (POST /api/v1/channels) first.",
                code="EMAIL_CHANNEL_MISSING",
                details=[{"field": "channel_id", "problem": "no email channel"}],
            )
        return channel
    channel = await repo.get(channel_id)
    if channel is None or channel.kind != EMAIL_KIND:
        raise MissingReference("not an email channel of this organisation", field="channel_id")
    return channel


class EmailMessageRepository(OrgRepository[ChannelMessage]):
    model = ChannelMessage

    def search(
        self,
        channel_ids: Sequence[str],
        text: str | None,
        direction: str | None,
        address: str | None,
    ) -> sa.Select[ChannelMessage]:
        """Email messages, optionally by words of subject or text, direction and address."""
        stmt = self.select().where(ChannelMessage.channel_id.in_(list(channel_ids)))
        if direction is not None:
            stmt = stmt.where(ChannelMessage.direction == direction)
        if address is not None:
            contact_ids = sa.select(Contact.id).where(
                Contact.org_id == self.org_id, sa.func.lower(Contact.address) == address.lower()
            )
            stmt = stmt.where(ChannelMessage.contact_id.in_(contact_ids))
        if text:
            body = sa.func.lower(sa.cast(ChannelMessage.body, sa.Text))
            for word in text.lower().split()[:10]:
                stmt = stmt.where(body.contains(word, autoescape=True))
        return stmt
