from __future__ import annotations

import asyncio
from datetime import timedelta

import httpx

from flowline.auth.scopes import Role
from flowline.db.types import utcnow
from flowline.engine.transitions import lock_run, move_run
from flowline.runtime import Runtime
from tests.answers import assert_error, error_fields
from tests.approvals.builders import (
    event_types,
    resumes_of,
    step_of,
    tasks_of,
    waiting_approval,
)
from tests.factories import Factory, unique

SCHEMA = {
    "type": "object",
    "required": ["amount"],
    "additionalProperties": False,
    "properties": {"amount": {"type": "integer", "maximum": 100}, "note": {"type": "string"}},
}


async def _respond(
    client: httpx.AsyncClient, approval_id: str, headers: dict[str, str], **body: object
) -> httpx.Response:
    return await client.post(
        f"/api/v1/approvals/{approval_id}/respond",
        json={"decision": "approve", **body},
        headers=headers,
    )


async def test_approve_resumes_the_step_with_the_decision(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    soon = utcnow() + timedelta(hours=1)
    waiting = await waiting_approval(client, runtime, org, expires_at=soon)
    assert [t.kind for t in await tasks_of(runtime, waiting.run_id)] == ["timer"]

    r = await _respond(client, waiting.approval_id, org.headers, comment="fine")
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert data["status"] == "approved"
    assert data["decided_by_id"] == org.owner.user_id
    assert data["comment"] == "fine"
    assert data["decided_at"].endswith("Z")

    # The timer is gone and the answer is queued for the step.
    assert [t.kind for t in await tasks_of(runtime, waiting.run_id)] == ["resume"]
    [resume] = await resumes_of(runtime, waiting.run_id)
    assert resume["outcome"] == "approved"
    output = resume["output"]
    assert output["decision"] == "approved"
    assert output["payload"] == {"amount": 10}
    assert output["decided_by"]["id"] == org.owner.user_id
    assert output["decided_by"]["name"]
    assert output["comment"] == "fine"
    assert output["approval_id"] == waiting.approval_id
    assert output["timed_out"] is False
    events = await event_types(client, org, waiting.run_id)
    assert events[-2:] == ["approval.requested", "approval.resolved"]


async def test_deny_and_edited_arguments(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    waiting = await waiting_approval(client, runtime, org, payload_schema=SCHEMA)

    r = await _respond(client, waiting.approval_id, org.headers, arguments={"amount": 7})
    assert r.status_code == 200, r.text
    assert r.json()["data"]["arguments"] == {"amount": 7}
    [resume] = await resumes_of(runtime, waiting.run_id)
    assert resume["output"]["payload"] == {"amount": 7}

    denied = await waiting_approval(client, runtime, org)
    r = await _respond(client, denied.approval_id, org.headers, decision="deny")
    assert r.json()["data"]["status"] == "denied"
    [resume] = await resumes_of(runtime, denied.run_id)
    assert (resume["outcome"], resume["output"]["payload"]) == ("denied", {"amount": 10})


async def test_arguments_breaking_the_schema_name_the_fields(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    waiting = await waiting_approval(client, runtime, org, payload_schema=SCHEMA)
    bad = {"amount": "a-secret-value", "extra": 1}

    r = await _respond(client, waiting.approval_id, org.headers, arguments=bad)
    assert_error(r, 422, "VALIDATION_ERROR")
    assert error_fields(r) == {"arguments.amount", "arguments.extra"}
    assert "a-secret-value" not in r.text
    r = await _respond(client, waiting.approval_id, org.headers, arguments={"note": "x"})
    assert error_fields(r) == {"arguments.amount"}
    # Nothing changed: it can still be answered.
    assert (await _respond(client, waiting.approval_id, org.headers)).status_code == 200


async def test_body_is_checked(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    waiting = await waiting_approval(client, runtime, org)
    url = f"/api/v1/approvals/{waiting.approval_id}/respond"
    for body, field in [
        ({"decision": "maybe"}, "decision"),
        ({}, "decision"),
        ({"decision": "approve", "extra": 1}, "extra"),
        ({"decision": "approve", "comment": "x" * 2001}, "comment"),
        ({"decision": "approve", "comment": "nul\u0000"}, "comment"),
    ]:
        r = await client.post(url, json=body, headers=org.headers)
        assert_error(r, 422, "VALIDATION_ERROR")
        assert field in error_fields(r), (body, r.text)


async def test_who_may_answer(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    assignee = await factory.member(org)
    in_group = await factory.member(org)
    outsider = await factory.member(org)
    admin = await factory.member(org, Role.ADMIN)
    viewer = await factory.member(org, Role.VIEWER)
    read_only_key = await factory.member(org, scopes=["runs:read"])
    r = await client.post(
        "/api/v1/groups",
        json={"name": unique("g"), "member_ids": [in_group.user_id]},
        headers=org.headers,
    )
    group_id = r.json()["data"]["id"]

    async def ask() -> str:
        waiting = await waiting_approval(
            client, runtime, org, assignees=[assignee.user_id], group_id=group_id
        )
        return waiting.approval_id

    approval_id = await ask()
    for refused in (outsider, viewer, read_only_key):
        assert_error(await _respond(client, approval_id, refused.headers), 403, "FORBIDDEN")
        r = await client.delete(f"/api/v1/approvals/{approval_id}", headers=refused.headers)
        assert_error(r, 403, "FORBIDDEN")
    # Reading needs only runs:read.
    r = await client.get(f"/api/v1/approvals/{approval_id}", headers=viewer.headers)
    assert r.status_code == 200, r.text

    for allowed in (assignee, in_group, admin):
        r = await _respond(client, await ask(), allowed.headers)
        assert r.status_code == 200, r.text
        assert r.json()["data"]["decided_by_id"] == allowed.user_id


async def test_an_answered_or_timed_out_approval_is_refused(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    waiting = await waiting_approval(client, runtime, org)
    assert (await _respond(client, waiting.approval_id, org.headers)).status_code == 200
    r = await _respond(client, waiting.approval_id, org.headers, decision="deny")
    assert_error(r, 409, "CONFLICT")

    past = utcnow() - timedelta(seconds=1)
    late = await waiting_approval(client, runtime, org, expires_at=past)
    assert_error(await _respond(client, late.approval_id, org.headers), 409, "CONFLICT")
    r = await client.get(f"/api/v1/approvals/{late.approval_id}", headers=org.headers)
    assert r.json()["data"]["status"] == "pending"  # the timer or a sweep expires it


async def test_a_step_no_longer_waiting_refuses_the_answer(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    waiting = await waiting_approval(client, runtime, org)
    async with runtime.db.session(write=True) as session:
        run = await lock_run(session, org.id, waiting.run_id)
        assert run is not None
        move_run(session, run, "cancelled")
    assert_error(await _respond(client, waiting.approval_id, org.headers), 409, "CONFLICT")


async def test_fifty_concurrent_answers_one_wins(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    waiting = await waiting_approval(client, runtime, org)

    answers = await asyncio.gather(
        *(
            _respond(client, waiting.approval_id, org.headers, decision=d, comment=str(i))
            for i, d in enumerate(["approve", "deny"] * 25)
        )
    )
    codes = sorted(r.status_code for r in answers)
    assert codes == [200] + [409] * 49, codes
    [winner] = [r for r in answers if r.status_code == 200]
    for loser in answers:
        if loser is not winner:
            assert_error(loser, 409, "CONFLICT")

    assert len(await resumes_of(runtime, waiting.run_id)) == 1
    events = await event_types(client, org, waiting.run_id)
    assert events.count("approval.resolved") == 1
    r = await client.get(f"/api/v1/approvals/{waiting.approval_id}", headers=org.headers)
    assert r.json()["data"]["comment"] == winner.json()["data"]["comment"]


async def test_cancel_fails_the_step(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    waiting = await waiting_approval(client, runtime, org, expires_at=utcnow() + timedelta(days=1))

    r = await client.delete(f"/api/v1/approvals/{waiting.approval_id}", headers=org.headers)
    assert r.status_code == 204, r.text
    [resume] = await resumes_of(runtime, waiting.run_id)
    assert resume["error"]["code"] == "APPROVAL_CANCELLED"
    assert [t.kind for t in await tasks_of(runtime, waiting.run_id)] == ["resume"]
    r = await client.get(f"/api/v1/approvals/{waiting.approval_id}", headers=org.headers)
    assert r.json()["data"]["status"] == "cancelled"

    r = await client.delete(f"/api/v1/approvals/{waiting.approval_id}", headers=org.headers)
    assert_error(r, 409, "CONFLICT")
    assert_error(await _respond(client, waiting.approval_id, org.headers), 409, "CONFLICT")


async def test_unknown_and_other_organisations_approvals_are_not_found(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org, other = await factory.org(), await factory.org()
    waiting = await waiting_approval(client, runtime, org)
    for approval_id in ("apr_nope", waiting.approval_id):
        r = await client.get(f"/api/v1/approvals/{approval_id}", headers=other.headers)
        assert_error(r, 404, "APPROVAL_NOT_FOUND")
        assert_error(await _respond(client, approval_id, other.headers), 404, "APPROVAL_NOT_FOUND")
    r = await client.get("/api/v1/approvals/pending", headers=other.headers)
    assert r.json()["total"] == 0


async def test_pending_lists_and_filters(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    alice = await factory.member(org)
    bob = await factory.member(org)
    r = await client.post(
        "/api/v1/groups",
        json={"name": unique("g"), "member_ids": [bob.user_id]},
        headers=org.headers,
    )
    group_id = r.json()["data"]["id"]
    for_alice = await waiting_approval(client, runtime, org, assignees=[alice.user_id])
    for_group = await waiting_approval(client, runtime, org, group_id=group_id)
    answered = await waiting_approval(client, runtime, org, assignees=[alice.user_id])
    assert (await _respond(client, answered.approval_id, org.headers)).status_code == 200

    async def ids(headers: dict[str, str], **params: str | int) -> list[str]:
        r = await client.get("/api/v1/approvals/pending", params=params, headers=headers)
        assert r.status_code == 200, r.text
        return [a["id"] for a in r.json()["data"]]

    assert await ids(org.headers) == [for_group.approval_id, for_alice.approval_id]
    assert await ids(org.headers, assignee=alice.user_id) == [for_alice.approval_id]
    assert await ids(org.headers, assignee=bob.user_id) == [for_group.approval_id]
    assert await ids(bob.headers, assignee="me") == [for_group.approval_id]
    assert await ids(org.headers, group=group_id) == [for_group.approval_id]
    assert await ids(org.headers, flow_id=for_alice.flow_id) == [for_alice.approval_id]
    assert await ids(org.headers, run_id=for_group.run_id) == [for_group.approval_id]
    assert await ids(org.headers, size=1, page=1) == [for_alice.approval_id]
    assert await ids(org.headers, size=1, page=5) == []
    r = await client.get("/api/v1/approvals/pending?size=0", headers=org.headers)
    assert_error(r, 422, "VALIDATION_ERROR")


async def test_history_lists_closed_approvals_latest_decision_first(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    alice = await factory.member(org)
    first = await waiting_approval(client, runtime, org, assignees=[alice.user_id])
    second = await waiting_approval(client, runtime, org)
    still_pending = await waiting_approval(client, runtime, org, assignees=[alice.user_id])
    # Answered in the other order from their creation: the history follows the answers.
    r = await _respond(client, second.approval_id, org.headers, decision="deny")
    assert r.status_code == 200, r.text
    assert (await _respond(client, first.approval_id, alice.headers)).status_code == 200

    async def ids(headers: dict[str, str], **params: str | int) -> list[str]:
        r = await client.get("/api/v1/approvals/history", params=params, headers=headers)
        assert r.status_code == 200, r.text
        return [a["id"] for a in r.json()["data"]]

    assert await ids(org.headers) == [first.approval_id, second.approval_id]
    assert still_pending.approval_id not in await ids(org.headers)
    assert await ids(org.headers, status="denied") == [second.approval_id]
    assert await ids(org.headers, status="approved") == [first.approval_id]
    assert await ids(alice.headers, assignee="me") == [first.approval_id]
    assert await ids(org.headers, run_id=second.run_id) == [second.approval_id]
    assert await ids(org.headers, size=1, page=1) == [second.approval_id]
    r = await client.get("/api/v1/approvals/history?status=pending", headers=org.headers)
    assert_error(r, 422, "VALIDATION_ERROR")
    assert "status" in error_fields(r)
    other = await factory.org()
    assert await ids(other.headers) == []


async def test_run_approve_answers_the_single_pending_approval(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    waiting = await waiting_approval(client, runtime, org)
    url = f"/api/v1/runs/{waiting.run_id}/approve"

    r = await client.post(url, headers=org.headers)
    assert r.status_code == 200, r.text
    assert r.json()["data"]["id"] == waiting.approval_id
    assert r.json()["data"]["status"] == "approved"
    assert_error(await client.post(url, headers=org.headers), 409, "CONFLICT")  # none left

    two = await waiting_approval(client, runtime, org)
    await waiting_approval(client, runtime, org, run_id=two.run_id, node_id="ask2")
    r = await client.post(f"/api/v1/runs/{two.run_id}/approve", json={}, headers=org.headers)
    assert_error(r, 409, "CONFLICT")

    denied = await waiting_approval(client, runtime, org)
    r = await client.post(
        f"/api/v1/runs/{denied.run_id}/approve",
        json={"decision": "deny", "comment": "no"},
        headers=org.headers,
    )
    assert r.json()["data"]["status"] == "denied"
    r = await client.post("/api/v1/runs/run_nope/approve", headers=org.headers)
    assert_error(r, 404, "RUN_NOT_FOUND")


async def test_bulk_respond_answers_each_on_its_own(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    first = await waiting_approval(client, runtime, org)
    second = await waiting_approval(client, runtime, org)
    done = await waiting_approval(client, runtime, org)
    assert (await _respond(client, done.approval_id, org.headers)).status_code == 200
    ids = [second.approval_id, "apr_nope", done.approval_id, first.approval_id]

    r = await client.post(
        "/api/v1/approvals/bulk-respond",
        json={"ids": ids, "decision": "deny", "comment": "batch"},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    body = r.json()["data"]
    assert [x["id"] for x in body["results"]] == ids
    assert [(x["ok"], x["status_code"]) for x in body["results"]] == [
        (True, 200),
        (False, 404),
        (False, 409),
        (True, 200),
    ]
    assert (body["succeeded"], body["failed"]) == (2, 2)
    for waiting in (first, second):
        [resume] = await resumes_of(runtime, waiting.run_id)
        assert resume["outcome"] == "denied"
        assert resume["output"]["comment"] == "batch"
    r = await client.post(
        "/api/v1/approvals/bulk-respond", json={"ids": [], "decision": "deny"}, headers=org.headers
    )
    assert_error(r, 422, "VALIDATION_ERROR")


async def test_cleanup_expired_takes_each_steps_on_timeout(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    past = utcnow() - timedelta(minutes=1)
    expired = await waiting_approval(client, runtime, org, expires_at=past)
    approved = await waiting_approval(client, runtime, org, expires_at=past, on_timeout="approved")
    later = await waiting_approval(client, runtime, org, expires_at=utcnow() + timedelta(hours=1))

    r = await client.get("/api/v1/approvals/dashboard/summary", headers=org.headers)
    assert r.json()["data"]["overdue"] == 2
    r = await client.post("/api/v1/approvals/cleanup-expired", headers=org.headers)
    assert r.status_code == 200, r.text
    assert sorted(r.json()["data"]["approval_ids"]) == sorted(
        [expired.approval_id, approved.approval_id]
    )
    for waiting, outcome in ((expired, "expired"), (approved, "approved")):
        assert [t.kind for t in await tasks_of(runtime, waiting.run_id)] == ["resume"]
        [resume] = await resumes_of(runtime, waiting.run_id)
        assert resume["outcome"] == outcome
        assert resume["output"]["timed_out"] is True
        assert resume["output"]["decided_by"] is None
    assert [t.kind for t in await tasks_of(runtime, later.run_id)] == ["timer"]
    r = await client.post("/api/v1/approvals/cleanup-expired", headers=org.headers)
    assert r.json()["data"] == {"expired": 0, "approval_ids": []}
    assert (await step_of(runtime, later.step_id)).status == "waiting"


async def test_dashboard_and_tool_stats(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    tool = unique("tool_")
    empty = await client.get("/api/v1/approvals/dashboard/summary", headers=org.headers)
    assert empty.json()["data"]["total"] == 0
    assert empty.json()["data"]["oldest_pending_at"] is None
    a = await waiting_approval(client, runtime, org, tool_id=tool)
    b = await waiting_approval(client, runtime, org, tool_id=tool)
    c = await waiting_approval(client, runtime, org)
    await _respond(client, a.approval_id, org.headers)
    await _respond(client, b.approval_id, org.headers, decision="deny")

    r = await client.get("/api/v1/approvals/dashboard/summary", headers=org.headers)
    summary = r.json()["data"]
    assert summary["pending"] == 1
    assert summary["total"] == 3
    assert summary["by_status"]["approved"] == summary["by_status"]["denied"] == 1
    assert summary["approval_rate"] == 0.5
    assert summary["mean_decision_seconds"] >= 0
    assert summary["oldest_pending_at"].endswith("Z")
    detail = await client.get(f"/api/v1/approvals/{c.approval_id}", headers=org.headers)
    assert summary["oldest_pending_at"] == detail.json()["data"]["created_at"]

    r = await client.get(f"/api/v1/approvals/tools/{tool}/stats", headers=org.headers)
    assert r.status_code == 200, r.text
    stats = r.json()["data"]
    assert (stats["total"], stats["approval_rate"]) == (2, 0.5)
    assert stats["by_status"]["pending"] == 0
    r = await client.get("/api/v1/approvals/tools/unknown/stats", headers=org.headers)
    assert_error(r, 404, "TOOL_NOT_FOUND")


async def test_odd_ids_are_simply_not_found(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    for odd in ("%00", "a%00b", "x" * 300, "%F0%9F%92%A9"):
        r = await client.get(f"/api/v1/approvals/{odd}", headers=org.headers)
        assert r.status_code in (404, 422), (odd, r.text)
        r = await client.get(
            f"/api/v1/approvals/pending?assignee={odd[:40]}&flow_id={odd[:40]}",
            headers=org.headers,
        )
        assert r.status_code in (200, 422), (odd, r.text)
        r = await client.get(f"/api/v1/approvals/tools/{odd}/stats", headers=org.headers)
        assert r.status_code in (404, 422), (odd, r.text)
        assert (await _respond(client, odd, org.headers)).status_code == 404
        r = await client.delete(f"/api/v1/approvals/{odd}", headers=org.headers)
        assert r.status_code == 404, (odd, r.text)
        r = await client.post(f"/api/v1/runs/{odd}/approve", headers=org.headers)
        assert r.status_code == 404, (odd, r.text)
    r = await client.post(
        "/api/v1/approvals/bulk-respond",
        json={"ids": ["a\u0000b"], "decision": "deny"},
        headers=org.headers,
    )
    assert_error(r, 422, "VALIDATION_ERROR")
