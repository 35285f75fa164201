"""Tenancy makers for settings' neighbours: tasks, artifacts, BYO keys, cached tool
results and the seed's title paths (``test_tenancy`` adds them to its targets)."""

from __future__ import annotations

from typing import Any

import httpx

from flowline.cached_results import service as cached_results
from tests.factories import Factory, Org, unique

Params = dict[str, str]


async def _conversation_id(client: httpx.AsyncClient, org: Org) -> str:
    r = await client.post("/api/v1/conversations", json={"title": "t"}, headers=org.headers)
    assert r.status_code == 201, r.text
    return str(r.json()["data"]["id"])


async def _task(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    r = await client.post("/api/v1/agents", json={"name": unique("agent")}, headers=org.headers)
    assert r.status_code == 201, r.text
    body = {"name": "t", "agent_id": r.json()["data"]["id"], "prompt": "p", "cron": "0 8 * * *"}
    r = await client.post("/api/v1/tasks", json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    return {"task_id": r.json()["data"]["id"]}


async def _artifact(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    body = {"type": "document", "content": {"title": "d", "body": "b"}}
    r = await client.post("/api/v1/artifacts", json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    return {"artifact_id": r.json()["data"]["id"]}


async def _llm_config(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    body = {"provider": "openai", "api_key": "sk-tenancy-123456"}
    r = await client.post("/api/v1/llm/config", json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    return {"config_id": r.json()["data"]["provider"]["id"]}


async def _conversation(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    return {"conversation_id": await _conversation_id(client, org)}


async def _cached(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    conversation_id = await _conversation_id(client, org)
    async with factory.runtime.db.session(write=True) as session:
        row = await cached_results.store(session, org.id, conversation_id, "t", [1, 2])
    return {"conversation_id": conversation_id, "cache_id": row.id}


async def _voice_call(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    secret = unique("vapi-secret-0123456789-")
    body = {"secret": secret}
    r = await client.put("/api/v1/voice/config", json=body, headers=org.headers)
    assert r.status_code == 200, r.text
    call_id = unique("call-")
    message = {"type": "status-update", "status": "ringing", "call": {"id": call_id}}
    r = await client.post(
        "/api/vapi/webhook", json={"message": message}, headers={"X-Vapi-Secret": secret}
    )
    assert r.status_code == 200, r.text
    return {"vapi_call_id": call_id}


_SCHEDULE = {"agent_id": "someone", "cron": "0 8 * * *"}

WORKSPACE_TARGETS: dict[str, tuple[Any, dict[str, Any]]] = {
    "/api/v1/tasks/{task_id}": (_task, {"PATCH": {"name": "x"}}),
    "/api/v1/tasks/{task_id}/toggle": (_task, {}),
    "/api/v1/artifacts/{artifact_id}": (_artifact, {}),
    "/api/v1/artifacts/conversation/{conversation_id}": (_conversation, {}),
    "/api/v1/artifacts/{artifact_id}/state": (_artifact, {"PATCH": {"state": "final"}}),
    "/api/v1/artifacts/{artifact_id}/content": (_artifact, {"PATCH": {"title": "x"}}),
    "/api/v1/artifacts/{artifact_id}/create-task": (_artifact, {"POST": {}}),
    "/api/v1/artifacts/{artifact_id}/schedule-meeting": (_artifact, {"POST": {}}),
    "/api/v1/artifacts/{artifact_id}/scheduled-task": (_artifact, {"POST": _SCHEDULE}),
    "/api/v1/artifacts/{artifact_id}/scheduled-task/active": (
        _artifact,
        {"POST": {"active": False}},
    ),
    "/api/v1/artifacts/{artifact_id}/interaction": (_artifact, {"POST": {"action": "viewed"}}),
    "/api/v1/artifacts/{artifact_id}/download": (_artifact, {}),
    "/api/v1/llm/config/{config_id}": (_llm_config, {}),
    "/api/v1/conversations/{conversation_id}/cached-results/{cache_id}": (_cached, {}),
    "/api/v1/conversations/{conversation_id}/cached-results/{cache_id}/items": (_cached, {}),
    "/api/v1/agent/conversations/{conversation_id}/title": (
        _conversation,
        {"PUT": {"title": "x"}},
    ),
    "/api/v1/agent/conversations/{conversation_id}/title/generate": (_conversation, {}),
    "/api/calls/{vapi_call_id}": (_voice_call, {}),
}
