"""The README's tour through the generated client (clients/python) against ``flowline serve``.

Sync and async calls, typed models both ways, the error envelope as an exception: a
drift between the committed client and what the server answers fails here.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "clients" / "python"))

from flowline_client.api.agents import agents_chat, create_agent
from flowline_client.api.approvals import approvals_list_pending, approvals_respond
from flowline_client.api.auth import me
from flowline_client.api.flows import create_flow
from flowline_client.api.kv_store import get_entry, set_entry
from flowline_client.api.runs import get_run, start_run
from flowline_client.api.secrets import create_secret
from flowline_client.client import AuthenticatedClient
from flowline_client.flowline import FlowlineApiError, connect, ok
from flowline_client.models import (
    AgentCreate,
    AgentsChatBody,
    ApprovalRespond,
    ApprovalRespondDecision,
    FlowCreate,
    KvSet,
    RunCreate,
    SecretCreate,
)

from tests.e2e.test_flow_files import Live, server

__all__ = ["server"]  # the module's own server, as test_flow_files makes it
ROOT = Path(__file__).resolve().parents[2]
WAIT = 60.0


def _client(server: Live) -> AuthenticatedClient:
    return connect(server.base_url, server.instance.credentials()["api_key"])


async def _kv(client: AuthenticatedClient, key: str) -> Any:
    return ok(await get_entry.asyncio_detailed(key, client=client)).data.value


async def _flow_tour(client: AuthenticatedClient) -> None:
    hello = yaml.safe_load((ROOT / "examples" / "flows" / "hello.yaml").read_text())
    flow = ok(create_flow.sync_detailed(client=client, body=FlowCreate.from_dict(hello))).data
    body = RunCreate.from_dict({"input": {"name": "Grace"}, "wait_seconds": 5})
    started = ok(await start_run.asyncio_detailed(flow.id, client=client, body=body))
    run_id = started["data"]["id"] if isinstance(started, dict) else started.data.id
    for _ in range(int(WAIT * 10)):
        run = ok(await get_run.asyncio_detailed(run_id, client=client)).data
        if run.status.value == "succeeded":
            break
        await asyncio.sleep(0.1)
    assert run.status.value == "succeeded"
    assert run.output == "hello Grace"


async def _agent_tour(client: AuthenticatedClient) -> None:
    config = {"tools": ["kv_set"], "approval": {"kv_set": "always"}}
    body = AgentCreate.from_dict({"name": "helper", "config": config})
    agent = ok(await create_agent.asyncio_detailed(client=client, body=body)).data
    text = 'call kv_set {"key": "city", "value": "Paris"}'
    chat = AgentsChatBody(messages=text)
    answered = await agents_chat.asyncio_detailed(agent.id, client=client, body=chat)
    assert answered.status_code == 202, answered.content
    pending = ok(approvals_list_pending.sync_detailed(client=client)).data
    assert len(pending) == 1
    assert "Paris" in str(pending[0].to_dict())
    decision = ApprovalRespond(
        decision=ApprovalRespondDecision.APPROVE, arguments={"key": "city", "value": "Rome"}
    )
    ok(approvals_respond.sync_detailed(pending[0].id, client=client, body=decision))
    for _ in range(int(WAIT * 10)):
        answer = await get_entry.asyncio_detailed("city", client=client)
        if answer.status_code == 200 and ok(answer).data.value == "Rome":
            return
        await asyncio.sleep(0.1)
    pytest.fail("the approved kv_set did not write Rome")


async def test_readme_tour_through_the_client(server: Live) -> None:
    client = _client(server)
    async with client:
        who = ok(await me.asyncio_detailed(client=client)).data
        assert str(who.api_key_id).startswith("key_")
        entry = KvSet.from_dict({"key": "greeting", "value": {"text": "hello"}, "ttl_seconds": 60})
        ok(set_entry.sync_detailed(client=client, body=entry))
        assert await _kv(client, "greeting") == {"text": "hello"}
        secret = SecretCreate.from_dict(
            {
                "name": "crm_token",
                "kind": "bearer",
                "value": "s3cr3t-token",
                "hosts": ["api.example.com"],
            }
        )
        made = ok(create_secret.sync_detailed(client=client, body=secret)).data
        assert "s3cr3t" not in str(made.to_dict())
        with pytest.raises(FlowlineApiError) as refused:
            ok(create_secret.sync_detailed(client=client, body=secret))
        assert (refused.value.status_code, refused.value.error) == (409, "CONFLICT")
        with pytest.raises(FlowlineApiError) as missing:
            await _kv(client, "no-such-key")
        assert missing.value.status_code == 404
        await _flow_tour(client)
        await _agent_tour(client)
