"""``/api/v1/admin/organizations``: only instance administrators; a new
organisation comes with its owner, whose password and first key show once."""

from __future__ import annotations

import httpx
import pytest

from flowline.auth.scopes import Role
from tests.answers import assert_error, error_fields
from tests.factories import Factory, unique

ORGS = "/api/v1/admin/organizations"


def _new_org_body() -> dict[str, str]:
    name = unique("made-")
    return {"name": name, "owner_email": f"{name}@example.com", "owner_name": "Made Owner"}


async def test_instance_admin_creates_an_organisation(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    admin = await factory.org(instance_admin=True)
    body = _new_org_body()
    r = await client.post(ORGS, json=body, headers=admin.headers)
    assert r.status_code == 201, r.text
    data = r.json()["data"]
    assert data["id"].startswith("org_")
    assert data["id"] != admin.id
    assert data["name"] == body["name"]
    owner = data["owner"]
    assert owner["email"] == body["owner_email"]
    assert owner["name"] == "Made Owner"
    assert owner["role"] == "owner"
    assert owner["org_id"] == data["id"]
    assert owner["is_instance_admin"] is False
    assert "password_hash" not in owner
    assert data["api_key"].startswith("flk_")
    assert len(data["api_key"]) == 42
    assert len(data["owner_password"]) >= 16

    new_key = {"Authorization": f"Bearer {data['api_key']}"}
    r = await client.get("/api/v1/auth/me", headers=new_key)
    assert r.status_code == 200, r.text
    assert r.json()["data"]["user"]["id"] == owner["id"]

    # The key sees its own organisation only.
    r = await client.get("/api/v1/users", headers=new_key)
    assert r.status_code == 200, r.text
    assert [u["id"] for u in r.json()["data"]] == [owner["id"]]
    r = await client.get(f"/api/v1/users/{admin.owner.user_id}", headers=new_key)
    assert_error(r, 404, "USER_NOT_FOUND")
    r = await client.get("/api/v1/users", headers=admin.headers, params={"size": 100})
    assert owner["id"] not in {u["id"] for u in r.json()["data"]}

    # The new owner can log in with the password, and is no instance administrator.
    r = await client.post(
        "/api/v1/auth/login",
        json={"email": body["owner_email"], "password": data["owner_password"]},
    )
    client.cookies.clear()
    assert r.status_code == 200, r.text
    assert_error(await client.get(ORGS, headers=new_key), 403, "FORBIDDEN")


async def test_secrets_of_a_new_organisation_show_once(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    admin = await factory.org(instance_admin=True)
    r = await client.post(ORGS, json={"organization": _new_org_body()}, headers=admin.headers)
    assert r.status_code == 201, r.text
    data = r.json()["data"]
    r = await client.get(ORGS, headers=admin.headers, params={"size": 100})
    assert r.status_code == 200, r.text
    assert data["api_key"] not in r.text
    assert data["owner_password"] not in r.text
    listed = next(o for o in r.json()["data"] if o["id"] == data["id"])
    assert set(listed) == {"id", "name", "created_at", "updated_at"}
    new_key = {"Authorization": f"Bearer {data['api_key']}"}
    r = await client.get("/api/v1/auth/api-keys", headers=new_key)
    assert data["api_key"] not in r.text
    assert [k["user_id"] for k in r.json()["data"]] == [data["owner"]["id"]]


async def test_instance_admin_lists_organisations(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    admin = await factory.org(instance_admin=True)
    other = await factory.org()
    r = await client.get(ORGS, headers=admin.headers, params={"size": 100})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] >= 2
    assert body["size"] == 100
    r = await client.get(ORGS, headers=admin.headers, params={"size": 1})
    assert len(r.json()["data"]) == 1
    assert r.json()["pages"] == r.json()["total"]
    # Newest first: the organisation made last is on page 0.
    assert r.json()["data"][0]["id"] == other.id


@pytest.mark.parametrize("role", [Role.VIEWER, Role.MEMBER, Role.ADMIN, Role.OWNER])
async def test_everyone_else_is_403(
    client: httpx.AsyncClient, factory: Factory, role: Role
) -> None:
    org = await factory.org()
    who = org.owner if role is Role.OWNER else await factory.member(org, role)
    assert_error(await client.get(ORGS, headers=who.headers), 403, "FORBIDDEN")
    r = await client.post(ORGS, json=_new_org_body(), headers=who.headers)
    assert_error(r, 403, "FORBIDDEN")


async def test_members_of_the_administrators_organisation_are_not_administrators(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    admin = await factory.org(instance_admin=True)
    colleague = await factory.member(admin, Role.ADMIN)
    assert_error(await client.get(ORGS, headers=colleague.headers), 403, "FORBIDDEN")


async def test_a_narrowed_key_of_an_instance_admin_is_403(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    admin = await factory.org(instance_admin=True)
    r = await client.post(
        "/api/v1/auth/api-keys", json={"name": "ro", "scopes": ["kv:read"]}, headers=admin.headers
    )
    narrow = {"Authorization": f"Bearer {r.json()['data']['key']}"}
    assert_error(await client.get(ORGS, headers=narrow), 403, "FORBIDDEN")
    assert_error(await client.post(ORGS, json=_new_org_body(), headers=narrow), 403, "FORBIDDEN")


async def test_no_credentials_is_401(client: httpx.AsyncClient) -> None:
    assert_error(await client.get(ORGS), 401, "UNAUTHORIZED")
    assert_error(await client.post(ORGS, json=_new_org_body()), 401, "UNAUTHORIZED")


async def test_duplicate_owner_email_is_409_and_creates_nothing(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    admin = await factory.org(instance_admin=True)
    taken = await factory.org()
    r = await client.get(ORGS, headers=admin.headers)
    before = r.json()["total"]
    body = {"name": unique("dup-"), "owner_email": taken.owner.email.upper()}
    r = await client.post(ORGS, json=body, headers=admin.headers)
    assert_error(r, 409, "CONFLICT")
    assert error_fields(r) == {"owner_email"}
    r = await client.get(ORGS, headers=admin.headers, params={"size": 100})
    assert r.json()["total"] == before
    assert body["name"] not in {o["name"] for o in r.json()["data"]}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"owner_email": "x@example.com"}, "name"),
        ({"name": "   ", "owner_email": "x@example.com"}, "name"),
        ({"name": "n", "owner_email": "not-an-email"}, "owner_email"),
        ({"name": "n"}, "owner_email"),
        ({"name": "n", "owner_email": "x@example.com", "plan": "gold"}, "plan"),
    ],
)
async def test_create_validation(
    client: httpx.AsyncClient, factory: Factory, body: dict[str, str], field: str
) -> None:
    admin = await factory.org(instance_admin=True)
    r = await client.post(ORGS, json=body, headers=admin.headers)
    assert_error(r, 422, "VALIDATION_ERROR")
    assert error_fields(r) == {field}


async def test_name_is_trimmed(client: httpx.AsyncClient, factory: Factory) -> None:
    admin = await factory.org(instance_admin=True)
    body = _new_org_body()
    r = await client.post(ORGS, json={**body, "name": f"  {body['name']} "}, headers=admin.headers)
    assert r.status_code == 201, r.text
    assert r.json()["data"]["name"] == body["name"]
