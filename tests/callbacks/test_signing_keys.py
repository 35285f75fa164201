"""Callback signing keys: made on first need, shown once, rotated with an overlap; a
receiver verifies real deliveries with the snippet ``docs/callbacks.md`` gives."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from flowline.callbacks import service
from flowline.db.models import CallbackSigningKey
from flowline.engine.worker import Worker
from flowline.runtime import Runtime
from flowline.signatures import is_valid, signature
from tests.agents.builders import make_agent
from tests.answers import assert_error
from tests.factories import Factory, Org
from tests.fakes.http import FakeApi, Seen, serve_fake

KEY_URL = "/api/v1/callbacks/signing-key"
DOCS = Path(__file__).parents[2] / "docs" / "callbacks.md"
WAIT_SECONDS = 20.0

Verify = Callable[[str, bytes, list[str]], bool]


@pytest.fixture(scope="module")
def verify() -> Verify:
    """The receiver's snippet, exactly as docs/callbacks.md shows it."""
    text = DOCS.read_text()
    found = re.search(r"<!-- verify-snippet -->\n```python\n(.*?)```", text, re.DOTALL)
    assert found is not None, "docs/callbacks.md lost its verify snippet"
    namespace: dict[str, Any] = {}
    exec(compile(found.group(1), str(DOCS), "exec"), namespace)  # noqa: S102 - our own docs
    function: Verify = namespace["verify_flowline_signature"]
    return function


@pytest.fixture
async def receiver() -> AsyncIterator[FakeApi]:
    async with serve_fake() as fake:
        yield fake


async def deliveries(receiver: FakeApi, path: str, count: int) -> list[Seen]:
    """The first ``count`` requests to ``path``, waiting for them as long as needed."""
    for _ in range(int(WAIT_SECONDS / 0.02)):
        if len(receiver.seen(path)) >= count:
            break
        await asyncio.sleep(0.02)
    assert len(receiver.seen(path)) >= count, f"no delivery to {path} in {WAIT_SECONDS} s"
    return receiver.seen(path)[:count]


async def chat_with_callback(
    client: httpx.AsyncClient, org: Org, agent_id: str, receiver: FakeApi, path: str
) -> None:
    r = await client.post(
        f"/api/v1/agents/{agent_id}/chat",
        json={"messages": "hello", "callback_url": f"{receiver.url}{path}"},
        headers=org.headers,
    )
    assert r.status_code == 202, r.text


def v1s(seen: Seen) -> list[str]:
    return [p for p in seen.headers["flowline-signature"].split(",") if p.startswith("v1=")]


async def test_a_callback_needs_no_setup_and_its_key_is_shown_once(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, receiver: FakeApi, verify: Verify
) -> None:
    org = await factory.org()
    r = await client.get(KEY_URL, headers=org.headers)
    assert r.json()["data"] == {"current": None, "overlapping": []}
    agent_id = await make_agent(client, org)
    await chat_with_callback(client, org, agent_id, receiver, "/first")
    (first,) = await deliveries(receiver, "/first", 1)
    assert len(v1s(first)) == 1

    state = (await client.get(KEY_URL, headers=org.headers)).json()["data"]
    assert state["current"]["revealed"] is False
    assert state["current"]["retires_at"] is None
    r = await client.post(f"{KEY_URL}/reveal", headers=org.headers)
    assert r.status_code == 200, r.text
    key = r.json()["data"]["key"]
    assert key.startswith("whsec_")
    assert r.json()["data"]["id"] == state["current"]["id"]
    assert r.json()["data"]["last4"] == key[-4:]
    assert verify(first.headers["flowline-signature"], first.body, [key])
    assert not verify(first.headers["flowline-signature"], first.body + b" ", [key])
    assert not verify(first.headers["flowline-signature"], first.body, ["whsec_other"])

    assert_error(await client.post(f"{KEY_URL}/reveal", headers=org.headers), 409, "CONFLICT")
    r = await client.get(KEY_URL, headers=org.headers)
    assert r.json()["data"]["current"]["revealed"] is True
    assert key not in r.text


async def test_rotation_signs_with_both_keys_during_the_overlap(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, receiver: FakeApi, verify: Verify
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    old = (await client.post(f"{KEY_URL}/reveal", headers=org.headers)).json()["data"]["key"]

    r = await client.post(f"{KEY_URL}/rotate", json={"overlap_hours": 24}, headers=org.headers)
    assert r.status_code == 201, r.text
    new = r.json()["data"]["key"]
    assert new != old
    state = (await client.get(KEY_URL, headers=org.headers)).json()["data"]
    assert state["current"]["id"] == r.json()["data"]["id"]
    (overlapping,) = state["overlapping"]
    assert overlapping["retires_at"] is not None

    await chat_with_callback(client, org, agent_id, receiver, "/overlap")
    (during,) = await deliveries(receiver, "/overlap", 1)
    header = during.headers["flowline-signature"]
    assert len(v1s(during)) == 2
    assert verify(header, during.body, [old])  # a receiver not yet switched
    assert verify(header, during.body, [new])  # a receiver already switched
    assert header.split(",")[1] == signature(new, int(header[2:12]), during.body).split(",")[1]

    r = await client.post(f"{KEY_URL}/rotate", json={"overlap_hours": 0}, headers=org.headers)
    newest = r.json()["data"]["key"]
    await chat_with_callback(client, org, agent_id, receiver, "/after")
    (after,) = await deliveries(receiver, "/after", 1)
    assert len(v1s(after)) == 1
    assert verify(after.headers["flowline-signature"], after.body, [newest])
    assert not verify(after.headers["flowline-signature"], after.body, [old, new])
    state = (await client.get(KEY_URL, headers=org.headers)).json()["data"]
    assert state["overlapping"] == []


async def test_rotate_without_a_body_and_bad_overlaps(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    r = await client.post(f"{KEY_URL}/rotate", headers=org.headers)
    assert r.status_code == 201, r.text
    assert r.json()["data"]["revealed"] is True
    for bad in (-1, 169, "x"):
        r = await client.post(f"{KEY_URL}/rotate", json={"overlap_hours": bad}, headers=org.headers)
        assert_error(r, 422, "VALIDATION_ERROR")
    r = await client.post(f"{KEY_URL}/rotate", json={"overlap": 1}, headers=org.headers)
    assert_error(r, 422, "VALIDATION_ERROR")


async def test_only_admins_and_only_their_organisation(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org, other = await factory.org(), await factory.org()
    member = await factory.member(org)
    for method, path in (("GET", ""), ("POST", "/reveal"), ("POST", "/rotate")):
        r = await client.request(method, f"{KEY_URL}{path}", headers=member.headers)
        assert_error(r, 403, "FORBIDDEN")
    mine = (await client.post(f"{KEY_URL}/reveal", headers=org.headers)).json()["data"]
    theirs = (await client.post(f"{KEY_URL}/reveal", headers=other.headers)).json()["data"]
    assert mine["key"] != theirs["key"]
    r = await client.get(KEY_URL, headers=other.headers)
    assert r.json()["data"]["current"]["id"] == theirs["id"]


async def test_a_hand_made_secret_is_taken_as_the_first_key(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, receiver: FakeApi, verify: Verify
) -> None:
    org = await factory.org()
    legacy = {"name": service.LEGACY_SECRET, "value": "whsec-made-by-hand-0001"}
    assert (await client.post("/api/v1/secrets", json=legacy, headers=org.headers)).is_success
    agent_id = await make_agent(client, org)
    await chat_with_callback(client, org, agent_id, receiver, "/legacy")
    (seen,) = await deliveries(receiver, "/legacy", 1)
    assert verify(seen.headers["flowline-signature"], seen.body, [legacy["value"]])


async def test_two_first_needs_at_once_make_one_key(runtime: Runtime, factory: Factory) -> None:
    org = await factory.org()
    made = await asyncio.gather(*(service.keys_for_delivery(runtime, org.id) for _ in range(4)))
    assert all(keys == made[0] for keys in made)
    assert len(made[0]) == 1
    async with runtime.db.session() as session:
        stmt = sa.select(sa.func.count()).where(CallbackSigningKey.org_id == org.id)
        assert (await session.execute(stmt)).scalar_one() == 1


def test_the_header_carries_one_v1_per_key() -> None:
    body = b'{"data": 1}'
    header = signature(["new-key", "old-key"], 1_700_000_000, body)
    stamp, first, second = header.split(",")
    assert stamp == "t=1700000000"
    assert first == signature("new-key", 1_700_000_000, body).split(",")[1]
    assert second == signature("old-key", 1_700_000_000, body).split(",")[1]
    for key in ("new-key", "old-key"):
        assert is_valid(key, header, body, now=1_700_000_010)
    assert not is_valid("third-key", header, body, now=1_700_000_010)
    assert not is_valid("new-key", header, body, now=1_700_000_000 + 301)
