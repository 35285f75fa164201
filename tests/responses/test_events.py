"""``Telling``: a turn's events told as the Responses API's, a pure function of them."""

from __future__ import annotations

from typing import Any

from flowline.responses.events import Head, Telling

HEAD = Head(id="resp_1", run_id="run_ABC", created_at=1_800_000_000, model="agt_1")


def _tell(*events: tuple[str, dict[str, Any]]) -> tuple[Telling, list[dict[str, Any]]]:
    telling = Telling(HEAD)
    told = telling.opening()
    for seq, (type_, data) in enumerate(events, start=2):
        told += telling.feed(type_, seq, data)
    return telling, told


def _types(told: list[dict[str, Any]]) -> list[str]:
    return [t["type"] for t in told]


def test_a_failure_mid_message_closes_it_and_fails_the_response() -> None:
    telling, told = _tell(
        ("run.started", {}),
        ("message.delta", {"text": "Hal"}),
        ("error", {"error": "PROVIDER_ERROR", "message": "The model provider failed."}),
        ("run.failed", {"error": {"error": "PROVIDER_ERROR", "message": "x"}}),
        ("message.delta", {"text": "never told"}),
    )
    assert _types(told) == [
        "response.created",
        "response.in_progress",
        "response.output_item.added",
        "response.content_part.added",
        "response.output_text.delta",
        "response.output_text.done",
        "response.content_part.done",
        "response.output_item.done",
        "error",
        "response.failed",
    ]
    assert [t["sequence_number"] for t in told] == list(range(len(told)))
    assert told[-2]["code"] == "provider_error"
    failed = told[-1]["response"]
    assert failed["status"] == "failed"
    assert failed["error"] == {"code": "provider_error", "message": "The model provider failed."}
    assert failed["output"][0]["content"][0]["text"] == "Hal"
    assert failed["output"][0]["status"] == "completed"
    assert telling.ended


def test_a_cancelled_run_is_a_cancelled_response() -> None:
    telling, told = _tell(("run.started", {}), ("run.cancelled", {}))
    assert _types(told)[-2:] == ["error", "response.failed"]
    assert told[-1]["response"]["status"] == "cancelled"
    assert telling.response()["error"]["code"] == "cancelled"


def test_an_answer_without_deltas_is_told_whole() -> None:
    _, told = _tell(
        ("message.completed", {"message": {"role": "assistant", "content": "Stopped."}}),
        ("run.completed", {"metadata": {"usage": {"input_tokens": 5, "output_tokens": 1}}}),
    )
    assert "".join(t.get("delta", "") for t in told) == "Stopped."
    done = told[-1]["response"]
    assert done["status"] == "completed"
    assert done["usage"]["total_tokens"] == 6
    assert [item["type"] for item in done["output"]] == ["message"]


def test_calls_at_once_keep_their_items_and_text_after_them_opens_a_new_message() -> None:
    _, told = _tell(
        ("message.delta", {"text": "Looking."}),
        ("tool_call.started", {"id": "a", "tool": "kv_get", "arguments": {"key": "x"}}),
        ("tool_call.started", {"id": "b", "tool": "current_time", "arguments": {}}),
        ("tool_call.completed", {"id": "b", "tool": "current_time", "result": {"now": "t"}}),
        ("tool_call.completed", {"id": "a", "tool": "kv_get", "result": {"value": 1}}),
        ("message.delta", {"text": "Done."}),
        ("message.completed", {"message": {"content": "Done."}}),
        ("run.completed", {"metadata": {"usage": {}}}),
    )
    output = told[-1]["response"]["output"]
    assert [(i["type"], i.get("name")) for i in output] == [
        ("message", None),
        ("mcp_call", "kv_get"),
        ("mcp_call", "current_time"),
        ("message", None),
    ]
    assert output[1]["output"] == '{"value":1}'
    assert output[1]["arguments"] == '{"key":"x"}'
    assert output[1]["id"] == "mcp_ABC_a"
    assert output[0]["id"] != output[3]["id"]
    done = [(t["output_index"], t["item"]["type"]) for t in told if t["type"].endswith("item.done")]
    assert done == [(0, "message"), (2, "mcp_call"), (1, "mcp_call"), (3, "message")]


def test_waiting_is_incomplete_and_the_turn_goes_on_after_it() -> None:
    telling, told = _tell(
        (
            "approval.requested",
            {"approval_id": "apr_1", "tool": "kv_set", "arguments": {"k": 1}, "tool_call_id": "c"},
        ),
        ("run.waiting", {}),
    )
    incomplete = told[-1]["response"]
    assert told[-1]["type"] == "response.incomplete"
    assert incomplete["incomplete_details"] == {
        "reason": "approval_required",
        "approvals": [{"approval_id": "apr_1", "tool": "kv_set", "arguments": {"k": 1}}],
        "questions": [],
    }
    assert not telling.ended
    assert telling.feed("run.resumed", 5, {}) == []
    assert telling.response()["status"] == "in_progress"
    assert telling.response()["incomplete_details"] is None
    more = telling.feed("tool_call.started", 6, {"id": "c", "tool": "kv_set", "arguments": {}})
    more += telling.feed("tool_call.completed", 7, {"id": "c", "tool": "kv_set", "result": 1})
    assert more[-1]["item"]["approval_request_id"] == "apr_1"
    assert more[-1]["item"]["status"] == "completed"


def test_the_same_events_are_told_the_same_way() -> None:
    events = (
        ("message.delta", {"text": "a"}),
        ("tool_call.started", {"id": "a", "tool": "t", "arguments": {}}),
        ("tool_call.completed", {"id": "a", "tool": "t", "result": None}),
        ("message.delta", {"text": "b"}),
        ("run.completed", {"metadata": {}}),
    )
    assert _tell(*events)[1] == _tell(*events)[1]
