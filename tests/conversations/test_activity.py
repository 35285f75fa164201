"""A conversation's timeline, runs and markers, with approvals and questions."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from flowline.engine.worker import Worker
from tests.agents.builders import make_agent
from tests.factories import Factory, Org

TWO_CALLS = 'call current_time {}\ncall kv_set {"key": "k", "value": 1}'
ASK = 'call ask_user {"question": "Which city?", "options": ["Paris", "Rome"]}'


async def _get(client: httpx.AsyncClient, org: Org, url: str) -> dict[str, Any]:
    r = await client.get(url, params={"size": 100}, headers=org.headers)
    assert r.status_code == 200, r.text
    return dict(r.json())


async def _until_free(client: httpx.AsyncClient, org: Org, conversation_id: str) -> None:
    for _ in range(300):
        data = (await _get(client, org, f"/api/v1/conversations/{conversation_id}"))["data"]
        if not data["busy"]:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the conversation stayed busy")


def _shape(items: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    shaped: list[tuple[Any, ...]] = []
    for item in items:
        if item["type"] == "message":
            shaped.append(("message", item["seq"], item["message"]["role"]))
        elif item["type"] == "tool_call":
            shaped.append(("tool_call", item["seq"], item["tool"], item["status"]))
        else:
            shaped.append((item["type"], item["seq"], item["status"]))
    return shaped


async def test_timeline_runs_and_markers_through_approval_and_question(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    agent_id = await make_agent(
        client,
        org,
        tools=["kv_set", "current_time", "ask_user"],
        approval={"kv_set": "always"},
    )
    r = await client.post(
        f"/api/v1/agents/{agent_id}/chat", json={"messages": TWO_CALLS}, headers=org.headers
    )
    assert r.status_code == 202, r.text
    waiting = r.json()["data"]
    thread, first_run = waiting["thread_id"], waiting["run_id"]
    base = f"/api/v1/conversations/{thread}"

    items = (await _get(client, org, f"{base}/timeline"))["data"]
    assert _shape(items) == [
        ("message", 1, "user"),
        ("message", 2, "assistant"),
        ("tool_call", 2, "current_time", "succeeded"),
        ("tool_call", 2, "kv_set", "waiting"),
        ("approval", 2, "pending"),
    ]
    clock, gated, approval = items[2], items[3], items[4]
    assert clock["result_seq"] == 3
    assert "utc" in clock["result"]
    assert (gated["result"], gated["result_seq"]) == (None, None)
    assert approval["approval_id"] == waiting["approvals"][0]["approval_id"]
    assert approval["tool_call_id"] == gated["id"]
    assert approval["arguments"] == {"key": "k", "value": 1}
    assert {i["run_id"] for i in items} == {first_run}

    ok = await client.post(
        f"/api/v1/approvals/{approval['approval_id']}/respond",
        json={"decision": "approve", "arguments": {"key": "k", "value": 42}},
        headers=org.headers,
    )
    assert ok.status_code == 200, ok.text
    await _until_free(client, org, thread)

    r = await client.post(
        f"/api/v1/agents/{agent_id}/chat",
        json={"messages": ASK, "thread_id": thread},
        headers=org.headers,
    )
    assert r.status_code == 202, r.text
    asked = r.json()["data"]
    question_id = asked["questions"][0]["question_id"]
    answered = await client.post(
        f"/api/v1/questions/{question_id}/respond", json={"answer": "Rome"}, headers=org.headers
    )
    assert answered.status_code == 200, answered.text
    await _until_free(client, org, thread)

    items = (await _get(client, org, f"{base}/timeline"))["data"]
    assert _shape(items) == [
        ("message", 1, "user"),
        ("message", 2, "assistant"),
        ("tool_call", 2, "current_time", "succeeded"),
        ("tool_call", 2, "kv_set", "succeeded"),
        ("approval", 2, "approved"),
        ("message", 5, "assistant"),
        ("message", 6, "user"),
        ("message", 7, "assistant"),
        ("tool_call", 7, "ask_user", "succeeded"),
        ("question", 7, "answered"),
        ("message", 9, "assistant"),
    ]
    gated, approval, question = items[3], items[4], items[9]
    assert gated["result"] == {"key": "k", "value": 42, "version": 1}
    assert gated["result_seq"] == 4
    assert approval["edited_arguments"] == {"key": "k", "value": 42}
    assert approval["decided_by_id"] == org.owner.user_id
    assert (question["question"], question["options"]) == ("Which city?", ["Paris", "Rome"])
    assert question["answer"] == "Rome"
    assert items[8]["outcome"] == "answered"
    page = await client.get(f"{base}/timeline", params={"size": 3, "page": 1}, headers=org.headers)
    assert [i["type"] for i in page.json()["data"]] == ["tool_call", "approval", "message"]
    assert page.json()["total"] == 11

    runs = (await _get(client, org, f"{base}/runs"))["data"]
    assert [run["id"] for run in runs] == [asked["run_id"], first_run]  # newest first
    assert {run["status"] for run in runs} == {"succeeded"}
    assert {run["kind"] for run in runs} == {"agent"}
    assert all(run["conversation_id"] == thread for run in runs)
    assert [run["model_calls"] for run in runs] == [2, 2]
    assert runs[0]["input_tokens"] > 0

    marks = (await _get(client, org, f"{base}/markers"))["data"]
    assert [(m["type"], m["seq"]) for m in marks] == [
        ("turn", 1),
        ("approval", 2),
        ("turn", 6),
        ("question", 7),
    ]
    assert marks[1]["label"] == "Approval of kv_set: approved"
    assert marks[1]["ref_id"] == approval["approval_id"]
    assert marks[3]["label"] == "Which city?"
    assert marks[3]["run_id"] == asked["run_id"]

    other = await factory.org()
    for tail in ("timeline", "runs", "markers"):
        r = await client.get(f"{base}/{tail}", headers=other.headers)
        assert r.status_code == 404, tail


async def test_a_conversation_without_turns(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    r = await client.post("/api/v1/conversations", json={}, headers=org.headers)
    base = f"/api/v1/conversations/{r.json()['data']['id']}"
    await client.post(f"{base}/messages", json={"content": "note"}, headers=org.headers)
    items = (await _get(client, org, f"{base}/timeline"))["data"]
    assert _shape(items) == [("message", 1, "user")]
    assert items[0]["run_id"] is None
    assert (await _get(client, org, f"{base}/runs"))["total"] == 0
    assert (await _get(client, org, f"{base}/markers"))["total"] == 0
