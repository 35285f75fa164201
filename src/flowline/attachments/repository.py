"""Attachment queries, always within one organisation."""

from __future__ import annotations

from sqlalchemy.orm import undefer

from flowline.db.models import Attachment
from flowline.db.repository import OrgRepository, Page, PageRequest


class AttachmentRepository(OrgRepository[Attachment]):
    model = Attachment

    async def with_data(self, attachment_id: str) -> Attachment | None:
        """The attachment and its bytes (which ordinary reads leave unloaded)."""
        stmt = self.select().where(Attachment.id == attachment_id).options(undefer(Attachment.data))
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def uploads(self, page: PageRequest, purpose: str | None) -> Page[Attachment]:
        """The organisation's attachments, newest first; ``purpose`` narrows them."""
        stmt = self.select()
        if purpose is not None:
            stmt = stmt.where(Attachment.purpose == purpose)
        return await self.paginate(stmt, page)
