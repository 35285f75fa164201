"""``/api/v1/users``: who may list, add, change and remove people."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from flowline.auth.scopes import Role
from tests.answers import assert_error, error_fields
from tests.factories import Factory, Member, Org

USERS = "/api/v1/users"


async def _user(client: httpx.AsyncClient, org: Org, user_id: str) -> dict[str, Any]:
    r = await client.get(f"{USERS}/{user_id}", headers=org.headers)
    assert r.status_code == 200, r.text
    data: dict[str, Any] = r.json()["data"]
    return data


async def _second_owner(factory: Factory, org: Org) -> Member:
    return await factory.member(org, Role.OWNER)


# --- reading -----------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.VIEWER, Role.MEMBER, Role.ADMIN])
async def test_every_role_may_list_and_read_users(
    client: httpx.AsyncClient, factory: Factory, role: Role
) -> None:
    org = await factory.org()
    who = await factory.member(org, role)
    r = await client.get(USERS, headers=who.headers)
    assert r.status_code == 200, r.text
    assert {u["id"] for u in r.json()["data"]} == {org.owner.user_id, who.user_id}
    r = await client.get(f"{USERS}/{org.owner.user_id}", headers=who.headers)
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert data["role"] == "owner"
    assert data["org_id"] == org.id
    assert "password" not in data
    assert "password_hash" not in data


async def test_unknown_user_is_404(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    assert_error(await client.get(f"{USERS}/usr_nope", headers=org.headers), 404, "USER_NOT_FOUND")


async def test_user_list_pages(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    for _ in range(4):
        await factory.member(org)
    r = await client.get(USERS, headers=org.headers, params={"size": 2})
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["total"], body["page"], body["size"], body["pages"]) == (5, 0, 2, 3)
    seen: list[str] = []
    for page in range(3):
        r = await client.get(USERS, headers=org.headers, params={"size": 2, "page": page})
        seen += [u["id"] for u in r.json()["data"]]
    assert len(seen) == len(set(seen)) == 5
    assert set(seen) == {org.owner.user_id, *org.members}
    r = await client.get(USERS, headers=org.headers, params={"page": 9})
    assert r.status_code == 200
    assert r.json()["data"] == []
    assert r.json()["total"] == 5
    r = await client.get(USERS, headers=org.headers, params={"page": -1})
    assert_error(r, 422, "VALIDATION_ERROR")
    assert error_fields(r) == {"page"}


async def test_list_is_newest_first(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    r = await client.post(USERS, json={"email": f"first-{org.id}@example.com"}, headers=org.headers)
    first = r.json()["data"]["id"]
    await asyncio.sleep(0.005)
    r = await client.post(
        USERS, json={"email": f"second-{org.id}@example.com"}, headers=org.headers
    )
    second = r.json()["data"]["id"]
    r = await client.get(USERS, headers=org.headers)
    assert [u["id"] for u in r.json()["data"]][:2] == [second, first]


# --- creating ----------------------------------------------------------------


async def test_created_user_without_password_gets_one_once(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    email = f"new-{org.id}@example.com"
    r = await client.post(USERS, json={"email": email, "name": "New"}, headers=org.headers)
    assert r.status_code == 201, r.text
    data = r.json()["data"]
    assert data["email"] == email
    assert data["role"] == "member"
    assert data["version"] == 1
    password = data["password"]
    assert isinstance(password, str)
    assert len(password) >= 16
    assert data["id"].startswith("usr_")

    assert password not in (await client.get(f"{USERS}/{data['id']}", headers=org.headers)).text
    assert password not in (await client.get(USERS, headers=org.headers)).text

    r = await client.post("/api/v1/auth/login", json={"email": email, "password": password})
    client.cookies.clear()
    assert r.status_code == 200, r.text
    assert r.json()["data"]["user"]["id"] == data["id"]


async def test_created_user_with_password_gets_none_back(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    email = f"pw-{org.id}@example.com"
    r = await client.post(
        USERS,
        json={"user": {"email": email, "password": "long enough pw", "role": "viewer"}},
        headers=org.headers,
    )
    assert r.status_code == 201, r.text
    assert r.json()["data"]["password"] is None
    assert r.json()["data"]["role"] == "viewer"
    r = await client.post("/api/v1/auth/login", json={"email": email, "password": "long enough pw"})
    client.cookies.clear()
    assert r.status_code == 200, r.text


async def test_name_defaults_to_the_email_local_part(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    r = await client.post(USERS, json={"email": f"ada-{org.id}@example.com"}, headers=org.headers)
    assert r.json()["data"]["name"] == f"ada-{org.id}"


async def test_duplicate_email_is_409_whatever_its_case(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    other = await factory.org()
    email = f"dup-{org.id}@example.com"
    assert (await client.post(USERS, json={"email": email}, headers=org.headers)).status_code == 201
    r = await client.post(USERS, json={"email": f" {email.upper()}"}, headers=org.headers)
    assert_error(r, 409, "CONFLICT")
    assert error_fields(r) == {"email"}
    # Emails are unique across the instance, not just per organisation.
    r = await client.post(USERS, json={"email": email}, headers=other.headers)
    assert_error(r, 409, "CONFLICT")


@pytest.mark.parametrize("email", ["no-at-sign", "@example.com", "ada@", "ada lovelace@x.org", ""])
async def test_bad_email_is_422_naming_email(
    client: httpx.AsyncClient, factory: Factory, email: str
) -> None:
    org = await factory.org()
    r = await client.post(USERS, json={"email": email}, headers=org.headers)
    assert_error(r, 422, "VALIDATION_ERROR")
    assert error_fields(r) == {"email"}


async def test_create_validation(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    email = f"v-{org.id}@example.com"
    r = await client.post(USERS, json={"email": email, "password": "short"}, headers=org.headers)
    assert_error(r, 422, "VALIDATION_ERROR")
    assert error_fields(r) == {"password"}
    r = await client.post(USERS, json={"email": email, "role": "god"}, headers=org.headers)
    assert_error(r, 422, "VALIDATION_ERROR")
    assert error_fields(r) == {"role"}
    r = await client.post(
        USERS, json={"email": email, "is_instance_admin": True}, headers=org.headers
    )
    assert_error(r, 422, "VALIDATION_ERROR")
    assert error_fields(r) == {"is_instance_admin"}


@pytest.mark.parametrize("role", [Role.VIEWER, Role.MEMBER])
async def test_viewers_and_members_cannot_add_people(
    client: httpx.AsyncClient, factory: Factory, role: Role
) -> None:
    org = await factory.org()
    who = await factory.member(org, role)
    r = await client.post(
        USERS, json={"email": f"x-{who.user_id}@example.com"}, headers=who.headers
    )
    assert_error(r, 403, "FORBIDDEN")
    r = await client.get(USERS, headers=org.headers)
    assert r.json()["total"] == 2


async def test_admin_adds_up_to_admin_but_not_an_owner(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    admin = await factory.member(org, Role.ADMIN)
    for role in ("viewer", "member", "admin"):
        email = f"{role}-{admin.user_id}@example.com"
        r = await client.post(USERS, json={"email": email, "role": role}, headers=admin.headers)
        assert r.status_code == 201, r.text
    r = await client.post(
        USERS,
        json={"email": f"o-{admin.user_id}@example.com", "role": "owner"},
        headers=admin.headers,
    )
    assert_error(r, 403, "FORBIDDEN")
    r = await client.post(
        USERS, json={"email": f"o-{org.id}@example.com", "role": "owner"}, headers=org.headers
    )
    assert r.status_code == 201, r.text


# --- changing ----------------------------------------------------------------


async def test_patch_changes_fields_and_bumps_version(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    member = await factory.member(org)
    r = await client.patch(
        f"{USERS}/{member.user_id}", json={"name": "Grace", "role": "admin"}, headers=org.headers
    )
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert (data["name"], data["role"], data["version"]) == ("Grace", "admin", 2)
    assert (await _user(client, org, member.user_id))["version"] == 2


async def test_patch_password_lets_the_user_log_in_with_it(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    member = await factory.member(org)
    r = await client.patch(
        f"{USERS}/{member.user_id}", json={"password": "a brand new one"}, headers=org.headers
    )
    assert r.status_code == 200, r.text
    login = "/api/v1/auth/login"
    r = await client.post(login, json={"email": member.email, "password": member.password})
    assert_error(r, 401, "UNAUTHORIZED")
    r = await client.post(login, json={"email": member.email, "password": "a brand new one"})
    client.cookies.clear()
    assert r.status_code == 200, r.text


async def test_stale_if_match_or_expected_version_is_409(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    member = await factory.member(org)
    url = f"{USERS}/{member.user_id}"
    r = await client.patch(url, json={"name": "one"}, headers={**org.headers, "If-Match": '"1"'})
    assert r.status_code == 200, r.text
    assert r.json()["data"]["version"] == 2

    r = await client.patch(url, json={"name": "two"}, headers={**org.headers, "If-Match": '"1"'})
    assert_error(r, 409, "CONFLICT")
    r = await client.patch(url, json={"name": "two", "expected_version": 1}, headers=org.headers)
    assert_error(r, 409, "CONFLICT")
    assert error_fields(r) == {"expected_version"}
    assert (await _user(client, org, member.user_id))["name"] == "one"

    r = await client.patch(url, json={"name": "two", "expected_version": 2}, headers=org.headers)
    assert r.status_code == 200, r.text
    r = await client.patch(url, json={"name": "three"}, headers={**org.headers, "If-Match": "W/3"})
    assert r.status_code == 200, r.text
    assert r.json()["data"]["version"] == 4


@pytest.mark.parametrize("value", ["abc", "0", "-1", "1.5", '"x"', b"\xb2", b"\xb3", "9" * 5000])
async def test_bad_if_match_is_422_naming_it(
    client: httpx.AsyncClient, factory: Factory, value: str | bytes
) -> None:
    org = await factory.org()
    member = await factory.member(org)
    # Raw bytes: headers arrive decoded as Latin-1, so "²" (0xB2) can reach the parser.
    headers = {k.encode(): v.encode() for k, v in org.headers.items()}
    headers[b"If-Match"] = value if isinstance(value, bytes) else value.encode()
    r = await client.patch(f"{USERS}/{member.user_id}", json={"name": "x"}, headers=headers)
    assert_error(r, 422, "VALIDATION_ERROR")
    assert error_fields(r) == {"If-Match"}
    assert (await _user(client, org, member.user_id))["version"] == 1


async def test_patch_validation(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    member = await factory.member(org)
    url = f"{USERS}/{member.user_id}"
    r = await client.patch(url, json={"email": "new@example.com"}, headers=org.headers)
    assert_error(r, 422, "VALIDATION_ERROR")
    assert error_fields(r) == {"email"}
    r = await client.patch(url, json={"password": "short"}, headers=org.headers)
    assert_error(r, 422, "VALIDATION_ERROR")
    assert error_fields(r) == {"password"}
    r = await client.patch(url, json={"expected_version": 0}, headers=org.headers)
    assert_error(r, 422, "VALIDATION_ERROR")
    assert error_fields(r) == {"expected_version"}


@pytest.mark.parametrize("role", [Role.VIEWER, Role.MEMBER])
async def test_viewers_and_members_cannot_change_or_remove_people(
    client: httpx.AsyncClient, factory: Factory, role: Role
) -> None:
    org = await factory.org()
    who = await factory.member(org, role)
    other = await factory.member(org, Role.VIEWER)
    for target in (who.user_id, other.user_id):
        r = await client.patch(f"{USERS}/{target}", json={"name": "x"}, headers=who.headers)
        assert_error(r, 403, "FORBIDDEN")
        r = await client.patch(f"{USERS}/{target}", json={"role": "admin"}, headers=who.headers)
        assert_error(r, 403, "FORBIDDEN")
        assert_error(
            await client.delete(f"{USERS}/{target}", headers=who.headers), 403, "FORBIDDEN"
        )
    assert (await _user(client, org, other.user_id))["version"] == 1


async def test_viewers_cannot_write_kv(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    viewer = await factory.member(org, Role.VIEWER)
    r = await client.post("/api/v1/kv", json={"key": "k", "value": 1}, headers=org.headers)
    assert r.status_code == 200, r.text
    assert (await client.get("/api/v1/kv/k", headers=viewer.headers)).status_code == 200
    r = await client.post("/api/v1/kv", json={"key": "k", "value": 2}, headers=viewer.headers)
    assert_error(r, 403, "FORBIDDEN")
    assert_error(await client.delete("/api/v1/kv/k", headers=viewer.headers), 403, "FORBIDDEN")
    r = await client.get("/api/v1/kv/k", headers=org.headers)
    assert r.json()["data"]["value"] == 1


async def test_admin_cannot_touch_an_owner_or_make_one(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    admin = await factory.member(org, Role.ADMIN)
    member = await factory.member(org)
    owner_url = f"{USERS}/{org.owner.user_id}"
    assert_error(
        await client.patch(owner_url, json={"name": "x"}, headers=admin.headers), 403, "FORBIDDEN"
    )
    assert_error(
        await client.patch(owner_url, json={"role": "viewer"}, headers=admin.headers),
        403,
        "FORBIDDEN",
    )
    assert_error(await client.delete(owner_url, headers=admin.headers), 403, "FORBIDDEN")
    r = await client.patch(
        f"{USERS}/{member.user_id}", json={"role": "owner"}, headers=admin.headers
    )
    assert_error(r, 403, "FORBIDDEN")
    r = await client.patch(
        f"{USERS}/{admin.user_id}", json={"role": "owner"}, headers=admin.headers
    )
    assert_error(r, 403, "FORBIDDEN")
    # But an admin manages members and other admins.
    r = await client.patch(
        f"{USERS}/{member.user_id}", json={"role": "admin"}, headers=admin.headers
    )
    assert r.status_code == 200, r.text
    assert (await _user(client, org, org.owner.user_id))["role"] == "owner"


async def test_the_last_owner_cannot_be_demoted_or_deactivated(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    url = f"{USERS}/{org.owner.user_id}"
    for change in ({"role": "admin"}, {"role": "viewer"}, {"is_active": False}):
        r = await client.patch(url, json=change, headers=org.headers)
        assert_error(r, 409, "CONFLICT")
    user = await _user(client, org, org.owner.user_id)
    assert (user["role"], user["is_active"], user["version"]) == ("owner", True, 1)


async def test_the_last_owner_cannot_be_deleted(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    r = await client.delete(f"{USERS}/{org.owner.user_id}", headers=org.headers)
    assert_error(r, 409, "CONFLICT")
    assert (await _user(client, org, org.owner.user_id))["is_active"]


async def test_with_two_owners_one_may_step_down(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    second = await _second_owner(factory, org)
    r = await client.patch(
        f"{USERS}/{org.owner.user_id}", json={"role": "admin"}, headers=second.headers
    )
    assert r.status_code == 200, r.text
    # Now the second owner is the last one.
    r = await client.patch(
        f"{USERS}/{second.user_id}", json={"role": "admin"}, headers=second.headers
    )
    assert_error(r, 409, "CONFLICT")


async def test_an_owner_removes_another_owner_but_not_the_last(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    second = await _second_owner(factory, org)
    r = await client.delete(f"{USERS}/{second.user_id}", headers=org.headers)
    assert r.status_code == 204, r.text
    assert_error(
        await client.get(f"{USERS}/{second.user_id}", headers=org.headers), 404, "USER_NOT_FOUND"
    )


async def test_a_deactivated_owner_does_not_count_but_can_be_cleaned_up(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    second = await _second_owner(factory, org)
    third = await _second_owner(factory, org)
    r = await client.patch(
        f"{USERS}/{second.user_id}", json={"is_active": False}, headers=org.headers
    )
    assert r.status_code == 200, r.text
    r = await client.patch(
        f"{USERS}/{third.user_id}", json={"is_active": False}, headers=org.headers
    )
    assert r.status_code == 200, r.text
    # The first owner is the only active one now: it cannot step down ...
    r = await client.patch(
        f"{USERS}/{org.owner.user_id}", json={"role": "admin"}, headers=org.headers
    )
    assert_error(r, 409, "CONFLICT")
    # ... but demoting or deleting an owner who is already inactive loses no one.
    r = await client.patch(
        f"{USERS}/{second.user_id}", json={"role": "member"}, headers=org.headers
    )
    assert r.status_code == 200, r.text
    r = await client.delete(f"{USERS}/{third.user_id}", headers=org.headers)
    assert r.status_code == 204, r.text


async def _demote_each_other(client: httpx.AsyncClient, org: Org, second: Member) -> None:
    results = await asyncio.gather(
        client.patch(
            f"{USERS}/{org.owner.user_id}", json={"role": "admin"}, headers=second.headers
        ),
        client.patch(f"{USERS}/{second.user_id}", json={"role": "admin"}, headers=org.headers),
    )
    # The loser either finds the other already demoted (409, last owner) or
    # finds itself demoted first (403, target outranks it): never both succeed.
    codes = sorted(r.status_code for r in results)
    assert codes in ([200, 403], [200, 409]), [r.text for r in results]
    r = await client.get(USERS, headers=org.headers)
    assert r.status_code == 200, r.text
    assert [u["role"] for u in r.json()["data"]].count("owner") == 1


async def test_two_owners_demoting_each_other_at_once_leave_one(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    # Several organisations at once, so a race that only sometimes interleaves
    # is very likely to show.
    orgs = [await factory.org() for _ in range(4)]
    seconds = [await _second_owner(factory, org) for org in orgs]
    await asyncio.gather(
        *(_demote_each_other(client, o, s) for o, s in zip(orgs, seconds, strict=True))
    )


async def test_you_cannot_deactivate_or_delete_yourself(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    admin = await factory.member(org, Role.ADMIN)
    url = f"{USERS}/{admin.user_id}"
    r = await client.patch(url, json={"is_active": False}, headers=admin.headers)
    assert_error(r, 422, "VALIDATION_ERROR")
    assert error_fields(r) == {"is_active"}
    assert_error(await client.delete(url, headers=admin.headers), 409, "CONFLICT")
    assert (await _user(client, org, admin.user_id))["is_active"]


async def test_delete_removes_the_user(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    admin = await factory.member(org, Role.ADMIN)
    member = await factory.member(org)
    r = await client.delete(f"{USERS}/{member.user_id}", headers=admin.headers)
    assert r.status_code == 204, r.text
    assert r.content == b""
    r = await client.get(f"{USERS}/{member.user_id}", headers=org.headers)
    assert_error(r, 404, "USER_NOT_FOUND")
    r = await client.delete(f"{USERS}/{member.user_id}", headers=org.headers)
    assert_error(r, 404, "USER_NOT_FOUND")


# --- other organisations -----------------------------------------------------


async def test_another_organisations_user_is_404_never_403(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org_a = await factory.org()
    org_b = await factory.org()
    target = await factory.member(org_a)
    url = f"{USERS}/{target.user_id}"
    assert_error(await client.get(url, headers=org_b.headers), 404, "USER_NOT_FOUND")
    assert_error(
        await client.patch(url, json={"name": "x"}, headers=org_b.headers), 404, "USER_NOT_FOUND"
    )
    assert_error(await client.delete(url, headers=org_b.headers), 404, "USER_NOT_FOUND")
    # Not even the owner of A is visible to B.
    r = await client.get(f"{USERS}/{org_a.owner.user_id}", headers=org_b.headers)
    assert_error(r, 404, "USER_NOT_FOUND")
    r = await client.get(USERS, headers=org_b.headers)
    assert {u["id"] for u in r.json()["data"]} == {org_b.owner.user_id}
    user = await _user(client, org_a, target.user_id)
    assert (user["name"], user["version"]) == (target.email.partition("@")[0], 1)


async def test_two_edits_against_the_same_version_at_once_one_wins(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    admins = [await factory.member(org, Role.ADMIN) for _ in range(4)]

    async def race(admin: Member) -> None:
        # Two different callers (the owner, and the admin editing itself), so
        # nothing else about them queues the requests.
        url = f"{USERS}/{admin.user_id}"
        results = await asyncio.gather(
            client.patch(url, json={"name": "left"}, headers={**org.headers, "If-Match": "1"}),
            client.patch(url, json={"name": "right"}, headers={**admin.headers, "If-Match": "1"}),
        )
        assert sorted(r.status_code for r in results) == [200, 409], [r.text for r in results]
        winner = next(r for r in results if r.status_code == 200).json()["data"]
        user = await _user(client, org, admin.user_id)
        assert (user["name"], user["version"]) == (winner["name"], 2)

    await asyncio.gather(*(race(a) for a in admins))
