"""The HTTP side of the server commands, against an in-process fake transport."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from flowline.cli import remote as remote_module
from flowline.cli.deploy import Action, deploy_flow
from flowline.cli.flowfiles import read_flow_file
from flowline.cli.remote import ApiError, Remote, Target, Unreachable, sse_messages

TARGET = Target("http://flowline.test", "flk_test")


def sse(seq: int, type_: str, **data: Any) -> str:
    body = {"seq": seq, "type": type_, "data": data, "created_at": "2026-01-01T00:00:00Z"}
    return f"id: {seq}\nevent: {type_}\ndata: {json.dumps(body)}\n\n"


def test_sse_messages_skip_pings_and_join_data_lines() -> None:
    lines = [": ping", "id: 1", "event: x", "data: a", "data: b", "", "", "id: 2", "data: cut"]
    assert list(sse_messages(iter(lines))) == [{"id": "1", "event": "x", "data": "a\nb"}]


def test_a_dropped_stream_resumes_after_the_last_event(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(remote_module, "RECONNECT_DELAYS", (0.0,))
    seen_ids: list[str | None] = []

    def dropping(chunks: list[str]) -> Iterator[bytes]:
        for chunk in chunks:
            yield chunk.encode()
        raise httpx.ReadError("connection reset")

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.headers["Accept"] == "text/event-stream"
        assert request.headers["Authorization"] == "Bearer flk_test"
        seen_ids.append(request.headers.get("Last-Event-ID"))
        if len(seen_ids) == 1:
            first = [sse(1, "run.started"), sse(2, "step.started", node_id="start")]
            return httpx.Response(200, content=dropping(first))
        # the server replays from Last-Event-ID; a repeat would be dropped anyway
        rest = [sse(2, "step.started"), sse(3, "step.succeeded"), sse(4, "run.succeeded")]
        return httpx.Response(200, content="".join(rest).encode())

    with Remote(TARGET, httpx.MockTransport(handler)) as remote:
        events = list(remote.follow_events("run_1"))
    assert [e.seq for e in events] == [1, 2, 3, 4]
    assert events[1].data == {"node_id": "start"}
    assert seen_ids == [None, "2"]


def test_a_stream_that_never_comes_back_is_unreachable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(remote_module, "RECONNECT_DELAYS", (0.0, 0.0))
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        raise httpx.ConnectError("refused")

    with (
        Remote(TARGET, httpx.MockTransport(handler)) as remote,
        pytest.raises(Unreachable, match="lost the event stream of run run_1"),
    ):
        list(remote.follow_events("run_1"))
    assert calls == 3


def test_error_bodies_become_api_errors() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        body = {"error": "FLOW_NOT_RUNNABLE", "message": "Flow is a draft.", "statusCode": 409}
        return httpx.Response(409, json=body)

    with Remote(TARGET, httpx.MockTransport(handler)) as remote, pytest.raises(ApiError) as caught:
        remote.start_run("flow_1", {})
    assert str(caught.value) == "Flow is a draft. (409 FLOW_NOT_RUNNABLE)"


class FakeFlows:
    """Just enough of ``/api/v1/flows`` to deploy against."""

    def __init__(self) -> None:
        self.flows: dict[str, dict[str, Any]] = {}
        self.writes: list[tuple[str, str | None]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if request.method == "GET" and path == "/api/v1/flows":
            q = request.url.params["q"].lower()
            found = [
                {k: v for k, v in f.items() if k != "definition"}
                for f in self.flows.values()
                if q in f["name"].lower()
            ]
            return httpx.Response(200, json={"data": found, "pages": 1})
        if request.method == "GET":
            return httpx.Response(200, json={"data": self.flows[path.rsplit("/", 1)[1]]})
        body = json.loads(request.content)
        self.writes.append((request.method, request.headers.get("If-Match")))
        if request.method == "POST":
            flow = {"id": f"flow_{len(self.flows) + 1}", "version": 1, "problems": [], **body}
            self.flows[flow["id"]] = flow
            return httpx.Response(201, json={"data": flow})
        flow = self.flows[path.rsplit("/", 1)[1]]
        if int(request.headers["If-Match"]) != flow["version"]:
            return httpx.Response(409, json={"error": "CONFLICT", "message": "moved on"})
        flow.update(body)
        if request.method == "PUT":
            flow["version"] += 1
        return httpx.Response(200, json={"data": flow})


def test_deploy_creates_then_leaves_alone_then_updates(tmp_path: Path) -> None:
    path = tmp_path / "hello.yaml"
    path.write_text("name: Hello\ndefinition:\n  nodes: [{id: start, data: {node_type: start}}]\n")
    server = FakeFlows()
    server.flows["flow_0"] = {"id": "flow_0", "name": "Hello again", "version": 1}
    with Remote(TARGET, httpx.MockTransport(server)) as remote:
        created = deploy_flow(remote, read_flow_file(path))
        again = deploy_flow(remote, read_flow_file(path))
        path.write_text(path.read_text().replace("name: Hello", "name: Hello\nstatus: inactive"))
        patched = deploy_flow(remote, read_flow_file(path))
        path.write_text(path.read_text().replace("id: start", "id: begin"))
        replaced = deploy_flow(remote, read_flow_file(path))
    assert (created.action, created.summary) == (Action.CREATED, "created (v1)")
    assert (again.action, again.summary) == (Action.UNCHANGED, "unchanged (v1)")
    assert (patched.action, patched.summary) == (Action.UPDATED, "updated (v1: status)")
    assert (replaced.action, replaced.summary) == (Action.UPDATED, "updated (v1 → v2)")
    assert server.writes == [("POST", None), ("PATCH", "1"), ("PUT", "1")]


def test_a_server_error_on_the_stream_is_retried(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(remote_module, "RECONNECT_DELAYS", (0.0,))
    answers = [
        httpx.Response(503, json={"error": "UNAVAILABLE", "message": "starting"}),
        httpx.Response(200, content=(sse(1, "run.started") + sse(2, "run.cancelled")).encode()),
    ]

    def handler(request: httpx.Request) -> httpx.Response:
        return answers.pop(0)

    with Remote(TARGET, httpx.MockTransport(handler)) as remote:
        assert [e.type for e in remote.follow_events("run_1")] == ["run.started", "run.cancelled"]


def test_a_refused_stream_is_not_retried() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(404, json={"error": "RUN_NOT_FOUND", "message": "No such run."})

    with Remote(TARGET, httpx.MockTransport(handler)) as remote, pytest.raises(ApiError):
        list(remote.follow_events("run_1"))
