"""``/tasks``: scheduled agent tasks on the schedules machinery."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from flowline.auth.scopes import Role
from flowline.db.types import utcnow
from flowline.engine.worker import Worker
from flowline.runtime import Runtime
from flowline.schedules.scheduler import Scheduler
from tests.factories import Factory, Org, unique
from tests.schedules.builders import set_next_run

URL = "/api/v1/tasks"


async def make_agent(client: httpx.AsyncClient, org: Org) -> str:
    r = await client.post("/api/v1/agents", json={"name": unique("agent")}, headers=org.headers)
    assert r.status_code == 201, r.text
    return str(r.json()["data"]["id"])


async def make_task(client: httpx.AsyncClient, org: Org, **fields: Any) -> dict[str, Any]:
    body = {
        "name": "Morning brief",
        "agent_id": await make_agent(client, org),
        "prompt": "Summarise {{ nothing }} today",
        "cron": "0 8 * * *",
        "timezone": "Europe/Berlin",
        **fields,
    }
    r = await client.post(URL, json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    data: dict[str, Any] = r.json()["data"]
    return data


async def test_create_update_toggle_delete(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    task = await make_task(client, org)
    assert task["active"] is True
    assert task["next_run_at"] is not None
    assert task["conversation_id"].startswith("cnv_")
    r = await client.patch(
        f"{URL}/{task['id']}",
        json={"cron": "30 9 * * 1", "prompt": "Weekly"},
        headers={**org.headers, "If-Match": "1"},
    )
    assert r.status_code == 200, r.text
    assert r.json()["data"]["cron"] == "30 9 * * 1"
    assert r.json()["data"]["version"] == 2
    r = await client.post(f"{URL}/{task['id']}/toggle", headers=org.headers)
    assert r.json()["data"]["active"] is False
    assert r.json()["data"]["next_run_at"] is None
    r = await client.post(f"{URL}/{task['id']}/toggle", json={"active": True}, headers=org.headers)
    assert r.json()["data"]["active"] is True
    r = await client.get(URL, headers=org.headers)
    assert [t["id"] for t in r.json()["data"]] == [task["id"]]
    r = await client.get(f"/api/v1/schedules/{task['schedule_id']}", headers=org.headers)
    assert r.json()["data"]["input"]["prompt"] == "Weekly"
    r = await client.delete(f"{URL}/{task['id']}", headers=org.headers)
    assert r.status_code == 204
    r = await client.get(f"{URL}/{task['id']}", headers=org.headers)
    assert r.status_code == 404
    r = await client.get(f"/api/v1/schedules/{task['schedule_id']}", headers=org.headers)
    assert r.status_code == 404


async def test_bad_fields_are_named_and_other_orgs_refused(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org, other = await factory.org(), await factory.org()
    agent = await make_agent(client, org)
    base = {"name": "t", "agent_id": agent, "prompt": "p", "cron": "0 8 * * *"}
    for field, value in (("cron", "61 * * * *"), ("timezone", "Mars/Base"), ("prompt", "")):
        r = await client.post(URL, json={**base, field: value}, headers=org.headers)
        assert r.status_code == 422, r.text
        assert r.json()["details"][0]["field"].endswith(field)
    r = await client.post(URL, json=base, headers=other.headers)
    assert r.status_code == 404, r.text
    assert r.json()["details"][0]["field"] == "agent_id"
    task = await make_task(client, org)
    for method in ("GET", "PATCH", "DELETE"):
        r = await client.request(
            method, f"{URL}/{task['id']}", json={"name": "x"}, headers=other.headers
        )
        assert r.status_code == 404
    viewer = await factory.member(org, Role.VIEWER)
    r = await client.post(URL, json=base, headers=viewer.headers)
    assert r.status_code == 403


async def test_a_due_firing_runs_the_agent_in_the_task_conversation_after_a_restart(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime, worker: Worker
) -> None:
    """The firing is a row in the database: a scheduler that starts afresh (a restart)
    finds it due and the agent answers in the task's conversation."""
    org = await factory.org()
    task = await make_task(client, org, prompt="hello {{ not a template }}", cron="* * * * *")
    await set_next_run(runtime, task["schedule_id"], utcnow().replace(second=0, microsecond=0))
    await Scheduler(runtime).tick()  # a new scheduler, as after a restart
    messages: list[dict[str, Any]] = []
    for _ in range(400):
        r = await client.get(
            f"/api/v1/conversations/{task['conversation_id']}/messages", headers=org.headers
        )
        messages = r.json().get("data", []) if r.status_code == 200 else []
        if any(m["role"] == "assistant" for m in messages):
            break
        await asyncio.sleep(0.05)
    assert [m["role"] for m in messages][:2] == ["user", "assistant"], messages
    assert messages[0]["content"] == "hello {{ not a template }}"
    r = await client.get(f"{URL}/{task['id']}", headers=org.headers)
    assert r.json()["data"]["last_run_id"] is not None
