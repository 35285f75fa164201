"""No string in a JSON body may hold NUL: one rule at the door of every route."""

from __future__ import annotations

import httpx
import pytest

from flowline.api.json_text import nul_path, wide_path
from tests.factories import Factory

JSON = {"Content-Type": "application/json"}


def test_the_first_string_with_nul_is_found_by_its_place() -> None:
    assert nul_path({"a": ["ok", {"b": "x\x00y"}]}) == ("a", 1, "b")
    assert nul_path({"a": {"k\x00": 1}}) == ("a",)
    assert nul_path("\x00") == ()
    assert nul_path({"a": ["\\u0000", 1, None, 2.5]}) is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (b'{"key": "a", "value": {"list": ["fine", "bad\\u0000"]}}', "value.list.1"),
        (b'{"key": "a\\u0000", "value": 1}', "key"),
        (b'{"key": "a", "value": {"k\\u0000": 1}}', "value"),
    ],
)
async def test_a_json_body_with_nul_is_refused_naming_the_field(
    client: httpx.AsyncClient, factory: Factory, body: bytes, field: str
) -> None:
    org = await factory.org()
    r = await client.post("/api/v1/kv", content=body, headers={**org.headers, **JSON})
    assert r.status_code == 422, r.text
    assert r.json()["error"] == "VALIDATION_ERROR"
    assert r.json()["details"][0]["field"] == field
    assert "NUL" in r.json()["details"][0]["problem"]
    assert (await client.get("/api/v1/kv/a", headers=org.headers)).status_code == 404


async def test_the_escaped_backslash_is_not_nul(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    body = b'{"key": "a", "value": "C:\\\\u0000"}'
    r = await client.post("/api/v1/kv", content=body, headers={**org.headers, **JSON})
    assert r.status_code in (200, 201), r.text
    assert r.json()["data"]["value"] == "C:\\u0000"


async def test_every_route_family_refuses_it(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    for url, body in [
        ("/api/v1/flows", b'{"name": "a\\u0000b"}'),
        ("/api/v1/groups", b'{"name": "g", "description": "\\u0000"}'),
        (
            "/v1/chat/completions",
            b'{"model": "x", "messages": [{"role": "user", "content": "\\u0000"}]}',
        ),
    ]:
        r = await client.post(url, content=body, headers={**org.headers, **JSON})
        assert r.status_code == 422, (url, r.text)


def test_the_first_integer_past_64_bits_is_found_by_its_place() -> None:
    assert wide_path({"a": [1, {"b": 2**63}]}) == ("a", 1, "b")
    assert wide_path([-(2**63) - 1]) == (0,)
    assert wide_path({"a": True, "b": 2**63 - 1, "c": -(2**63), "d": 1e300}) is None


async def test_an_integer_past_64_bits_is_refused_naming_the_field(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    """One rule at the door of every route, as for NUL (the description states it)."""
    org = await factory.org()
    body = b'{"key": "a", "value": {"n": [1, 92049466108083373904186176438272]}}'
    r = await client.post("/api/v1/kv", content=body, headers={**org.headers, **JSON})
    assert r.status_code == 422, r.text
    assert r.json()["details"][0]["field"] == "value.n.1"
    assert "64 bits" in r.json()["details"][0]["problem"]
    run = b'{"operation": "summarize", "items": [9223372036854775808]}'
    r = await client.post("/api/v1/completions/run", content=run, headers={**org.headers, **JSON})
    assert r.status_code == 422, r.text
    assert r.json()["details"][0]["field"] == "items.0"
    fits = b'{"key": "b", "value": [9223372036854775807, -9223372036854775808]}'
    r = await client.post("/api/v1/kv", content=fits, headers={**org.headers, **JSON})
    assert r.status_code in (200, 201), r.text
