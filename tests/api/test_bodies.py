"""Create bodies come bare or wrapped in their singular name; unknown fields are refused."""

from __future__ import annotations

from typing import Annotated, Any

import httpx
import pytest
from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from flowline.api.bodies import unwrap
from tests.factories import Factory

URL = "/api/v1/kv"


async def test_bare_body(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    r = await client.post(URL, json={"key": "bare", "value": [1, 2]}, headers=org.headers)
    assert r.status_code == 200, r.text
    assert r.json()["data"]["value"] == [1, 2]


async def test_wrapped_body(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    r = await client.post(
        URL,
        json={"kv": {"key": "wrapped", "value": {"a": 1}, "ttl_seconds": 60}},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert (data["key"], data["value"], data["version"]) == ("wrapped", {"a": 1}, 1)
    assert data["expires_at"] is not None


async def test_wrapped_body_is_validated_like_a_bare_one(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    r = await client.post(URL, json={"kv": {"key": "k" * 513, "value": 1}}, headers=org.headers)
    assert r.status_code == 422, r.text
    assert [d["field"] for d in r.json()["details"]] == ["key"]


@pytest.mark.parametrize(
    "body",
    [
        {"key": "k", "value": 1, "colour": "red"},
        {"kv": {"key": "k", "value": 1, "colour": "red"}},
    ],
)
async def test_unknown_field_is_422_naming_it(
    client: httpx.AsyncClient, factory: Factory, body: dict[str, Any]
) -> None:
    org = await factory.org()
    r = await client.post(URL, json=body, headers=org.headers)
    assert r.status_code == 422, r.text
    payload = r.json()
    assert payload["error"] == "VALIDATION_ERROR"
    assert [d["field"] for d in payload["details"]] == ["colour"]
    assert (await client.get(f"{URL}/k", headers=org.headers)).status_code == 404


async def test_wrapper_beside_other_fields_is_not_unwrapped(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    """Only a body that is exactly ``{"kv": {...}}`` is a wrapper."""
    org = await factory.org()
    r = await client.post(
        URL, json={"kv": {"key": "k", "value": 1}, "key": "k"}, headers=org.headers
    )
    assert r.status_code == 422, r.text
    assert {d["field"] for d in r.json()["details"]} == {"kv", "value"}


async def test_a_key_named_like_the_wrapper_is_still_a_value(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    """A bare body whose ``value`` is an object with a ``kv`` field is left alone."""
    org = await factory.org()
    r = await client.post(URL, json={"key": "kv", "value": {"kv": {}}}, headers=org.headers)
    assert r.status_code == 200, r.text
    assert r.json()["data"]["value"] == {"kv": {}}


async def test_wrong_content_type_is_refused(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    r = await client.post(
        URL,
        content=b"key=k&value=1",
        headers={**org.headers, "Content-Type": "application/x-www-form-urlencoded"},
    )
    assert r.status_code == 422, r.text
    assert r.json()["statusCode"] == 422


class _Thing(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str


_adapter: TypeAdapter[_Thing] = TypeAdapter(Annotated[_Thing, unwrap("thing")])


def test_unwrap_unit() -> None:
    assert _adapter.validate_python({"thing": {"name": "a"}}).name == "a"
    assert _adapter.validate_python({"name": "b"}).name == "b"
    with pytest.raises(ValidationError):
        # A wrapper around something that is not an object is not unwrapped.
        _adapter.validate_python({"thing": "a"})
    with pytest.raises(ValidationError):
        _adapter.validate_python({"thing": {"name": "a"}, "name": "a"})
