"""HTTP tools against a loopback API: the request sent, confirmation, credentials, chats."""

from __future__ import annotations

import asyncio
import json

import httpx

from flowline import __version__
from flowline.engine.worker import Worker
from tests.agents.builders import make_agent
from tests.factories import Factory
from tests.fakes.http import Answer, FakeApi
from tests.outbound.flows import make_secret
from tests.tools.builders import chat, http_tool, run_tool, tools_url

TOKEN = "tok-planted-5f0c9e1d7a"


async def test_a_get_fills_the_path_and_sends_the_rest_as_query(
    client: httpx.AsyncClient, factory: Factory, api: FakeApi
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    api.answer("/users/a b", Answer(200, {"id": "a b", "name": "Ada"}))
    await http_tool(
        client,
        org,
        agent_id,
        "get_user",
        "GET",
        f"{api.url}/users/{{user_id}}",
        config={"headers": {"Accept": "application/json", "X-Tenant": "{tenant}"}},
        parameters={
            "type": "object",
            "properties": {
                "user_id": {"type": "string"},
                "tenant": {"type": "string"},
                "expand": {"type": "boolean"},
            },
            "required": ["user_id", "tenant"],
        },
    )
    r = await run_tool(
        client,
        org,
        agent_id,
        "get_user",
        {"user_id": "a b", "tenant": "acme", "expand": True},
        headers={"Idempotency-Key": "call-1"},
    )
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert data["error"] is None
    assert data["approval"] == "never"
    assert data["result"] == {
        "status": 200,
        "content_type": "application/json",
        "body": {"id": "a b", "name": "Ada"},
    }
    (seen,) = api.seen("/users/a b")
    assert seen.method == "GET"
    assert seen.query == "expand=true"
    assert seen.headers["x-tenant"] == "acme"
    assert seen.headers["user-agent"].startswith(f"Flowline/{__version__} (+")
    assert seen.headers["idempotency-key"] == "call-1"


async def test_a_write_waits_for_confirmation_then_sends_the_body(
    client: httpx.AsyncClient, factory: Factory, api: FakeApi
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    api.answer("/items", Answer(201, {"id": 7}))
    await http_tool(
        client,
        org,
        agent_id,
        "create_item",
        "POST",
        f"{api.url}/items",
        config={"query": ["dry"]},
        parameters={
            "type": "object",
            "properties": {"title": {"type": "string"}, "dry": {"type": "string"}},
            "required": ["title"],
        },
    )
    arguments = {"title": "Lamp", "dry": "no"}
    r = await run_tool(client, org, agent_id, "create_item", arguments)
    assert r.status_code == 409, r.text
    assert r.json()["error"] == "CONFIRMATION_REQUIRED"
    assert "POST" in r.json()["message"]
    assert f"{api.url}/items" in r.json()["message"]
    assert api.seen("/items") == []

    r = await run_tool(
        client,
        org,
        agent_id,
        "create_item",
        arguments,
        confirmed=True,
        headers={"Idempotency-Key": "write-1"},
    )
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert data["approval"] == "always"
    assert data["result"]["status"] == 201
    (seen,) = api.seen("/items")
    assert seen.method == "POST"
    assert seen.json == {"title": "Lamp"}
    assert seen.query == "dry=no"
    assert seen.headers["idempotency-key"] == "write-1"

    r = await client.put(
        tools_url(agent_id, "create_item", "approval"),
        json={"policy": "never"},
        headers=org.headers,
    )
    assert r.status_code == 200
    r = await run_tool(client, org, agent_id, "create_item", {"title": "Desk"})
    assert r.status_code == 200, r.text
    assert r.json()["data"]["approval"] == "never"
    assert len(api.seen("/items")) == 2


async def test_the_credential_is_applied_and_never_shown(
    client: httpx.AsyncClient, factory: Factory, api: FakeApi
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    await make_secret(client, org, name="crm", kind="bearer", value=TOKEN, hosts=["127.0.0.1"])
    api.answer("/me", Answer(200, echo=True))
    api.answer("/leak", Answer(500, {"error": f"bad token {TOKEN}"}))
    for name, path in (("me", "/me"), ("leak", "/leak")):
        await http_tool(
            client,
            org,
            agent_id,
            name,
            "GET",
            f"{api.url}{path}",
            config={"credential": "crm", "attempts": 1},
        )
    r = await run_tool(client, org, agent_id, "me")
    assert r.status_code == 200, r.text
    assert api.seen("/me")[0].headers["authorization"] == f"Bearer {TOKEN}"
    assert r.json()["data"]["result"]["body"]["headers"]["authorization"] == "***"
    r = await run_tool(client, org, agent_id, "leak")
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert data["error"] == f"GET {api.url}/leak answered 500"
    assert data["result"]["status"] == 500
    assert TOKEN not in r.text
    assert "***" in data["result"]["body"]["error"]


async def test_a_credential_that_asks_for_confirmation_wins(
    client: httpx.AsyncClient, factory: Factory, api: FakeApi
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    await make_secret(
        client, org, name="bank", kind="bearer", value=TOKEN, hosts=["127.0.0.1"], confirm="always"
    )
    await http_tool(
        client,
        org,
        agent_id,
        "balance",
        "GET",
        f"{api.url}/balance",
        config={"credential": "bank"},
        approval="never",
    )
    r = await run_tool(client, org, agent_id, "balance")
    assert r.status_code == 409, r.text
    assert api.seen("/balance") == []
    r = await run_tool(client, org, agent_id, "balance", confirmed=True)
    assert r.status_code == 200, r.text
    assert len(api.seen("/balance")) == 1


async def test_refused_and_failed_requests_are_results(
    client: httpx.AsyncClient, factory: Factory, api: FakeApi
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    api.answer("/missing", Answer(404, {"error": "no such thing"}))
    await http_tool(client, org, agent_id, "private", "GET", "http://10.1.2.3/x")
    await http_tool(client, org, agent_id, "missing", "GET", f"{api.url}/missing")
    r = await run_tool(client, org, agent_id, "private")
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert data["result"]["code"] == "OUTBOUND_REFUSED"
    assert "10.1.2.3" in data["error"]
    r = await run_tool(client, org, agent_id, "missing")
    data = r.json()["data"]
    assert data["error"] == f"GET {api.url}/missing answered 404"
    assert data["result"]["body"] == {"error": "no such thing"}
    assert len(api.seen("/missing")) == 1


async def test_in_a_chat_reads_run_and_writes_wait(
    client: httpx.AsyncClient, factory: Factory, api: FakeApi, worker: Worker
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    api.answer("/weather/Paris", Answer(200, {"sky": "clear"}))
    await http_tool(client, org, agent_id, "weather", "GET", f"{api.url}/weather/{{city}}")
    await http_tool(client, org, agent_id, "delete_city", "DELETE", f"{api.url}/cities/{{city}}")
    data = await chat(client, org, agent_id, 'call weather {"city": "Paris"}')
    (call,) = data["metadata"]["tool_calls"]
    assert call["result"]["body"] == {"sky": "clear"}
    assert "weather returned" in data["message"]["content"]
    (seen,) = api.seen("/weather/Paris")
    turn_id = data["metadata"]["run_id"]
    assert seen.headers["idempotency-key"] == f"{turn_id}:call_echo_1"

    api.answer("/cities/Paris", Answer(204, None))
    r = await client.post(
        f"/api/v1/agents/{agent_id}/chat",
        json={"messages": 'call delete_city {"city": "Paris"}'},
        headers=org.headers,
    )
    assert r.status_code == 202, r.text  # a write waits for a person, by default
    waiting = r.json()["data"]
    (asked,) = waiting["approvals"]
    assert asked["tool"] == "delete_city"
    assert api.seen("/cities/Paris") == []
    approval = await client.get(f"/api/v1/approvals/{asked['approval_id']}", headers=org.headers)
    assert '"method":"DELETE"' in approval.json()["data"]["description"]
    r = await client.post(
        f"/api/v1/approvals/{asked['approval_id']}/respond",
        json={"decision": "approve"},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    for _ in range(200):
        run = (await client.get(f"/api/v1/runs/{waiting['run_id']}", headers=org.headers)).json()
        if run["data"]["status"] == "succeeded":
            break
        await asyncio.sleep(0.05)
    assert run["data"]["status"] == "succeeded"
    (sent,) = api.seen("/cities/Paris")
    assert sent.method == "DELETE"
    assert sent.headers["idempotency-key"] == f"{waiting['run_id']}:call_echo_1"


async def test_dry_run_sends_a_draft_without_saving_it(
    client: httpx.AsyncClient, factory: Factory, api: FakeApi
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    api.answer("/echo/7", Answer(200, {"n": 7}))
    draft = {"name": "probe", "kind": "http", "config": {"url": f"{api.url}/echo/{{n}}"}}
    url = tools_url(agent_id, "dry-run")
    r = await client.post(url, json={"tool": draft, "arguments": {"n": "7"}}, headers=org.headers)
    assert r.status_code == 200, r.text
    assert r.json()["data"]["result"]["body"] == {"n": 7}
    r = await client.post(url, json={"tool": draft, "arguments": {}}, headers=org.headers)
    assert r.status_code == 200, "a draft's call with arguments that do not fit fails as a call"
    assert r.json()["data"]["error"].startswith("the arguments do not fit the tool")
    assert '"n" is a required property' in r.json()["data"]["error"]
    bad = {**draft, "config": {"url": "nope"}}
    r = await client.post(url, json={"tool": bad, "arguments": {}}, headers=org.headers)
    assert r.status_code == 422
    assert r.json()["details"][0]["field"] == "config.url"
    write = {**draft, "config": {"method": "PUT", "url": f"{api.url}/echo/{{n}}"}}
    r = await client.post(url, json={"tool": write, "arguments": {"n": "8"}}, headers=org.headers)
    assert r.status_code == 409
    assert api.seen("/echo/8") == []
    listed = await client.get(tools_url(agent_id), headers=org.headers)
    assert listed.json()["data"] == []


async def test_a_chat_stores_no_secret_from_a_tool(
    client: httpx.AsyncClient, factory: Factory, api: FakeApi
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    await make_secret(
        client,
        org,
        name="crm",
        kind="api_key_header",
        header="X-API-Key",
        value=TOKEN,
        hosts=["127.0.0.1"],
    )
    api.answer("/whoami", Answer(200, echo=True))
    api.answer("/oops", Answer(400, {"detail": f"key {TOKEN} is wrong"}))
    for name in ("whoami", "oops"):
        await http_tool(
            client, org, agent_id, name, "GET", f"{api.url}/{name}", config={"credential": "crm"}
        )
    data = await chat(client, org, agent_id, "call whoami {}\ncall oops {}")
    assert api.seen("/whoami")[0].headers["x-api-key"] == TOKEN
    messages = await client.get(
        f"/api/v1/conversations/{data['thread_id']}/messages", headers=org.headers
    )
    events = await client.get(f"/api/v1/agents/{agent_id}/tools", headers=org.headers)
    for text in (str(data), messages.text, events.text):
        assert TOKEN not in text
    assert "***" in messages.text


async def test_a_long_result_is_cached_and_the_model_gets_a_preview(
    client: httpx.AsyncClient, factory: Factory, api: FakeApi, worker: Worker
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    rows = [{"id": i, "name": f"customer {i}", "notes": "x" * 40} for i in range(400)]
    api.answer("/customers", Answer(200, rows))
    await http_tool(client, org, agent_id, "customers", "GET", f"{api.url}/customers")
    data = await chat(client, org, agent_id, "call customers {}")
    (call,) = data["metadata"]["tool_calls"]
    assert len(call["result"]["body"]) == 400  # the caller is answered the whole result
    thread = data["thread_id"]
    r = await client.get(f"/api/v1/conversations/{thread}/messages", headers=org.headers)
    (tool,) = [m for m in r.json()["data"] if m["role"] == "tool"]
    shown = json.loads(tool["content"])
    assert len(tool["content"]) < 4_000  # the model's prompt holds a preview only
    assert shown["preview"].startswith('{"status":200')
    cached = f"/api/v1/conversations/{thread}/cached-results/{shown['cached_result_id']}"
    whole = (await client.get(cached, headers=org.headers)).json()["data"]
    assert len(whole["payload"]["body"]) == 400
    page = (await client.get(f"{cached}/items", params={"size": 10}, headers=org.headers)).json()
    assert page["total"] == 400
    assert page["data"][0]["id"] == 0
