"""Hooks: token management on flows, and public calls that start runs."""

from __future__ import annotations

import hashlib
import json

import httpx
import pytest

from flowline.auth.scopes import Role
from flowline.db.models import Flow, Run
from flowline.engine.worker import Worker
from flowline.runtime import Runtime
from tests.answers import assert_error, error_fields
from tests.engine.flows import chain, create_flow, node
from tests.factories import Factory, Org
from tests.observability.test_logging import captured_logs
from tests.runs.builders import make_flow


async def make_hook(client: httpx.AsyncClient, org: Org, flow_id: str) -> str:
    r = await client.post(f"/api/v1/flows/{flow_id}/hook", headers=org.headers)
    assert r.status_code == 201, r.text
    data = r.json()["data"]
    assert data["flow_id"] == flow_id
    assert data["path"] == f"/api/v1/hooks/{data['token']}"
    return str(data["token"])


async def run_row(runtime: Runtime, run_id: str) -> Run:
    async with runtime.db.session() as session:
        run = await session.get(Run, run_id)
        assert run is not None
        return run


async def test_a_hook_starts_a_run_without_an_api_key(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    flow_id = await make_flow(client, org)
    token = await make_hook(client, org, flow_id)
    assert token.startswith("flh_")
    async with runtime.db.session() as session:
        flow = await session.get(Flow, flow_id)
    assert flow is not None
    assert flow.hook_token == hashlib.sha256(token.encode()).hexdigest()  # never the token

    r = await client.post(f"/api/v1/hooks/{token}", json={"order": 42})
    assert r.status_code == 202, r.text
    data = r.json()["data"]
    assert data["status"] == "queued"
    run = await run_row(runtime, data["run_id"])
    assert (run.org_id, run.flow_id, run.trigger, run.input) == (
        org.id,
        flow_id,
        "webhook",
        {"order": 42},
    )


async def test_unknown_removed_and_rotated_tokens_are_not_found(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    flow_id = await make_flow(client, org)
    old = await make_hook(client, org, flow_id)
    new = await make_hook(client, org, flow_id)
    assert old != new
    for token in (old, "flh_" + "A" * 43, "nonsense", "flk_" + "a" * 38):
        r = await client.post(f"/api/v1/hooks/{token}", json={})
        body = assert_error(r, 404, "HOOK_NOT_FOUND")
        assert token not in json.dumps(body)
    r = await client.post(f"/api/v1/hooks/{new}", json={})
    assert r.status_code == 202

    r = await client.delete(f"/api/v1/flows/{flow_id}/hook", headers=org.headers)
    assert r.status_code == 204
    r = await client.post(f"/api/v1/hooks/{new}", json={})
    assert_error(r, 404, "HOOK_NOT_FOUND")
    r = await client.delete(f"/api/v1/flows/{flow_id}/hook", headers=org.headers)
    assert_error(r, 404, "HOOK_NOT_FOUND")


async def test_a_deleted_flows_hook_is_gone(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    flow_id = await make_flow(client, org)
    token = await make_hook(client, org, flow_id)
    r = await client.delete(f"/api/v1/flows/{flow_id}", headers=org.headers)
    assert r.status_code == 204
    r = await client.post(f"/api/v1/hooks/{token}", json={})
    assert_error(r, 404, "HOOK_NOT_FOUND")
    r = await client.post(f"/api/v1/flows/{flow_id}/hook", headers=org.headers)
    assert_error(r, 404, "FLOW_NOT_FOUND")


async def test_idempotency_key_answers_the_same_run(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    token = await make_hook(client, org, await make_flow(client, org))
    headers = {"Idempotency-Key": "delivery-1"}
    first = await client.post(f"/api/v1/hooks/{token}", json={"n": 1}, headers=headers)
    again = await client.post(f"/api/v1/hooks/{token}", json={"n": 2}, headers=headers)
    other = await client.post(f"/api/v1/hooks/{token}", json={"n": 3})
    assert first.status_code == again.status_code == other.status_code == 202
    run_id = first.json()["data"]["run_id"]
    assert again.json()["data"]["run_id"] == run_id
    assert other.json()["data"]["run_id"] != run_id
    run = await run_row(runtime, run_id)
    assert (run.idempotency_key, run.input) == ("hook:delivery-1", {"n": 1})
    r = await client.post(f"/api/v1/hooks/{token}", json={}, headers={"Idempotency-Key": ""})
    assert error_fields(r) == {"Idempotency-Key"}


@pytest.mark.parametrize(
    ("content", "content_type", "expected"),
    [
        (b"", None, {}),
        (b"a=1&b=2", "application/x-www-form-urlencoded", None),
        (b"<ping/>", "application/xml; charset=utf-8", None),
        (b'{"x": [1, 2]}', "application/vnd.api+json", {"x": [1, 2]}),
        (b"[1, 2]", "application/json", [1, 2]),
    ],
)
async def test_bodies_become_the_input(
    client: httpx.AsyncClient,
    factory: Factory,
    runtime: Runtime,
    content: bytes,
    content_type: str | None,
    expected: object,
) -> None:
    org = await factory.org()
    token = await make_hook(client, org, await make_flow(client, org))
    headers = {"Content-Type": content_type} if content_type else {}
    r = await client.post(f"/api/v1/hooks/{token}", content=content, headers=headers)
    assert r.status_code == 202, r.text
    run = await run_row(runtime, r.json()["data"]["run_id"])
    if expected is None:
        assert content_type is not None
        media = content_type.split(";")[0]
        expected = {"body": content.decode(), "content_type": media}
    assert run.input == expected


async def test_bad_bodies_are_refused(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    token = await make_hook(client, org, await make_flow(client, org))
    url = f"/api/v1/hooks/{token}"
    r = await client.post(url, content=b"{nope", headers={"Content-Type": "application/json"})
    assert_error(r, 400, "INVALID_JSON")
    r = await client.post(url, content=b"\xff\xfe\x00", headers={"Content-Type": "image/png"})
    assert_error(r, 415, "UNSUPPORTED_MEDIA_TYPE")
    r = await client.post(url, json={"a": "\u0000"})
    assert_error(r, 422, "VALIDATION_ERROR")
    r = await client.post(url, json={}, params={"wait_seconds": 301})
    assert error_fields(r) == {"wait_seconds"}


async def test_an_inactive_flow_answers_409(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    flow_id = await make_flow(client, org)
    token = await make_hook(client, org, flow_id)
    r = await client.patch(
        f"/api/v1/flows/{flow_id}", json={"status": "inactive"}, headers=org.headers
    )
    assert r.status_code == 200
    r = await client.post(f"/api/v1/hooks/{token}", json={})
    assert_error(r, 409, "FLOW_INACTIVE")


async def test_managing_hooks_needs_flows_write(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    flow_id = await make_flow(client, org)
    viewer = await factory.member(org, Role.VIEWER)
    r = await client.post(f"/api/v1/flows/{flow_id}/hook", headers=viewer.headers)
    assert_error(r, 403, "FORBIDDEN")
    r = await client.delete(f"/api/v1/flows/{flow_id}/hook", headers=viewer.headers)
    assert_error(r, 403, "FORBIDDEN")
    r = await client.post(f"/api/v1/flows/{flow_id}/hook")
    assert_error(r, 401, "UNAUTHORIZED")


async def test_tokens_never_reach_the_access_log(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    flow_id = await make_flow(client, org)
    with captured_logs(runtime) as buffer:
        token = await make_hook(client, org, flow_id)
        await client.post(f"/api/v1/hooks/{token}", json={})
        await client.post(f"/api/v1/hooks/{token}x/more", json={})
    text = buffer.getvalue()
    assert token not in text
    assert "/api/v1/hooks/***" in text


async def test_wait_seconds_answers_the_output(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    definition = chain(
        node("start", "start"),
        node("done", "end", output="{{ input.name }} done"),
    )
    token = await make_hook(client, org, await create_flow(client, org, definition))
    r = await client.post(
        f"/api/v1/hooks/{token}", json={"name": "Ada"}, params={"wait_seconds": 10}
    )
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert (data["status"], data["output"], data["error"]) == ("succeeded", "Ada done", None)


async def test_wait_seconds_reports_a_failed_run(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    definition = chain(
        node("start", "start", input_schema={"type": "object", "required": ["name"]}),
        node("done", "end", output="ok"),
    )
    token = await make_hook(client, org, await create_flow(client, org, definition))
    r = await client.post(f"/api/v1/hooks/{token}", json={}, params={"wait_seconds": 10})
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert data["status"] == "failed"
    assert data["output"] is None
    assert data["error"] is not None
