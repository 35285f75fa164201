"""A server-sent event stream keeps to the schema the OpenAPI document gives its events."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import schemathesis
from fastapi import FastAPI
from schemathesis.specs.openapi.checks import ignored_auth

from tests.agents.builders import make_agent
from tests.factories import Factory

ROOT = Path(__file__).resolve().parents[2]


async def test_a_chat_stream_keeps_to_its_documented_events(
    app: FastAPI, client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org, tools=["kv_set"])
    config = schemathesis.Config.from_path(ROOT / "schemathesis.toml")
    schema = schemathesis.openapi.from_dict(app.openapi(), config=config)
    operation = schema["/api/v1/agents/{agent_id}/chat"]["POST"]
    body: Any = {"messages": 'call kv_set {"key": "e", "value": 2}', "stream": True}
    case = operation.Case(
        path_parameters={"agent_id": agent_id}, body=body, media_type="application/json"
    )
    url = f"/api/v1/agents/{agent_id}/chat"
    async with client.stream("POST", url, json=body, headers=org.headers) as response:
        await response.aread()
    assert response.headers["content-type"].startswith("text/event-stream")
    # raises naming each event that breaks the schema
    case.validate_response(response, excluded_checks=[ignored_auth])
    text = response.text
    assert "event: tool_call.started" in text
    assert "event: run.completed" in text
