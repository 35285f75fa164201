"""Conversation and message queries, and the per-conversation chat lock."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from flowline.db.models import (
    Approval,
    ChannelMessage,
    Conversation,
    ConversationMessage,
    LlmUsage,
    Question,
    Run,
    RunEvent,
    Step,
)
from flowline.db.repository import OrgRepository


class ConversationRepository(OrgRepository[Conversation]):
    model = Conversation

    def listing(
        self,
        agent_id: str | None,
        *,
        channel_id: str | None = None,
        contact_id: str | None = None,
    ) -> sa.Select[Conversation]:
        stmt = self.select()
        if agent_id:
            stmt = stmt.where(Conversation.agent_id == agent_id)
        if channel_id:
            stmt = stmt.where(Conversation.channel_id == channel_id)
        if contact_id:
            stmt = stmt.where(Conversation.contact_id == contact_id)
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

    async def clear_stale_hold(self, conversation_id: str, prefix: str, before: datetime) -> None:
        """Free the conversation if a holder whose id starts with ``prefix`` took it
        before ``before`` (its process died: such holds are not runs, nobody else ends them)."""
        await self.session.execute(
            sa.update(Conversation)
            .where(
                self.scoped(),
                Conversation.id == conversation_id,
                Conversation.busy_turn_id.startswith(prefix, autoescape=True),
                Conversation.busy_since < before,
            )
            .values(busy_turn_id=None, busy_since=None)
        )

    async def count(self) -> int:
        stmt = sa.select(sa.func.count()).select_from(Conversation).where(self.scoped())
        return int((await self.session.execute(stmt)).scalar_one())

    def search(self, pattern: str) -> sa.Select[Conversation]:
        """Conversations whose title or a searchable message matches ``pattern``."""
        in_messages = (
            sa.select(ConversationMessage.id)
            .where(
                ConversationMessage.org_id == self.org_id,
                ConversationMessage.conversation_id == Conversation.id,
                searchable_match(pattern),
            )
            .exists()
        )
        return self.select().where(
            sa.or_(Conversation.title.ilike(pattern, escape=LIKE_ESCAPE), in_messages)
        )


class MessageRepository(OrgRepository[ConversationMessage]):
    model = ConversationMessage

    def of(self, conversation_id: str) -> sa.Select[ConversationMessage]:
        return self.select().where(ConversationMessage.conversation_id == conversation_id)

    async def all_of(self, conversation_id: str) -> Sequence[ConversationMessage]:
        stmt = self.of(conversation_id).order_by(ConversationMessage.seq)
        return (await self.session.execute(stmt)).scalars().all()

    async def latest_summary(self, conversation_id: str) -> ConversationMessage | None:
        stmt = (
            self.of(conversation_id)
            .where(ConversationMessage.kind == "summary")
            .order_by(ConversationMessage.seq.desc())
            .limit(1)
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def messages_after(self, conversation_id: str, seq: int) -> Sequence[ConversationMessage]:
        """The plain messages (no summaries) numbered above ``seq``, oldest first."""
        stmt = (
            self.of(conversation_id)
            .where(ConversationMessage.kind == "message", ConversationMessage.seq > seq)
            .order_by(ConversationMessage.seq)
        )
        return (await self.session.execute(stmt)).scalars().all()

    async def first_of(self, conversation_id: str, count: int) -> Sequence[ConversationMessage]:
        stmt = (
            self.of(conversation_id)
            .where(ConversationMessage.kind == "message")
            .order_by(ConversationMessage.seq)
            .limit(count)
        )
        return (await self.session.execute(stmt)).scalars().all()

    async def latest_matches(
        self, conversation_ids: Sequence[str], pattern: str
    ) -> dict[str, ConversationMessage]:
        """Per conversation, its newest searchable message whose text matches ``pattern``."""
        if not conversation_ids:
            return {}
        ranked = (
            sa.select(
                ConversationMessage.id,
                sa.func.row_number()
                .over(
                    partition_by=ConversationMessage.conversation_id,
                    order_by=ConversationMessage.seq.desc(),
                )
                .label("rank"),
            )
            .where(
                self.scoped(),
                ConversationMessage.conversation_id.in_(conversation_ids),
                searchable_match(pattern),
            )
            .subquery()
        )
        stmt = (
            self.select()
            .join(ranked, ranked.c.id == ConversationMessage.id)
            .where(ranked.c.rank == 1)
        )
        rows = (await self.session.execute(stmt)).scalars().all()
        return {row.conversation_id: row for row in rows}

    async def deliveries(self, rows: Sequence[ConversationMessage]) -> dict[str, dict[str, Any]]:
        """The current delivery of the channel messages ``rows`` are, by channel message id:
        read when shown rather than copied on every status callback."""
        ids = [row.channel_message_id for row in rows if row.channel_message_id]
        if not ids:
            return {}
        stmt = sa.select(
            ChannelMessage.id, ChannelMessage.status, ChannelMessage.status_at, ChannelMessage.error
        ).where(ChannelMessage.org_id == self.org_id, ChannelMessage.id.in_(ids))
        found = {}
        for id_, status, at, error in (await self.session.execute(stmt)).all():
            delivery = {"status": status, "status_at": at.isoformat() if at else None}
            if error:
                delivery["error"] = error
            found[str(id_)] = delivery
        return found

    async def link(self, message_id: str, channel_message_id: str, meta: dict[str, Any]) -> bool:
        """Mark a message written already (a turn's answer) as the channel message that
        carries it; whether it was found."""
        result = await self.session.execute(
            sa.update(ConversationMessage)
            .where(self.scoped(), ConversationMessage.id == message_id)
            .values(channel_message_id=channel_message_id, meta=meta)
        )
        return bool(getattr(result, "rowcount", 0))

    async def answer_of(self, conversation_id: str, turn_id: str) -> str | None:
        """The id of a turn's last answer (its last assistant message)."""
        stmt = (
            sa.select(ConversationMessage.id)
            .where(
                self.scoped(),
                ConversationMessage.conversation_id == conversation_id,
                ConversationMessage.turn_id == turn_id,
                ConversationMessage.role == "assistant",
            )
            .order_by(ConversationMessage.seq.desc())
            .limit(1)
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def of_channel_messages(self, ids: Sequence[str]) -> Sequence[ConversationMessage]:
        """The conversation messages of these channel messages, oldest first."""
        if not ids:
            return []
        stmt = self.select().where(ConversationMessage.channel_message_id.in_(ids))
        return (await self.session.execute(stmt.order_by(ConversationMessage.seq))).scalars().all()

    async def later_answer(self, conversation_id: str, seq: int) -> bool:
        """Whether anything but a person's message comes after message ``seq``."""
        stmt = (
            sa.select(ConversationMessage.id)
            .where(
                self.scoped(),
                ConversationMessage.conversation_id == conversation_id,
                ConversationMessage.seq > seq,
                ConversationMessage.role != "user",
            )
            .limit(1)
        )
        return (await self.session.execute(stmt)).first() is not None

    async def take_for_turn(
        self, rows: Sequence[ConversationMessage], turn_id: str, first_seq: int | None
    ) -> None:
        """Give ``rows`` to a turn; with ``first_seq``, renumber them from it (oldest
        first) so that they come after what was written while they waited."""
        for offset, row in enumerate(rows):
            values: dict[str, Any] = {"turn_id": turn_id}
            if first_seq is not None:
                values["seq"] = first_seq + offset
            await self.session.execute(
                sa.update(ConversationMessage)
                .where(self.scoped(), ConversationMessage.id == row.id)
                .values(**values)
            )


def _table(model: type[Any]) -> sa.Table:
    table = model.__table__
    assert isinstance(table, sa.Table)
    return table


def _param(name: str, column: sa.Column[Any] | None = None) -> Any:
    return sa.bindparam(name, type_=column.type if column is not None else None)


# Built once: a statement made afresh on every call costs more to key and cache than to run.
_CONVERSATIONS, _MESSAGES = _table(Conversation), _table(ConversationMessage)
_C = _CONVERSATIONS.c
_THIS = (_C.org_id == _param("p_org"), _C.id == _param("p_conv"))
_BUMP = (
    sa.update(_CONVERSATIONS)
    .where(*_THIS)
    .values(message_seq=_C.message_seq + 1, updated_at=_param("p_now", _C.updated_at))
)
APPENDED_COLUMNS = (
    "id",
    "role",
    "kind",
    "content",
    "channel_message_id",
    "metadata",
    "input_tokens",
    "output_tokens",
    "cost",
    "created_at",
)
_VALUES = {
    "org_id": _param("p_org"),
    "conversation_id": _param("p_conv"),
    **{name: _param(f"p_{name}", _MESSAGES.c[name]) for name in APPENDED_COLUMNS},
}
_RESERVED = _BUMP.returning(_C.message_seq).cte("reserved")
_APPEND_WITH = (
    sa.insert(_MESSAGES)
    .values(**_VALUES, seq=sa.select(_RESERVED.c.message_seq).scalar_subquery())
    .add_cte(_RESERVED)
)
_APPEND_AFTER = sa.insert(_MESSAGES).values(
    **_VALUES, seq=sa.select(_C.message_seq).where(*_THIS).scalar_subquery()
)


def append_statements(
    dialect: str, org_id: str, conversation_id: str, row: dict[str, Any], now: datetime
) -> list[tuple[sa.Executable, dict[str, Any]]]:
    """Append one message (``row``: the values of :data:`APPENDED_COLUMNS`) to a
    conversation: number it from the conversation's counter and insert it. Answers the
    statements and their parameters, to run in order.

    PostgreSQL: one statement (the counter's ``UPDATE … RETURNING`` in a ``WITH``, read by
    the ``INSERT``), so one round trip. SQLite, which has no data-modifying ``WITH``: the
    ``UPDATE``, then the ``INSERT`` reading the counter (in-process, no round trip).
    """
    params = {"p_org": org_id, "p_conv": conversation_id, "p_now": now}
    params.update({f"p_{name}": row[name] for name in APPENDED_COLUMNS})
    if dialect == "postgresql":
        return [(_APPEND_WITH, params)]
    return [(_BUMP, params), (_APPEND_AFTER, params)]


class ConversationRunRepository(OrgRepository[Run]):
    """A conversation's chat turns (runs of kind ``agent``) and what they recorded."""

    model = Run

    def of(self, conversation_id: str) -> sa.Select[Run]:
        return self.select().where(Run.kind == "agent", Run.conversation_id == conversation_id)

    async def ids_of(self, conversation_id: str) -> list[str]:
        stmt = sa.select(Run.id).where(
            self.scoped(), Run.kind == "agent", Run.conversation_id == conversation_id
        )
        return list((await self.session.execute(stmt)).scalars().all())

    async def usage_by_run(self, run_ids: Sequence[str]) -> dict[str, tuple[int, int, int, float]]:
        """Model calls, input and output tokens and cost, per run."""
        if not run_ids:
            return {}
        stmt = (
            sa.select(
                LlmUsage.turn_id,
                sa.func.count(),
                sa.func.coalesce(sa.func.sum(LlmUsage.input_tokens), 0),
                sa.func.coalesce(sa.func.sum(LlmUsage.output_tokens), 0),
                sa.func.coalesce(sa.func.sum(LlmUsage.cost), 0.0),
            )
            .where(LlmUsage.org_id == self.org_id, LlmUsage.turn_id.in_(run_ids))
            .group_by(LlmUsage.turn_id)
        )
        rows = (await self.session.execute(stmt)).all()
        return {str(r[0]): (int(r[1]), int(r[2]), int(r[3]), float(r[4])) for r in rows}

    async def tool_steps(self, run_ids: Sequence[str]) -> Sequence[Step]:
        if not run_ids:
            return []
        stmt = (
            sa.select(Step)
            .where(Step.org_id == self.org_id, Step.run_id.in_(run_ids), Step.node_type == "tool")
            .order_by(Step.started_at, Step.id)
        )
        return (await self.session.execute(stmt)).scalars().all()

    async def tool_approvals(self, run_ids: Sequence[str]) -> Sequence[Approval]:
        if not run_ids:
            return []
        stmt = (
            sa.select(Approval)
            .where(
                Approval.org_id == self.org_id,
                Approval.kind == "tool",
                Approval.run_id.in_(run_ids),
            )
            .order_by(Approval.created_at, Approval.id)
        )
        return (await self.session.execute(stmt)).scalars().all()

    async def questions(self, run_ids: Sequence[str]) -> Sequence[Question]:
        if not run_ids:
            return []
        stmt = (
            sa.select(Question)
            .where(Question.org_id == self.org_id, Question.run_id.in_(run_ids))
            .order_by(Question.created_at, Question.id)
        )
        return (await self.session.execute(stmt)).scalars().all()


class ConversationEventRepository(OrgRepository[RunEvent]):
    """The events of a conversation's runs, as one sequence.

    ``run_events.id`` grows with every event stored; one conversation's runs
    never write at the same time (its lock), so its events' ids follow the
    order in which they were committed.
    """

    model = RunEvent

    def of(self, conversation_id: str, after_id: int) -> sa.Select[RunEvent]:
        return (
            self.select()
            .join(Run, Run.id == RunEvent.run_id)
            .where(
                Run.org_id == self.org_id,
                Run.kind == "agent",
                Run.conversation_id == conversation_id,
                RunEvent.id > after_id,
            )
        )

    async def after(self, conversation_id: str, after_id: int, limit: int) -> Sequence[RunEvent]:
        stmt = self.of(conversation_id, after_id).order_by(RunEvent.id).limit(limit)
        return (await self.session.execute(stmt)).scalars().all()


LIKE_ESCAPE = "\\"


def like_pattern(text: str) -> str:
    """``%text%`` with ``%``, ``_`` and the escape character itself taken literally."""
    escaped = (text.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2).replace("%", LIKE_ESCAPE + "%")).replace(
        "_", LIKE_ESCAPE + "_"
    )
    return f"%{escaped}%"


def searchable_match(pattern: str) -> sa.ColumnElement[bool]:
    """A message search looks in: what people and models wrote, not tool results or summaries."""
    return sa.and_(
        ConversationMessage.kind == "message",
        ConversationMessage.role != "tool",
        ConversationMessage.content.ilike(pattern, escape=LIKE_ESCAPE),
    )
