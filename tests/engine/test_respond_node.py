"""The ``respond`` node: the answer of the hook call that started the run."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from flowline.engine.worker import Worker
from tests.engine.flows import chain, create_flow, node, run_flow, wait_status
from tests.factories import Factory, Org
from tests.hooks.test_router import make_hook


def respond_flow(**respond: Any) -> dict[str, Any]:
    """hook → set → respond → delay (the run waits there) → end."""
    return chain(
        node("start", "start"),
        node("total", "set", values={"sum": "{{ input.a + input.b }}"}),
        node("answer", "respond", **respond),
        node("ask", "delay", seconds=3600),
        node("done", "end", output="{{ vars.sum }}"),
    )


async def steps_of(client: httpx.AsyncClient, org: Org, run_id: str) -> dict[str, dict[str, Any]]:
    r = await client.get(f"/api/v1/runs/{run_id}/steps?size=100", headers=org.headers)
    assert r.status_code == 200, r.text
    return {s["node_id"]: s for s in r.json()["data"]}


async def test_a_hook_call_gets_the_respond_nodes_answer_while_the_run_goes_on(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    flow = await create_flow(
        client,
        org,
        respond_flow(
            status=201,
            headers={"X-Sum": "{{ vars.sum }}", "Location": "/orders/{{ input.a }}"},
            body={"sum": "{{ vars.sum }}", "note": "total of {{ input.a }} and {{ input.b }}"},
        ),
    )
    token = await make_hook(client, org, flow)
    r = await client.post(f"/api/v1/hooks/{token}?wait_seconds=60", json={"a": 2, "b": 3})
    assert r.status_code == 201, r.text
    assert r.headers["x-sum"] == "5"
    assert r.headers["location"] == "/orders/2"
    assert r.headers["content-type"] == "application/json"
    assert r.json() == {"sum": 5, "note": "total of 2 and 3"}
    # The run went on past the answer: it now waits at the approval after it.
    r = await client.get(f"/api/v1/runs?flow_id={flow}", headers=org.headers)
    [run] = r.json()["data"]
    await wait_status(client, org, run["id"], {"waiting"})
    steps = await steps_of(client, org, run["id"])
    assert steps["answer"]["output"] == {
        "status": 201,
        "headers": {"X-Sum": "5", "Location": "/orders/2"},
        "body": {"sum": 5, "note": "total of 2 and 3"},
    }
    assert steps["ask"]["status"] == "waiting"


async def test_a_flow_with_a_respond_node_waits_for_it_without_being_asked(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    flow = await create_flow(client, org, respond_flow(body="sum={{ vars.sum }}"))
    token = await make_hook(client, org, flow)
    r = await client.post(f"/api/v1/hooks/{token}", json={"a": 1, "b": 1})
    assert r.status_code == 200, r.text
    assert r.text == "sum=2"
    assert r.headers["content-type"] == "text/plain; charset=utf-8"
    # Asked not to wait, it answers 202 at once as any hook does.
    r = await client.post(f"/api/v1/hooks/{token}?wait_seconds=0", json={"a": 1, "b": 1})
    assert r.status_code == 202, r.text
    assert r.json()["data"]["status"] == "queued"


async def test_a_content_type_header_wins_and_no_body_stays_empty(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    flow = await create_flow(
        client,
        org,
        respond_flow(headers={"Content-Type": "application/xml"}, body="<sum>{{ vars.sum }}</sum>"),
    )
    token = await make_hook(client, org, flow)
    r = await client.post(f"/api/v1/hooks/{token}?wait_seconds=60", json={"a": 4, "b": 4})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/xml"
    assert r.text == "<sum>8</sum>"
    empty = await create_flow(client, org, respond_flow(status=204))
    token = await make_hook(client, org, empty)
    r = await client.post(f"/api/v1/hooks/{token}?wait_seconds=60", json={"a": 4, "b": 4})
    assert r.status_code == 204, r.text
    assert r.content == b""


async def test_only_the_first_respond_answers(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    flow = await create_flow(
        client,
        org,
        chain(
            node("start", "start"),
            node("first", "respond", status=202, body="first"),
            node("second", "respond", status=200, body="second"),
            node("done", "end", output="ok"),
        ),
    )
    token = await make_hook(client, org, flow)
    for _ in range(2):  # the second call finds the run (by its key) past both
        r = await client.post(
            f"/api/v1/hooks/{token}?wait_seconds=60",
            json={},
            headers={"Idempotency-Key": "one"},
        )
        assert (r.status_code, r.text) == (202, "first")


async def test_without_a_waiting_caller_the_answer_is_recorded(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    flow = await create_flow(
        client,
        org,
        chain(
            node("start", "start"),
            node("answer", "respond", status=202, body={"got": "{{ input.x }}"}),
            node("done", "end", output="after"),
        ),
    )
    run = await run_flow(client, org, flow, {"x": 7}, wait=30)
    assert run["status"] == "succeeded", run
    assert run["output"] == "after"
    steps = await steps_of(client, org, run["id"])
    assert steps["answer"]["output"] == {"status": 202, "headers": {}, "body": {"got": 7}}
    # A hook call that gave up (no wait) leaves the same record.
    token = await make_hook(client, org, flow)
    r = await client.post(f"/api/v1/hooks/{token}?wait_seconds=0", json={"x": 8})
    assert r.status_code == 202, r.text
    run_id = r.json()["data"]["run_id"]
    await wait_status(client, org, run_id, {"succeeded"})
    steps = await steps_of(client, org, run_id)
    assert steps["answer"]["output"]["body"] == {"got": 8}


async def test_a_header_that_renders_a_line_break_fails_the_step(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    call = await _named_header_hook(client, factory)
    r = await call("a\r\nSet-Cookie: x=1")
    _assert_header_failed(r)
    assert "set-cookie" not in {k.lower() for k in r.headers}


async def _named_header_hook(
    client: httpx.AsyncClient, factory: Factory
) -> Callable[[str], Awaitable[httpx.Response]]:
    """A hook of hook → respond with header ``X-Name: {{ input.name }}``; calls it with a
    name and waits for the answer."""
    org = await factory.org()
    flow = await create_flow(
        client,
        org,
        chain(
            node("start", "start"),
            node("answer", "respond", headers={"X-Name": "{{ input.name }}"}),
        ),
    )
    token = await make_hook(client, org, flow)

    async def call(name: str) -> httpx.Response:
        return await client.post(f"/api/v1/hooks/{token}?wait_seconds=60", json={"name": name})

    return call


def _assert_header_failed(r: httpx.Response) -> None:
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert data["status"] == "failed"
    assert data["error"]["code"] == "VALIDATION_ERROR"
    assert "X-Name" in data["error"]["message"]


async def test_bad_status_and_dangerous_headers_are_refused_naming_the_field(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    definition = chain(
        node("start", "start"),
        node("a", "respond", status=100),
        node("b", "respond", status=600),
        node("c", "respond", headers={"Set-Cookie": "session=1"}),
        node("d", "respond", headers={"transfer-encoding": "chunked", "X Bad": "1"}),
        node("e", "respond", status="{{ 200 }}"),
    )
    r = await client.post(
        "/api/v1/flows/validate", json={"definition": definition}, headers=org.headers
    )
    assert r.status_code == 200, r.text
    report = r.json()["data"]
    assert report["valid"] is False
    found = {(p["node_id"], p["field"]) for p in report["problems"]}
    assert found == {
        ("a", "definition.nodes[1].data.config.status"),
        ("b", "definition.nodes[2].data.config.status"),
        ("c", "definition.nodes[3].data.config.headers.Set-Cookie.[key]"),
        ("d", "definition.nodes[4].data.config.headers.transfer-encoding.[key]"),
        ("d", "definition.nodes[4].data.config.headers.X Bad.[key]"),
        ("e", "definition.nodes[5].data.config.status"),
    }, report["problems"]


async def test_a_respond_in_a_child_run_does_not_answer_the_parents_hook_call(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    child = await create_flow(
        client,
        org,
        chain(node("start", "start"), node("answer", "respond", status=418, body="child")),
    )
    parent = await create_flow(
        client,
        org,
        chain(
            node("start", "start"),
            node("call", "subflow", flow_id=child),
            node("done", "end", output="parent"),
        ),
    )
    token = await make_hook(client, org, parent)
    r = await client.post(f"/api/v1/hooks/{token}?wait_seconds=60", json={})
    assert r.status_code == 200, r.text
    assert (r.json()["data"]["status"], r.json()["data"]["output"]) == ("succeeded", "parent")


async def test_a_header_that_renders_what_http_cannot_carry_fails_the_step(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    # A header value travels as Latin-1 text without control characters: an emoji or a
    # backspace could not be sent, and the hook call answered 500.
    call = await _named_header_hook(client, factory)
    for name in ("smile 🙂", "bell\x07", "del\x7f"):
        _assert_header_failed(await call(name))
    r = await call("Zoë\tß")
    assert r.status_code == 200, r.text
    assert (b"x-name", "Zoë\tß".encode("latin-1")) in r.headers.raw
