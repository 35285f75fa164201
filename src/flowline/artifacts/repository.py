"""Artifact queries, always within one organisation."""

from __future__ import annotations

import sqlalchemy as sa

from flowline.db.models import Artifact, ArtifactInteraction
from flowline.db.repository import OrgRepository


class ArtifactRepository(OrgRepository[Artifact]):
    model = Artifact

    async def get_for_update(self, artifact_id: str) -> Artifact | None:
        stmt = self.select().where(Artifact.id == artifact_id).with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()

    def in_conversation(self, conversation_id: str) -> sa.Select[Artifact]:
        return self.select().where(Artifact.conversation_id == conversation_id)

    def for_contacts(self, contact_ids: list[str]) -> sa.Select[Artifact]:
        return self.select().where(Artifact.contact_id.in_(contact_ids))


class InteractionRepository(OrgRepository[ArtifactInteraction]):
    model = ArtifactInteraction

    async def count_for(self, artifact_id: str) -> int:
        stmt = sa.select(sa.func.count()).where(
            self.scoped(), ArtifactInteraction.artifact_id == artifact_id
        )
        return int((await self.session.execute(stmt)).scalar_one())
