"""Compaction: older messages replaced, for the model, by one summary it wrote.

A summary is a ``system`` message of kind ``summary`` that stands for messages
``summary_from_seq`` to ``summary_to_seq``. Those stay in the conversation (the
messages list, search and timeline show them) but the model sees only the
latest summary and the messages after its range: :func:`model_messages`. A
later compaction summarises the earlier summary together with the messages
after it, so one summary always covers everything from the start.

The cut never separates an assistant message that called tools from the tool
results answering it: when the first message to keep would be a tool result,
the cut moves back to keep its call too.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

import orjson
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.auth.principal import Principal
from flowline.conversations.model_calls import (
    Answer,
    Subject,
    ask,
    record_spent,
    record_usage,
    subject,
    transcript,
    usage_read,
)
from flowline.conversations.repository import ConversationRepository, MessageRepository
from flowline.conversations.schemas import CompressionRead, MessageRead
from flowline.conversations.service import busy, get_conversation
from flowline.db.models import ConversationMessage
from flowline.db.types import utcnow
from flowline.ids import new_id
from flowline.llm.errors import ProviderError
from flowline.llm.pricing import ModelInfo
from flowline.runtime import Runtime

DEFAULT_KEEP_RECENT = 6
OVERFLOW_SHARE = 0.8
"""Compact automatically once the model's input would pass this share of its window."""
KEPT_SHARE = 0.4
"""An automatic compaction keeps (up to ``DEFAULT_KEEP_RECENT``) the newest messages that
fit in this share of the window, and always the newest one."""
CHARS_PER_TOKEN = 4
MESSAGE_OVERHEAD_TOKENS = 4
PER_MESSAGE_CHARS = 4_000
SUMMARY_INPUT_SHARE = 0.5
"""At most this share of the model's window goes into the summariser's transcript."""
DEFAULT_SUMMARY_INPUT_CHARS = 200_000
HOLD_PREFIX = "cmp"
STALE_HOLD = timedelta(minutes=10)
"""A compaction holds the conversation's lock for one model call: at most 3 attempts of
120 s with their waits, under 9 minutes. One held longer died with its process; the
next chat or compaction on the thread frees it."""

SUMMARY_PROMPT = (
    "You compress the history of a conversation between a user and an AI assistant so "
    "that the assistant can go on without the full text. Write a concise summary of the "
    "transcript below. Keep every fact, decision, name, number, identifier, open question "
    "and tool result the assistant may need later; leave out greetings and repetition. "
    "Write in the language of the conversation. Answer with the summary only."
)


@dataclass(frozen=True, slots=True)
class Plan:
    """What a compaction would do: summarise ``old`` (after ``previous``), keep ``kept``."""

    previous: ConversationMessage | None
    old: Sequence[ConversationMessage]
    kept: Sequence[ConversationMessage]

    @property
    def first_seq(self) -> int:
        if self.previous is not None and self.previous.summary_from_seq is not None:
            return self.previous.summary_from_seq
        return self.old[0].seq

    @property
    def last_seq(self) -> int:
        return self.old[-1].seq


async def model_messages(
    session: AsyncSession, org_id: str, conversation_id: str
) -> list[ConversationMessage]:
    """What the model should see: the latest summary (if any) and the messages after it."""
    repo = MessageRepository(session, org_id)
    summary = await repo.latest_summary(conversation_id)
    after = (summary.summary_to_seq or 0) if summary is not None else 0
    rows = list(await repo.messages_after(conversation_id, after))
    return [summary, *rows] if summary is not None else rows


def estimate_tokens(rows: Sequence[ConversationMessage], instructions: str = "") -> int:
    """A rough count (characters / 4) of what the model would be sent."""
    chars = len(instructions)
    for row in rows:
        chars += len(row.content)
        if row.tool_calls:
            chars += len(orjson.dumps(row.tool_calls, default=str))
    return chars // CHARS_PER_TOKEN + MESSAGE_OVERHEAD_TOKENS * (len(rows) + 1)


def fitting(seen: Sequence[ConversationMessage], budget: float) -> int:
    """How many of the newest messages to keep: at most ``DEFAULT_KEEP_RECENT``, within
    ``budget`` tokens, at least one."""
    rows = [row for row in seen if row.kind == "message"]
    keep = 1
    while keep < min(len(rows), DEFAULT_KEEP_RECENT):
        if estimate_tokens(rows[-(keep + 1) :]) > budget:
            break
        keep += 1
    return keep


def cut_index(rows: Sequence[ConversationMessage], keep_recent: int) -> int:
    """Where the kept messages begin: 0 means there is nothing to summarise."""
    cut = max(len(rows) - keep_recent, 0)
    while 0 < cut < len(rows) and rows[cut].role == "tool":
        cut -= 1
    return cut


def plan(seen: Sequence[ConversationMessage], keep_recent: int) -> Plan | None:
    """The compaction of ``seen`` (from :func:`model_messages`), or ``None`` if too little."""
    previous = seen[0] if seen and seen[0].kind == "summary" else None
    rows = seen[1:] if previous is not None else seen
    cut = cut_index(rows, keep_recent)
    if cut == 0:
        return None
    return Plan(previous, rows[:cut], rows[cut:])


def _summary_input(step: Plan, info: ModelInfo) -> str:
    window = info.context_window
    total = (
        int(window * CHARS_PER_TOKEN * SUMMARY_INPUT_SHARE)
        if window
        else DEFAULT_SUMMARY_INPUT_CHARS
    )
    body = transcript(step.old, per_message=PER_MESSAGE_CHARS, total=total)
    if step.previous is not None:
        return f"{step.previous.content}\n\nThen:\n{body}"
    return body


def summary_text(step: Plan, summary: str) -> str:
    head = f"Summary of messages {step.first_seq} to {step.last_seq} of this conversation:"
    return f"{head}\n\n{summary}"


async def _summarise(runtime: Runtime, principal: Principal, who: Subject, step: Plan) -> Answer:
    answer = await ask(who, SUMMARY_PROMPT, _summary_input(step, who.info))
    if not answer.text.strip():
        await record_spent(runtime, principal, who, answer)
        raise ProviderError("The model answered with an empty summary; nothing was compacted.")
    return answer


async def _store(
    runtime: Runtime, principal: Principal, who: Subject, step: Plan, answer: Answer
) -> ConversationMessage:
    org_id = principal.org_id
    conversation_id = who.conversation.id
    async with runtime.db.session(write=True) as session:
        seq = await ConversationRepository(session, org_id).reserve_seqs(conversation_id, 1)
        row = MessageRepository(session, org_id).add(
            ConversationMessage(
                id=new_id("msg"),
                conversation_id=conversation_id,
                seq=seq,
                role="system",
                kind="summary",
                summary_from_seq=step.first_seq,
                summary_to_seq=step.last_seq,
                content=summary_text(step, answer.text.strip()),
                model=who.model,
                input_tokens=answer.usage.input_tokens,
                output_tokens=answer.usage.output_tokens,
                cost=answer.cost,
                duration_ms=answer.duration_ms,
                created_at=utcnow(),
            )
        )
        await record_usage(session, principal, who, answer)
        await session.flush()
    return row


async def _lock(runtime: Runtime, principal: Principal, conversation_id: str) -> str:
    """Hold the conversation as a chat turn does, so nothing is added meanwhile."""
    holder = new_id(HOLD_PREFIX)
    async with runtime.db.session(write=True) as session:
        await get_conversation(session, principal, conversation_id)
        now = utcnow()
        repo = ConversationRepository(session, principal.org_id)
        await repo.clear_stale_hold(conversation_id, f"{HOLD_PREFIX}_", now - STALE_HOLD)
        if not await repo.take_lock(conversation_id, holder, now):
            raise busy(conversation_id)
    return holder


async def _unlock(
    runtime: Runtime, principal: Principal, conversation_id: str, holder: str
) -> None:
    async with runtime.db.session(write=True) as session:
        repo = ConversationRepository(session, principal.org_id)
        await repo.release_lock(conversation_id, holder, utcnow())


async def compact(
    runtime: Runtime,
    principal: Principal,
    conversation_id: str,
    keep_recent: int = DEFAULT_KEEP_RECENT,
    *,
    agent_id: str | None = None,
    model: str | None = None,
    locked: bool = False,
) -> CompressionRead:
    """Summarise all but the ``keep_recent`` newest messages the model sees.

    ``locked``: the caller (a chat turn) already holds the conversation; otherwise
    it is held for the duration, and a running turn makes this ``409
    CONVERSATION_BUSY``.
    """
    holder = None if locked else await _lock(runtime, principal, conversation_id)
    try:
        async with runtime.db.session() as session:
            who = await subject(
                session, runtime, principal, conversation_id, agent_id=agent_id, model=model
            )
            seen = await model_messages(session, principal.org_id, conversation_id)
        step = plan(seen, keep_recent)
        if step is None:
            kept = len(seen) - (1 if seen and seen[0].kind == "summary" else 0)
            return CompressionRead(
                compacted=False, summary=None, summarised=0, kept=kept, usage=None
            )
        answer = await _summarise(runtime, principal, who, step)
        row = await _store(runtime, principal, who, step, answer)
    finally:
        if holder is not None:
            await asyncio.shield(_unlock(runtime, principal, conversation_id, holder))
    summarised = len(step.old) + (1 if step.previous is not None else 0)
    return CompressionRead(
        compacted=True,
        summary=MessageRead.model_validate(row),
        summarised=summarised,
        kept=len(step.kept),
        usage=usage_read(who, answer),
    )


async def compact_if_needed(
    runtime: Runtime,
    principal: Principal,
    conversation_id: str,
    model_info: ModelInfo,
    context_window: int | None = None,
) -> bool:
    """For the chat loop (which holds the conversation): compact when what the model
    would be sent passes 80% of its context window. Whether it compacted.

    ``context_window`` overrides ``model_info.context_window``; with neither known,
    nothing is done.
    """
    window = context_window or model_info.context_window
    if not window:
        return False
    async with runtime.db.session() as session:
        who = await subject(session, runtime, principal, conversation_id, model=model_info.id)
        seen = await model_messages(session, principal.org_id, conversation_id)
    if estimate_tokens(seen, who.instructions) <= window * OVERFLOW_SHARE:
        return False
    keep = fitting(seen, window * KEPT_SHARE)
    result = await compact(
        runtime, principal, conversation_id, keep, model=model_info.id, locked=True
    )
    return result.compacted
