"""``Idempotency-Key`` on ``POST /api/v1/kv``: replay, mismatch, callers, races."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta
from typing import Any

import httpx
import sqlalchemy as sa

from flowline.api.idempotency import HEADER, purge_expired
from flowline.db.models import IdempotencyRecord
from flowline.db.types import utcnow
from flowline.runtime import Runtime
from tests.factories import Factory, Org

URL = "/api/v1/kv"
REPLAYED = "idempotent-replayed"


def _key() -> str:
    return f"idem-{uuid.uuid4().hex}"


def _headers(org: Org, key: str) -> dict[str, str]:
    return {**org.headers, "Idempotency-Key": key}


async def _read(client: httpx.AsyncClient, org: Org, key: str) -> dict[str, Any]:
    r = await client.get(f"{URL}/{key}", headers=org.headers)
    assert r.status_code == 200, r.text
    data: dict[str, Any] = r.json()["data"]
    return data


async def test_repeat_replays_the_first_answer(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    key = _key()
    body = {"key": "counter", "value": {"n": 1}}

    first = await client.post(URL, json=body, headers=_headers(org, key))
    assert first.status_code == 200, first.text
    assert REPLAYED not in first.headers

    second = await client.post(URL, json=body, headers=_headers(org, key))
    assert second.status_code == 200, second.text
    assert second.headers[REPLAYED] == "true"
    assert second.headers["content-type"].startswith("application/json")
    assert second.content == first.content
    assert second.json()["data"]["version"] == 1

    # Only one write happened.
    assert (await _read(client, org, "counter"))["version"] == 1


async def test_without_the_header_every_call_writes(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    """The control for the test above: the same two calls with no key write twice."""
    org = await factory.org()
    body = {"key": "counter", "value": {"n": 1}}
    for _ in range(2):
        r = await client.post(URL, json=body, headers=org.headers)
        assert r.status_code == 200, r.text
        assert REPLAYED not in r.headers
    assert (await _read(client, org, "counter"))["version"] == 2


async def test_different_keys_are_different_requests(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    body = {"key": "counter", "value": 1}
    for _ in range(2):
        r = await client.post(URL, json=body, headers=_headers(org, _key()))
        assert r.status_code == 200, r.text
        assert REPLAYED not in r.headers
    assert (await _read(client, org, "counter"))["version"] == 2


async def test_same_key_different_body_is_422(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    key = _key()
    r = await client.post(URL, json={"key": "a", "value": "first"}, headers=_headers(org, key))
    assert r.status_code == 200, r.text

    r = await client.post(URL, json={"key": "a", "value": "second"}, headers=_headers(org, key))
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["error"] == "VALIDATION_ERROR"
    assert body["statusCode"] == 422
    assert [d["field"] for d in body["details"]] == ["Idempotency-Key"]

    stored = await _read(client, org, "a")
    assert (stored["value"], stored["version"]) == ("first", 1)

    # Writing to another key under the used key is refused too.
    r = await client.post(URL, json={"key": "b", "value": "first"}, headers=_headers(org, key))
    assert r.status_code == 422, r.text
    r = await client.get(f"{URL}/b", headers=org.headers)
    assert r.status_code == 404


async def test_callers_do_not_share_keys(client: httpx.AsyncClient, factory: Factory) -> None:
    one, two = await factory.org(), await factory.org()
    key = _key()
    r1 = await client.post(URL, json={"key": "x", "value": 1}, headers=_headers(one, key))
    # The same key from another caller, even with another body, is a new request.
    r2 = await client.post(URL, json={"key": "x", "value": 2}, headers=_headers(two, key))
    assert r1.status_code == r2.status_code == 200
    assert REPLAYED not in r2.headers
    assert (await _read(client, one, "x"))["value"] == 1
    assert (await _read(client, two, "x"))["value"] == 2


async def test_two_members_of_one_org_do_not_share_keys(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    member = await factory.member(org)
    key = _key()
    body = {"key": "shared", "value": 1}
    r1 = await client.post(URL, json=body, headers={**org.headers, "Idempotency-Key": key})
    r2 = await client.post(URL, json=body, headers={**member.headers, "Idempotency-Key": key})
    assert r1.status_code == r2.status_code == 200
    assert REPLAYED not in r2.headers
    assert (await _read(client, org, "shared"))["version"] == 2


async def test_key_length_limits(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    r = await client.post(URL, json={"key": "long", "value": 1}, headers=_headers(org, "k" * 256))
    assert r.status_code == 422, r.text
    assert [d["field"] for d in r.json()["details"]] == ["Idempotency-Key"]
    assert (await client.get(f"{URL}/long", headers=org.headers)).status_code == 404

    r = await client.post(URL, json={"key": "long", "value": 1}, headers=_headers(org, "k" * 255))
    assert r.status_code == 200, r.text

    r = await client.post(URL, json={"key": "empty", "value": 1}, headers=_headers(org, ""))
    assert r.status_code == 422, r.text
    assert [d["field"] for d in r.json()["details"]] == ["Idempotency-Key"]


async def test_failed_request_does_not_use_up_the_key(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    """A request the route refuses is not recorded: the key can be used for a good one."""
    org = await factory.org()
    key = _key()
    r = await client.post(
        URL, json={"key": "k", "value": 1, "bogus": 1}, headers=_headers(org, key)
    )
    assert r.status_code == 422, r.text
    r = await client.post(URL, json={"key": "k", "value": 1}, headers=_headers(org, key))
    assert r.status_code == 200, r.text
    assert REPLAYED not in r.headers


async def test_refused_write_does_not_use_up_the_key(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    """An error raised inside the route's transaction releases the key too."""
    org = await factory.org()
    r = await client.post(URL, json={"key": "taken", "value": 1}, headers=org.headers)
    assert r.status_code == 200
    key = _key()
    body = {"key": "taken", "value": 2, "expected_version": 0}
    r = await client.post(URL, json=body, headers=_headers(org, key))
    assert r.status_code == 409, r.text

    r = await client.delete(f"{URL}/taken", headers=org.headers)
    assert r.status_code == 204
    r = await client.post(URL, json=body, headers=_headers(org, key))
    assert r.status_code == 200, r.text
    assert REPLAYED not in r.headers
    assert (await _read(client, org, "taken"))["value"] == 2


async def test_unauthenticated_request_with_a_key_is_401(client: httpx.AsyncClient) -> None:
    r = await client.post(URL, json={"key": "k", "value": 1}, headers={"Idempotency-Key": _key()})
    assert r.status_code == 401, r.text


async def test_concurrent_repeats_write_once(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    key = _key()
    body = {"key": "raced", "value": {"hello": "world"}}

    answers = await asyncio.gather(
        *(client.post(URL, json=body, headers=_headers(org, key)) for _ in range(10))
    )

    statuses = sorted(r.status_code for r in answers)
    assert set(statuses) <= {200, 409}, [r.text for r in answers]
    originals = [r for r in answers if r.status_code == 200 and REPLAYED not in r.headers]
    replays = [r for r in answers if r.status_code == 200 and REPLAYED in r.headers]
    assert len(originals) == 1
    for replay in replays:
        assert replay.content == originals[0].content
    for refused in (r for r in answers if r.status_code == 409):
        assert refused.json()["error"] == "CONFLICT"
    assert (await _read(client, org, "raced"))["version"] == 1

    # Once the first has finished, a repeat is always a replay.
    again = await client.post(URL, json=body, headers=_headers(org, key))
    assert again.status_code == 200
    assert again.headers[REPLAYED] == "true"
    assert (await _read(client, org, "raced"))["version"] == 1


async def test_expired_record_frees_the_key_and_is_purged(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    """Past its time a key is free again, and maintenance removes the record."""
    org = await factory.org()
    member = await factory.member(org)
    key = _key()
    body = {"key": "fresh", "value": 1}
    r = await client.post(URL, json=body, headers={**member.headers, HEADER: key})
    assert r.status_code == 200, r.text

    # Age the record past its expiry.
    async with runtime.db.session(write=True) as session:
        await session.execute(
            sa.update(IdempotencyRecord)
            .where(IdempotencyRecord.key == key)
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
    # A different body with the same key is now a new request, not a 422.
    other = {"key": "fresh", "value": 2}
    r = await client.post(URL, json=other, headers={**member.headers, HEADER: key})
    assert r.status_code == 200, r.text
    assert REPLAYED not in r.headers
    assert r.json()["data"]["version"] == 2

    async with runtime.db.session(write=True) as session:
        await session.execute(
            sa.update(IdempotencyRecord)
            .where(IdempotencyRecord.key == key)
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
        assert await purge_expired(session, utcnow()) >= 1
    async with runtime.db.session() as session:
        left = (
            await session.execute(
                sa.select(IdempotencyRecord.key).where(IdempotencyRecord.key == key)
            )
        ).scalars()
        assert list(left) == []


async def test_revoked_key_cannot_replay(client: httpx.AsyncClient, factory: Factory) -> None:
    """Authentication comes first: a revoked key gets 401, not its old answer."""
    org = await factory.org()
    r = await client.post("/api/v1/auth/api-keys", json={"name": "short"}, headers=org.headers)
    made = r.json()["data"]
    headers = {"Authorization": f"Bearer {made['key']}", HEADER: _key()}
    body = {"key": "once", "value": 1}
    assert (await client.post(URL, json=body, headers=headers)).status_code == 200
    r = await client.delete(f"/api/v1/auth/api-keys/{made['id']}", headers=org.headers)
    assert r.status_code == 200
    r = await client.post(URL, json=body, headers=headers)
    assert r.status_code == 401, r.text
