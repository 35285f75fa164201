"""The contact's conversation holds every message on the channel, each exactly once.

Each contact has one conversation per channel (``contacts.conversation_id``). Every
channel message is written into it as a conversation message when the channel
message itself is written, in the same transaction:

- inbound (role ``user``): when it is stored (``inbound.store_messages`` on the hot
  path, ``inbound.store`` for the sandbox), whatever routes it later: a waiting run,
  a flow, the agent, or nobody; a provider's retry stores nothing, so writes nothing;
- outbound (role ``assistant``): when ``sending.send`` accepts it (the API, templates,
  ``waba``, ``send_*`` nodes, approval requests and their answers), except an agent
  turn's answer: the turn wrote it already, and the send only links that message to
  the channel message (``channel_message_id``), so it is there once.

A conversation message keeps ``channel_message_id`` (unique: a second write of one
channel message fails rather than duplicating it) and ``metadata``: the channel, the
direction, the channel message's ``type``, a ``kind`` (``text``, ``template``,
``buttons``, ``button_reply``, ``media``, ``reaction``) and a template's name and
language. Its delivery status is not copied: the conversations API reads it from
the channel message with the page (one query per page, where copying would cost a
write on every status callback).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.conversations.repository import (
    ConversationRepository,
    MessageRepository,
    append_statements,
)
from flowline.db.models import ChannelMessage
from flowline.ids import new_id

MAX_TEXT = 4096
"""Characters of a message's text kept in the conversation (what an agent is shown);
the whole body stays on the channel message."""


def content_of(type: str, body: Mapping[str, Any]) -> str:
    """A channel message as text: what a person reading the thread, or an agent, sees."""
    if type == "template":
        return _template_note(body)
    text = body.get("text")
    if isinstance(text, str) and text.strip():
        buttons = [b.get("title") for b in body.get("buttons") or [] if isinstance(b, dict)]
        if buttons:
            text += f" [buttons: {' | '.join(str(b) for b in buttons)}]"
        return text[:MAX_TEXT]
    caption = body.get("caption")
    label = str(body.get("media_type") or type)
    if isinstance(caption, str) and caption.strip():
        return f"[{label}] {caption}"[:MAX_TEXT]
    if type == "reaction" and body.get("emoji"):
        return f"[reaction {body['emoji']}]"
    return f"[{label} message]"


def _template_note(body: Mapping[str, Any]) -> str:
    values = [
        str(p.get("text"))
        for component in body.get("components") or []
        if isinstance(component, dict)
        for p in component.get("parameters") or []
        if isinstance(p, dict) and p.get("type") == "text"
    ]
    language = body.get("language")
    if isinstance(language, dict):
        language = language.get("code")
    note = f"[template {body.get('template')!r} ({language}) sent"
    if values:
        note += f" with {', '.join(values)}"
    return note + "]"


def kind_of(type: str, direction: str, body: Mapping[str, Any]) -> str:
    if type == "interactive":
        return "button_reply" if direction == "in" else "buttons"
    return type


def meta_of(channel_id: str, direction: str, type: str, body: Mapping[str, Any]) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "channel_id": channel_id,
        "direction": direction,
        "type": type,
        "kind": kind_of(type, direction, body),
    }
    if type == "template":
        meta["template"] = body.get("template")
        meta["language"] = body.get("language")
    return meta


def row_of(message: ChannelMessage, now: datetime) -> dict[str, Any]:
    """The conversation message's columns (but its number) for a channel message."""
    body = message.body or {}
    return {
        "id": new_id("msg"),
        "role": "user" if message.direction == "in" else "assistant",
        "kind": "message",
        "content": content_of(message.type, body),
        "channel_message_id": message.id,
        "metadata": meta_of(message.channel_id, message.direction, message.type, body),
        "input_tokens": 0,
        "output_tokens": 0,
        "cost": 0.0,
        "created_at": now,
    }


def append_on(conn: sa.Connection, org_id: str, message: ChannelMessage, now: datetime) -> None:
    """Write ``message`` into its conversation on a plain connection (the inbound hot path)."""
    if message.conversation_id is None:
        return  # the conversation was deleted: nothing to keep it in
    row = row_of(message, now)
    for stmt, params in append_statements(
        conn.dialect.name, org_id, message.conversation_id, row, now
    ):
        conn.execute(stmt, params)


async def append(session: AsyncSession, message: ChannelMessage, now: datetime) -> None:
    """Write ``message`` into its conversation, in the caller's transaction."""
    if message.conversation_id is None:
        return
    dialect = (await session.connection()).dialect.name
    row = row_of(message, now)
    statements = append_statements(dialect, message.org_id, message.conversation_id, row, now)
    for stmt, params in statements:
        await session.execute(stmt, params)


async def link_answer(session: AsyncSession, message: ChannelMessage, answer_id: str) -> None:
    """The turn's answer ``answer_id`` is what ``message`` sends: mark it, write nothing."""
    body = message.body or {}
    meta = meta_of(message.channel_id, message.direction, message.type, body)
    if not await MessageRepository(session, message.org_id).link(answer_id, message.id, meta):
        await append(session, message, message.created_at)  # the answer is gone: keep the send


async def take_for_turn(
    session: AsyncSession,
    org_id: str,
    conversation_id: str,
    messages: Sequence[ChannelMessage],
    turn_id: str,
) -> set[str]:
    """Hand the conversation messages of ``messages`` (a person's, waiting for the agent)
    to the turn ``turn_id``; answers the ids of the channel messages found. Those that
    waited while an earlier turn answered are moved after that answer (renumbered in
    order), as the turn that answers them reads them."""
    repo = MessageRepository(session, org_id)
    rows = await repo.of_channel_messages([m.id for m in messages])
    if not rows:
        return set()
    first_seq = None
    if await repo.later_answer(conversation_id, rows[0].seq):
        first_seq = await ConversationRepository(session, org_id).reserve_seqs(
            conversation_id, len(rows)
        )
    await repo.take_for_turn(rows, turn_id, first_seq)
    return {str(row.channel_message_id) for row in rows}
