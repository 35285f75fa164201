"""The timeline's queries: per kind, the newest ``limit`` rows for a set of contacts.

Each returns plain rows already shaped as timeline items; the service merges them.
All are scoped to the organisation.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.db.models import (
    Approval,
    Artifact,
    Channel,
    ChannelMessage,
    Contact,
    Conversation,
    ConversationMessage,
    Run,
)

Source = tuple[Any, Any]
"""A kind's statement and the column it is ordered by."""


class ActivityRepository:
    def __init__(self, session: AsyncSession, org_id: str) -> None:
        self.session = session
        self.org_id = org_id

    async def contacts(self, contact_id: str | None, account: str | None) -> dict[str, str | None]:
        """The contacts asked for, with their conversation ids."""
        stmt = sa.select(Contact.id, Contact.conversation_id).where(Contact.org_id == self.org_id)
        if contact_id is not None:
            stmt = stmt.where(Contact.id == contact_id)
        else:
            domain = "@" + (account or "").lower()
            by_domain = sa.func.lower(Contact.address).endswith(domain, autoescape=True)
            by_meta = Contact.meta["account"].as_string() == account
            stmt = stmt.where(sa.or_(by_domain, by_meta))
        rows = (await self.session.execute(stmt.limit(1000))).all()
        return {row.id: row.conversation_id for row in rows}

    async def _rows(self, stmt: sa.Select[Any], at: Any, limit: int) -> Sequence[Any]:
        return list((await self.session.execute(stmt.order_by(at.desc()).limit(limit))).all())

    async def _count(self, stmt: sa.Select[Any]) -> int:
        counted = sa.select(sa.func.count()).select_from(stmt.order_by(None).subquery())
        return int((await self.session.execute(counted)).scalar_one())

    def conversations(self, ids: list[str]) -> Source:
        stmt = sa.select(
            Conversation.id, Conversation.created_at, Conversation.title, Conversation.contact_id
        ).where(Conversation.org_id == self.org_id, Conversation.id.in_(ids))
        return stmt, Conversation.created_at

    def messages(self, ids: list[str]) -> Source:
        stmt = sa.select(
            ConversationMessage.id,
            ConversationMessage.created_at,
            ConversationMessage.role,
            sa.func.substr(ConversationMessage.content, 1, 200).label("content"),
            ConversationMessage.conversation_id,
        ).where(
            ConversationMessage.org_id == self.org_id,
            ConversationMessage.conversation_id.in_(ids),
        )
        return stmt, ConversationMessage.created_at

    def emails(self, contact_ids: list[str]) -> Source:
        email_channels = sa.select(Channel.id).where(
            Channel.org_id == self.org_id, Channel.kind == "email"
        )
        stmt = sa.select(
            ChannelMessage.id,
            ChannelMessage.created_at,
            ChannelMessage.direction,
            ChannelMessage.status,
            ChannelMessage.body,
            ChannelMessage.contact_id,
            ChannelMessage.conversation_id,
        ).where(
            ChannelMessage.org_id == self.org_id,
            ChannelMessage.contact_id.in_(contact_ids),
            ChannelMessage.channel_id.in_(email_channels),
        )
        return stmt, ChannelMessage.created_at

    def runs(self, ids: list[str]) -> Source:
        stmt = sa.select(Run.id, Run.created_at, Run.status, Run.conversation_id).where(
            Run.org_id == self.org_id, Run.conversation_id.in_(ids)
        )
        return stmt, Run.created_at

    def approvals(self, ids: list[str]) -> Source:
        runs = sa.select(Run.id).where(Run.org_id == self.org_id, Run.conversation_id.in_(ids))
        stmt = sa.select(
            Approval.id, Approval.created_at, Approval.status, Approval.title, Approval.run_id
        ).where(Approval.org_id == self.org_id, Approval.run_id.in_(runs))
        return stmt, Approval.created_at

    def artifacts(self, contact_ids: list[str], ids: list[str]) -> Source:
        stmt = sa.select(
            Artifact.id,
            Artifact.created_at,
            Artifact.type,
            Artifact.state,
            Artifact.title,
            Artifact.conversation_id,
            Artifact.contact_id,
        ).where(
            Artifact.org_id == self.org_id,
            sa.or_(Artifact.contact_id.in_(contact_ids), Artifact.conversation_id.in_(ids)),
        )
        return stmt, Artifact.created_at

    async def newest(self, made: Source, limit: int) -> tuple[int, Sequence[Any]]:
        stmt, at = made
        return await self._count(stmt), await self._rows(stmt, at, limit)
