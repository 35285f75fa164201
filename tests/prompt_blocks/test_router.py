"""Prompt blocks: static and dynamic ones through the API, the dynamic ones' cache
(TTL, preview, invalidate), built-in blocks and their overrides, bad input, scoping."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from tests.factories import Factory, Org
from tests.fakes.http import Answer, FakeApi, serve_fake
from tests.tools.builders import problem_fields

URL = "/api/v1/prompt-blocks"


@pytest.fixture
async def api() -> AsyncIterator[FakeApi]:
    async with serve_fake() as fake:
        yield fake


async def create(client: httpx.AsyncClient, org: Org, **body: Any) -> dict[str, Any]:
    r = await client.post(URL, json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    data: dict[str, Any] = r.json()["data"]
    return data


async def preview(client: httpx.AsyncClient, org: Org, name: str, **body: Any) -> dict[str, Any]:
    r = await client.post(f"{URL}/{name}/preview", json=body or None, headers=org.headers)
    assert r.status_code == 200, r.text
    data: dict[str, Any] = r.json()["data"]
    return data


async def test_static_blocks_and_bad_input(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    made = await create(client, org, name="refunds", body="Refunds take 5 days.")
    assert (made["kind"], made["builtin"], made["version"]) == ("static", False, 1)
    r = await client.get(URL, headers=org.headers)
    assert [b["name"] for b in r.json()["data"]] == ["current_datetime", "refunds"]
    shown = await preview(client, org, "refunds")
    assert shown["wrapped"] == "<refunds>\nRefunds take 5 days.\n</refunds>"
    assert shown["tokens"] == 15  # cl100k_base, not words (6)
    assert shown["cached"] is False

    for body, field in [
        ({"name": "refunds", "body": "x"}, None),  # taken: 409
        ({"name": "current_datetime", "body": "x"}, None),  # a built-in's: 409
        ({"name": "Bad Name", "body": "x"}, "name"),
        ({"name": "empty"}, None),
        ({"name": "d", "kind": "dynamic"}, None),
        ({"name": "s", "body": "x", "source": {"type": "kv", "key": "k"}}, None),
        (
            {
                "name": "t",
                "kind": "dynamic",
                "body": "{{ data",
                "source": {"type": "kv", "key": "k"},
            },
            "body",
        ),
        ({"name": "u", "kind": "dynamic", "source": {"type": "http", "url": "file:///etc"}}, None),
        ({"name": "v", "body": "x", "ttl_seconds": -1}, "ttl_seconds"),
    ]:
        r = await client.post(URL, json=body, headers=org.headers)
        assert r.status_code in (409, 422), (body, r.text)
        if field is not None:
            assert field in problem_fields(r)[0], (body, r.text)
    r = await client.patch(
        f"{URL}/refunds", json={"body": "New.", "expected_version": 7}, headers=org.headers
    )
    assert r.status_code == 409
    r = await client.patch(f"{URL}/refunds", json={"body": "New."}, headers=org.headers)
    assert r.json()["data"]["version"] == 2
    r = await client.post(f"{URL}/refunds/invalidate-cache", headers=org.headers)
    assert r.status_code == 409, r.text  # a static block has no cache: its kind, not the request
    assert r.json()["error"] == "CONFLICT"
    assert (await client.delete(f"{URL}/refunds", headers=org.headers)).status_code == 204
    assert (await client.get(f"{URL}/refunds", headers=org.headers)).status_code == 404


async def test_a_dynamic_block_is_cached_for_its_ttl(
    client: httpx.AsyncClient, factory: Factory, api: FakeApi
) -> None:
    org = await factory.org()
    api.answer("/status", Answer(200, {"open": 3}))
    source = {"type": "http", "url": f"{api.url}/status"}
    await create(
        client,
        org,
        name="tickets",
        kind="dynamic",
        source=source,
        body="Open tickets: {{ data.open }}",
        ttl_seconds=300,
    )
    first = await preview(client, org, "tickets")
    assert (first["content"], first["cached"]) == ("Open tickets: 3", False)
    api.answer("/status", Answer(200, {"open": 9}))
    again = await preview(client, org, "tickets")
    assert (again["content"], again["cached"]) == ("Open tickets: 3", True)
    assert len(api.seen("/status")) == 1
    r = await client.post(f"{URL}/tickets/invalidate-cache", headers=org.headers)
    assert r.status_code == 204
    assert (await preview(client, org, "tickets"))["content"] == "Open tickets: 9"
    assert (await preview(client, org, "tickets", refresh=True))["cached"] is False
    assert len(api.seen("/status")) == 3

    # A failing source keeps the last good render, and says why.
    api.answer("/status", Answer(500, {"error": "down"}))
    failed = await preview(client, org, "tickets", refresh=True)
    assert failed["content"] == "Open tickets: 9"
    assert "500" in failed["error"]
    r = await client.get(f"{URL}/tickets", headers=org.headers)
    assert "500" in r.json()["data"]["last_error"]


async def test_sources_keep_the_outbound_rules_and_read_kv(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    source = {"type": "http", "url": "http://10.9.8.7/internal"}
    await create(client, org, name="inside", kind="dynamic", source=source)
    shown = await preview(client, org, "inside")
    assert shown["content"] is None
    assert "private" in shown["error"]

    await client.post(
        "/api/v1/kv", json={"key": "motd", "value": {"text": "Hi"}}, headers=org.headers
    )
    await create(
        client,
        org,
        name="motd",
        kind="dynamic",
        source={"type": "kv", "key": "motd"},
        body="{{ data.text }} from KV",
        ttl_seconds=0,
    )
    shown = await preview(client, org, "motd")
    assert (shown["content"], shown["cached"]) == ("Hi from KV", False)


async def test_builtin_blocks_take_overrides(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    shown = await preview(client, org, "current_datetime")
    assert shown["content"].startswith("Now: ")
    r = await client.delete(f"{URL}/current_datetime", headers=org.headers)
    assert r.status_code == 409
    body = {"body": "Today is {{ data.date }}.", "ttl_seconds": 30}
    r = await client.patch(f"{URL}/current_datetime", json=body, headers=org.headers)
    assert r.status_code == 200, r.text
    assert (r.json()["data"]["builtin"], r.json()["data"]["ttl_seconds"]) == (True, 30)
    assert (await preview(client, org, "current_datetime"))["content"].startswith("Today is ")
    r = await client.patch(
        f"{URL}/current_datetime", json={"source": {"type": "kv", "key": "x"}}, headers=org.headers
    )
    assert r.status_code == 409, r.text  # a built-in block's source is not for changing
    assert problem_fields(r) == ["source"]
    assert (await client.delete(f"{URL}/current_datetime", headers=org.headers)).status_code == 204
    assert (await preview(client, org, "current_datetime"))["content"].startswith("Now: ")


async def test_another_organisations_block_is_not_found(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    mine, theirs = await factory.org(), await factory.org()
    await create(client, theirs, name="secret_policy", body="Theirs.")
    for method, path in [
        ("GET", ""),
        ("PATCH", ""),
        ("DELETE", ""),
        ("POST", "/preview"),
        ("POST", "/invalidate-cache"),
    ]:
        body = {"body": "x"} if method == "PATCH" else None
        r = await client.request(
            method, f"{URL}/secret_policy{path}", json=body, headers=mine.headers
        )
        assert r.status_code == 404, (method, path, r.text)
