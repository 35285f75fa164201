"""``/api/v1/auth``: API keys (format, storage, scopes, expiry, revocation),
the three ways to authenticate, and browser sessions with CSRF."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import sqlalchemy as sa
from sqlalchemy import event

from flowline.auth.scopes import KNOWN_SCOPES, ROLE_SCOPES, Role
from flowline.auth.tokens import new_api_key
from flowline.db.models import ApiKey, User, UserSession
from flowline.runtime import Runtime
from tests.answers import assert_error, error_fields
from tests.factories import Factory, Member, Org

KEYS = "/api/v1/auth/api-keys"
ME = "/api/v1/auth/me"
LOGIN = "/api/v1/auth/login"
LOGOUT = "/api/v1/auth/logout"
SESSION_COOKIE = "flowline_session"


def _iso(when: datetime) -> str:
    return when.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


@contextmanager
def _count_queries(runtime: Runtime) -> Iterator[list[str]]:
    statements: list[str] = []

    def _record(*args: Any) -> None:
        statements.append(str(args[2]))

    engine = runtime.db.engine.sync_engine
    event.listen(engine, "before_cursor_execute", _record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", _record)


async def _create_key(client: httpx.AsyncClient, headers: dict[str, str], **body: Any) -> Any:
    body.setdefault("name", "test key")
    r = await client.post(KEYS, json=body, headers=headers)
    assert r.status_code == 201, r.text
    return r.json()["data"]


async def _login(client: httpx.AsyncClient, member: Member) -> tuple[str, str]:
    """Log in; return (session token, csrf token) and leave no cookie in the jar."""
    r = await client.post(LOGIN, json={"email": member.email, "password": member.password})
    assert r.status_code == 200, r.text
    token = r.cookies[SESSION_COOKIE]
    client.cookies.clear()
    return token, r.json()["data"]["csrf_token"]


def _cookie(token: str, csrf: str | None = None) -> dict[str, str]:
    headers = {"Cookie": f"{SESSION_COOKIE}={token}"}
    if csrf is not None:
        headers["X-CSRF-Token"] = csrf
    return headers


# --- the three ways in -------------------------------------------------------


async def test_bearer_api_key_and_x_api_key_both_work(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    for headers in (_bearer(org.owner.api_key), {"X-API-Key": org.owner.api_key}):
        r = await client.get(ME, headers=headers)
        assert r.status_code == 200, r.text
        data = r.json()["data"]
        assert data["user"]["id"] == org.owner.user_id
        assert data["via"] == "api_key"
        assert data["api_key_id"].startswith("key_")


async def test_no_credentials_is_401_with_the_error_body(client: httpx.AsyncClient) -> None:
    r = await client.get(ME)
    body = assert_error(r, 401, "UNAUTHORIZED")
    assert set(body) == {"error", "message", "statusCode"}
    r = await client.post(KEYS, json={"name": "x"})
    assert_error(r, 401, "UNAUTHORIZED")


async def test_other_authorization_schemes_are_not_credentials(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    r = await client.get(ME, headers={"Authorization": f"Basic {org.owner.api_key}"})
    assert_error(r, 401, "UNAUTHORIZED")


async def test_unknown_but_well_formed_key_is_401(client: httpx.AsyncClient) -> None:
    r = await client.get(ME, headers=_bearer(new_api_key()))
    assert_error(r, 401, "UNAUTHORIZED")


# --- key format, checked before the database --------------------------------


async def test_malformed_keys_are_refused_without_a_query(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    key = org.owner.api_key
    body_changed = key[:10] + ("A" if key[10] != "A" else "B") + key[11:]
    check_changed = key[:-1] + ("A" if key[-1] != "A" else "B")
    malformed = [body_changed, check_changed, key[:-1], "flk_short", "sk_live_" + key[8:]]

    # The counter sees queries at all: a good key does need the database.
    with _count_queries(runtime) as statements:
        r = await client.get(ME, headers=_bearer(key))
    assert r.status_code == 200, r.text
    assert statements
    await runtime.last_used.drain()  # the good key's last_used_at write, out of the way

    for bad in malformed:
        for headers in (_bearer(bad), {"X-API-Key": bad}):
            with _count_queries(runtime) as statements:
                r = await client.get(ME, headers=headers)
            assert_error(r, 401, "UNAUTHORIZED")
            assert statements == [], (bad, statements)


async def test_non_ascii_key_is_401_not_500(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    key = org.owner.api_key
    for index in (12, len(key) - 2):
        bad = (key[:index] + "é" + key[index + 1 :]).encode("latin-1")
        with _count_queries(runtime) as statements:
            r = await client.get(ME, headers={b"X-API-Key": bad})
        assert_error(r, 401, "UNAUTHORIZED")
        assert statements == []


# --- creation, storage, listing ----------------------------------------------


async def test_create_key_shows_it_once_and_it_works(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    made = await _create_key(client, org.headers, name="ci")
    raw = made["key"]
    assert raw.startswith("flk_")
    assert len(raw) == 42
    assert made["id"].startswith("key_")
    assert made["name"] == "ci"
    assert made["prefix"] == raw[: len(made["prefix"])]
    assert made["user_id"] == org.owner.user_id
    assert made["scopes"] is None
    assert made["revoked_at"] is None
    assert made["expires_at"] is None

    r = await client.get(ME, headers={"X-API-Key": raw})
    assert r.status_code == 200, r.text
    assert r.json()["data"]["api_key_id"] == made["id"]

    r = await client.get(KEYS, headers=org.headers)
    assert r.status_code == 200, r.text
    assert raw not in r.text
    listed = {k["id"]: k for k in r.json()["data"]}
    assert made["id"] in listed
    assert "key" not in listed[made["id"]]
    assert listed[made["id"]]["prefix"] == made["prefix"]


async def test_create_accepts_a_wrapped_body(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    r = await client.post(KEYS, json={"api_key": {"name": "wrapped"}}, headers=org.headers)
    assert r.status_code == 201, r.text
    assert r.json()["data"]["name"] == "wrapped"


async def test_key_is_stored_only_as_its_sha256_hash(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    made = await _create_key(client, org.headers)
    raw = made["key"]
    async with runtime.db.session() as session:
        row = (
            (
                await session.execute(
                    sa.select(sa.text("*"))
                    .select_from(ApiKey.__table__)
                    .where(ApiKey.__table__.c.id == made["id"])
                )
            )
            .mappings()
            .one()
        )
    assert row["key_hash"] == hashlib.sha256(raw.encode()).hexdigest()
    for column, value in row.items():
        assert raw not in str(value), column
        assert raw[4:36] not in str(value), column
    assert len(row["prefix"]) < 12


async def test_create_key_validation(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    r = await client.post(KEYS, json={}, headers=org.headers)
    assert_error(r, 422, "VALIDATION_ERROR")
    assert "name" in error_fields(r)
    r = await client.post(KEYS, json={"name": "x", "scopes": ["kv:fly"]}, headers=org.headers)
    assert_error(r, 422, "VALIDATION_ERROR")
    assert "scopes" in error_fields(r)
    r = await client.post(KEYS, json={"name": "x", "colour": "red"}, headers=org.headers)
    assert_error(r, 422, "VALIDATION_ERROR")
    past = _iso(datetime.now(UTC) - timedelta(minutes=1))
    r = await client.post(KEYS, json={"name": "x", "expires_at": past}, headers=org.headers)
    assert_error(r, 422, "VALIDATION_ERROR")
    assert error_fields(r) == {"expires_at"}
    r = await client.post(
        KEYS, json={"name": "x", "expires_at": "2999-01-01T00:00:00"}, headers=org.headers
    )
    assert_error(r, 422, "VALIDATION_ERROR")
    assert error_fields(r) == {"expires_at"}


# --- revocation, expiry, last use --------------------------------------------


async def test_the_document_lists_the_scopes_a_key_may_name(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    document = (await client.get("/openapi.json")).json()
    scopes = document["components"]["schemas"]["ApiKeyCreate"]["properties"]["scopes"]
    listed = next(branch for branch in scopes["anyOf"] if branch.get("type") == "array")
    assert listed["items"]["enum"] == sorted(KNOWN_SCOPES)
    org = await factory.org()
    made = await _create_key(client, org.headers, scopes=listed["items"]["enum"])
    assert made["scopes"] == sorted(KNOWN_SCOPES)


async def test_revoked_key_stops_at_once(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    made = await _create_key(client, org.headers)
    key = _bearer(made["key"])
    assert (await client.get(ME, headers=key)).status_code == 200

    r = await client.delete(f"{KEYS}/{made['id']}", headers=org.headers)
    assert r.status_code == 200, r.text
    assert r.json()["data"]["revoked_at"] is not None
    assert "key" not in r.json()["data"]

    assert_error(await client.get(ME, headers=key), 401, "UNAUTHORIZED")
    assert_error(await client.post(KEYS, json={"name": "x"}, headers=key), 401, "UNAUTHORIZED")
    # The owner's own key is untouched.
    assert (await client.get(ME, headers=org.headers)).status_code == 200
    # Revoking twice is harmless and keeps the first time.
    first = r.json()["data"]["revoked_at"]
    r = await client.delete(f"{KEYS}/{made['id']}", headers=org.headers)
    assert r.status_code == 200, r.text
    assert r.json()["data"]["revoked_at"] == first


async def test_a_key_can_revoke_itself(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    made = await _create_key(client, org.headers)
    key = _bearer(made["key"])
    r = await client.delete(f"{KEYS}/{made['id']}", headers=key)
    assert r.status_code == 200, r.text
    assert_error(await client.get(ME, headers=key), 401, "UNAUTHORIZED")


async def test_unknown_key_id_is_404(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    r = await client.delete(f"{KEYS}/key_nope", headers=org.headers)
    assert_error(r, 404, "API_KEY_NOT_FOUND")


async def test_key_stops_working_when_it_expires(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    expires = datetime.now(UTC) + timedelta(seconds=1.5)
    made = await _create_key(client, org.headers, expires_at=_iso(expires))
    assert made["expires_at"] is not None
    key = _bearer(made["key"])
    assert (await client.get(ME, headers=key)).status_code == 200
    await asyncio.sleep(max(0.0, (expires - datetime.now(UTC)).total_seconds()) + 0.2)
    body = assert_error(await client.get(ME, headers=key), 401, "UNAUTHORIZED")
    assert "expired" in body["message"]


async def test_key_with_past_expiry_in_the_database_is_401(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    member = await factory.member(org)
    async with runtime.db.session(write=True) as session:
        await session.execute(
            sa.update(ApiKey)
            .where(ApiKey.user_id == member.user_id)
            .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
    assert_error(await client.get(ME, headers=member.headers), 401, "UNAUTHORIZED")


async def test_last_used_at_is_recorded(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    made = await _create_key(client, org.headers)
    assert made["last_used_at"] is None
    before = datetime.now(UTC) - timedelta(seconds=1)
    assert (await client.get(ME, headers=_bearer(made["key"]))).status_code == 200
    await runtime.last_used.drain()

    r = await client.get(KEYS, headers=org.headers)
    listed = {k["id"]: k for k in r.json()["data"]}
    used = listed[made["id"]]["last_used_at"]
    assert used is not None
    assert datetime.fromisoformat(used.replace("Z", "+00:00")) >= before

    # A write request records it too.
    second = await _create_key(client, org.headers)
    r = await client.post(KEYS, json={"name": "via write"}, headers=_bearer(second["key"]))
    assert r.status_code == 201, r.text
    await runtime.last_used.drain()
    r = await client.get(KEYS, headers=org.headers, params={"size": 100})
    listed = {k["id"]: k for k in r.json()["data"]}
    assert listed[second["id"]]["last_used_at"] is not None


# --- scopes ------------------------------------------------------------------


async def test_scoped_key_reads_kv_but_cannot_write(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    r = await client.post("/api/v1/kv", json={"key": "k", "value": 1}, headers=org.headers)
    assert r.status_code == 200, r.text
    made = await _create_key(client, org.headers, scopes=["kv:read"])
    assert made["scopes"] == ["kv:read"]
    key = _bearer(made["key"])

    assert (await client.get("/api/v1/kv", headers=key)).status_code == 200
    assert (await client.get("/api/v1/kv/k", headers=key)).status_code == 200
    r = await client.post("/api/v1/kv", json={"key": "k", "value": 2}, headers=key)
    assert_error(r, 403, "FORBIDDEN")
    assert_error(await client.delete("/api/v1/kv/k", headers=key), 403, "FORBIDDEN")
    assert_error(await client.get("/api/v1/users", headers=key), 403, "FORBIDDEN")

    r = await client.get(ME, headers=key)
    assert r.json()["data"]["scopes"] == ["kv:read"]


async def test_me_shows_the_role_scopes_of_an_unscoped_key(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    viewer = await factory.member(org, Role.VIEWER)
    r = await client.get(ME, headers=viewer.headers)
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert data["user"]["role"] == "viewer"
    assert data["scopes"] == sorted(ROLE_SCOPES[Role.VIEWER])
    r = await client.get(ME, headers=org.headers)
    assert r.json()["data"]["scopes"] == sorted(ROLE_SCOPES[Role.OWNER])


async def test_me_intersects_key_scopes_with_the_role(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    member = await factory.member(org, Role.MEMBER, scopes=["kv:write", "users:write"])
    r = await client.get(ME, headers=member.headers)
    assert r.json()["data"]["scopes"] == ["kv:write"]


async def test_nobody_grants_a_scope_they_do_not_hold(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    member = await factory.member(org)
    r = await client.post(
        KEYS, json={"name": "x", "scopes": ["kv:write", "users:write"]}, headers=member.headers
    )
    body = assert_error(r, 422, "VALIDATION_ERROR")
    assert error_fields(r) == {"scopes"}
    assert "users:write" in body["message"]

    made = await _create_key(client, member.headers, scopes=["kv:write"])
    assert made["scopes"] == ["kv:write"]

    # A scoped key cannot mint a wider one, and an unscoped request inherits its scopes.
    scoped = _bearer(made["key"])
    r = await client.post(KEYS, json={"name": "x", "scopes": ["secrets:read"]}, headers=scoped)
    assert_error(r, 422, "VALIDATION_ERROR")
    assert error_fields(r) == {"scopes"}
    child = await _create_key(client, scoped)
    assert child["scopes"] == ["kv:write"]
    r = await client.get(ME, headers=_bearer(child["key"]))
    assert r.json()["data"]["scopes"] == ["kv:write"]


async def test_viewer_can_make_a_read_key_but_not_a_write_key(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    viewer = await factory.member(org, Role.VIEWER)
    made = await _create_key(client, viewer.headers, scopes=["kv:read"])
    assert made["scopes"] == ["kv:read"]
    r = await client.post(KEYS, json={"name": "x", "scopes": ["kv:write"]}, headers=viewer.headers)
    assert_error(r, 422, "VALIDATION_ERROR")
    assert error_fields(r) == {"scopes"}


# --- who sees and revokes which keys -----------------------------------------


async def test_members_see_and_revoke_only_their_own_keys(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    alice = await factory.member(org)
    bob = await factory.member(org)
    bobs = await _create_key(client, bob.headers, name="bob's")

    r = await client.get(KEYS, headers=alice.headers)
    assert r.status_code == 200, r.text
    assert {k["user_id"] for k in r.json()["data"]} == {alice.user_id}

    r = await client.delete(f"{KEYS}/{bobs['id']}", headers=alice.headers)
    assert_error(r, 404, "API_KEY_NOT_FOUND")
    assert (await client.get(ME, headers=_bearer(bobs["key"]))).status_code == 200

    # The owner sees and revokes everyone's.
    r = await client.get(KEYS, headers=org.headers, params={"size": 100})
    users = {k["user_id"] for k in r.json()["data"]}
    assert {org.owner.user_id, alice.user_id, bob.user_id} <= users
    r = await client.delete(f"{KEYS}/{bobs['id']}", headers=org.headers)
    assert r.status_code == 200, r.text
    assert_error(await client.get(ME, headers=_bearer(bobs["key"])), 401, "UNAUTHORIZED")


async def test_a_narrow_owner_key_cannot_manage_other_peoples_keys(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    member = await factory.member(org)
    narrow = _bearer((await _create_key(client, org.headers, scopes=["kv:read"]))["key"])
    member_key_id = (await client.get(ME, headers=member.headers)).json()["data"]["api_key_id"]

    r = await client.get(KEYS, headers=narrow, params={"size": 100})
    assert r.status_code == 200, r.text
    assert {k["user_id"] for k in r.json()["data"]} == {org.owner.user_id}
    r = await client.delete(f"{KEYS}/{member_key_id}", headers=narrow)
    assert_error(r, 404, "API_KEY_NOT_FOUND")
    assert (await client.get(ME, headers=member.headers)).status_code == 200


async def test_another_organisations_key_id_is_404(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org_a = await factory.org()
    org_b = await factory.org()
    a_key = await _create_key(client, org_a.headers)
    r = await client.delete(f"{KEYS}/{a_key['id']}", headers=org_b.headers)
    assert_error(r, 404, "API_KEY_NOT_FOUND")
    assert (await client.get(ME, headers=_bearer(a_key["key"]))).status_code == 200
    r = await client.get(KEYS, headers=org_b.headers, params={"size": 100})
    assert a_key["id"] not in {k["id"] for k in r.json()["data"]}


async def test_key_list_pages(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    for i in range(4):
        await _create_key(client, org.headers, name=f"k{i}")
    r = await client.get(KEYS, headers=org.headers, params={"size": 2})
    body = r.json()
    assert (body["total"], body["page"], body["size"], body["pages"]) == (5, 0, 2, 3)
    seen: list[str] = []
    for page in range(3):
        r = await client.get(KEYS, headers=org.headers, params={"size": 2, "page": page})
        seen += [k["id"] for k in r.json()["data"]]
    assert len(seen) == len(set(seen)) == 5
    r = await client.get(KEYS, headers=org.headers, params={"size": 2, "page": 3})
    assert r.json()["data"] == []
    r = await client.get(KEYS, headers=org.headers, params={"size": 101})
    assert_error(r, 422, "VALIDATION_ERROR")
    assert error_fields(r) == {"size"}


# --- sessions ----------------------------------------------------------------


async def test_login_sets_a_strict_cookie_and_returns_a_csrf_token(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    r = await client.post(LOGIN, json={"email": org.owner.email, "password": org.owner.password})
    client.cookies.clear()
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert data["user"]["id"] == org.owner.user_id
    assert "password_hash" not in data["user"]
    assert len(data["csrf_token"]) >= 32
    assert datetime.fromisoformat(data["expires_at"].replace("Z", "+00:00")) > datetime.now(UTC)

    set_cookie = r.headers["set-cookie"]
    parts = [p.strip().lower() for p in set_cookie.split(";")]
    assert parts[0].startswith(f"{SESSION_COOKIE}=")
    assert "httponly" in parts
    assert "samesite=lax" in parts
    assert "path=/" in parts
    token = r.cookies[SESSION_COOKIE]
    assert token
    assert token != data["csrf_token"]


async def test_login_ignores_email_case_and_spaces(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    email = f"  {org.owner.email.upper()} "
    r = await client.post(LOGIN, json={"email": email, "password": org.owner.password})
    client.cookies.clear()
    assert r.status_code == 200, r.text


async def test_session_tokens_are_stored_only_as_hashes(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    token, csrf = await _login(client, org.owner)
    async with runtime.db.session() as session:
        rows = (
            (
                await session.execute(
                    sa.select(UserSession).where(UserSession.user_id == org.owner.user_id)
                )
            )
            .scalars()
            .all()
        )
    assert len(rows) == 1
    assert rows[0].token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert rows[0].csrf_hash == hashlib.sha256(csrf.encode()).hexdigest()


async def test_wrong_password_and_unknown_email_look_the_same(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    wrong = await client.post(LOGIN, json={"email": org.owner.email, "password": "nope-nope"})
    unknown = await client.post(
        LOGIN, json={"email": f"nobody-{org.id}@example.com", "password": "nope-nope"}
    )
    a = assert_error(wrong, 401, "UNAUTHORIZED")
    b = assert_error(unknown, 401, "UNAUTHORIZED")
    assert a == b
    assert SESSION_COOKIE not in wrong.cookies
    assert SESSION_COOKIE not in unknown.cookies


async def test_login_validation(client: httpx.AsyncClient) -> None:
    r = await client.post(LOGIN, json={"email": "a@b.c"})
    assert_error(r, 422, "VALIDATION_ERROR")
    assert error_fields(r) == {"password"}


async def test_cookie_reads_need_no_csrf_but_writes_do(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    token, csrf = await _login(client, org.owner)

    r = await client.get(ME, headers=_cookie(token))
    assert r.status_code == 200, r.text
    assert r.json()["data"]["via"] == "session"
    assert r.json()["data"]["api_key_id"] is None

    r = await client.post(KEYS, json={"name": "x"}, headers=_cookie(token))
    body = assert_error(r, 403, "CSRF_FAILED")
    assert "X-CSRF-Token" in body["message"]
    r = await client.post(KEYS, json={"name": "x"}, headers=_cookie(token, csrf + "x"))
    assert_error(r, 403, "CSRF_FAILED")
    r = await client.post(KEYS, json={"name": "x"}, headers=_cookie(token, token))
    assert_error(r, 403, "CSRF_FAILED")
    r = await client.post(KEYS, json={"name": "x"}, headers=_cookie(token, csrf))
    assert r.status_code == 201, r.text


async def test_one_sessions_csrf_token_does_not_fit_another(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    token_a, _ = await _login(client, org.owner)
    _, csrf_b = await _login(client, org.owner)
    r = await client.post(KEYS, json={"name": "x"}, headers=_cookie(token_a, csrf_b))
    assert_error(r, 403, "CSRF_FAILED")


async def test_cookie_jar_flow_like_a_browser(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    r = await client.post(LOGIN, json={"email": org.owner.email, "password": org.owner.password})
    csrf = r.json()["data"]["csrf_token"]
    try:
        assert (await client.get(ME)).status_code == 200
        r = await client.post(LOGOUT, headers={"X-CSRF-Token": csrf})
        assert r.status_code == 204, r.text
        assert SESSION_COOKIE not in client.cookies
    finally:
        client.cookies.clear()


async def test_logout_ends_the_session(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    token, csrf = await _login(client, org.owner)
    other_token, _ = await _login(client, org.owner)

    assert_error(await client.post(LOGOUT, headers=_cookie(token)), 403, "CSRF_FAILED")
    r = await client.post(LOGOUT, headers=_cookie(token, csrf))
    assert r.status_code == 204, r.text
    set_cookie = r.headers["set-cookie"].lower()
    assert set_cookie.startswith(f"{SESSION_COOKIE}=")
    assert "max-age=0" in set_cookie

    assert_error(await client.get(ME, headers=_cookie(token)), 401, "UNAUTHORIZED")
    # Only that session: the other login goes on.
    assert (await client.get(ME, headers=_cookie(other_token))).status_code == 200


async def test_logout_with_an_api_key_changes_nothing(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    r = await client.post(LOGOUT, headers=org.headers)
    assert r.status_code == 204, r.text
    assert "set-cookie" not in r.headers
    assert (await client.get(ME, headers=org.headers)).status_code == 200


async def test_forged_or_expired_session_is_401(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    assert_error(await client.get(ME, headers=_cookie("made-up")), 401, "UNAUTHORIZED")
    token, _ = await _login(client, org.owner)
    async with runtime.db.session(write=True) as session:
        await session.execute(
            sa.update(UserSession)
            .where(UserSession.user_id == org.owner.user_id)
            .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
    assert_error(await client.get(ME, headers=_cookie(token)), 401, "UNAUTHORIZED")


async def test_an_api_key_wins_over_a_cookie(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    viewer = await factory.member(org, Role.VIEWER)
    token, _ = await _login(client, org.owner)
    r = await client.get(ME, headers={**_cookie(token), **viewer.headers})
    assert r.json()["data"]["user"]["id"] == viewer.user_id
    # A bad key is refused even beside a good cookie.
    r = await client.get(ME, headers={**_cookie(token), "X-API-Key": "flk_bad"})
    assert_error(r, 401, "UNAUTHORIZED")


# --- deactivated users -------------------------------------------------------


async def _set_active(client: httpx.AsyncClient, org: Org, user_id: str, active: bool) -> None:
    r = await client.patch(
        f"/api/v1/users/{user_id}", json={"is_active": active}, headers=org.headers
    )
    assert r.status_code == 200, r.text


async def test_deactivated_users_key_and_session_stop_working(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    member = await factory.member(org)
    token, _ = await _login(client, member)
    assert (await client.get(ME, headers=member.headers)).status_code == 200
    assert (await client.get(ME, headers=_cookie(token))).status_code == 200

    await _set_active(client, org, member.user_id, False)
    assert_error(await client.get(ME, headers=member.headers), 401, "UNAUTHORIZED")
    assert_error(await client.get(ME, headers=_cookie(token)), 401, "UNAUTHORIZED")
    r = await client.post(LOGIN, json={"email": member.email, "password": member.password})
    assert_error(r, 401, "UNAUTHORIZED")

    await _set_active(client, org, member.user_id, True)
    assert (await client.get(ME, headers=member.headers)).status_code == 200


async def test_deleted_users_key_and_session_stop_working(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    member = await factory.member(org)
    token, _ = await _login(client, member)
    r = await client.delete(f"/api/v1/users/{member.user_id}", headers=org.headers)
    assert r.status_code == 204, r.text
    assert_error(await client.get(ME, headers=member.headers), 401, "UNAUTHORIZED")
    assert_error(await client.get(ME, headers=_cookie(token)), 401, "UNAUTHORIZED")
    async with runtime.db.session() as session:
        left = (
            await session.execute(sa.select(ApiKey.id).where(ApiKey.user_id == member.user_id))
        ).all()
        user = await session.get(User, member.user_id)
    assert left == []
    assert user is None


async def test_a_key_cannot_make_a_key_that_outlives_it(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    soon = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    later = (datetime.now(UTC) + timedelta(days=30)).isoformat()
    r = await client.post(
        "/api/v1/auth/api-keys", json={"name": "short", "expires_at": soon}, headers=org.headers
    )
    assert r.status_code == 201, r.text
    short = {"Authorization": f"Bearer {r.json()['data']['key']}"}

    r = await client.post(
        "/api/v1/auth/api-keys", json={"name": "long", "expires_at": later}, headers=short
    )
    assert r.status_code == 422, r.text
    assert r.json()["details"][0]["field"] == "expires_at"

    r = await client.post("/api/v1/auth/api-keys", json={"name": "child"}, headers=short)
    assert r.status_code == 201, r.text
    child = datetime.fromisoformat(r.json()["data"]["expires_at"].replace("Z", "+00:00"))
    assert child <= datetime.fromisoformat(soon)


async def test_a_burst_with_a_fresh_key_does_not_exhaust_the_pool(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    """Recording last use once took a second connection per request while the first
    was held: 20+ simultaneous first uses of a key starved the pool and answered 500."""
    org = await factory.org()
    made = await _create_key(client, org.headers)
    headers = _bearer(made["key"])
    answers = await asyncio.gather(*(client.get(ME, headers=headers) for _ in range(60)))
    assert [r.status_code for r in answers] == [200] * 60
    await runtime.last_used.drain()
    async with runtime.db.session() as session:
        key = await session.get(ApiKey, made["id"])
        assert key is not None
        assert key.last_used_at is not None
