"""What a turn answers: the chat's metadata and history items, a flow step's output."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from flowline.agents.schemas import ChatMetadata, ChatUsage, HistoryItem
from flowline.agents.turn_store.pending import Totals
from flowline.db.models import ConversationMessage
from flowline.knowledge.tool import citations_of

if TYPE_CHECKING:
    from flowline.agents.chat import Turn


def history_item(row: ConversationMessage) -> HistoryItem:
    return HistoryItem(
        role=row.role,
        content=row.content,
        name=row.name,
        tool_call_id=row.tool_call_id,
        tool_calls=row.tool_calls,
    )


def flow_answer(turn: Turn, metadata: ChatMetadata, text: str) -> dict[str, Any]:
    """What a flow's ``agent`` step outputs for the turn it ran."""
    return {
        "text": text,
        "thread_id": turn.conversation_id,
        "run_id": turn.id,
        "model": turn.model,
        "usage": metadata.usage.model_dump(mode="json"),
        "cost": metadata.cost,
        "finish_reason": metadata.finish_reason,
        "tool_calls": len(metadata.tool_calls),
    }


def metadata_of(turn: Turn, totals: Totals, finish: str, now: datetime) -> ChatMetadata:
    return ChatMetadata(
        model=turn.model,
        timestamp=now,
        tool_calls=list(totals.tool_calls),
        execution_time_ms=int((now - turn.started_at).total_seconds() * 1000),
        usage=ChatUsage(input_tokens=totals.input_tokens, output_tokens=totals.output_tokens),
        used_credits=totals.cost,
        cost=totals.cost,
        steps=totals.model_calls,
        finish_reason=finish,
        run_id=turn.id,
        citations=citations_of((call.tool, call.result) for call in totals.tool_calls),
    )
