"""Agents through ``flowline serve`` as a user runs it: approvals across a restart, callbacks.

A streamed chat asks for two tools at once, one under approval; the server is
killed while the turn waits; after the restart the call is approved with edited
arguments and the turn finishes, followed from its stored events with
``Last-Event-ID``. The same through the OpenAI SDK's Responses API, resumed by
``starting_after``. An asynchronous chat's answer reaches a receiver on loopback,
signed with the organisation's key.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import signal
from pathlib import Path
from typing import Any

import httpx
import openai
import orjson
import pytest

from tests.cli.environment import Instance, fresh_instance
from tests.e2e.test_serve import Server, Servers
from tests.fakes.http import serve_fake

pytestmark = pytest.mark.e2e

ENV = {"FLOWLINE_LOG_LEVEL": "warning", "FLOWLINE_ALLOW_HOSTS": "127.0.0.1"}
TWO_CALLS = 'call current_time {}\ncall kv_set {"key": "city", "value": "Paris"}'


async def _serve(servers: Servers, instance: Instance) -> Server:
    return await servers.serve(instance, env=ENV)


def _blocks(text: str) -> list[tuple[int, str, dict[str, Any]]]:
    found = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        fields = dict(
            line.split(": ", 1) for line in block.splitlines() if line and not line.startswith(":")
        )
        if "event" in fields:
            found.append((int(fields["id"]), fields["event"], orjson.loads(fields["data"])))
    return found


async def _read_until(response: httpx.Response, name: str) -> list[tuple[int, str, dict[str, Any]]]:
    text = ""
    async for chunk in response.aiter_text():
        text += chunk
        events = _blocks(text)
        if any(event == name for _, event, _ in events):
            return events
    return _blocks(text)


async def test_streamed_chat_approved_with_edited_arguments_after_a_restart(
    tmp_path: Path,
) -> None:
    async with fresh_instance(tmp_path) as instance, Servers() as servers:
        server = await _serve(servers, instance)
        key = {"Authorization": f"Bearer {instance.credentials()['api_key']}"}
        try:
            async with httpx.AsyncClient(base_url=server.base_url, headers=key, timeout=30) as c:
                config = {"tools": ["current_time", "kv_set"], "approval": {"kv_set": "always"}}
                r = await c.post("/api/v1/agents", json={"name": "assistant", "config": config})
                assert r.status_code == 201, r.text
                agent_id = r.json()["data"]["id"]
                body = {"messages": TWO_CALLS, "stream": True}
                async with c.stream("POST", f"/api/v1/agents/{agent_id}/chat", json=body) as s:
                    assert s.status_code == 200
                    seen = await asyncio.wait_for(_read_until(s, "approval.requested"), 30)
            names = [name for _, name, _ in seen]
            assert names[0] == "run.started"
            assert names.count("tool_call.started") == 1  # current_time ran, kv_set waits
            assert "tool_call.completed" in names
            last_seq, _, asked = seen[-1]
            run_id = asked["run_id"]
            assert asked["tool"] == "kv_set"

            server.process.send_signal(signal.SIGKILL)
            await server.kill()
            server = await _serve(servers, instance)

            async with httpx.AsyncClient(base_url=server.base_url, headers=key, timeout=30) as c:
                run = (await c.get(f"/api/v1/runs/{run_id}")).json()["data"]
                assert run["status"] == "waiting"
                r = await c.post(
                    f"/api/v1/approvals/{asked['approval_id']}/respond",
                    json={"decision": "approve", "arguments": {"key": "city", "value": "Rome"}},
                )
                assert r.status_code == 200, r.text
                headers = {"Accept": "text/event-stream", "Last-Event-ID": str(last_seq)}
                async with c.stream("GET", f"/api/v1/runs/{run_id}/events", headers=headers) as s:
                    rest = await asyncio.wait_for(_read_until(s, "run.succeeded"), 30)
                assert rest[0][0] == last_seq + 1
                by_name = {name: data for _, name, data in rest}
                completed = by_name["tool_call.completed"]["data"]
                assert completed["tool"] == "kv_set"
                assert completed["result"]["value"] == "Rome"
                message = by_name["message.completed"]["data"]["message"]["content"]
                assert "Rome" in message
                kv = (await c.get("/api/v1/kv/city")).json()["data"]
                assert kv["value"] == "Rome"
                run = (await c.get(f"/api/v1/runs/{run_id}")).json()["data"]
                tools = [s["node_id"] for s in run["steps"] if s["node_type"] == "tool"]
                assert sorted(tools) == ["tool:call_echo_1", "tool:call_echo_2"]  # each once
        finally:
            await server.kill()


async def test_async_chat_answer_reaches_the_callback_signed(tmp_path: Path) -> None:
    async with (
        fresh_instance(tmp_path) as instance,
        serve_fake() as receiver,
        Servers() as servers,
    ):
        server = await _serve(servers, instance)
        key = {"Authorization": f"Bearer {instance.credentials()['api_key']}"}
        try:
            async with httpx.AsyncClient(base_url=server.base_url, headers=key, timeout=30) as c:
                secret = {"name": "callback_signing_key", "value": "e2e-signing-key"}
                assert (await c.post("/api/v1/secrets", json=secret)).status_code == 201
                r = await c.post("/api/v1/agents", json={"name": "async"})
                agent_id = r.json()["data"]["id"]
                r = await c.post(
                    f"/api/v1/agents/{agent_id}/chat",
                    json={"messages": "good morning", "callback_url": f"{receiver.url}/cb"},
                )
                assert r.status_code == 202, r.text
                run_id = r.json()["data"]["run_id"]
                for _ in range(200):
                    if receiver.seen("/cb"):
                        break
                    await asyncio.sleep(0.05)
                [delivery] = receiver.seen("/cb")
                assert delivery.json["data"]["metadata"]["run_id"] == run_id
                assert delivery.json["data"]["message"]["content"] == "echo: good morning"
                stamp, mac = delivery.headers["flowline-signature"].split(",")
                t = stamp.removeprefix("t=")
                expected = hmac.new(
                    b"e2e-signing-key", f"{t}.".encode() + delivery.body, hashlib.sha256
                )
                assert mac == f"v1={expected.hexdigest()}"
        finally:
            await server.kill()


def _sdk(server: Server, key: str) -> openai.AsyncOpenAI:
    return openai.AsyncOpenAI(
        base_url=f"{server.base_url}/v1", api_key=key, max_retries=0, timeout=30
    )


async def _until(stream: Any, last: str) -> list[Any]:
    events = []
    async for event in stream:
        events.append(event)
        if event.type == last:
            break
    return events


async def test_a_waiting_response_survives_a_restart_and_resumes_by_sequence_number(
    tmp_path: Path,
) -> None:
    async with fresh_instance(tmp_path) as instance, Servers() as servers:
        server = await _serve(servers, instance)
        key = instance.credentials()["api_key"]
        try:
            async with httpx.AsyncClient(
                base_url=server.base_url, headers={"Authorization": f"Bearer {key}"}, timeout=30
            ) as c:
                config = {"tools": ["current_time", "kv_set"], "approval": {"kv_set": "always"}}
                r = await c.post("/api/v1/agents", json={"name": "assistant", "config": config})
                assert r.status_code == 201, r.text
                agent_id = r.json()["data"]["id"]
            sdk = _sdk(server, key)
            assert [m.id async for m in sdk.models.list()] == [agent_id]
            stream = await sdk.responses.create(model=agent_id, input=TWO_CALLS, stream=True)
            seen = await asyncio.wait_for(_until(stream, "response.incomplete"), 30)
            waiting = seen[-1]
            assert waiting.type == "response.incomplete"
            [asked] = waiting.response.incomplete_details.approvals
            assert asked["tool"] == "kv_set"
            await sdk.close()

            server.process.send_signal(signal.SIGKILL)
            await server.kill()
            server = await _serve(servers, instance)

            sdk = _sdk(server, key)
            stored = await sdk.responses.retrieve(waiting.response.id)
            assert stored.status == "incomplete"
            async with httpx.AsyncClient(
                base_url=server.base_url, headers={"Authorization": f"Bearer {key}"}, timeout=30
            ) as c:
                r = await c.post(
                    f"/api/v1/approvals/{asked['approval_id']}/respond",
                    json={"decision": "approve", "arguments": {"key": "city", "value": "Rome"}},
                )
                assert r.status_code == 200, r.text
            rest = await sdk.responses.retrieve(
                waiting.response.id, stream=True, starting_after=waiting.sequence_number
            )
            after = await asyncio.wait_for(_until(rest, "response.completed"), 30)
            assert after[0].sequence_number == waiting.sequence_number + 1
            done = after[-1].response
            assert done.status == "completed"
            calls = {item.name: item for item in done.output if item.type == "mcp_call"}
            assert calls["kv_set"].approval_request_id == asked["approval_id"]
            assert '"Rome"' in (calls["kv_set"].output or "")
            assert "Rome" in done.output_text
            final = await sdk.responses.retrieve(waiting.response.id)
            assert final.status == "completed"
            assert final.output_text == done.output_text
            await sdk.close()
        finally:
            await server.kill()
