"""``/settings``: merged layers, JSON Merge Patch, reset, defaults, schema checks."""

from __future__ import annotations

import httpx

from flowline.auth.scopes import Role
from tests.factories import Factory

URL = "/api/v1/settings"


async def test_patch_merges_over_organisation_and_platform_defaults(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    member = await factory.member(org, Role.MEMBER)
    r = await client.patch(
        URL + "?scope=organization",
        json={"theme": "dark", "notifications": {"digest": "weekly"}},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    r = await client.patch(
        URL,
        json={"notifications": {"email": False}, "custom": {"a": {"b": 1}}},
        headers=member.headers,
    )
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert data["version"] == 1
    notifications = data["settings"]["notifications"]
    assert notifications == {"email": False, "approvals": True, "digest": "weekly"}
    assert data["settings"]["theme"] == "dark"
    # null removes the user's key: the organisation's value shows through again.
    r = await client.patch(
        URL,
        json={"notifications": {"email": None}, "custom": {"a": {"c": 2}}},
        headers={**member.headers, "If-Match": "1"},
    )
    data = r.json()["data"]
    assert data["settings"]["notifications"]["email"] is True
    assert data["overrides"] == {"notifications": {}, "custom": {"a": {"b": 1, "c": 2}}}
    r = await client.patch(
        URL, json={"theme": "light"}, headers={**member.headers, "If-Match": "1"}
    )
    assert r.status_code == 409
    # The owner's own view is untouched by the member's.
    r = await client.get(URL, headers=org.headers)
    assert r.json()["data"]["settings"]["notifications"]["email"] is True


async def test_invalid_settings_name_the_field_and_change_nothing(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    r = await client.patch(URL, json={"theme": "pink", "ui": {"density": 3}}, headers=org.headers)
    assert r.status_code == 422, r.text
    fields = {d["field"] for d in r.json()["details"]}
    assert fields == {"settings.theme", "settings.ui.density"}
    r = await client.patch(URL, json={"nope": 1}, headers=org.headers)
    assert r.status_code == 422
    r = await client.patch(URL, json=["theme"], headers=org.headers)
    assert r.status_code == 422
    r = await client.get(URL, headers=org.headers)
    assert r.json()["data"] == {
        "settings": r.json()["data"]["settings"],
        "overrides": {},
        "scope": "user",
        "version": 0,
    }
    assert r.json()["data"]["settings"]["theme"] == "system"


async def test_reset_and_defaults(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    await client.patch(URL, json={"theme": "dark", "language": "fr"}, headers=org.headers)
    r = await client.post(URL + "/reset", json={"keys": ["theme"]}, headers=org.headers)
    assert r.status_code == 200, r.text
    assert r.json()["data"]["overrides"] == {"language": "fr"}
    r = await client.post(URL + "/reset", headers=org.headers)
    assert r.json()["data"]["overrides"] == {}
    assert r.json()["data"]["settings"]["language"] == "en"
    r = await client.get(URL + "/defaults", headers=org.headers)
    assert r.status_code == 200
    body = r.json()["data"]
    assert body["defaults"]["theme"] == "system"
    assert body["schema"]["type"] == "object"


async def test_only_admins_change_organisation_defaults_and_orgs_stay_apart(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org, other = await factory.org(), await factory.org()
    member = await factory.member(org, Role.MEMBER)
    r = await client.patch(
        URL + "?scope=organization", json={"theme": "dark"}, headers=member.headers
    )
    assert r.status_code == 403
    r = await client.patch(URL + "?scope=organization", json={"theme": "dark"}, headers=org.headers)
    assert r.status_code == 200
    r = await client.get(URL, headers=other.headers)
    assert r.json()["data"]["settings"]["theme"] == "system"
    r = await client.get(URL + "/defaults", headers=other.headers)
    assert r.json()["data"]["organization"] == {}


async def test_the_document_states_the_patch_and_open_values(client: httpx.AsyncClient) -> None:
    """A settings patch is stated as what the settings schema allows (each key ``null``
    or its own value, no other key); an open JSON value elsewhere is ``JsonValue``, whose
    integers fit in 64 bits (found by schema fuzzing: both were open before)."""
    document = (await client.get("/openapi.json")).json()
    patch = document["paths"]["/api/v1/settings"]["patch"]["requestBody"]["content"]
    schema = patch["application/json"]["schema"]
    assert schema["additionalProperties"] is False
    assert schema["properties"]["theme"] == {
        "anyOf": [{"type": "null"}, {"enum": ["light", "dark", "system"]}]
    }
    ui = schema["properties"]["ui"]["anyOf"][1]
    assert ui["additionalProperties"] is False
    value = document["components"]["schemas"]["JsonValue"]
    assert {"type": "integer", "minimum": -(2**63), "maximum": 2**63 - 1} in value["anyOf"]
    content = document["components"]["schemas"]["ArtifactRead"]["properties"]["content"]
    assert content["additionalProperties"] == {"$ref": "#/components/schemas/JsonValue"}
