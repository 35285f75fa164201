"""The seed's one-step BYO key routes: ``POST /llm/config``, ``PUT …/mode``,
``GET …/model-options``, ``DELETE …/{id}``."""

from __future__ import annotations

import httpx
import pytest

from flowline.auth.scopes import Role
from tests.factories import Factory

URL = "/api/v1/llm/config"
KEY = "sk-byok-0123456789abcdef"


async def test_save_switch_map_and_delete(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    r = await client.put(URL + "/mode", json={"mode": "byok"}, headers=org.headers)
    assert r.status_code == 409, r.text
    assert r.json()["error"] == "NO_BYOK_PROVIDER"
    body = {
        "provider": "openai",
        "api_key": KEY,
        "default_model": "gpt-4o-mini",
        "models": ["gpt-4o-mini"],
        "use_cases": {"email_draft": "openai/gpt-4o-mini"},
    }
    r = await client.post(URL, json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    assert KEY not in r.text
    saved = r.json()["data"]
    assert saved["created"] is True
    assert saved["provider"]["last4"] == "cdef"
    assert saved["use_case_models"] == {"email_draft": "openai/gpt-4o-mini"}
    r = await client.post(URL, json={**body, "api_key": KEY + "x"}, headers=org.headers)
    assert r.json()["data"]["created"] is False
    r = await client.put(URL + "/mode", json={"mode": "byok"}, headers=org.headers)
    assert r.status_code == 200, r.text
    assert r.json()["data"]["mode"] == "byok"
    r = await client.get(URL + "/model-options", headers=org.headers)
    assert r.status_code == 200
    options = r.json()["data"]
    cases = {c["id"]: c for c in options["use_cases"]}
    assert cases["email_draft"]["model"] == "openai/gpt-4o-mini"
    assert cases["title"]["model"] is None
    assert any(m["id"] == "openai/gpt-4o-mini" and m["available"] for m in options["models"])
    provider_id = saved["provider"]["id"]
    r = await client.delete(f"{URL}/{provider_id}", headers=org.headers)
    assert r.status_code == 409
    assert r.json()["error"] == "LAST_BYOK_PROVIDER"
    await client.put(URL + "/mode", json={"mode": "platform"}, headers=org.headers)
    r = await client.delete(f"{URL}/{provider_id}", headers=org.headers)
    assert r.status_code == 204
    r = await client.get(URL + "/model-options", headers=org.headers)
    assert {c["id"]: c for c in r.json()["data"]["use_cases"]}["email_draft"]["model"] is None
    r = await client.delete(f"{URL}/{provider_id}", headers=org.headers)
    assert r.status_code == 404


@pytest.mark.parametrize(
    "key",
    ["sk-ключ-12345678", "sk with spaces 123", "short", "sk-\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9"],
)
async def test_malformed_or_non_ascii_keys_are_422(
    client: httpx.AsyncClient, factory: Factory, key: str
) -> None:
    org = await factory.org()
    r = await client.post(URL, json={"provider": "openai", "api_key": key}, headers=org.headers)
    assert r.status_code == 422, r.text
    assert r.json()["details"][0]["field"].endswith("api_key")
    if key == "short":  # too short to save; test-key asks the provider about it
        return
    r = await client.post(
        URL + "/test-key", json={"kind": "openai", "api_key": key}, headers=org.headers
    )
    assert r.status_code == 422, r.text


async def test_members_and_other_organisations_are_refused(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org, other = await factory.org(), await factory.org()
    member = await factory.member(org, Role.MEMBER)
    body = {"provider": "anthropic", "api_key": KEY}
    r = await client.post(URL, json=body, headers=member.headers)
    assert r.status_code == 403
    r = await client.post(URL, json=body, headers=org.headers)
    provider_id = r.json()["data"]["provider"]["id"]
    r = await client.delete(f"{URL}/{provider_id}", headers=other.headers)
    assert r.status_code == 404
    r = await client.get(URL, headers=org.headers)
    assert [p["id"] for p in r.json()["data"]["providers"]] == [provider_id]


async def test_the_document_states_the_name_key_and_base_url_rules(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    """What the code refuses, the schema says: the name's pattern (not the built-in
    `flowline`), the key's characters, and `base_url` for `openai_compatible`."""
    schemas = (await client.get("/openapi.json")).json()["components"]["schemas"]
    save = schemas["ByokSave"]
    name = next(b for b in save["properties"]["name"]["anyOf"] if b.get("type") == "string")
    assert (name["pattern"], name["not"]) == ("^[a-z][a-z0-9_-]{0,63}$", {"enum": ["flowline"]})
    assert save["properties"]["api_key"]["pattern"] == "^[!-~]+$"
    for model, kind in (("ByokSave", "provider"), ("KeyCheck", "kind")):
        rule = schemas[model]
        assert rule["if"]["properties"][kind] == {"const": "openai_compatible"}, model
        assert rule["then"]["required"] == ["base_url"], model
    org = await factory.org()
    for body, field in (
        ({"provider": "openai", "api_key": KEY, "name": ""}, "name"),
        ({"provider": "openai", "api_key": KEY, "name": "flowline"}, "name"),
        ({"provider": "openai_compatible", "api_key": KEY}, "base_url"),
    ):
        r = await client.post(URL, json=body, headers=org.headers)
        assert r.status_code == 422, r.text
        assert [d["field"] for d in r.json()["details"]] == [field]
