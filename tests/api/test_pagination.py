"""Paging figures and their edges, on the KV list (key order)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.factories import Factory, Org

URL = "/api/v1/kv"


async def _org_with_keys(client: httpx.AsyncClient, factory: Factory, count: int) -> Org:
    org = await factory.org()
    for i in range(count):
        r = await client.post(URL, json={"key": f"k{i:02d}", "value": i}, headers=org.headers)
        assert r.status_code == 200, r.text
    return org


async def _page(client: httpx.AsyncClient, org: Org, **params: Any) -> dict[str, Any]:
    r = await client.get(URL, params=params, headers=org.headers)
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    assert set(body) == {"data", "total", "page", "size", "pages"}
    return body


async def test_empty_org(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    assert await _page(client, org) == {"data": [], "total": 0, "page": 0, "size": 25, "pages": 0}


async def test_pages_walk_all_items_in_order(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await _org_with_keys(client, factory, 30)

    first = await _page(client, org)
    assert [e["key"] for e in first["data"]] == [f"k{i:02d}" for i in range(25)]
    assert (first["total"], first["page"], first["size"], first["pages"]) == (30, 0, 25, 2)

    last = await _page(client, org, page=1)
    assert [e["key"] for e in last["data"]] == [f"k{i:02d}" for i in range(25, 30)]
    assert (last["total"], last["page"], last["size"], last["pages"]) == (30, 1, 25, 2)


async def test_custom_size(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await _org_with_keys(client, factory, 30)
    seen: list[str] = []
    for page in range(3):
        body = await _page(client, org, page=page, size=12)
        assert (body["total"], body["page"], body["size"], body["pages"]) == (30, page, 12, 3)
        seen += [e["key"] for e in body["data"]]
    assert seen == [f"k{i:02d}" for i in range(30)]

    whole = await _page(client, org, size=100)
    assert len(whole["data"]) == 30
    assert whole["pages"] == 1

    exact = await _page(client, org, size=30)
    assert (len(exact["data"]), exact["pages"]) == (30, 1)

    single = await _page(client, org, page=29, size=1)
    assert [e["key"] for e in single["data"]] == ["k29"]
    assert single["pages"] == 30


async def test_page_beyond_the_last_is_empty(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await _org_with_keys(client, factory, 30)
    for page in (2, 50):
        body = await _page(client, org, page=page)
        assert body == {"data": [], "total": 30, "page": page, "size": 25, "pages": 2}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"size": 0}, "size"),
        ({"size": 101}, "size"),
        ({"size": -5}, "size"),
        ({"page": -1}, "page"),
        ({"page": "two"}, "page"),
        ({"size": "ten"}, "size"),
        ({"page": "1.5"}, "page"),
    ],
)
async def test_bad_paging_is_422(
    client: httpx.AsyncClient, factory: Factory, params: dict[str, Any], field: str
) -> None:
    org = await factory.org()
    r = await client.get(URL, params=params, headers=org.headers)
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["error"] == "VALIDATION_ERROR"
    assert body["statusCode"] == 422
    assert [d["field"] for d in body["details"]] == [field]
