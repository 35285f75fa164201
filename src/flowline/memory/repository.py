"""Memory queries, all scoped by organisation. A block's writes are single conditional
statements on ``version``, so two writers never both win."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.db.models import (
    Agent,
    Contact,
    Conversation,
    KnowledgeBase,
    KnowledgeChunk,
    KnowledgeDocument,
    MemoryArchive,
    MemoryBlock,
    Run,
    User,
)
from flowline.db.repository import OrgRepository


class BlockRepository(OrgRepository[MemoryBlock]):
    model = MemoryBlock

    def listing(self, agent_id: str | None, subject: str | None) -> sa.Select[MemoryBlock]:
        stmt = self.select()
        if agent_id is not None:
            stmt = stmt.where(MemoryBlock.agent_id == agent_id)
        if subject is not None:
            stmt = stmt.where(MemoryBlock.subject == subject)
        return stmt

    async def find(self, agent_id: str, subject: str, type_: str) -> MemoryBlock | None:
        stmt = self.select().where(
            MemoryBlock.agent_id == agent_id,
            MemoryBlock.subject == subject,
            MemoryBlock.type == type_,
        )
        result = await self.session.execute(stmt.execution_options(populate_existing=True))
        return result.scalar_one_or_none()

    async def of_subjects(self, agent_id: str, subjects: Sequence[str]) -> list[MemoryBlock]:
        """The agent's blocks of ``subjects`` (``""``: its own), by type."""
        stmt = (
            self.select()
            .where(MemoryBlock.agent_id == agent_id, MemoryBlock.subject.in_(list(subjects)))
            .order_by(MemoryBlock.type, MemoryBlock.subject)
        )
        return list((await self.session.execute(stmt)).scalars())

    async def insert_new(self, values: dict[str, Any]) -> MemoryBlock | None:
        """Insert the block unless one of its (agent, subject, type) exists (``None``)."""
        dialect = self.session.get_bind().dialect.name
        insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(MemoryBlock)
        stmt = (
            insert.values(org_id=self.org_id, **values)
            .on_conflict_do_nothing(index_elements=["agent_id", "subject", "type"])
            .returning(MemoryBlock)
        )
        result = await self.session.execute(
            sa.select(MemoryBlock).from_statement(stmt).execution_options(populate_existing=True)
        )
        return result.scalar_one_or_none()

    async def update_if(
        self, block_id: str, expected: int, values: dict[str, Any]
    ) -> MemoryBlock | None:
        """Write ``values`` and the next version if the block is at ``expected`` (else ``None``)."""
        stmt = (
            sa.update(MemoryBlock)
            .where(self.scoped(), MemoryBlock.id == block_id, MemoryBlock.version == expected)
            .values(version=expected + 1, **values)
            .returning(MemoryBlock)
        )
        result = await self.session.execute(
            sa.select(MemoryBlock).from_statement(stmt).execution_options(populate_existing=True)
        )
        return result.scalar_one_or_none()

    async def delete_if(self, block_id: str, expected: int | None) -> bool:
        stmt = sa.delete(MemoryBlock).where(self.scoped(), MemoryBlock.id == block_id)
        if expected is not None:
            stmt = stmt.where(MemoryBlock.version == expected)
        result = await self.session.execute(stmt)
        return bool(getattr(result, "rowcount", 0))

    async def agent_exists(self, agent_id: str) -> bool:
        stmt = sa.select(Agent.id).where(Agent.org_id == self.org_id, Agent.id == agent_id)
        return (await self.session.execute(stmt)).first() is not None

    async def person_exists(self, kind: str, person_id: str) -> bool:
        model: Any = User if kind == "user" else Contact
        stmt = sa.select(model.id).where(model.org_id == self.org_id, model.id == person_id)
        return (await self.session.execute(stmt)).first() is not None


class ArchiveRepository(OrgRepository[MemoryArchive]):
    model = MemoryArchive

    async def of_subjects(self, agent_id: str, subjects: Sequence[str]) -> list[MemoryArchive]:
        stmt = self.select().where(
            MemoryArchive.agent_id == agent_id, MemoryArchive.subject.in_(list(subjects))
        )
        return list((await self.session.execute(stmt)).scalars())

    async def with_kb(
        self, agent_id: str, subject: str
    ) -> tuple[MemoryArchive, KnowledgeBase] | None:
        """The archive of (agent, subject) and its knowledge base, in one query."""
        stmt = (
            sa.select(MemoryArchive, KnowledgeBase)
            .join(KnowledgeBase, KnowledgeBase.id == MemoryArchive.kb_id)
            .where(
                self.scoped(),
                MemoryArchive.agent_id == agent_id,
                MemoryArchive.subject == subject,
            )
        )
        row = (await self.session.execute(stmt)).first()
        return None if row is None else (row[0], row[1])

    async def of_agent(self, agent_id: str) -> list[MemoryArchive]:
        stmt = self.select().where(MemoryArchive.agent_id == agent_id)
        return list((await self.session.execute(stmt)).scalars())

    async def kb_ids_of_agents(self, agent_ids: Sequence[str]) -> list[str]:
        stmt = sa.select(MemoryArchive.kb_id).where(
            self.scoped(), MemoryArchive.agent_id.in_(list(agent_ids))
        )
        return list((await self.session.execute(stmt)).scalars())

    async def passage(self, passage_id: str) -> tuple[KnowledgeDocument, MemoryArchive] | None:
        stmt = (
            sa.select(KnowledgeDocument, MemoryArchive)
            .join(MemoryArchive, MemoryArchive.kb_id == KnowledgeDocument.kb_id)
            .where(self.scoped(), KnowledgeDocument.id == passage_id)
        )
        row = (await self.session.execute(stmt)).first()
        return None if row is None else (row[0], row[1])

    def passages(self, kb_ids: Sequence[str]) -> sa.Select[KnowledgeDocument, MemoryArchive]:
        """The passages (documents) of the archives, newest first."""
        return (
            sa.select(KnowledgeDocument, MemoryArchive)
            .join(MemoryArchive, MemoryArchive.kb_id == KnowledgeDocument.kb_id)
            .where(self.scoped(), KnowledgeDocument.kb_id.in_(list(kb_ids)))
            .order_by(KnowledgeDocument.id.desc())
        )

    async def forget_agents(self, agent_ids: Sequence[str]) -> None:
        """Delete the archival memory of these agents (before the agents themselves: the
        archives' knowledge bases do not go with them by a foreign key)."""
        await self.forget(await self.kb_ids_of_agents(agent_ids))

    async def forget(self, kb_ids: Sequence[str]) -> None:
        """Delete the archives' knowledge bases with their passages (the chunks first, as
        ``knowledge.service.delete_kb`` does, so SQLite's full-text triggers see them)."""
        if not kb_ids:
            return
        ids = list(kb_ids)
        await self.session.execute(
            sa.delete(KnowledgeChunk).where(
                KnowledgeChunk.org_id == self.org_id, KnowledgeChunk.kb_id.in_(ids)
            )
        )
        await self.session.execute(
            sa.delete(KnowledgeBase).where(
                KnowledgeBase.org_id == self.org_id,
                KnowledgeBase.kind == "archival",
                KnowledgeBase.id.in_(ids),
            )
        )


async def contact_of_run(session: AsyncSession, org_id: str, run_id: str) -> str | None:
    """The contact whose conversation the run (a chat turn) belongs to, if any."""
    stmt = (
        sa.select(Conversation.contact_id)
        .join(Run, Run.conversation_id == Conversation.id)
        .where(Run.org_id == org_id, Run.id == run_id)
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def contact_of_conversation(
    session: AsyncSession, org_id: str, conversation_id: str
) -> str | None:
    stmt = sa.select(Conversation.contact_id).where(
        Conversation.org_id == org_id, Conversation.id == conversation_id
    )
    return (await session.execute(stmt)).scalar_one_or_none()
