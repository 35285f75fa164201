"""Conversation and message queries, and the per-conversation chat lock."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa

from flowline.db.models import Conversation, ConversationMessage
from flowline.db.repository import OrgRepository


class ConversationRepository(OrgRepository[Conversation]):
    model = Conversation

    def listing(self, agent_id: str | None) -> sa.Select[Conversation]:
        stmt = self.select()
        if agent_id:
            stmt = stmt.where(Conversation.agent_id == agent_id)
        return stmt

    async def take_lock(self, conversation_id: str, turn_id: str, now: datetime) -> bool:
        """Mark the conversation busy with ``turn_id``, if no turn holds it.

        One conditional ``UPDATE``: of two callers at once exactly one changes the
        row. The lock lasts as long as the turn's run (waiting included); whoever
        ends the run releases it: its driver, the worker that took it over after a
        crash, or a cancellation.
        """
        stmt = (
            sa.update(Conversation)
            .where(
                self.scoped(),
                Conversation.id == conversation_id,
                Conversation.busy_turn_id.is_(None),
            )
            .values(busy_turn_id=turn_id, busy_since=now)
        )
        result = await self.session.execute(stmt)
        return bool(getattr(result, "rowcount", 0))

    async def release_lock(self, conversation_id: str, turn_id: str, now: datetime) -> None:
        await self.session.execute(
            sa.update(Conversation)
            .where(
                self.scoped(),
                Conversation.id == conversation_id,
                Conversation.busy_turn_id == turn_id,
            )
            .values(busy_turn_id=None, busy_since=None, updated_at=now)
        )

    async def reserve_seqs(self, conversation_id: str, count: int) -> int:
        """Reserve ``count`` message numbers; returns the first."""
        stmt = (
            sa.update(Conversation)
            .where(self.scoped(), Conversation.id == conversation_id)
            .values(message_seq=Conversation.message_seq + count)
            .returning(Conversation.message_seq)
        )
        last = (await self.session.execute(stmt)).scalar_one()
        return int(last) - count + 1

    async def count(self) -> int:
        stmt = sa.select(sa.func.count()).select_from(Conversation).where(self.scoped())
        return int((await self.session.execute(stmt)).scalar_one())


class MessageRepository(OrgRepository[ConversationMessage]):
    model = ConversationMessage

    def of(self, conversation_id: str) -> sa.Select[ConversationMessage]:
        return self.select().where(ConversationMessage.conversation_id == conversation_id)

    async def all_of(self, conversation_id: str) -> Sequence[ConversationMessage]:
        stmt = self.of(conversation_id).order_by(ConversationMessage.seq)
        return (await self.session.execute(stmt)).scalars().all()
