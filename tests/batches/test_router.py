"""Batch files and batches on the engine: progress, output formats, resume, cancel, 402."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import httpx
import orjson
import sqlalchemy as sa

from flowline.db.models import BatchResult, LlmUsage, Task
from flowline.db.types import utcnow
from flowline.engine.worker import Worker
from flowline.runtime import Runtime
from tests.agents.builders import make_agent
from tests.factories import Factory, Org
from tests.usage.builders import put_budget

ROWS = [{"text": f"row {i}"} for i in range(6)]
JSONL = b"".join(orjson.dumps(r) + b"\n" for r in ROWS)
OPERATION = {"kind": "label", "params": {"categories": ["a", "b"]}, "input_field": "text"}


async def upload(client: httpx.AsyncClient, org: Org, data: bytes, name: str) -> httpx.Response:
    return await client.post("/api/v1/files", files={"file": (name, data)}, headers=org.headers)


async def submit(client: httpx.AsyncClient, org: Org, **extra: Any) -> dict[str, Any]:
    file = (await upload(client, org, JSONL, "rows.jsonl")).json()["data"]
    body = {"file_id": file["id"], "operation": OPERATION, **extra}
    r = await client.post("/api/v1/batches", json=body, headers=org.headers)
    assert r.status_code == 202, r.text
    data: dict[str, Any] = r.json()["data"]
    return data


async def ended(client: httpx.AsyncClient, org: Org, batch_id: str) -> dict[str, Any]:
    async with asyncio.timeout(60):
        while True:
            r = await client.get(f"/api/v1/batches/{batch_id}", headers=org.headers)
            data: dict[str, Any] = r.json()["data"]
            if data["status"] in ("completed", "cancelled", "failed"):
                return data
            await asyncio.sleep(0.05)


async def test_files_are_checked_and_counted(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    r = await upload(client, org, b'a,b\n1,"two\nlines"\n3,4\n', "t.csv")
    assert r.status_code == 201, r.text
    assert (r.json()["data"]["format"], r.json()["data"]["rows"]) == ("csv", 2)
    r = await upload(client, org, b'[{"a": 1}, {"a": 2}, {"a": 3}]', "t.json")
    assert r.json()["data"]["rows"] == 3
    r = await upload(client, org, b'{"a": 1}\nnot json\n', "t.jsonl")
    assert r.status_code == 422
    assert r.json()["error"] == "INVALID_FILE"
    assert "Line 2" in r.json()["message"]
    r = await upload(client, org, b"a,b\n1\n", "t.csv")
    assert r.status_code == 422
    r = await upload(client, org, b"{}", "t.bin")
    assert r.json()["details"][0]["field"] == "format"
    listed = (await client.get("/api/v1/attachments?purpose=batch", headers=org.headers)).json()
    assert listed["total"] == 2


async def test_a_batch_runs_every_row_and_its_output_pages(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, runtime: Runtime
) -> None:
    org, other = await factory.org(), await factory.org()
    batch = await submit(client, org, concurrency=3)
    assert batch["total_rows"] == 6
    done = await ended(client, org, batch["id"])
    assert (done["status"], done["succeeded"], done["failed"], done["progress"]) == (
        "completed",
        6,
        0,
        1.0,
    )
    url = f"/api/v1/batches/{batch['id']}/output"
    page = (await client.get(url, params={"size": 4}, headers=org.headers)).json()
    assert [r["row"] for r in page["data"]] == [0, 1, 2, 3]
    assert page["total"] == 6
    assert page["data"][0]["output"]["label"] in ("a", "b")
    r = await client.get(url, params={"format": "jsonl", "page": 1, "size": 4}, headers=org.headers)
    assert [orjson.loads(line)["row"] for line in r.text.splitlines()] == [4, 5]
    r = await client.get(url, params={"format": "csv"}, headers=org.headers)
    assert r.text.splitlines()[0] == "row,status,attempts,output,error"
    assert len(r.text.splitlines()) == 7
    for path in (f"/api/v1/batches/{batch['id']}", url):
        assert (await client.get(path, headers=other.headers)).status_code == 404
    r = await client.post(f"/api/v1/batches/{batch['id']}/cancel", headers=org.headers)
    assert r.status_code == 409


async def test_a_resumed_batch_does_not_redo_finished_rows(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    """A worker died after committing rows 0 and 1: its lease runs out, another takes over."""
    org = await factory.org()
    batch = await submit(client, org)
    async with runtime.db.session(write=True) as tx:
        for row in (0, 1):
            tx.add(
                BatchResult(
                    org_id=org.id,
                    batch_id=batch["id"],
                    row=row,
                    status="succeeded",
                    attempts=1,
                    output={"from": "before"},
                )
            )
        await tx.execute(
            sa.update(Task)
            .where(Task.node_id == batch["id"])
            .values(lease_owner="dead-worker", lease_expires_at=utcnow() - timedelta(seconds=1))
        )
    made = Worker(runtime, slots=2)
    task = asyncio.create_task(made.run())
    try:
        done = await ended(client, org, batch["id"])
    finally:
        made.stop()
        await asyncio.wait_for(task, 30)
    assert (done["status"], done["succeeded"]) == ("completed", 6)
    url = f"/api/v1/batches/{batch['id']}/output"
    rows = (await client.get(url, headers=org.headers)).json()["data"]
    assert [r["output"] for r in rows[:2]] == [{"from": "before"}] * 2
    async with runtime.db.session() as session:
        calls = (
            await session.execute(sa.select(sa.func.count()).where(LlmUsage.org_id == org.id))
        ).scalar_one()
    assert calls == 4


async def test_cancel_stops_a_batch_and_background_ids_are_checked(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org, other = await factory.org(), await factory.org()
    batch = await submit(client, org)
    cancel = f"/api/v1/cancel/background-task/{batch['id']}"
    assert (await client.post(cancel, headers=other.headers)).status_code == 404
    r = await client.post(cancel, headers=org.headers)
    assert r.status_code == 200, r.text
    assert r.json()["data"] == {"task_id": batch["id"], "kind": "batch", "status": "cancelled"}
    made = Worker(runtime, slots=2)
    task = asyncio.create_task(made.run())
    try:
        async with asyncio.timeout(30):
            while True:
                async with runtime.db.session() as session:
                    left = (
                        await session.execute(
                            sa.select(sa.func.count()).where(Task.node_id == batch["id"])
                        )
                    ).scalar_one()
                if not left:
                    break
                await asyncio.sleep(0.05)
    finally:
        made.stop()
        await asyncio.wait_for(task, 30)
    done = (await client.get(f"/api/v1/batches/{batch['id']}", headers=org.headers)).json()
    assert (done["data"]["status"], done["data"]["succeeded"]) == ("cancelled", 0)
    assert (await client.post(cancel, headers=org.headers)).status_code == 409
    r = await client.post("/api/v1/cancel/background-task/zzz_1", headers=org.headers)
    assert r.status_code == 404


async def test_bad_batches_are_refused(client: httpx.AsyncClient, factory: Factory) -> None:
    org, other = await factory.org(), await factory.org()
    file = (await upload(client, org, JSONL, "rows.jsonl")).json()["data"]
    bad = {"file_id": file["id"], "operation": {"kind": "label", "params": {}}}
    r = await client.post("/api/v1/batches", json=bad, headers=org.headers)
    assert r.status_code == 422
    assert r.json()["details"][0]["field"].startswith("operation.params")
    good = {"file_id": file["id"], "operation": OPERATION}
    r = await client.post("/api/v1/batches", json=good, headers=other.headers)
    assert r.status_code == 404
    await put_budget(client, org, credits_usd=0)
    r = await client.post("/api/v1/batches", json=good, headers=org.headers)
    assert r.status_code == 402


async def test_a_flow_runs_once_per_row(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    definition = {
        "nodes": [
            {"id": "start", "data": {"node_type": "start"}},
            {
                "id": "done",
                "data": {"node_type": "end", "config": {"output": "got {{ input.text }}"}},
            },
        ],
        "edges": [{"id": "e1", "source": "start", "target": "done"}],
    }
    r = await client.post(
        "/api/v1/flows", json={"name": "per-row", "definition": definition}, headers=org.headers
    )
    flow_id = r.json()["data"]["id"]
    file = (await upload(client, org, JSONL, "rows.jsonl")).json()["data"]
    body = {"file_id": file["id"], "operation": {"kind": "flow", "flow_id": flow_id}}
    r = await client.post("/api/v1/batches", json=body, headers=org.headers)
    assert r.status_code == 202, r.text
    done = await ended(client, org, r.json()["data"]["id"])
    assert (done["status"], done["succeeded"]) == ("completed", 6)
    url = f"/api/v1/batches/{done['id']}/output"
    rows = (await client.get(url, headers=org.headers)).json()["data"]
    assert rows[3]["output"]["output"] == "got row 3"
    bad = {"file_id": file["id"], "operation": {"kind": "flow", "flow_id": "flw_nope"}}
    r = await client.post("/api/v1/batches", json=bad, headers=org.headers)
    assert r.status_code == 404
    bad = {"file_id": file["id"], "operation": {"kind": "flow"}}
    r = await client.post("/api/v1/batches", json=bad, headers=org.headers)
    assert r.status_code == 422


async def test_an_agent_answers_each_row_once(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, runtime: Runtime
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    file = (await upload(client, org, JSONL, "rows.jsonl")).json()["data"]
    operation = {"kind": "agent", "agent_id": agent_id, "input_field": "text"}
    r = await client.post(
        "/api/v1/batches", json={"file_id": file["id"], "operation": operation}, headers=org.headers
    )
    assert r.status_code == 202, r.text
    done = await ended(client, org, r.json()["data"]["id"])
    assert (done["status"], done["succeeded"]) == ("completed", 6)
    url = f"/api/v1/batches/{done['id']}/output"
    rows = (await client.get(url, headers=org.headers)).json()["data"]
    runs = {row["output"]["run_id"] for row in rows}
    assert len(runs) == 6  # a turn per row, each in its own conversation
    assert "row 3" in rows[3]["output"]["output"]["message"]["content"]  # echo answers it
    for bad, status in (({"kind": "agent"}, 422), ({"kind": "agent", "agent_id": "agt_x"}, 404)):
        body = {"file_id": file["id"], "operation": bad}
        r = await client.post("/api/v1/batches", json=body, headers=org.headers)
        assert r.status_code == status, r.text
