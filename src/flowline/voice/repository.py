"""Calls and voice configs. The webhook finds its organisation by the secret's hash
(the one query not scoped by an organisation: the secret is the credential)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.db.models import Call, Contact, VoiceConfig
from flowline.db.repository import OrgRepository


async def config_by_secret_hash(session: AsyncSession, digest: str) -> VoiceConfig | None:
    stmt = sa.select(VoiceConfig).where(VoiceConfig.secret_hash == digest)
    return (await session.execute(stmt)).scalar_one_or_none()


class VoiceConfigRepository:
    def __init__(self, session: AsyncSession, org_id: str) -> None:
        self.session = session
        self.org_id = org_id

    async def current(self) -> VoiceConfig | None:
        return await self.session.get(VoiceConfig, self.org_id)


class CallRepository(OrgRepository[Call]):
    model = Call

    async def by_vapi_id(self, vapi_call_id: str, *, lock: bool = False) -> Call | None:
        stmt = self.select().where(Call.vapi_call_id == vapi_call_id)
        if lock:
            stmt = stmt.with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def active_by_phone(self, phone: str) -> Call | None:
        stmt = (
            self.select()
            .where(Call.phone == phone, Call.status != "ended")
            .order_by(Call.created_at.desc())
            .limit(1)
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def contact_conversation(self, phone: str) -> str | None:
        """The conversation of the organisation's contact with this number, if any."""
        stmt = (
            sa.select(Contact.conversation_id)
            .where(
                Contact.org_id == self.org_id,
                Contact.address == phone,
                Contact.conversation_id.is_not(None),
            )
            .limit(1)
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()
