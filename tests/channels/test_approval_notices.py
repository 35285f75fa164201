"""An ``approval`` node's ``notify``: the request goes out with answer buttons, an answer from
a linked approver decides it through the approvals service, a later one is told it was
already decided, and an unlinked or unallowed sender changes nothing."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import orjson
import sqlalchemy as sa

from flowline.auth.scopes import Role
from flowline.channels.approval_notices import parsed_answer
from flowline.db.models import ApprovalNotice
from flowline.engine.worker import Worker
from tests.agents.builders import make_agent
from tests.channels.builders import (
    CHANNELS,
    OTHER_PHONE,
    PHONE,
    events_until,
    make_channel,
    say,
)
from tests.confirm.builders import call, flow_with
from tests.engine.flows import create_flow, edge, get_run, node, wait_status
from tests.factories import Factory, Org
from tests.fakes.http import Answer, serve_fake

THIRD_PHONE = "+14155550125"


def _asking(channel_id: str, assignee: str) -> dict[str, Any]:
    nodes = [
        node("start", "start"),
        node(
            "ask",
            "approval",
            title="Refund {{ input.amount }} EUR?",
            assignees=[assignee],
            notify=[
                {"channel_id": channel_id, "to": PHONE},
                {"channel_id": channel_id, "to": OTHER_PHONE},
                {"channel_id": channel_id, "to": THIRD_PHONE},
            ],
        ),
        node("yes", "end", output="approved"),
        node("no", "end", output="denied"),
    ]
    edges = [
        edge("start", "ask"),
        edge("ask", "yes", "approved"),
        edge("ask", "no", "denied"),
    ]
    return {"nodes": nodes, "edges": edges}


async def _to(
    client: httpx.AsyncClient, org: Org, channel_id: str, address: str, count: int
) -> list[dict[str, Any]]:
    """The bodies sent to ``address`` (oldest first), once there are ``count``."""
    async with asyncio.timeout(30):
        while True:
            r = await client.get(
                "/api/v1/contacts",
                params={"q": address, "channel_id": channel_id},
                headers=org.headers,
            )
            contacts = r.json()["data"]
            if contacts:
                r = await client.get(
                    f"{CHANNELS}/{channel_id}/messages",
                    params={"direction": "out", "contact_id": contacts[0]["id"], "size": 100},
                    headers=org.headers,
                )
                bodies = [m["body"] for m in reversed(r.json()["data"])]
                if len(bodies) >= count:
                    return bodies
            await asyncio.sleep(0.05)


async def _link(
    client: httpx.AsyncClient, org: Org, channel_id: str, address: str, user_id: str
) -> None:
    r = await client.get(
        "/api/v1/contacts", params={"q": address, "channel_id": channel_id}, headers=org.headers
    )
    [contact] = r.json()["data"]
    r = await client.patch(
        f"/api/v1/contacts/{contact['id']}",
        json={"metadata": {"user_id": user_id}},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text


async def test_buttons_decide_once_and_late_answers_are_told(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    viewer = await factory.member(org, Role.VIEWER)
    channel = await make_channel(client, org)
    flow_id = await create_flow(client, org, _asking(channel["id"], org.owner.user_id))
    r = await client.post(
        f"/api/v1/flows/{flow_id}/run", json={"input": {"amount": 40}}, headers=org.headers
    )
    run_id = r.json()["data"]["id"]
    [request] = await _to(client, org, channel["id"], PHONE, 1)
    pending = (await client.get("/api/v1/approvals/pending", headers=org.headers)).json()
    [approval] = pending["data"]
    assert request == {
        "text": "Approval needed: Refund 40 EUR?",
        "buttons": [
            {"id": f"apr:{approval['id']}:approve", "title": "Approve"},
            {"id": f"apr:{approval['id']}:deny", "title": "Deny"},
        ],
    }
    await _to(client, org, channel["id"], OTHER_PHONE, 1)
    await _to(client, org, channel["id"], THIRD_PHONE, 1)

    # Not linked to a user: refused, nothing decided.
    await say(client, org, channel["id"], "Approve", button_id=f"apr:{approval['id']}:approve")
    refused = await _to(client, org, channel["id"], PHONE, 2)
    assert refused[1] == {"text": "This address is not linked to a user who may answer approvals."}
    # Linked to a viewer who is no assignee: refused too.
    await _link(client, org, channel["id"], THIRD_PHONE, viewer.user_id)
    await say(
        client,
        org,
        channel["id"],
        "Approve",
        button_id=f"apr:{approval['id']}:approve",
        **{"from": THIRD_PHONE},
    )
    assert (await _to(client, org, channel["id"], THIRD_PHONE, 2))[1] == {
        "text": "You may not answer this approval."
    }
    got = await client.get(f"/api/v1/approvals/{approval['id']}", headers=org.headers)
    assert got.json()["data"]["status"] == "pending"

    # The assignee's phone answers: the run goes on with that decision.
    await _link(client, org, channel["id"], PHONE, org.owner.user_id)
    await _link(client, org, channel["id"], OTHER_PHONE, org.owner.user_id)
    await say(client, org, channel["id"], "Deny", button_id=f"apr:{approval['id']}:deny")
    run = await wait_status(client, org, run_id, {"succeeded", "failed"})
    assert run["output"] == "denied"
    assert (await _to(client, org, channel["id"], PHONE, 3))[2] == {"text": "Thanks: denied."}
    decided = (await client.get(f"/api/v1/approvals/{approval['id']}", headers=org.headers)).json()
    assert decided["data"]["decided_by_id"] == org.owner.user_id

    # A later answer changes nothing and is told so.
    await say(
        client,
        org,
        channel["id"],
        "Approve",
        button_id=f"apr:{approval['id']}:approve",
        **{"from": OTHER_PHONE},
    )
    late = await _to(client, org, channel["id"], OTHER_PHONE, 2)
    assert late[1] == {"text": "Already decided: the approval is denied."}
    decided = (await client.get(f"/api/v1/approvals/{approval['id']}", headers=org.headers)).json()
    assert decided["data"]["status"] == "denied"


async def test_a_reply_code_answers_and_other_text_is_routed_as_usual(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    channel = await make_channel(client, org)
    flow_id = await create_flow(client, org, _asking(channel["id"], org.owner.user_id))
    r = await client.post(
        f"/api/v1/flows/{flow_id}/run", json={"input": {"amount": 5}}, headers=org.headers
    )
    run_id = r.json()["data"]["id"]
    await _to(client, org, channel["id"], PHONE, 1)
    await _link(client, org, channel["id"], PHONE, org.owner.user_id)
    r = await client.get(
        "/api/v1/contacts", params={"q": PHONE, "channel_id": channel["id"]}, headers=org.headers
    )
    code = await _code_of(factory, org, r.json()["data"][0]["id"])
    # Another code, or other text, is an ordinary message: routed as usual, nothing decided.
    await say(client, org, channel["id"], f"YES {(int(code) + 1) % 10_000:04d}")
    await say(client, org, channel["id"], "hello")
    found = await events_until(client, org, channel["id"], "message.routed", 2)
    assert [e["data"]["to"] for e in found if e["type"] == "message.routed"] == [
        "stored",
        "stored",
    ]
    assert (await get_run(client, org, run_id))["status"] == "waiting"
    # The code sent to this contact answers (it works on every kind; the sandbox has buttons).
    await say(client, org, channel["id"], f"yes {code}")
    run = await wait_status(client, org, run_id, {"succeeded", "failed"})
    assert run["output"] == "approved"
    assert (await _to(client, org, channel["id"], PHONE, 2))[1] == {"text": "Thanks: approved."}


async def _code_of(factory: Factory, org: Org, contact_id: str) -> str:
    async with factory.runtime.db.session() as session:
        stmt = sa.select(ApprovalNotice.code).where(
            ApprovalNotice.org_id == org.id, ApprovalNotice.contact_id == contact_id
        )
        return str((await session.execute(stmt)).scalar_one())


async def test_an_agents_tool_approval_is_asked_and_answered_on_the_channel(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    channel = await make_channel(client, org)
    agent_id = await make_agent(
        client,
        org,
        tools=["kv_set"],
        approval={"kv_set": "always"},
        approval_notify=[{"channel_id": channel["id"], "to": PHONE}],
    )
    r = await client.post(
        f"/api/v1/agents/{agent_id}/chat",
        json={"messages": 'call kv_set {"key": "k", "value": 3}'},
        headers=org.headers,
    )
    assert r.status_code == 202, r.text
    waiting = r.json()["data"]
    [asked] = waiting["approvals"]
    [request] = await _to(client, org, channel["id"], PHONE, 1)
    assert request["text"].startswith("Approval needed: Allow the agent to call kv_set?")
    assert request["buttons"][0]["id"] == f"apr:{asked['approval_id']}:approve"
    await _link(client, org, channel["id"], PHONE, org.owner.user_id)
    await say(client, org, channel["id"], "Approve", button_id=request["buttons"][0]["id"])
    run = await wait_status(client, org, waiting["run_id"], {"succeeded", "failed"})
    assert run["status"] == "succeeded", run
    assert (await client.get("/api/v1/kv/k", headers=org.headers)).json()["data"]["value"] == 3


async def test_a_confirmation_of_a_write_is_asked_and_answered_on_the_channel(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    channel = await make_channel(client, org)
    async with serve_fake() as api:
        api.answer("/users", Answer(201, {"id": "u1"}))
        write = call(
            api,
            "/users",
            method="POST",
            json={"email": "a@x.test"},
            confirm="always",
            confirm_notify=[{"channel_id": channel["id"], "to": "{{ input.phone }}"}],
        )
        flow_id = await flow_with(client, org, write)
        r = await client.post(
            f"/api/v1/flows/{flow_id}/run", json={"input": {"phone": PHONE}}, headers=org.headers
        )
        run_id = r.json()["data"]["id"]
        [request] = await _to(client, org, channel["id"], PHONE, 1)
        assert request["text"].startswith(f"Approval needed: Send POST {api.url}/users?\n")
        assert api.requests == []  # nothing sent before the answer
        await _link(client, org, channel["id"], PHONE, org.owner.user_id)
        await say(client, org, channel["id"], "Approve", button_id=request["buttons"][0]["id"])
        run = await wait_status(client, org, run_id, {"succeeded", "failed"})
        assert run["output"] == {"id": "u1"}
        [sent] = api.requests
        assert orjson.loads(sent.body) == {"email": "a@x.test"}


def test_what_reads_as_an_answer() -> None:
    assert parsed_answer({"button_id": "apr:apr_1:approve", "text": "Approve"}) == (
        "apr_1",
        None,
        "approve",
    )
    assert parsed_answer({"text": " no 0042 "}) == (None, "0042", "deny")
    quoted = {"text": "\nYes 4821\n\nOn Monday Flowline wrote:\n> Approval needed: ..."}
    assert parsed_answer(quoted) == (None, "4821", "approve")
    for other in ("yes", "YES 48210", "maybe 4821", "I said YES 4821", ""):
        assert parsed_answer({"text": other}) is None
    assert parsed_answer({"button_id": "apr:apr_1:delete"}) is None
