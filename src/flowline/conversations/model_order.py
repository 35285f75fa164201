"""What a model call is shown of a thread that others write into while a turn runs.

A channel's conversation takes every message as it happens (``channels/
conversation_log.py``): a person's message, or a flow's send, can land while an
agent turn holds the conversation, even between an answer that called tools and
those tools' results (a tool approval can wait for hours). Models refuse a thread
where anything comes between a tool call and its result, and a turn should not
answer a message that is the next turn's. So, for the model only (the stored order
stays the order things happened):

- a person's channel message that came after the current turn began and that no
  turn has taken (``turn_id`` unset) is left out: the conversation's next turn takes
  it (``agent_turns``);
- any other message that landed inside a tool-call block is shown right after the
  block's results.
"""

from __future__ import annotations

from collections.abc import Sequence

from flowline.db.models import ConversationMessage


def for_model(rows: Sequence[ConversationMessage]) -> list[ConversationMessage]:
    """``rows`` (oldest first, as ``model_messages`` reads them) as the model is shown them."""
    return _calls_with_results(_without_later_arrivals(rows))


def _without_later_arrivals(rows: Sequence[ConversationMessage]) -> list[ConversationMessage]:
    current = next((row.turn_id for row in reversed(rows) if row.turn_id), None)
    if current is None:
        return list(rows)
    began = next(i for i, row in enumerate(rows) if row.turn_id == current)
    return [*rows[:began], *(row for row in rows[began:] if not _waiting(row))]


def _waiting(row: ConversationMessage) -> bool:
    """A person's channel message no turn has taken."""
    meta = row.meta or {}
    return row.turn_id is None and meta.get("direction") == "in"


def _calls_with_results(rows: Sequence[ConversationMessage]) -> list[ConversationMessage]:
    shown: list[ConversationMessage] = []
    deferred: list[ConversationMessage] = []
    open_calls: set[str] = set()
    for row in rows:
        if open_calls and row.role == "tool":
            shown.append(row)
            open_calls.discard(str(row.tool_call_id))
            if not open_calls:
                shown += deferred
                deferred = []
        elif open_calls:
            deferred.append(row)
        else:
            shown.append(row)
            if row.role == "assistant" and row.tool_calls:
                open_calls = {str(call.get("id")) for call in row.tool_calls}
    return shown + deferred
