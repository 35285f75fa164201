"""Reading runs: lists and filters, one run with its steps, steps and events as JSON."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.auth.scopes import Role
from flowline.db.models import Run, Step
from flowline.engine.transitions import move_run, move_step, start_step
from flowline.runtime import Runtime
from tests.answers import assert_error
from tests.factories import Factory
from tests.runs.builders import advance, make_flow, make_run, new_step


async def test_runs_list_newest_first_and_filters(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    flow_a, flow_b = await make_flow(client, org), await make_flow(client, org)
    base = datetime(2026, 1, 1, tzinfo=UTC)
    old = await make_run(client, runtime, org, flow_id=flow_a, created_at=base)
    mid = await make_run(
        client, runtime, org, flow_id=flow_b, trigger="schedule", created_at=base + timedelta(1)
    )
    new = await make_run(client, runtime, org, flow_id=flow_a, created_at=base + timedelta(2))
    await advance(runtime, org, new, lambda s, run: move_run(s, run, "running"))

    async def ids(**params: str | int) -> list[str]:
        r = await client.get("/api/v1/runs", params=params, headers=org.headers)
        assert r.status_code == 200, r.text
        return [run["id"] for run in r.json()["data"]]

    assert await ids() == [new, mid, old]
    assert await ids(flow_id=flow_a) == [new, old]
    assert await ids(status="running") == [new]
    assert await ids(status="queued") == [mid, old]
    assert await ids(trigger="schedule") == [mid]
    assert await ids(created_after=(base + timedelta(1)).isoformat()) == [new, mid]
    assert await ids(created_before=(base + timedelta(1)).isoformat()) == [old]
    assert await ids(created_after="2026-01-01T12:00:00+00:00", created_before="2026-01-03") == [
        mid
    ]

    r = await client.get("/api/v1/runs", params={"size": 2, "page": 1}, headers=org.headers)
    body = r.json()
    assert [run["id"] for run in body["data"]] == [old]
    assert (body["total"], body["page"], body["size"], body["pages"]) == (3, 1, 2, 2)
    summary = body["data"][0]
    assert summary["flow_id"] == flow_a
    assert summary["status"] == "queued"
    assert summary["trigger"] == "api"
    assert "input" not in summary

    r = await client.get("/api/v1/runs", params={"status": "sleeping"}, headers=org.headers)
    assert_error(r, 422, "VALIDATION_ERROR")


async def test_a_run_with_its_steps_and_events(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    run_id = await make_run(client, runtime, org)
    holder: dict[str, Step] = {}

    def begin(session: AsyncSession, run: Run) -> None:
        move_run(session, run, "running")
        first = holder["first"] = new_step(org, run, "start")
        start_step(session, run, first)
        move_step(session, run, first, "failed", {"error": "boom"})
        first.error = {"message": "boom"}
        second = holder["second"] = new_step(org, run, "start")
        second.attempt = 2
        start_step(session, run, second)
        second.outcome = "next"
        second.output = {"ok": True}
        move_step(session, run, second, "succeeded")
        move_run(session, run, "succeeded")

    await advance(runtime, org, run_id, begin)

    r = await client.get(f"/api/v1/runs/{run_id}", headers=org.headers)
    assert r.status_code == 200, r.text
    run = r.json()["data"]
    assert run["status"] == "succeeded"
    assert run["input"] == {"n": 1}
    assert run["event_seq"] == 6
    assert run["started_at"] is not None
    assert run["finished_at"] is not None
    assert [(s["node_id"], s["attempt"], s["status"]) for s in run["steps"]] == [
        ("start", 1, "failed"),
        ("start", 2, "succeeded"),
    ]

    r = await client.get(f"/api/v1/runs/{run_id}/steps", headers=org.headers)
    assert r.status_code == 200, r.text
    steps = r.json()["data"]
    assert r.json()["total"] == 2
    assert steps == run["steps"]
    first, second = steps
    assert first["error"] == {"message": "boom"}
    assert second["outcome"] == "next"
    assert second["output"] == {"ok": True}
    assert second["input"] == {"in": "start"}
    assert second["node_type"] == "start"
    assert isinstance(second["duration_ms"], int)
    assert second["duration_ms"] >= 0

    r = await client.get(f"/api/v1/runs/{run_id}/events", headers=org.headers)
    assert r.status_code == 200, r.text
    events = r.json()["data"]
    assert [(e["seq"], e["type"]) for e in events] == [
        (1, "run.started"),
        (2, "step.started"),
        (3, "step.failed"),
        (4, "step.started"),
        (5, "step.succeeded"),
        (6, "run.succeeded"),
    ]
    assert events[2]["data"]["error"] == "boom"
    assert events[0]["created_at"]

    r = await client.get(
        f"/api/v1/runs/{run_id}/events",
        params={"after_seq": 2, "size": 2, "page": 1},
        headers=org.headers,
    )
    body = r.json()
    assert [e["seq"] for e in body["data"]] == [5, 6]
    assert body["total"] == 4


async def test_a_viewer_reads_runs_and_other_organisations_see_nothing(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org, other = await factory.org(), await factory.org()
    run_id = await make_run(client, runtime, org)
    viewer = await factory.member(org, Role.VIEWER)
    for path in ("", "/steps", "/events"):
        r = await client.get(f"/api/v1/runs/{run_id}{path}", headers=viewer.headers)
        assert r.status_code == 200, r.text
        r = await client.get(f"/api/v1/runs/{run_id}{path}", headers=other.headers)
        assert_error(r, 404, "RUN_NOT_FOUND")
    r = await client.get("/api/v1/runs", headers=other.headers)
    assert r.json()["data"] == []

    no_runs = await factory.member(org, Role.MEMBER, scopes=["flows:read"])
    r = await client.get(f"/api/v1/runs/{run_id}", headers=no_runs.headers)
    assert_error(r, 403, "FORBIDDEN")
    r = await client.get("/api/v1/runs/run_missing", headers=org.headers)
    assert_error(r, 404, "RUN_NOT_FOUND")
