"""``flowline phone``: a person on a sandbox channel, typed through a pipe, against
``flowline serve`` running the example support flow (deployed with ``flowline flows deploy``)."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import httpx
import pytest

from flowline.cli.phone import Conversation, message_lines, same_address
from tests.cli.environment import Instance
from tests.e2e.test_serve import Servers

EXAMPLES = Path(__file__).parents[2] / "examples" / "channels"
ENV = {"FLOWLINE_LOG_LEVEL": "warning"}


def test_addresses_buttons_and_messages_read_as_a_person_sees_them() -> None:
    assert same_address("+31 6 1234 5678", "+31612345678")
    assert not same_address("+31612345678", "+31612345679")
    assert same_address("Ada@Example.com", "ada@example.com")
    body = {
        "text": "Pick one",
        "buttons": [{"id": "a", "title": "Yes"}, {"id": "b", "title": "No"}],
    }
    assert message_lines(body, "interactive") == ["Pick one", "  [1] Yes", "  [2] No"]
    assert message_lines({"template": "hello", "language": "en"}, "template") == [
        "[template hello (en)]"
    ]
    person = Conversation("+31612345678", echo_mine=False)
    person.buttons = body["buttons"]
    assert person.outgoing("2") == {"from": "+31612345678", "text": "No", "button_id": "b"}
    assert person.outgoing("3") == {"from": "+31612345678", "text": "3"}


async def _line_with(stream: asyncio.StreamReader, text: str, seen: list[str]) -> None:
    try:
        async with asyncio.timeout(60):
            while True:
                raw = await stream.readline()
                if not raw:
                    pytest.fail(f"the phone ended before {text!r}:\n{''.join(seen)}")
                seen.append(raw.decode())
                if text in seen[-1]:
                    return
    except TimeoutError:
        pytest.fail(f"no {text!r} within 60 s:\n{''.join(seen)}")


async def _waiting_at(api: httpx.AsyncClient, flow_id: str, node_id: str) -> None:
    async with asyncio.timeout(60):
        while True:
            runs = (await api.get("/api/v1/runs", params={"flow_id": flow_id})).json()["data"]
            for run in runs:
                steps = (await api.get(f"/api/v1/runs/{run['id']}")).json()["data"]["steps"]
                if any(s["node_id"] == node_id and s["status"] == "waiting" for s in steps):
                    return
            await asyncio.sleep(0.1)


@pytest.mark.e2e
async def test_a_person_chats_through_the_example_flow(instance: Instance) -> None:
    async with Servers() as servers:
        server = await servers.serve(instance, env=ENV)
        key = instance.credentials()["api_key"]
        headers = {"Authorization": f"Bearer {key}"}
        async with httpx.AsyncClient(base_url=server.base_url, headers=headers) as api:
            r = await api.post("/api/v1/agents", json={"name": "support-agent", "config": {}})
            assert r.status_code == 201, r.text
            env = {**ENV, "FLOWLINE_URL": server.base_url}
            deployed = await instance.cli("flows", "deploy", str(EXAMPLES), env=env)
            assert deployed.code == 0, deployed.stderr
            flows = (await api.get("/api/v1/flows", params={"q": "WhatsApp support"})).json()
            [flow] = flows["data"]
            body = {"name": "support", "kind": "sandbox", "on_message": {"flow_id": flow["id"]}}
            assert (await api.post("/api/v1/channels", json=body)).status_code == 201

        phone = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "flowline",
            "phone",
            "support",
            "--as",
            "+31 6 1234 5678",
            "--linger",
            "0.5",
            cwd=instance.root,
            env=instance.env(**env),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            assert phone.stdin is not None
            assert phone.stdout is not None
            seen: list[str] = []
            phone.stdin.write(b"hi\n")
            await phone.stdin.drain()
            await _line_with(phone.stdout, "[2] Something else", seen)
            # A person takes a moment to read: the flow is at its wait_for_message by then.
            async with httpx.AsyncClient(base_url=server.base_url, headers=headers) as api:
                await _waiting_at(api, flow["id"], "wait")
            phone.stdin.write(b"1\n")  # presses "Where is my order?"
            await phone.stdin.drain()
            await _line_with(phone.stdout, "bot: Your order has shipped", seen)
            phone.stdin.close()
            rest, errors = await asyncio.wait_for(phone.communicate(), 60)
            assert phone.returncode == 0, errors.decode()
            transcript = "".join(seen) + rest.decode()
            assert transcript.splitlines() == [
                "you: hi",
                "bot: Hi there! This is Flowline support.",
                "bot: What can we help you with?",
                "  [1] Where is my order?",
                "  [2] Something else",
                "you: Where is my order?",
                "bot: Your order has shipped and arrives tomorrow.",
            ]
            assert "On support as +31 6 1234 5678" in errors.decode()
        finally:
            if phone.returncode is None:
                phone.kill()
                await phone.wait()
