"""Writes under confirmation, through real flows: nothing is sent before a person approves,
and then exactly what they approved (docs/confirmation.md)."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
from typing import Any

import httpx
import orjson
import sqlalchemy as sa

from flowline.db.models import Approval, Step
from flowline.engine.worker import Worker
from flowline.runtime import Runtime
from tests.confirm.builders import (
    add_credential,
    call,
    flow_with,
    pending,
    respond,
    token,
    until,
)
from tests.engine.flows import events, run_flow
from tests.factories import Factory
from tests.fakes.http import Answer, FakeApi

MASK = "***"


def _write(api: FakeApi, **config: Any) -> dict[str, Any]:
    return call(
        api,
        "/users",
        method="POST",
        credential="capi",
        headers={"X-Trace": "t-{{ input.n }}"},
        query={"dry": "no"},
        json={"email": "{{ input.email }}"},
        **config,
    )


async def test_a_write_waits_then_sends_exactly_what_was_shown(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, api: FakeApi
) -> None:
    org = await factory.org()
    secret = token()
    await add_credential(client, org, "capi", secret)
    api.answer("/users", Answer(201, {"id": "u1"}))
    flow_id = await flow_with(client, org, _write(api, confirm="writes"))
    run = await run_flow(client, org, flow_id, {"n": 1, "email": "a@x.test"}, wait=0)

    approval = await pending(client, org, run["id"])
    assert api.requests == []  # nothing is sent before the answer
    key = f"{run['id']}:call:1"
    shown = approval["payload"]
    assert {k: v for k, v in shown.items() if k != "request_hash"} == {
        "method": "POST",
        "url": f"{api.url}/users",
        "headers": {
            "X-Trace": "t-1",
            "Content-Type": "application/json",
            "Idempotency-Key": key,
            "Authorization": MASK,
        },
        "query": {"dry": "no"},
        "json": {"email": "a@x.test"},
        "body": None,
        "credential": "capi",
    }
    # The hash is of the request as sealed: secrets as references, the credential by name.
    sealed = {
        "method": "POST",
        "url": f"{api.url}/users",
        "headers": {"X-Trace": "t-1", "Content-Type": "application/json", "Idempotency-Key": key},
        "query": {"dry": "no"},
        "json": {"email": "a@x.test"},
        "body": None,
        "credential": "capi",
    }
    expected = hashlib.sha256(orjson.dumps(sealed, option=orjson.OPT_SORT_KEYS)).hexdigest()
    assert shown["request_hash"] == expected
    assert approval["assignees"] == [org.owner.user_id]  # the run's creator
    assert secret not in orjson.dumps(approval).decode()

    await respond(client, org, approval["id"])
    done = await until(client, org, run["id"], "succeeded", "failed")
    assert done["status"] == "succeeded", done
    assert done["output"] == {"id": "u1"}
    [sent] = api.requests
    assert (sent.method, sent.path, sent.query) == ("POST", "/users", "dry=no")
    assert sent.json == {"email": "a@x.test"}
    assert sent.headers["authorization"] == f"Bearer {secret}"
    assert sent.headers["x-trace"] == "t-1"
    assert sent.headers["idempotency-key"] == key
    assert sent.headers["user-agent"].startswith("Flowline/")
    [step] = [s for s in done["steps"] if s["node_id"] == "call"]
    assert step["input"]["request_hash"] == expected
    assert step["input"]["headers"]["Authorization"] == MASK
    seen = await events(client, org, run["id"])
    assert seen.index("approval.requested") < seen.index("approval.resolved")


async def test_approve_with_changes_sends_the_edited_request(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, api: FakeApi
) -> None:
    org = await factory.org()
    secret = token()
    await add_credential(client, org, "capi", secret)
    flow_id = await flow_with(client, org, _write(api, confirm="always"))
    run = await run_flow(client, org, flow_id, {"n": 2, "email": "a@x.test"}, wait=0)
    approval = await pending(client, org, run["id"])
    shown = approval["payload"]

    headers = {**shown["headers"], "X-Trace": "edited"}  # Authorization stays "***"
    edit = {"method": "PUT", "url": f"{api.url}/users/7", "headers": headers}
    decided = await respond(client, org, approval["id"], arguments={**edit, "json": {"n": 3}})
    assert decided["arguments"]["json"] == {"n": 3}
    done = await until(client, org, run["id"], "succeeded", "failed")
    assert done["status"] == "succeeded", done
    [sent] = api.requests
    assert (sent.method, sent.path, sent.query, sent.json) == (
        "PUT",
        "/users/7",
        "dry=no",
        {"n": 3},
    )
    assert sent.headers["x-trace"] == "edited"
    assert sent.headers["authorization"] == f"Bearer {secret}"

    r = await client.get(f"/api/v1/approvals/{approval['id']}", headers=org.headers)
    recorded = r.json()["data"]["arguments"]
    assert recorded["request_hash"] != shown["request_hash"]
    assert recorded["url"] == f"{api.url}/users/7"
    assert recorded["headers"]["Authorization"] == MASK
    [step] = [s for s in done["steps"] if s["node_id"] == "call"]
    assert step["input"]["request_hash"] == recorded["request_hash"]


async def test_an_edit_that_leaves_the_credential_s_hosts_is_refused(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, api: FakeApi
) -> None:
    org = await factory.org()
    await add_credential(client, org, "capi", token())
    flow_id = await flow_with(client, org, _write(api, confirm="writes"))
    run = await run_flow(client, org, flow_id, {"n": 1, "email": "a@x.test"}, wait=0)
    approval = await pending(client, org, run["id"])
    r = await client.post(
        f"/api/v1/approvals/{approval['id']}/respond",
        json={"decision": "approve", "arguments": {"method": "FETCH"}},
        headers=org.headers,
    )
    assert r.status_code == 422, r.text  # not the shape of a request: refused at once

    await respond(client, org, approval["id"], arguments={"url": "https://example.com/users"})
    done = await until(client, org, run["id"], "succeeded", "failed")
    assert done["output"] == "CONFIRMATION_INVALID"
    assert api.requests == []


async def test_deny_fails_the_step_with_denied_and_the_error_edge_handles_it(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, api: FakeApi
) -> None:
    org = await factory.org()
    await add_credential(client, org, "capi", token())
    flow_id = await flow_with(client, org, _write(api, confirm="writes"))
    run = await run_flow(client, org, flow_id, {"n": 1, "email": "a@x.test"}, wait=0)
    approval = await pending(client, org, run["id"])
    await respond(client, org, approval["id"], decision="deny", comment="not today")
    done = await until(client, org, run["id"], "succeeded", "failed")
    assert done["status"] == "succeeded", done
    assert done["output"] == "DENIED"
    [step] = [s for s in done["steps"] if s["node_id"] == "call"]
    assert step["status"] == "failed"
    assert step["error"]["code"] == "DENIED"
    assert step["error"]["details"]["comment"] == "not today"
    assert api.requests == []


async def test_reads_pass_under_writes(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, api: FakeApi
) -> None:
    org = await factory.org()
    await add_credential(client, org, "capi", token(), confirm="writes")
    api.answer("/users", Answer(200, [{"id": "u1"}]))
    flow_id = await flow_with(client, org, call(api, "/users", credential="capi", confirm="writes"))
    run = await run_flow(client, org, flow_id)
    assert run["status"] == "succeeded", run
    assert run["output"] == [{"id": "u1"}]
    assert len(api.requests) == 1
    r = await client.get(f"/api/v1/approvals/pending?run_id={run['id']}", headers=org.headers)
    assert r.json()["data"] == []


async def test_the_credential_s_always_wins_over_the_node_s_never(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, api: FakeApi
) -> None:
    org = await factory.org()
    made = await add_credential(client, org, "capi", token(), confirm="always")
    assert made["confirm"] == "always"
    # ``false`` is the old spelling of ``never``.
    flow_id = await flow_with(client, org, call(api, "/users", credential="capi", confirm=False))
    run = await run_flow(client, org, flow_id, wait=0)
    approval = await pending(client, org, run["id"])
    assert approval["payload"]["method"] == "GET"
    assert api.requests == []

    r = await client.put("/api/v1/secrets/capi", json={"confirm": None}, headers=org.headers)
    assert r.status_code == 200, r.text
    assert r.json()["data"]["confirm"] is None
    run = await run_flow(client, org, flow_id)
    assert run["status"] == "succeeded", run
    assert len(api.requests) == 1


async def test_the_approver_sees_secrets_and_sensitive_headers_masked(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, api: FakeApi
) -> None:
    org = await factory.org()
    secret, other = token(), token()
    await add_credential(client, org, "capi", secret)
    await add_credential(client, org, "path_key", other, kind="generic", hosts=[])
    group = await client.post("/api/v1/groups", json={"name": "ops"}, headers=org.headers)
    assert group.status_code == 201, group.text
    definition = call(
        api,
        "/v1/{{ secrets.path_key }}/send",
        method="POST",
        credential="capi",
        headers={"Cookie": "session=abc", "X-Other": "k={{ secrets.path_key }}"},
        json={"password": "hunter2", "text": "hi"},
        confirm="writes",
        confirm_group="ops",
    )
    flow_id = await flow_with(client, org, definition)
    run = await run_flow(client, org, flow_id, wait=0)
    approval = await pending(client, org, run["id"])
    shown = approval["payload"]
    assert shown["url"] == f"{api.url}/v1/{MASK}/send"
    assert shown["headers"]["Cookie"] == MASK
    assert shown["headers"]["X-Other"] == f"k={MASK}"
    assert shown["headers"]["Authorization"] == MASK
    assert shown["json"] == {"password": MASK, "text": "hi"}
    assert approval["group_id"] == group.json()["data"]["id"]
    assert approval["assignees"] == []
    text = orjson.dumps(approval).decode()
    for hidden in (secret, other, "hunter2"):
        assert hidden not in text

    # What was masked is sent as it was, once approved with only the text changed.
    await respond(client, org, approval["id"], arguments={"json": {**shown["json"], "text": "yo"}})
    done = await until(client, org, run["id"], "succeeded", "failed")
    assert done["status"] == "succeeded", done
    [sent] = api.requests
    assert sent.path == f"/v1/{other}/send"
    assert sent.json == {"password": "hunter2", "text": "yo"}
    assert sent.headers["cookie"] == "session=abc"
    assert sent.headers["x-other"] == f"k={other}"
    assert other not in orjson.dumps(done).decode()


async def _tamper_sealed(runtime: Runtime, step_id: str, path: str) -> None:
    """Change the stored request behind the approval's back (with the instance key, even)."""
    async with runtime.db.session(write=True) as session:
        step = await session.get(Step, step_id)
        assert step is not None
        assert isinstance(step.output, dict)
        output = dict(step.output)
        sealed = orjson.loads(runtime.secret_box.decrypt(output["request_sealed"]))
        sealed["url"] = sealed["url"].rsplit("/", 1)[0] + path
        output["request_sealed"] = runtime.secret_box.encrypt(orjson.dumps(sealed).decode())
        step.output = output


async def test_a_request_that_is_not_the_approved_one_is_refused(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, api: FakeApi, runtime: Runtime
) -> None:
    org = await factory.org()
    await add_credential(client, org, "capi", token())
    flow_id = await flow_with(client, org, _write(api, confirm="writes"))

    run = await run_flow(client, org, flow_id, {"n": 1, "email": "a@x.test"}, wait=0)
    approval = await pending(client, org, run["id"])
    await _tamper_sealed(runtime, approval["step_id"], "/admins")
    await respond(client, org, approval["id"])
    done = await until(client, org, run["id"], "succeeded", "failed")
    assert done["output"] == "CONFIRMATION_MISMATCH"

    # The same when the approval's hash is what changed.
    run = await run_flow(client, org, flow_id, {"n": 2, "email": "a@x.test"}, wait=0)
    approval = await pending(client, org, run["id"])
    async with runtime.db.session(write=True) as session:
        await session.execute(
            sa.update(Approval)
            .where(Approval.id == approval["id"])
            .values(payload={**approval["payload"], "request_hash": "0" * 64})
        )
    await respond(client, org, approval["id"])
    done = await until(client, org, run["id"], "succeeded", "failed")
    assert done["output"] == "CONFIRMATION_MISMATCH"
    assert api.requests == []


async def test_the_question_survives_a_worker_restart(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime, api: FakeApi
) -> None:
    org = await factory.org()
    secret = token()
    await add_credential(client, org, "capi", secret)
    flow_id = await flow_with(client, org, _write(api, confirm="writes"))

    first = asyncio.create_task(Worker(runtime, slots=4).run())
    try:
        run = await run_flow(client, org, flow_id, {"n": 5, "email": "a@x.test"}, wait=0)
        approval = await pending(client, org, run["id"])
    finally:
        first.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await first
    await respond(client, org, approval["id"])  # answered while no worker runs
    assert api.requests == []

    second = asyncio.create_task(Worker(runtime, slots=4).run())
    try:
        done = await until(client, org, run["id"], "succeeded", "failed")
    finally:
        second.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await second
    assert done["status"] == "succeeded", done
    [sent] = api.requests
    assert sent.json == {"email": "a@x.test"}
    assert sent.headers["authorization"] == f"Bearer {secret}"
    assert sent.headers["idempotency-key"] == f"{run['id']}:call:1"
