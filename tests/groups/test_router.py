from __future__ import annotations

from typing import Any

import httpx
import pytest

from flowline.auth.scopes import Role
from tests.factories import Factory, Org, unique

GROUPS = "/api/v1/groups"


async def _create(client: httpx.AsyncClient, org: Org, **body: Any) -> dict[str, Any]:
    body.setdefault("name", unique("group-"))
    r = await client.post(GROUPS, json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    return r.json()["data"]  # type: ignore[no-any-return]


async def _names(client: httpx.AsyncClient, org: Org) -> list[str]:
    r = await client.get(GROUPS, params={"size": 100}, headers=org.headers)
    assert r.status_code == 200, r.text
    return [g["name"] for g in r.json()["data"]]


async def _member_ids(client: httpx.AsyncClient, org: Org, group_id: str) -> set[str]:
    r = await client.get(f"{GROUPS}/{group_id}/members", params={"size": 100}, headers=org.headers)
    assert r.status_code == 200, r.text
    return {m["id"] for m in r.json()["data"]}


def _fields(response: httpx.Response) -> set[str]:
    return {d["field"] for d in response.json().get("details", [])}


async def test_create_get_and_list(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    r = await client.post(
        GROUPS, json={"name": "  Operations ", "description": "on call"}, headers=org.headers
    )
    assert r.status_code == 201, r.text
    created = r.json()["data"]
    assert created["id"].startswith("grp_")
    assert created["name"] == "Operations"
    assert created["description"] == "on call"
    assert created["member_count"] == 0
    assert created["version"] == 1
    assert created["created_at"].endswith("Z")

    r = await client.get(f"{GROUPS}/{created['id']}", headers=org.headers)
    assert r.status_code == 200
    assert r.json()["data"] == created

    second = await _create(client, org, name="Billing")
    r = await client.get(GROUPS, headers=org.headers)
    assert r.status_code == 200
    body = r.json()
    assert [g["id"] for g in body["data"]] == [second["id"], created["id"]]
    assert (body["total"], body["page"], body["size"], body["pages"]) == (2, 0, 25, 1)


async def test_create_wrapped_body(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    r = await client.post(GROUPS, json={"group": {"name": "Wrapped"}}, headers=org.headers)
    assert r.status_code == 201, r.text
    assert r.json()["data"]["name"] == "Wrapped"


async def test_list_pages(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    made = [await _create(client, org) for _ in range(3)]
    r = await client.get(GROUPS, params={"page": 1, "size": 2}, headers=org.headers)
    body = r.json()
    assert [g["id"] for g in body["data"]] == [made[0]["id"]]
    assert (body["total"], body["pages"]) == (3, 2)
    r = await client.get(GROUPS, params={"page": 5, "size": 2}, headers=org.headers)
    assert r.json()["data"] == []


async def test_create_with_members(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    alice = await factory.member(org, Role.MEMBER)
    bob = await factory.member(org, Role.VIEWER)
    group = await _create(client, org, member_ids=[alice.user_id, bob.user_id, alice.user_id])
    assert group["member_count"] == 2
    r = await client.get(GROUPS, headers=org.headers)
    assert r.json()["data"][0]["member_count"] == 2

    r = await client.get(f"{GROUPS}/{group['id']}/members", headers=org.headers)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] == 2
    by_id = {m["id"]: m for m in body["data"]}
    assert by_id[bob.user_id]["email"] == bob.email
    assert by_id[bob.user_id]["role"] == "viewer"
    assert set(by_id[alice.user_id]) == {"id", "email", "name", "role", "added_at"}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"name": "ok", "description": "d" * 2001}, "description"),
        ({"name": "ok", "colour": "red"}, "colour"),
        ({"description": "no name"}, "name"),
        ({"name": "ok", "member_ids": "usr_1"}, "member_ids"),
    ],
)
async def test_create_invalid_names_field_and_changes_nothing(
    client: httpx.AsyncClient, factory: Factory, body: dict[str, Any], field: str
) -> None:
    org = await factory.org()
    r = await client.post(GROUPS, json=body, headers=org.headers)
    assert r.status_code == 422, r.text
    assert r.json()["error"] == "VALIDATION_ERROR"
    assert field in _fields(r)
    assert await _names(client, org) == []


async def test_create_with_an_unknown_or_another_orgs_user_is_404_naming_the_field(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org, other = await factory.org(), await factory.org()
    mine = await factory.member(org)
    for bad in (other.owner.user_id, "usr_doesnotexist"):
        r = await client.post(
            GROUPS, json={"name": "mixed", "member_ids": [mine.user_id, bad]}, headers=org.headers
        )
        assert r.status_code == 404, r.text
        assert r.json()["error"] == "NOT_FOUND"
        assert _fields(r) == {"member_ids"}
        assert bad in r.json()["message"]
    assert await _names(client, org) == []


async def test_duplicate_name_is_409(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    await _create(client, org, name="Ops", description="first")
    r = await client.post(GROUPS, json={"name": "Ops"}, headers=org.headers)
    assert r.status_code == 409
    assert r.json()["error"] == "CONFLICT"
    assert _fields(r) == {"name"}
    r = await client.get(GROUPS, headers=org.headers)
    assert [g["description"] for g in r.json()["data"]] == ["first"]


async def test_same_name_in_two_orgs(client: httpx.AsyncClient, factory: Factory) -> None:
    first, second = await factory.org(), await factory.org()
    await _create(client, first, name="Ops")
    await _create(client, second, name="Ops")


async def test_update(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    group = await _create(client, org, name="Ops", description="old")
    url = f"{GROUPS}/{group['id']}"

    r = await client.put(url, json={"name": "Operations"}, headers=org.headers)
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert (data["name"], data["description"], data["version"]) == ("Operations", "old", 2)

    r = await client.put(
        url, json={"description": "new"}, headers={**org.headers, "If-Match": '"2"'}
    )
    assert r.status_code == 200, r.text
    assert r.json()["data"]["version"] == 3

    r = await client.put(
        url, json={"group": {"name": "Ops", "expected_version": 3}}, headers=org.headers
    )
    assert r.status_code == 200, r.text
    r = await client.get(url, headers=org.headers)
    data = r.json()["data"]
    assert (data["name"], data["description"], data["version"]) == ("Ops", "new", 4)


async def test_update_version_mismatch_is_409(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    group = await _create(client, org, name="Ops")
    url = f"{GROUPS}/{group['id']}"
    r = await client.put(url, json={"name": "A"}, headers={**org.headers, "If-Match": "7"})
    assert r.status_code == 409
    assert r.json()["error"] == "CONFLICT"
    r = await client.put(url, json={"name": "B", "expected_version": 2}, headers=org.headers)
    assert r.status_code == 409
    assert _fields(r) == {"expected_version"}
    r = await client.get(url, headers=org.headers)
    assert (r.json()["data"]["name"], r.json()["data"]["version"]) == ("Ops", 1)


@pytest.mark.parametrize(
    ("body", "headers", "field"),
    [
        ({"name": ""}, {}, "name"),
        ({"name": "y" * 201}, {}, "name"),
        ({}, {}, "body"),
        ({"expected_version": 1}, {}, "body"),
        ({"name": "A", "expected_version": 0}, {}, "expected_version"),
        ({"name": "A", "members": []}, {}, "members"),
        ({"name": "A"}, {"If-Match": "abc"}, "If-Match"),
    ],
)
async def test_update_invalid_changes_nothing(
    client: httpx.AsyncClient,
    factory: Factory,
    body: dict[str, Any],
    headers: dict[str, str],
    field: str,
) -> None:
    org = await factory.org()
    group = await _create(client, org, name="Ops")
    url = f"{GROUPS}/{group['id']}"
    r = await client.put(url, json=body, headers={**org.headers, **headers})
    assert r.status_code == 422, r.text
    assert field in _fields(r)
    r = await client.get(url, headers=org.headers)
    assert r.json()["data"] == group


async def test_rename_to_taken_name_is_409(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    await _create(client, org, name="Ops")
    other = await _create(client, org, name="Billing")
    r = await client.put(f"{GROUPS}/{other['id']}", json={"name": "Ops"}, headers=org.headers)
    assert r.status_code == 409
    assert _fields(r) == {"name"}
    assert sorted(await _names(client, org)) == ["Billing", "Ops"]
    # Keeping one's own name is not a clash.
    r = await client.put(
        f"{GROUPS}/{other['id']}", json={"name": "Billing", "description": "x"}, headers=org.headers
    )
    assert r.status_code == 200, r.text


async def test_delete(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    user = await factory.member(org)
    group = await _create(client, org, member_ids=[user.user_id])
    url = f"{GROUPS}/{group['id']}"
    r = await client.delete(url, headers={**org.headers, "If-Match": "2"})
    assert r.status_code == 409
    r = await client.delete(url, headers=org.headers)
    assert r.status_code == 204
    assert r.content == b""
    r = await client.get(url, headers=org.headers)
    assert r.status_code == 404
    assert r.json()["error"] == "GROUP_NOT_FOUND"
    r = await client.delete(url, headers=org.headers)
    assert r.status_code == 404
    # The users stay.
    r = await client.get(f"/api/v1/users/{user.user_id}", headers=org.headers)
    assert r.status_code == 200


async def test_add_and_remove_members(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    a, b, c = [await factory.member(org) for _ in range(3)]
    group = await _create(client, org, member_ids=[a.user_id])
    url = f"{GROUPS}/{group['id']}/members"

    r = await client.post(
        url, json={"user_ids": [a.user_id, b.user_id, c.user_id, b.user_id]}, headers=org.headers
    )
    assert r.status_code == 200, r.text
    assert r.json()["data"]["member_count"] == 3
    assert r.json()["data"]["version"] == 1
    assert await _member_ids(client, org, group["id"]) == {a.user_id, b.user_id, c.user_id}

    # Adding existing members again is a no-op.
    r = await client.post(url, json={"user_ids": [a.user_id]}, headers=org.headers)
    assert r.status_code == 200
    assert r.json()["data"]["member_count"] == 3

    r = await client.delete(f"{url}/{b.user_id}", headers=org.headers)
    assert r.status_code == 204
    assert await _member_ids(client, org, group["id"]) == {a.user_id, c.user_id}
    r = await client.delete(f"{url}/{b.user_id}", headers=org.headers)
    assert r.status_code == 404
    assert r.json()["error"] == "MEMBER_NOT_FOUND"


async def test_members_list_newest_first_and_paged(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    group = await _create(client, org)
    url = f"{GROUPS}/{group['id']}/members"
    users = [await factory.member(org) for _ in range(3)]
    for user in users:
        r = await client.post(url, json={"user_ids": [user.user_id]}, headers=org.headers)
        assert r.status_code == 200
    r = await client.get(url, params={"size": 2}, headers=org.headers)
    body = r.json()
    assert (body["total"], body["pages"]) == (3, 2)
    assert [m["id"] for m in body["data"]] == [users[2].user_id, users[1].user_id]
    r = await client.get(url, params={"page": 1, "size": 2}, headers=org.headers)
    assert [m["id"] for m in r.json()["data"]] == [users[0].user_id]


@pytest.mark.parametrize(
    "body",
    [{"user_ids": []}, {"user_ids": "usr_x"}, {}, {"user_ids": [1]}],
)
async def test_add_members_invalid_body(
    client: httpx.AsyncClient, factory: Factory, body: dict[str, Any]
) -> None:
    org = await factory.org()
    group = await _create(client, org)
    r = await client.post(f"{GROUPS}/{group['id']}/members", json=body, headers=org.headers)
    assert r.status_code == 422
    assert any(f.startswith("user_ids") for f in _fields(r))
    assert await _member_ids(client, org, group["id"]) == set()


async def test_add_unknown_or_foreign_user_adds_nobody(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org, other = await factory.org(), await factory.org()
    mine = await factory.member(org)
    foreign = await factory.member(other)
    group = await _create(client, org)
    url = f"{GROUPS}/{group['id']}/members"
    for bad in (foreign.user_id, "usr_nobody"):
        r = await client.post(url, json={"user_ids": [mine.user_id, bad]}, headers=org.headers)
        assert r.status_code == 404, r.text
        assert _fields(r) == {"user_ids"}
        assert bad in r.json()["message"]
    assert await _member_ids(client, org, group["id"]) == set()


async def test_removing_a_user_leaves_their_groups(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    user = await factory.member(org)
    group = await _create(client, org, member_ids=[user.user_id])
    r = await client.delete(f"/api/v1/users/{user.user_id}", headers=org.headers)
    assert r.status_code == 204
    r = await client.get(f"{GROUPS}/{group['id']}", headers=org.headers)
    assert r.json()["data"]["member_count"] == 0


async def test_another_orgs_group_is_not_found(client: httpx.AsyncClient, factory: Factory) -> None:
    org, other = await factory.org(), await factory.org()
    theirs = await _create(client, other, name="Theirs")
    member = await factory.member(other)
    await client.post(
        f"{GROUPS}/{theirs['id']}/members",
        json={"user_ids": [member.user_id]},
        headers=other.headers,
    )
    url = f"{GROUPS}/{theirs['id']}"
    mine = await factory.member(org)
    attempts: list[tuple[str, str, Any]] = [
        ("GET", url, None),
        ("PUT", url, {"name": "Mine now"}),
        ("GET", f"{url}/members", None),
        ("POST", f"{url}/members", {"user_ids": [mine.user_id]}),
        ("DELETE", f"{url}/members/{member.user_id}", None),
        ("DELETE", url, None),
    ]
    for method, target, body in attempts:
        r = await client.request(method, target, json=body, headers=org.headers)
        assert r.status_code == 404, (method, target, r.text)
        assert r.json()["error"] == "GROUP_NOT_FOUND"
    assert await _names(client, org) == []
    r = await client.get(url, headers=other.headers)
    assert r.status_code == 200
    assert (r.json()["data"]["name"], r.json()["data"]["member_count"]) == ("Theirs", 1)


async def test_removing_another_orgs_user_is_not_found(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org, other = await factory.org(), await factory.org()
    group = await _create(client, org)
    r = await client.delete(
        f"{GROUPS}/{group['id']}/members/{other.owner.user_id}", headers=org.headers
    )
    assert r.status_code == 404


@pytest.mark.parametrize("role", [Role.VIEWER, Role.MEMBER])
async def test_viewers_and_members_cannot_write(
    client: httpx.AsyncClient, factory: Factory, role: Role
) -> None:
    org = await factory.org()
    group = await _create(client, org, name="Ops")
    caller = await factory.member(org, role)
    h = caller.headers
    url = f"{GROUPS}/{group['id']}"
    writes: list[tuple[str, str, Any]] = [
        ("POST", GROUPS, {"name": "New"}),
        ("PUT", url, {"name": "Renamed"}),
        ("POST", f"{url}/members", {"user_ids": [caller.user_id]}),
        ("DELETE", f"{url}/members/{org.owner.user_id}", None),
        ("DELETE", url, None),
    ]
    for method, target, body in writes:
        r = await client.request(method, target, json=body, headers=h)
        assert r.status_code == 403, (method, target, r.text)
        assert r.json()["error"] == "FORBIDDEN"
    # Reading is allowed, and nothing changed.
    r = await client.get(url, headers=h)
    assert r.status_code == 200
    assert r.json()["data"] == group
    r = await client.get(f"{url}/members", headers=h)
    assert r.status_code == 200
    assert r.json()["total"] == 0
    assert await _names(client, org) == ["Ops"]


async def test_admin_can_write(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    admin = await factory.member(org, Role.ADMIN)
    r = await client.post(GROUPS, json={"name": "By admin"}, headers=admin.headers)
    assert r.status_code == 201


async def test_unauthenticated_is_401(client: httpx.AsyncClient) -> None:
    r = await client.get(GROUPS)
    assert r.status_code == 401


async def test_create_is_idempotent(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    headers = {**org.headers, "Idempotency-Key": unique("idem-")}
    first = await client.post(GROUPS, json={"name": "Once"}, headers=headers)
    again = await client.post(GROUPS, json={"name": "Once"}, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert again.json() == first.json()
    assert await _names(client, org) == ["Once"]
