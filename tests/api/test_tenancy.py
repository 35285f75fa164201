"""Another organisation's records answer 404 on every route that names one.

The route table is read from the application itself: a route added later with a
path parameter fails ``test_every_named_route_is_covered`` until it is given a
maker below, so tenancy is checked for every route, now and later.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi.routing import APIRoute

from flowline.app import ROUTERS
from flowline.knowledge.embedders import DEFAULT_EMBEDDER
from flowline.knowledge.repository import ChunkRepository, NewChunk
from tests.agents.builders import make_agent, make_conversation
from tests.api.tenancy_workspace import WORKSPACE_TARGETS
from tests.approvals.builders import waiting_approval
from tests.attachments.builders import make_attachment
from tests.factories import Factory, Org, unique
from tests.fakes.mcp_server import serve_mcp
from tests.knowledge.builders import add_text, make_kb
from tests.runs.builders import make_run

Params = dict[str, str]
Maker = Callable[[httpx.AsyncClient, Factory, Org], Awaitable[Params]]


async def _user(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    member = await factory.member(org)
    return {"user_id": member.user_id}


async def _api_key(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    r = await client.post("/api/v1/auth/api-keys", json={"name": "k"}, headers=org.headers)
    assert r.status_code == 201, r.text
    return {"key_id": r.json()["data"]["id"]}


async def _group(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    r = await client.post("/api/v1/groups", json={"name": unique("g")}, headers=org.headers)
    assert r.status_code == 201, r.text
    return {"group_id": r.json()["data"]["id"]}


async def _group_member(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    params = await _group(client, factory, org)
    params |= await _user(client, factory, org)
    r = await client.post(
        f"/api/v1/groups/{params['group_id']}/members",
        json={"user_ids": [params["user_id"]]},
        headers=org.headers,
    )
    assert r.status_code < 300, r.text
    return params


async def _kv(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    key = unique("k/")
    r = await client.post("/api/v1/kv", json={"key": key, "value": 1}, headers=org.headers)
    assert r.status_code == 200, r.text
    return {"key": key}


async def _secret(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    name = unique("s")
    body = {"name": name, "kind": "generic", "value": "tenancy-secret-value"}
    r = await client.post("/api/v1/secrets", json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    return {"name": name}


async def _llm_provider(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    name = unique("p")
    body = {"name": name, "kind": "openai_compatible", "base_url": "http://127.0.0.1:1/v1"}
    r = await client.post("/api/v1/llm/config/providers", json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    return {"name": name}


async def _channel(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    body = {"name": unique("c"), "kind": "sandbox"}
    r = await client.post("/api/v1/channels", json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    return {"channel_id": r.json()["data"]["id"]}


async def _contact(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    channel_id = (await _channel(client, factory, org))["channel_id"]
    r = await client.post(
        f"/api/v1/channels/{channel_id}/sandbox/messages",
        json={"from": "+14155550123", "text": "hi"},
        headers=org.headers,
    )
    assert r.status_code == 202, r.text
    message = r.json()["data"]
    return {"contact_id": message["contact_id"], "message_id": message["id"]}


_DEFINITION = {
    "nodes": [
        {"id": "start", "data": {"node_type": "start"}},
        {"id": "done", "data": {"node_type": "end"}},
    ],
    "edges": [{"id": "e1", "source": "start", "target": "done"}],
}


async def _flow(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    body = {"name": unique("f"), "definition": _DEFINITION}
    r = await client.post("/api/v1/flows", json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    return {"flow_id": r.json()["data"]["id"]}


async def _flow_version(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    return await _flow(client, factory, org) | {"number": "1"}


async def _flow_node(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    return await _flow(client, factory, org) | {"node_id": "done"}


async def _flow_hook(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    params = await _flow(client, factory, org)
    r = await client.post(f"/api/v1/flows/{params['flow_id']}/hook", headers=org.headers)
    assert r.status_code == 201, r.text
    return params


async def _schedule(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    flow_id = (await _flow(client, factory, org))["flow_id"]
    body = {"name": unique("s"), "flow_id": flow_id, "cron": "@daily"}
    r = await client.post("/api/v1/schedules", json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    return {"schedule_id": r.json()["data"]["id"]}


async def _run(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    return {"run_id": await make_run(client, factory.runtime, org)}


async def _approval(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    waiting = await waiting_approval(client, factory.runtime, org)
    return {"approval_id": waiting.approval_id, "run_id": waiting.run_id}


async def _tool(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    tool_id = unique("tool_")
    await waiting_approval(client, factory.runtime, org, tool_id=tool_id)
    return {"tool_id": tool_id}


async def _skill(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    name = unique("skill-")
    text = f"---\nname: {name}\ndescription: tenancy\n---\nbody\n"
    r = await client.post("/api/v1/skills", json={"text": text}, headers=org.headers)
    assert r.status_code == 201, r.text
    return {"name": name}


async def _attachment(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    return {"attachment_id": await make_attachment(factory.runtime, org)}


async def _batch(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    files = {"file": ("rows.jsonl", b'{"text": "a"}\n')}
    file = (await client.post("/api/v1/files", files=files, headers=org.headers)).json()
    body = {"file_id": file["data"]["id"], "operation": {"kind": "summarize"}}
    batch = (await client.post("/api/v1/batches", json=body, headers=org.headers)).json()
    return {"batch_id": batch["data"]["id"], "task_id": batch["data"]["id"]}


async def _waiting_turn(client: httpx.AsyncClient, org: Org, **config: Any) -> dict[str, Any]:
    agent_id = await make_agent(client, org, **config)
    if "ask_user" in config.get("tools", []):
        text = 'call ask_user {"question": "Which?"}'
    else:
        text = 'call kv_set {"key": "t", "value": 1}'
    r = await client.post(
        f"/api/v1/agents/{agent_id}/chat", json={"messages": text}, headers=org.headers
    )
    assert r.status_code == 202, r.text
    return dict(r.json()["data"])


async def _question(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    waiting = await _waiting_turn(client, org, tools=["ask_user"])
    return {"question_id": waiting["questions"][0]["question_id"]}


async def _call(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    waiting = await _waiting_turn(client, org, tools=["kv_set"], approval={"kv_set": "always"})
    return {"call_id": waiting["run_id"]}


async def _turn_run(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    return {"run_id": (await _call(client, factory, org))["call_id"]}


async def _agent(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    return {"agent_id": await make_agent(client, org)}


async def _agent_skill(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    return {"agent_id": await make_agent(client, org), "name": "flow-capi"}


MCP_URL: list[str] = []
"""The loopback MCP server's URL while this module's tests run (``mcp_server``)."""


@pytest.fixture(scope="module", autouse=True)
async def mcp_server() -> AsyncIterator[None]:
    async with serve_mcp() as fake:
        MCP_URL.append(fake.url)
        yield
        MCP_URL.clear()


async def _mcp_server(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    body = {"name": unique("m"), "url": MCP_URL[0]}
    r = await client.post("/api/v1/mcp-servers", json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    return {"server": body["name"]}


async def _agent_mcp_server(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    return await _agent(client, factory, org) | await _mcp_server(client, factory, org)


async def _prompt_block(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    body = {"name": unique("pb_"), "body": "tenancy"}
    r = await client.post("/api/v1/prompt-blocks", json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    return {"name": body["name"]}


async def _model(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    return {"model_id": await make_agent(client, org)}


async def _response(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    body = {"model": await make_agent(client, org), "input": "hi"}
    r = await client.post("/v1/responses", json=body, headers=org.headers)
    assert r.status_code == 200, r.text
    return {"response_id": r.json()["id"]}


async def _agent_tool(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    params = await _agent(client, factory, org)
    body = {"name": "ping", "kind": "http", "config": {"url": "https://api.example.com/ping"}}
    r = await client.post(
        f"/api/v1/agents/{params['agent_id']}/tools", json=body, headers=org.headers
    )
    assert r.status_code == 201, r.text
    return params | {"tool": "ping"}


async def _subagent(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    params = await _agent(client, factory, org)
    url = f"/api/v1/agents/{params['agent_id']}/subagents"
    r = await client.post(url, json={"name": unique("sub-")}, headers=org.headers)
    assert r.status_code == 201, r.text
    return params | {"sub_id": r.json()["data"]["id"]}


async def _subagent_tool(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    params = await _subagent(client, factory, org)
    url = f"/api/v1/agents/{params['agent_id']}/subagents/{params['sub_id']}/tools"
    r = await client.post(url, json={"tool": "kv_get"}, headers=org.headers)
    assert r.status_code == 201, r.text
    return params | {"tool": "kv_get"}


async def _conversation(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    return {"conversation_id": await make_conversation(client, org)}


async def _kb(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    """A KB with one document and one chunk (written as the indexing task would)."""
    kb_id = await make_kb(client, org)
    document = await add_text(client, org, kb_id, "t.txt", "Tenancy words.")
    async with factory.runtime.db.session(write=True) as session:
        vector = DEFAULT_EMBEDDER.embed_now(["Tenancy words."])[0].tobytes()
        chunk = NewChunk(text="Tenancy words.", tokens=2, embedding=vector)
        chunk_ids = await ChunkRepository(session, org.id).replace(kb_id, document["id"], [chunk])
    return {"kb_id": kb_id, "document_id": document["id"], "chunk_id": chunk_ids[0]}


async def _memory_block(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    agent_id = (await _agent(client, factory, org))["agent_id"]
    r = await client.put(
        f"/api/v1/memory/blocks/persona?agent_id={agent_id}",
        json={"value": "tenancy"},
        headers=org.headers,
    )
    assert r.status_code == 201, r.text
    return {"type": f"persona?agent_id={agent_id}"}  # the block is named by its agent too


async def _passage(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    agent_id = (await _agent(client, factory, org))["agent_id"]
    body = {"agent_id": agent_id, "text": "tenancy"}
    r = await client.post("/api/v1/memory/passages", json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    return {"passage_id": r.json()["data"]["id"]}


async def _agent_kb(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    params = await _kb(client, factory, org) | await _agent(client, factory, org)
    url = f"/api/v1/agents/{params['agent_id']}/knowledge-bases/{params['kb_id']}"
    assert (await client.post(url, headers=org.headers)).status_code == 200
    return params


async def _agent_conversation(client: httpx.AsyncClient, factory: Factory, org: Org) -> Params:
    conversation_id = await make_conversation(client, org)
    r = await client.get(f"/api/v1/conversations/{conversation_id}", headers=org.headers)
    return {"agent_id": r.json()["data"]["agent_id"], "conversation_id": conversation_id}


@dataclass(frozen=True)
class Target:
    make: Maker
    bodies: dict[str, Any]


# path template -> how to make what it names in one organisation, and a valid
# body per method so that the answer is decided by ownership, not by validation.
TARGETS: dict[str, Target] = {
    "/api/v1/users/{user_id}": Target(_user, {"PATCH": {"name": "renamed"}}),
    "/api/v1/auth/api-keys/{key_id}": Target(_api_key, {}),
    "/api/v1/groups/{group_id}": Target(_group, {"PUT": {"name": "renamed"}}),
    "/api/v1/groups/{group_id}/members": Target(_group, {"POST": {"user_ids": ["{caller}"]}}),
    "/api/v1/groups/{group_id}/members/{user_id}": Target(_group_member, {}),
    "/api/v1/kv/{key:path}": Target(_kv, {}),
    "/api/v1/secrets/{name}": Target(_secret, {"PUT": {"description": "changed"}}),
    "/api/v1/flows/{flow_id}": Target(
        _flow, {"PUT": {"name": "renamed", "definition": _DEFINITION}, "PATCH": {"name": "x"}}
    ),
    "/api/v1/flows/{flow_id}/versions": Target(_flow, {}),
    "/api/v1/flows/{flow_id}/versions/{number}": Target(_flow_version, {}),
    "/api/v1/flows/{flow_id}/nodes": Target(
        _flow, {"POST": {"id": "added", "data": {"node_type": "end"}}}
    ),
    "/api/v1/flows/{flow_id}/nodes/{node_id}": Target(
        _flow_node, {"PUT": {"data": {"node_type": "end"}}}
    ),
    "/api/v1/flows/{flow_id}/hook": Target(_flow_hook, {}),
    "/api/v1/channels/{channel_id}": Target(
        _channel, {"PUT": {"name": "renamed", "kind": "sandbox"}}
    ),
    "/api/v1/channels/{channel_id}/test": Target(_channel, {}),
    "/api/v1/channels/{channel_id}/messages": Target(_channel, {}),
    "/api/v1/channels/{channel_id}/stream": Target(_channel, {}),
    "/api/v1/channels/{channel_id}/send": Target(
        _channel, {"POST": {"to": "+14155550123", "text": "hi"}}
    ),
    "/api/v1/channels/{channel_id}/templates/send": Target(
        _channel, {"POST": {"to": "+14155550123", "template": "hello"}}
    ),
    "/api/v1/channels/{channel_id}/sandbox/messages": Target(
        _channel, {"POST": {"from": "+14155550123", "text": "hi"}}
    ),
    "/api/v1/contacts/{contact_id}": Target(_contact, {"PATCH": {"name": "x"}}),
    "/api/v1/contacts/{contact_id}/messages": Target(_contact, {}),
    "/api/v1/messages/{message_id}": Target(_contact, {}),
    "/api/v1/schedules/{schedule_id}": Target(_schedule, {"PUT": {"name": "renamed"}}),
    "/api/v1/runs/{run_id}": Target(_run, {}),
    "/api/v1/runs/{run_id}/steps": Target(_run, {}),
    "/api/v1/runs/{run_id}/events": Target(_run, {}),
    "/api/v1/runs/{run_id}/cancel": Target(_run, {}),
    "/api/v1/runs/{run_id}/retry": Target(_run, {}),
    "/api/v1/flows/{flow_id}/run": Target(_flow, {"POST": {"input": {}}}),
    "/api/v1/flows/{flow_id}/runs/bulk": Target(_flow, {"POST": {"runs": [{"input": {}}]}}),
    "/api/v1/runs/{run_id}/approve": Target(_approval, {"POST": {"decision": "approve"}}),
    "/api/v1/approvals/{approval_id}": Target(_approval, {}),
    "/api/v1/approvals/{approval_id}/respond": Target(_approval, {"POST": {"decision": "deny"}}),
    "/api/v1/approvals/tools/{tool_id}/stats": Target(_tool, {}),
    "/api/v1/attachments/{attachment_id}": Target(_attachment, {}),
    "/api/v1/attachments/{attachment_id}/content": Target(_attachment, {}),
    "/api/v1/attachments/{attachment_id}/download": Target(_attachment, {}),
    "/api/v1/batches/{batch_id}": Target(_batch, {}),
    "/api/v1/batches/{batch_id}/output": Target(_batch, {}),
    "/api/v1/batches/{batch_id}/cancel": Target(_batch, {}),
    "/api/v1/cancel/background-task/{task_id}": Target(_batch, {}),
    "/api/v1/skills/{name}": Target(_skill, {}),
    "/api/v1/skills/{name}/content": Target(_skill, {}),
    "/api/v1/agents/{agent_id}": Target(_agent, {}),
    "/api/v1/agents/{agent_id}/config": Target(_agent, {"PATCH": {"instructions": "x"}}),
    "/api/v1/agents/{agent_id}/chat": Target(_agent, {"POST": {"messages": "hi"}}),
    "/api/v1/questions/{question_id}": Target(_question, {}),
    "/api/v1/questions/{question_id}/respond": Target(_question, {"POST": {"answer": "x"}}),
    "/api/v1/cancel/{call_id}": Target(_call, {}),
    "/api/v1/runs/{run_id}/callbacks": Target(_turn_run, {}),
    "/api/v1/agents/{agent_id}/usage": Target(_agent, {}),
    "/api/v1/agents/{agent_id}/skills": Target(_agent, {}),
    "/api/v1/agents/{agent_id}/skills/{name}": Target(_agent_skill, {}),
    "/api/v1/agents/{agent_id}/context/blocks": Target(_agent, {}),
    "/api/v1/agents/{agent_id}/context/blocks/build": Target(_agent, {}),
    "/api/v1/agents/{agent_id}/context/preload": Target(_agent, {}),
    "/api/v1/agents/{agent_id}/mcp-servers/{server}": Target(_agent_mcp_server, {}),
    "/api/v1/mcp-servers/{server}": Target(_mcp_server, {"PATCH": {"description": "x"}}),
    "/api/v1/mcp-servers/{server}/tools": Target(_mcp_server, {}),
    "/api/v1/prompt-blocks/{name}": Target(_prompt_block, {"PATCH": {"body": "x"}}),
    "/api/v1/prompt-blocks/{name}/preview": Target(_prompt_block, {}),
    "/api/v1/prompt-blocks/{name}/invalidate-cache": Target(_prompt_block, {}),
    "/api/v1/agents/{agent_id}/tools": Target(
        _agent, {"POST": {"name": "kv_get", "kind": "builtin"}}
    ),
    "/api/v1/agents/{agent_id}/tools/generate": Target(_agent, {"POST": {"description": "x"}}),
    "/api/v1/agents/{agent_id}/tools/dry-run": Target(
        _agent, {"POST": {"tool": {"name": "current_time", "kind": "builtin"}}}
    ),
    "/api/v1/agents/{agent_id}/tools/persist": Target(
        _agent, {"POST": {"name": "kv_get", "kind": "builtin"}}
    ),
    "/api/v1/agents/{agent_id}/tools/{tool}": Target(_agent_tool, {"PATCH": {"description": "x"}}),
    "/api/v1/agents/{agent_id}/tools/{tool}/approval": Target(
        _agent_tool, {"PUT": {"policy": "never"}}
    ),
    "/api/v1/agents/{agent_id}/tools/{tool}/run": Target(_agent_tool, {"POST": {"arguments": {}}}),
    "/api/v1/agents/{agent_id}/subagents": Target(_agent, {"POST": {"name": "tenancy-sub"}}),
    "/api/v1/agents/{agent_id}/subagents/{sub_id}": Target(
        _subagent, {"PATCH": {"description": "x"}}
    ),
    "/api/v1/agents/{agent_id}/subagents/{sub_id}/config": Target(_subagent, {}),
    "/api/v1/agents/{agent_id}/subagents/{sub_id}/tools": Target(
        _subagent, {"POST": {"tool": "kv_get"}}
    ),
    "/api/v1/agents/{agent_id}/subagents/{sub_id}/tools/{tool}": Target(_subagent_tool, {}),
    "/api/v1/agents/{agent_id}/subagents/{sub_id}/available-tools": Target(_subagent, {}),
    "/api/v1/agents/{agent_id}/subagents/{sub_id}/run": Target(_subagent, {"POST": {"task": "x"}}),
    "/api/v1/agents/{agent_id}/capability/retrieve": Target(_agent, {"POST": {"query": "x"}}),
    "/api/v1/agents/{agent_id}/waba": Target(
        _agent,
        {"POST": {"recipient_phone_number": "31612345678", "template_name": "t", "language": "en"}},
    ),
    "/api/v1/agents/{agent_id}/capability/plan": Target(_agent, {"POST": {"goal": "x"}}),
    "/api/v1/agents/{agent_id}/capability/reflect": Target(_agent, {"POST": {"text": "x"}}),
    "/api/v1/conversations/{conversation_id}": Target(_conversation, {"PUT": {"title": "x"}}),
    "/api/v1/conversations/{conversation_id}/messages": Target(
        _conversation, {"POST": {"content": "hi"}}
    ),
    "/api/v1/conversations/{conversation_id}/llm-format": Target(_conversation, {}),
    "/api/v1/conversations/{conversation_id}/title": Target(_conversation, {"PUT": {"title": "x"}}),
    "/api/v1/conversations/{conversation_id}/title/generate": Target(_conversation, {}),
    "/api/v1/conversations/{conversation_id}/compress": Target(_conversation, {"POST": {}}),
    "/api/v1/conversations/{conversation_id}/markers": Target(_conversation, {}),
    "/api/v1/conversations/{conversation_id}/timeline": Target(_conversation, {}),
    "/api/v1/conversations/{conversation_id}/runs": Target(_conversation, {}),
    "/api/v1/conversations/{conversation_id}/stream": Target(_conversation, {}),
    "/api/v1/agents/{agent_id}/conversations/{conversation_id}/compress": Target(
        _agent_conversation, {"POST": {}}
    ),
    "/api/v1/llm/config/providers/{name}": Target(
        _llm_provider, {"PUT": {"kind": "openai_compatible", "base_url": "http://127.0.0.1:2/v1"}}
    ),
    "/v1/models/{model_id}": Target(_model, {}),
    "/api/v1/knowledge-bases/{kb_id}": Target(_kb, {"PUT": {"name": "x"}}),
    "/api/v1/knowledge-bases/{kb_id}/search": Target(_kb, {"POST": {"query": "tenancy"}}),
    "/api/v1/knowledge-bases/{kb_id}/documents": Target(_kb, {"POST": {"text": "x"}}),
    "/api/v1/knowledge-bases/{kb_id}/documents/filter": Target(
        _kb, {"POST": {"key": "a", "op": "eq", "value": 1}}
    ),
    "/api/v1/knowledge-bases/{kb_id}/documents/{document_id}": Target(_kb, {}),
    "/api/v1/knowledge-bases/{kb_id}/documents/{document_id}/refresh": Target(_kb, {}),
    "/api/v1/knowledge-bases/{kb_id}/files": Target(_kb, {}),
    "/api/v1/knowledge-bases/{kb_id}/summary": Target(_kb, {}),
    "/api/v1/knowledge-bases/{kb_id}/metadata-schema": Target(_kb, {}),
    "/api/v1/knowledge-bases/{kb_id}/content": Target(_kb, {}),
    "/api/v1/knowledge-bases/{kb_id}/chunks/{chunk_id}": Target(_kb, {}),
    "/api/v1/knowledge-bases/{kb_id}/refresh": Target(_kb, {}),
    "/api/v1/agents/{agent_id}/knowledge-bases": Target(_agent_kb, {}),
    "/api/v1/agents/{agent_id}/knowledge-bases/{kb_id}": Target(_agent_kb, {}),
    "/api/v1/agents/{agent_id}/knowledge-bases/{kb_id}/search": Target(
        _agent_kb, {"POST": {"query": "tenancy"}}
    ),
    "/v1/responses/{response_id}": Target(_response, {}),
    "/api/v1/memory/blocks/{type}": Target(
        _memory_block, {"PUT": {"value": "x", "expected_version": 1}}
    ),
    "/api/v1/memory/passages/{passage_id}": Target(_passage, {}),
}


# Public routes whose path parameter is itself the credential: no organisation owns
# the call, so there is nothing to scope (tests/hooks checks unknown tokens are 404).
# A channel's inbound route is checked by the provider's signature instead
# (tests/channels checks a bad one is 401 and stores nothing). An approval link's token
# is sealed with the instance's key (tests/channels checks altered ones are 401).
PUBLIC = {
    "/api/v1/hooks/{token}",
    "/api/v1/channels/{channel_id}/inbound",
    "/api/v1/approval-links/{token}",
}

TARGETS.update({path: Target(*made) for path, made in WORKSPACE_TARGETS.items()})


def _named_routes() -> list[tuple[str, str]]:
    routes = []
    for router in ROUTERS:
        for route in router.routes:
            if isinstance(route, APIRoute) and "{" in route.path and route.path not in PUBLIC:
                routes.extend((method, route.path) for method in sorted(route.methods))
    return routes


NAMED_ROUTES = _named_routes()


def test_every_named_route_is_covered() -> None:
    missing = sorted({path for _, path in NAMED_ROUTES} - set(TARGETS))
    assert not missing, f"add a tenancy maker for: {missing}"


def _fill(path: str, params: Params) -> str:
    return re.sub(r"\{(\w+)(?::\w+)?\}", lambda m: params[m.group(1)], path)


@pytest.mark.parametrize(
    ("method", "path"), NAMED_ROUTES, ids=[f"{m} {p}" for m, p in NAMED_ROUTES]
)
async def test_other_organisations_records_are_not_found(
    client: httpx.AsyncClient, factory: Factory, method: str, path: str
) -> None:
    owner_org, other_org = await factory.org(), await factory.org()
    target = TARGETS[path]
    url = _fill(path, await target.make(client, factory, owner_org))

    body = target.bodies.get(method)
    if body is not None:  # "{caller}" stands for the calling organisation's owner
        body = json.loads(json.dumps(body).replace("{caller}", other_org.owner.user_id))
    r = await client.request(method, url, json=body, headers=other_org.headers)
    assert r.status_code == 404, f"{method} {url}: {r.status_code} {r.text}"
    if path.startswith("/v1/"):  # OpenAI's error body
        assert r.json()["error"]["code"].endswith("not_found")
    else:
        assert r.json()["statusCode"] == 404

    # The owner still sees it, so the 404 above came from scoping.
    if method == "GET":
        r = await client.get(url, headers=owner_org.headers)
        assert r.status_code == 200, r.text


LISTS = {
    "/api/v1/users": _user,
    "/api/v1/groups": _group,
    "/api/v1/kv": _kv,
    "/api/v1/secrets": _secret,
    "/api/v1/auth/api-keys": _api_key,
    "/api/v1/flows": _flow,
    "/api/v1/schedules": _schedule,
    "/api/v1/channels": _channel,
    "/api/v1/contacts": _contact,
    "/api/v1/runs": _run,
    "/api/v1/approvals/pending": _approval,
    "/api/v1/skills": _skill,
    "/api/v1/mcp-servers": _mcp_server,
    "/api/v1/prompt-blocks": _prompt_block,
    "/api/v1/agents": _agent,
    "/api/v1/conversations": _conversation,
}


@pytest.mark.parametrize("path", sorted(LISTS))
async def test_lists_show_only_the_callers_organisation(
    client: httpx.AsyncClient, factory: Factory, path: str
) -> None:
    owner_org, other_org = await factory.org(), await factory.org()
    made = await LISTS[path](client, factory, owner_org)
    marker = next(iter(made.values()))

    mine = await client.get(path, params={"size": 100}, headers=owner_org.headers)
    theirs = await client.get(path, params={"size": 100}, headers=other_org.headers)
    assert mine.status_code == theirs.status_code == 200
    assert marker in mine.text
    assert marker not in theirs.text
