"""Agents and conversations made through the API, for the tests of several domains."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from flowline.llm.echo import EchoProvider
from flowline.llm.provider import ChatRequest, ChatResponse
from tests.factories import Org, unique


def hold_echo(monkeypatch: pytest.MonkeyPatch) -> tuple[asyncio.Event, asyncio.Event]:
    """Make the echo model wait in every call: set ``entered`` on entry, answer after
    ``release`` is set."""
    entered, release = asyncio.Event(), asyncio.Event()
    plain = EchoProvider.chat

    async def held(self: EchoProvider, request: ChatRequest) -> ChatResponse:
        entered.set()
        await release.wait()
        return await plain(self, request)

    monkeypatch.setattr(EchoProvider, "chat", held)
    return entered, release


async def make_agent(client: httpx.AsyncClient, org: Org, **config: Any) -> str:
    body = {"name": unique("agent-"), "config": config}
    r = await client.post("/api/v1/agents", json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    return str(r.json()["data"]["id"])


async def make_conversation(client: httpx.AsyncClient, org: Org) -> str:
    agent_id = await make_agent(client, org)
    body = {"agent_id": agent_id, "title": "t"}
    r = await client.post("/api/v1/conversations", json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    return str(r.json()["data"]["id"])
