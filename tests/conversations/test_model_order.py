"""What a model is shown of a channel's conversation that others wrote into during a turn."""

from __future__ import annotations

from typing import Any

from flowline.conversations.model_order import for_model
from flowline.db.models import ConversationMessage


def _row(seq: int, role: str, content: str, **values: Any) -> ConversationMessage:
    return ConversationMessage(id=f"m{seq}", seq=seq, role=role, content=content, **values)


def _inbound(seq: int, content: str, turn_id: str | None = None) -> ConversationMessage:
    meta = {"direction": "in", "kind": "text"}
    return _row(seq, "user", content, turn_id=turn_id, meta=meta)


def _texts(rows: list[ConversationMessage]) -> list[str]:
    return [row.content for row in rows]


def test_a_message_landing_between_a_tool_call_and_its_result_follows_the_result() -> None:
    call = {"id": "c1", "name": "kv_set", "arguments": {}}
    rows = [
        _inbound(1, "set it", "run1"),
        _row(2, "assistant", "calling", turn_id="run1", tool_calls=[call]),
        _row(3, "assistant", "a flow's send", meta={"direction": "out"}),
        _row(4, "tool", "done", turn_id="run1", tool_call_id="c1"),
    ]
    assert _texts(for_model(rows)) == ["set it", "calling", "done", "a flow's send"]


def test_a_persons_message_during_the_turn_is_the_next_turns() -> None:
    call = {"id": "c1", "name": "kv_set", "arguments": {}}
    earlier = _inbound(1, "stored before any turn")
    rows = [
        earlier,
        _inbound(2, "set it", "run1"),
        _row(3, "assistant", "calling", turn_id="run1", tool_calls=[call]),
        _inbound(4, "are you there?"),
        _row(5, "tool", "done", turn_id="run1", tool_call_id="c1"),
    ]
    assert _texts(for_model(rows)) == ["stored before any turn", "set it", "calling", "done"]
    # The next turn took it (and it was moved after the answer): shown in its place.
    taken = [*rows[:3], rows[4], _row(6, "assistant", "set"), _inbound(7, "are you there?", "r2")]
    assert _texts(for_model(taken))[-2:] == ["set", "are you there?"]


def test_a_plain_chat_is_shown_as_it_is() -> None:
    rows = [_row(1, "user", "hi", turn_id="r1"), _row(2, "assistant", "hello", turn_id="r1")]
    assert for_model(rows) == rows
    assert for_model([]) == []
