"""The daily-work commands (runs, approvals, chat, agents, kv, secrets) as processes
against a real ``flowline serve``; their ``--json`` output parsed as a script would."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from tests.cli.environment import COMMAND_TIMEOUT, CliResult
from tests.e2e.test_flow_files import FAILING, Live, server
from tests.postgres import PG_URL

# What these check (a command's requests and output) does not depend on the database,
# and each command pays the CLI's start-up: they run once, in the SQLite pass.
pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(PG_URL is not None, reason="database-independent; runs on SQLite"),
]

WAIT_SECONDS = 30.0
__all__ = ["server"]  # the module's own server, as test_flow_files makes it


async def cli(server: Live, *args: str, stdin: str = "", **env: str) -> CliResult:
    """``flowline <args>`` pointed at the server, ``stdin`` written to it."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "flowline",
        *args,
        cwd=server.instance.root,
        env=server.instance.env(**{"FLOWLINE_URL": server.base_url, **env}),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        stdout, stderr = await asyncio.wait_for(
            process.communicate(stdin.encode()), COMMAND_TIMEOUT
        )
    finally:
        if process.returncode is None:  # timed out, or the test was stopped
            process.kill()
            await process.wait()
    assert process.returncode is not None
    return CliResult(process.returncode, stdout.decode(), stderr.decode())


def parsed(result: CliResult) -> Any:
    assert result.code == 0, result.stderr
    return json.loads(result.stdout)


def json_lines(result: CliResult) -> list[dict[str, Any]]:
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


async def api(server: Live, method: str, path: str, body: Any = None) -> Any:
    key = server.instance.credentials()["api_key"]
    async with httpx.AsyncClient(base_url=server.base_url, timeout=10) as client:
        r = await client.request(
            method, path, json=body, headers={"Authorization": f"Bearer {key}"}
        )
    assert r.status_code < 300, r.text
    return r.json() if r.content else None


async def agent(server: Live, name: str) -> str:
    config = {"tools": ["kv_set"], "approval": {"kv_set": "always"}}
    made = await api(server, "POST", "/api/v1/agents", {"name": name, "config": config})
    return str(made["data"]["id"])


async def run_status(server: Live, run_id: str, *wanted: str) -> dict[str, Any]:
    for _ in range(int(WAIT_SECONDS / 0.1)):
        run: dict[str, Any] = (await api(server, "GET", f"/api/v1/runs/{run_id}"))["data"]
        if run["status"] in wanted:
            return run
        await asyncio.sleep(0.1)
    raise AssertionError(f"run {run_id} is {run['status']}, not {wanted}")


async def waiting_turn(server: Live, agent_id: str, key: str, value: int) -> dict[str, Any]:
    """A chat turn waiting for the approval of one kv_set call."""
    text = f'call kv_set {{"key": "{key}", "value": {value}}}'
    answer = await api(server, "POST", f"/api/v1/agents/{agent_id}/chat", {"messages": text})
    waiting: dict[str, Any] = answer["data"]
    assert waiting["status"] == "waiting", waiting
    return waiting


async def test_agents_list_and_show(server: Live) -> None:
    agent_id = await agent(server, "lister")
    listed = parsed(await cli(server, "agents", "list", "--json"))
    assert agent_id in [a["id"] for a in listed["data"]]
    shown = parsed(await cli(server, "agents", "show", "lister", "--json"))
    assert shown["id"] == agent_id
    assert shown["config"]["tools"] == ["kv_set"]
    table = await cli(server, "agents", "list")
    assert "lister" in table.stdout
    missing = await cli(server, "agents", "show", "nobody")
    assert missing.code == 1
    assert missing.stderr.startswith("error: No agent with id or name 'nobody'")


async def test_kv_set_and_get(server: Live) -> None:
    made = parsed(await cli(server, "kv", "set", "greeting", '{"hello": [1, 2]}', "--json"))
    assert made["key"] == "greeting"
    assert parsed(await cli(server, "kv", "get", "greeting", "--json"))["value"] == {
        "hello": [1, 2]
    }
    text = parsed(await cli(server, "kv", "set", "note", "plain words", "--json"))
    assert text["value"] == "plain words"  # not JSON: kept as text
    plain = await cli(server, "kv", "get", "greeting")
    assert json.loads(plain.stdout) == {"hello": [1, 2]}
    missing = await cli(server, "kv", "get", "no-such-key")
    assert missing.code == 1
    assert missing.stderr.startswith("error: ")
    assert missing.stdout == ""


async def test_secrets_set_reads_the_value_from_stdin(server: Live) -> None:
    value = "s3cr3t-from-stdin-9431"
    first = await cli(
        server,
        "secrets",
        "set",
        "cli_token",
        "--kind",
        "bearer",
        "--host",
        "api.example.com",
        "--json",
        stdin=value + "\n",
    )
    made = parsed(first)
    assert value not in first.stdout + first.stderr
    assert made["name"] == "cli_token"
    assert made["last4"] == value[-4:]
    again = await cli(server, "secrets", "set", "cli_token", stdin="another-value-0007")
    assert again.code == 0, again.stderr
    assert "secret cli_token updated" in again.stdout
    listed = await api(server, "GET", "/api/v1/secrets")
    (secret,) = [s for s in listed["data"] if s["name"] == "cli_token"]
    assert secret["last4"] == "0007"
    empty = await cli(server, "secrets", "set", "nothing", stdin="")
    assert empty.code == 2
    assert "no value on stdin" in empty.stderr
    # the value is never an argument
    refused = await cli(server, "secrets", "set", "cli_token", "the-value")
    assert refused.code == 2


async def test_chat_streams_a_turn_as_json_lines(server: Live) -> None:
    await agent(server, "talker")
    result = await cli(server, "chat", "talker", "-m", "hello there", "--json")
    assert result.code == 0, result.stderr
    events = json_lines(result)
    types = [e["type"] for e in events]
    assert types[0] == "run.started"
    assert types[-2:] == ["message.completed", "run.completed"]
    text = "".join(e["data"]["text"] for e in events if e["type"] == "message.delta")
    assert text == "echo: hello there"
    thread = events[0]["data"]["thread_id"]
    second = await cli(server, "chat", "talker", "--thread", thread, "-m", "again", "--json")
    assert json_lines(second)[0]["data"]["thread_id"] == thread


async def test_chat_asks_for_approvals_and_questions_inline_and_goes_on(server: Live) -> None:
    config = {"tools": ["kv_set", "ask_user"], "approval": {"kv_set": "always"}}
    await api(server, "POST", "/api/v1/agents", {"name": "approver", "config": config})
    typed = (
        'call kv_set {"key": "from-chat", "value": 1}\n'
        "e value=42\n"
        'call ask_user {"question": "Which city?", "options": ["Paris", "Rome"]}\n'
        "Rome\n"
        "\n"
    )
    result = await cli(server, "chat", "approver", stdin=typed)
    assert result.code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any("needs approval" in line and "kv_set" in line for line in lines), lines
    assert any(line.strip().startswith("← kv_set") for line in lines), lines
    answers = [line for line in lines if line.startswith("echo: ")]
    assert answers[0].startswith("echo: kv_set returned")
    assert any("? Which city? [Paris / Rome]" in line for line in lines), lines
    assert '"answer":"Rome"' in answers[1]
    assert "thread cnv_" in result.stderr
    assert parsed(await cli(server, "kv", "get", "from-chat", "--json"))["value"] == 42


async def test_approvals_list_show_approve_with_edits_and_deny(
    server: Live, tmp_path: Path
) -> None:
    agent_id = await agent(server, "asker")
    first = await waiting_turn(server, agent_id, "approved-key", 1)
    approval_id = first["approvals"][0]["approval_id"]
    pending = parsed(await cli(server, "approvals", "list", "--json"))
    assert approval_id in [a["id"] for a in pending["data"]]
    shown = parsed(await cli(server, "approvals", "show", approval_id, "--json"))
    assert shown["payload"] == {"key": "approved-key", "value": 1}
    edited = tmp_path / "arguments.json"
    edited.write_text(json.dumps({"key": "approved-key", "value": 5}))
    answered = parsed(
        await cli(
            server,
            "approvals",
            "approve",
            approval_id,
            "--arguments",
            str(edited),
            "--set",
            "value=7",
            "--comment",
            "seven",
            "--json",
        )
    )
    assert answered["id"] == approval_id
    await run_status(server, first["run_id"], "succeeded")
    assert (await api(server, "GET", "/api/v1/kv/approved-key"))["data"]["value"] == 7

    second = await waiting_turn(server, agent_id, "denied-key", 2)
    denied_id = second["approvals"][0]["approval_id"]
    result = await cli(server, "approvals", "deny", denied_id, "--comment", "not today")
    assert result.code == 0, result.stderr
    await run_status(server, second["run_id"], "succeeded")
    again = await cli(server, "approvals", "deny", denied_id)
    assert again.code == 1  # already answered
    bad = await cli(server, "approvals", "approve", denied_id, "--set", "novalue")
    assert bad.code == 2
    assert "--set: expected key=value" in bad.stderr


async def test_runs_list_show_watch_cancel_and_retry(server: Live) -> None:
    flow = await api(
        server, "POST", "/api/v1/flows", {"name": "Daily", "definition": _definition()}
    )
    started = await api(server, "POST", f"/api/v1/flows/{flow['data']['id']}/run", {"input": {}})
    run_id = started["data"]["id"]
    watched = await cli(server, "runs", "watch", run_id, "--json")
    assert watched.code == 0, watched.stderr
    events = json_lines(watched)
    assert events[-1]["type"] == "run.succeeded"
    assert [e["seq"] for e in events] == sorted(e["seq"] for e in events)
    listed = parsed(await cli(server, "runs", "list", "--flow", flow["data"]["id"], "--json"))
    assert [r["id"] for r in listed["data"]] == [run_id]
    shown = parsed(await cli(server, "runs", "show", run_id, "--json"))
    assert shown["status"] == "succeeded"
    assert {s["node_id"] for s in shown["steps"]} == {"start", "end"}

    failing = await api(server, "POST", "/api/v1/flows", {"name": "Daily failing", **_failing()})
    failed = await api(server, "POST", f"/api/v1/flows/{failing['data']['id']}/run", {})
    await run_status(server, failed["data"]["id"], "failed")
    watch_failed = await cli(server, "runs", "watch", failed["data"]["id"])
    assert watch_failed.code == 1
    retried = parsed(await cli(server, "runs", "retry", failed["data"]["id"], "--json"))
    assert retried["id"] == failed["data"]["id"]  # resumed where it stopped
    assert retried["status"] != "failed"
    await run_status(server, retried["id"], "failed")  # and fails again, as it must

    agent_id = await agent(server, "cancelled")
    waiting = await waiting_turn(server, agent_id, "never", 0)
    cancelled = parsed(await cli(server, "runs", "cancel", waiting["run_id"], "--json"))
    assert cancelled["status"] == "cancelled"
    nobody = await cli(server, "runs", "show", "run_nope", FLOWLINE_URL="http://127.0.0.1:9")
    assert nobody.code == 1
    assert "cannot reach Flowline" in nobody.stderr


def _definition() -> dict[str, Any]:
    return {
        "nodes": [
            {"id": "start", "data": {"node_type": "start"}},
            {"id": "end", "data": {"node_type": "end"}},
        ],
        "edges": [{"id": "e1", "source": "start", "target": "end"}],
    }


def _failing() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(FAILING)
    return {"definition": loaded["definition"]}
