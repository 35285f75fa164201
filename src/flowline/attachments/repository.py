"""Attachment queries, always within one organisation."""

from __future__ import annotations

from sqlalchemy.orm import undefer

from flowline.db.models import Attachment
from flowline.db.repository import OrgRepository


class AttachmentRepository(OrgRepository[Attachment]):
    model = Attachment

    async def with_data(self, attachment_id: str) -> Attachment | None:
        """The attachment and its bytes (which ordinary reads leave unloaded)."""
        stmt = self.select().where(Attachment.id == attachment_id).options(undefer(Attachment.data))
        return (await self.session.execute(stmt)).scalar_one_or_none()
