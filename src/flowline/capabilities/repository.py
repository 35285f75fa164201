"""Message queries of the capabilities: searching an agent's conversations."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from flowline.db.models import Conversation, ConversationMessage
from flowline.db.repository import OrgRepository

SEARCHED_ROLES = ("user", "assistant")


class CapabilityRepository(OrgRepository[ConversationMessage]):
    model = ConversationMessage

    async def search(
        self, agent_id: str, terms: Sequence[str], limit: int
    ) -> Sequence[ConversationMessage]:
        """The agent's newest user and assistant messages holding any of ``terms``
        (case-insensitive)."""
        if not terms:
            return []
        stmt = (
            self.select()
            .join(Conversation, Conversation.id == ConversationMessage.conversation_id)
            .where(
                Conversation.org_id == self.org_id,
                Conversation.agent_id == agent_id,
                ConversationMessage.role.in_(SEARCHED_ROLES),
                sa.or_(
                    *(
                        ConversationMessage.content.ilike(f"%{_escaped(t)}%", escape="\\")
                        for t in terms
                    )
                ),
            )
            .order_by(ConversationMessage.created_at.desc(), ConversationMessage.id.desc())
            .limit(limit)
        )
        return (await self.session.execute(stmt)).scalars().all()

    async def last_of(self, conversation_id: str, count: int) -> Sequence[ConversationMessage]:
        """The conversation's last ``count`` messages, newest first."""
        stmt = (
            self.select()
            .where(ConversationMessage.conversation_id == conversation_id)
            .order_by(ConversationMessage.seq.desc())
            .limit(count)
        )
        return (await self.session.execute(stmt)).scalars().all()


def _escaped(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
