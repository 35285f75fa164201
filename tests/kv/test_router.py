"""The KV store over HTTP: CRUD, prefixes, limits, expiry, compare-and-set, races, access."""

from __future__ import annotations

import asyncio
import urllib.parse
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from flowline import maintenance
from flowline.auth.scopes import Role
from flowline.db.models import KvEntry
from flowline.kv.schemas import KEY_PATTERN, MAX_KEY_LENGTH, MAX_VALUE_BYTES
from flowline.runtime import Runtime
from tests.factories import Factory, Org

URL = "/api/v1/kv"


def key_url(key: str) -> str:
    return f"{URL}/{urllib.parse.quote(key, safe='/')}"


async def put(
    client: httpx.AsyncClient, org: Org, key: str, value: Any, **extra: Any
) -> httpx.Response:
    return await client.post(URL, json={"key": key, "value": value, **extra}, headers=org.headers)


async def put_ok(client: httpx.AsyncClient, org: Org, key: str, value: Any, **extra: Any) -> Any:
    r = await put(client, org, key, value, **extra)
    assert r.status_code == 200, r.text
    return r.json()["data"]


async def listed(client: httpx.AsyncClient, org: Org, **params: Any) -> list[str]:
    r = await client.get(URL, params={"size": 100, **params}, headers=org.headers)
    assert r.status_code == 200, r.text
    return [e["key"] for e in r.json()["data"]]


def assert_error(r: httpx.Response, status: int, code: str, field: str | None = None) -> None:
    assert r.status_code == status, r.text
    body = r.json()
    assert body["error"] == code
    assert body["statusCode"] == status
    if field is not None:
        assert field in {d["field"] for d in body["details"]}


async def row_exists(runtime: Runtime, org: Org, key: str) -> bool:
    async with runtime.db.session() as session:
        found = await session.execute(
            sa.select(KvEntry.key).where(KvEntry.org_id == org.id, KvEntry.key == key)
        )
        return found.scalar_one_or_none() is not None


# --- basic life cycle -------------------------------------------------------


async def test_set_get_list_delete(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    created = await put_ok(client, org, "greeting", {"text": "hello", "n": [1, 2.5, None]})
    assert created["key"] == "greeting"
    assert created["value"] == {"text": "hello", "n": [1, 2.5, None]}
    assert created["version"] == 1
    assert created["expires_at"] is None
    assert created["created_at"].endswith("Z")
    assert created["updated_at"].endswith("Z")

    r = await client.get(key_url("greeting"), headers=org.headers)
    assert r.status_code == 200
    assert r.json() == {"data": created}

    updated = await put_ok(client, org, "greeting", "bye")
    assert (updated["value"], updated["version"]) == ("bye", 2)
    assert updated["created_at"] == created["created_at"]
    assert updated["updated_at"] >= created["updated_at"]

    assert await listed(client, org) == ["greeting"]

    r = await client.delete(key_url("greeting"), headers=org.headers)
    assert r.status_code == 204
    assert r.content == b""
    assert_error(await client.get(key_url("greeting"), headers=org.headers), 404, "KEY_NOT_FOUND")
    assert await listed(client, org) == []


async def test_any_json_value_round_trips(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    for i, value in enumerate([None, 0, -1.5, True, "", "text", [], {}, {"a": {"b": [1]}}]):
        await put_ok(client, org, f"v{i}", value)
        r = await client.get(key_url(f"v{i}"), headers=org.headers)
        assert r.status_code == 200, r.text
        assert r.json()["data"]["value"] == value


async def test_value_is_required(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    r = await client.post(URL, json={"key": "k"}, headers=org.headers)
    assert_error(r, 422, "VALIDATION_ERROR", "value")


async def test_delete_missing_is_404(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    assert_error(await client.delete(key_url("nope"), headers=org.headers), 404, "KEY_NOT_FOUND")


async def test_list_is_in_key_order(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    for key in ("b", "a/2", "c", "a/1"):
        await put_ok(client, org, key, 1)
    assert await listed(client, org) == ["a/1", "a/2", "b", "c"]


# --- key shapes ---------------------------------------------------------------


UNUSUAL_KEYS = ["a/b/c", "dir/", "/leading", "with space", "50%_off", "q?x=1#frag", "ünï/ключ/鍵"]


async def test_unusual_keys_round_trip(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    for key in UNUSUAL_KEYS:
        await put_ok(client, org, key, key)
        r = await client.get(key_url(key), headers=org.headers)
        assert r.status_code == 200, (key, r.text)
        assert r.json()["data"]["key"] == key
    assert await listed(client, org) == sorted(UNUSUAL_KEYS)
    for key in UNUSUAL_KEYS:
        r = await client.delete(key_url(key), headers=org.headers)
        assert r.status_code == 204, (key, r.text)
    assert await listed(client, org) == []


async def test_key_length_limit(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    longest = "k" * MAX_KEY_LENGTH
    await put_ok(client, org, longest, 1)
    r = await client.get(key_url(longest), headers=org.headers)
    assert r.status_code == 200

    too_long = "k" * (MAX_KEY_LENGTH + 1)
    assert_error(await put(client, org, too_long, 1), 422, "VALIDATION_ERROR", "key")
    assert_error(
        await client.get(key_url(too_long), headers=org.headers), 422, "VALIDATION_ERROR", "key"
    )
    assert_error(
        await client.delete(key_url(too_long), headers=org.headers), 422, "VALIDATION_ERROR", "key"
    )
    assert await listed(client, org) == [longest]


async def test_multibyte_key_limit_counts_characters(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    await put_ok(client, org, "é" * MAX_KEY_LENGTH, 1)
    assert_error(
        await put(client, org, "é" * (MAX_KEY_LENGTH + 1), 1), 422, "VALIDATION_ERROR", "key"
    )


async def test_bad_keys_are_422(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    for key in ("", "tab\there", "new\nline", "nul\x00", "del\x7f"):
        assert_error(await put(client, org, key, 1), 422, "VALIDATION_ERROR", "key")
    assert await listed(client, org) == []


# --- prefix filter ----------------------------------------------------------------


async def test_the_prefix_has_the_pattern_of_a_key(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    document = (await client.get("/openapi.json")).json()
    (prefix,) = [p for p in document["paths"][URL]["get"]["parameters"] if p["name"] == "prefix"]
    assert prefix["schema"]["pattern"] == KEY_PATTERN
    org = await factory.org()
    r = await client.get(URL, params={"prefix": "a\x16b"}, headers=org.headers)
    assert_error(r, 422, "VALIDATION_ERROR", "prefix")


async def test_prefix_filter(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    for key in ("app/a", "app/b", "apple", "other/app/c"):
        await put_ok(client, org, key, 1)
    assert await listed(client, org, prefix="app/") == ["app/a", "app/b"]
    assert await listed(client, org, prefix="app") == ["app/a", "app/b", "apple"]
    assert await listed(client, org, prefix="zzz") == []
    assert await listed(client, org, prefix="") == ["app/a", "app/b", "apple", "other/app/c"]


async def test_prefix_paging_counts_only_matches(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    for i in range(5):
        await put_ok(client, org, f"in/{i}", i)
        await put_ok(client, org, f"out/{i}", i)
    r = await client.get(URL, params={"prefix": "in/", "size": 2}, headers=org.headers)
    body = r.json()
    assert (body["total"], body["pages"]) == (5, 3)
    assert [e["key"] for e in body["data"]] == ["in/0", "in/1"]


async def test_prefix_wildcards_are_literal(client: httpx.AsyncClient, factory: Factory) -> None:
    """``%`` and ``_`` in a prefix match only themselves, not any characters."""
    org = await factory.org()
    keys = ["50%off", "50percent", "500", "a_b", "axb", "a_", "back\\slash", "backXslash"]
    for key in keys:
        await put_ok(client, org, key, 1)
    assert await listed(client, org, prefix="50%") == ["50%off"]
    assert await listed(client, org, prefix="%") == []
    assert await listed(client, org, prefix="a_") == ["a_", "a_b"]
    assert await listed(client, org, prefix="_") == []
    assert await listed(client, org, prefix="back\\") == ["back\\slash"]


async def test_prefix_is_case_sensitive(client: httpx.AsyncClient, factory: Factory) -> None:
    """Keys are case-sensitive, so prefixes are too (on SQLite as on PostgreSQL)."""
    org = await factory.org()
    for key in ("Apple", "apple", "APPLE"):
        await put_ok(client, org, key, key)
    assert await listed(client, org, prefix="A") == ["APPLE", "Apple"]
    assert await listed(client, org, prefix="app") == ["apple"]
    r = await client.get(key_url("APPLE"), headers=org.headers)
    assert r.json()["data"]["value"] == "APPLE"


async def test_prefix_too_long_is_422(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    r = await client.get(URL, params={"prefix": "p" * 513}, headers=org.headers)
    assert_error(r, 422, "VALIDATION_ERROR", "prefix")


# --- value size -------------------------------------------------------------------


async def test_value_size_limit(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    # A JSON string encodes as its characters plus two quotes.
    fits = "x" * (MAX_VALUE_BYTES - 2)
    data = await put_ok(client, org, "big", fits)
    assert data["version"] == 1
    r = await client.get(key_url("big"), headers=org.headers)
    assert len(r.json()["data"]["value"]) == MAX_VALUE_BYTES - 2

    too_big = "x" * (MAX_VALUE_BYTES - 1)
    assert_error(await put(client, org, "bigger", too_big), 422, "VALIDATION_ERROR", "value")
    assert not await row_exists(runtime, org, "bigger")
    # An over-size replacement leaves the old value in place.
    assert_error(await put(client, org, "big", too_big), 422, "VALIDATION_ERROR", "value")
    r = await client.get(key_url("big"), headers=org.headers)
    assert r.json()["data"]["version"] == 1


async def test_value_size_counts_encoded_bytes(client: httpx.AsyncClient, factory: Factory) -> None:
    """Multi-byte characters count by their UTF-8 size, not one each."""
    org = await factory.org()
    chars = (MAX_VALUE_BYTES // 2) + 1  # "é" is two bytes: over the limit once encoded
    assert_error(await put(client, org, "wide", "é" * chars), 422, "VALIDATION_ERROR", "value")


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (b"NaN", "NaN"),
        (b"Infinity", "NaN"),
        (b"[1, -Infinity]", "NaN"),
        (b'"a\\u0000b"', "NUL"),
        (b'{"a\\u0000": 1}', "NUL"),
        (b"123456789012345678901234567890", "64 bits"),
        (b'"\\ud800"', "surrogates"),
        (b"[" * 300 + b"]" * 300, "ecursion"),
    ],
)
async def test_values_both_databases_cannot_store_are_422(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime, raw: bytes, problem: str
) -> None:
    """Refused alike on SQLite and PostgreSQL, rather than altered or failing with 500."""
    org = await factory.org()
    r = await client.post(
        URL,
        content=b'{"key": "odd", "value": ' + raw + b"}",
        headers={**org.headers, "Content-Type": "application/json"},
    )
    assert_error(r, 422, "VALIDATION_ERROR", "value")
    assert problem in r.json()["details"][0]["problem"]
    assert not await row_exists(runtime, org, "odd")


async def test_awkward_but_storable_values(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    for value in ["back\\slash \\u0000 text", 2**63 - 1, -(2**63), 0.1, "é😀", [[[[1]]]]]:
        await put_ok(client, org, "v", value)
        r = await client.get(key_url("v"), headers=org.headers)
        assert r.json()["data"]["value"] == value


async def test_prefix_with_control_characters_is_422(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    r = await client.get(URL, params={"prefix": "a\x00"}, headers=org.headers)
    assert_error(r, 422, "VALIDATION_ERROR", "prefix")


# --- expiry -----------------------------------------------------------------------


async def test_ttl_expiry(client: httpx.AsyncClient, factory: Factory, runtime: Runtime) -> None:
    org = await factory.org()
    data = await put_ok(client, org, "brief", "soon gone", ttl_seconds=1)
    assert data["expires_at"] is not None
    assert data["expires_at"].endswith("Z")
    await put_ok(client, org, "lasting", "stays")
    assert await listed(client, org) == ["brief", "lasting"]

    await asyncio.sleep(1.2)

    assert_error(await client.get(key_url("brief"), headers=org.headers), 404, "KEY_NOT_FOUND")
    assert await listed(client, org) == ["lasting"]
    r = await client.get(URL, headers=org.headers)
    assert r.json()["total"] == 1
    assert_error(await client.delete(key_url("brief"), headers=org.headers), 404, "KEY_NOT_FOUND")

    assert await row_exists(runtime, org, "brief")
    removed = await maintenance.sweep(runtime)
    assert removed["kv"] >= 1
    assert not await row_exists(runtime, org, "brief")
    assert await row_exists(runtime, org, "lasting")


async def test_expired_key_is_written_afresh(client: httpx.AsyncClient, factory: Factory) -> None:
    """Writing over an expired key starts it again at version 1."""
    org = await factory.org()
    await put_ok(client, org, "k", "old", ttl_seconds=1)
    await put_ok(client, org, "k", "old again", ttl_seconds=1)
    await put_ok(client, org, "cas", "old", ttl_seconds=1)
    await put_ok(client, org, "stale", "old", ttl_seconds=1)
    await asyncio.sleep(1.2)

    fresh = await put_ok(client, org, "k", "new")
    assert (fresh["value"], fresh["version"], fresh["expires_at"]) == ("new", 1, None)
    # An expired key counts as absent for compare-and-set too.
    created = await put_ok(client, org, "cas", "new", expected_version=0)
    assert created["version"] == 1
    assert_error(await put(client, org, "stale", "new", expected_version=1), 409, "CONFLICT")


async def test_writing_without_ttl_clears_expiry(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    await put_ok(client, org, "k", 1, ttl_seconds=1)
    data = await put_ok(client, org, "k", 2)
    assert data["expires_at"] is None
    await asyncio.sleep(1.2)
    r = await client.get(key_url("k"), headers=org.headers)
    assert r.status_code == 200


async def test_bad_ttl_is_422(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    for ttl in (0, -1, 10 * 365 * 86400 + 1, "soon", 1.5):
        r = await put(client, org, "k", 1, ttl_seconds=ttl)
        assert_error(r, 422, "VALIDATION_ERROR", "ttl_seconds")
    assert await listed(client, org) == []


# --- compare-and-set --------------------------------------------------------------


async def test_expected_version_zero_creates_only_when_absent(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    created = await put_ok(client, org, "lock", "mine", expected_version=0)
    assert created["version"] == 1

    r = await put(client, org, "lock", "yours", expected_version=0)
    assert_error(r, 409, "CONFLICT", "expected_version")
    r = await client.get(key_url("lock"), headers=org.headers)
    assert (r.json()["data"]["value"], r.json()["data"]["version"]) == ("mine", 1)


async def test_expected_version_n(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    await put_ok(client, org, "doc", "v1")
    second = await put_ok(client, org, "doc", "v2", expected_version=1)
    assert second["version"] == 2
    third = await put_ok(client, org, "doc", "v3", expected_version=2)
    assert third["version"] == 3

    for stale in (1, 2, 4):
        assert_error(
            await put(client, org, "doc", "lost", expected_version=stale),
            409,
            "CONFLICT",
            "expected_version",
        )
    r = await client.get(key_url("doc"), headers=org.headers)
    assert (r.json()["data"]["value"], r.json()["data"]["version"]) == ("v3", 3)


async def test_expected_version_on_absent_key_is_409(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    assert_error(await put(client, org, "ghost", 1, expected_version=1), 409, "CONFLICT")
    assert await listed(client, org) == []


async def test_negative_expected_version_is_422(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    r = await put(client, org, "k", 1, expected_version=-1)
    assert_error(r, 422, "VALIDATION_ERROR", "expected_version")


async def test_delete_with_if_match(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    await put_ok(client, org, "doc", "v1")
    await put_ok(client, org, "doc", "v2")

    stale = await client.delete(key_url("doc"), headers={**org.headers, "If-Match": "1"})
    assert_error(stale, 409, "CONFLICT")
    assert (await client.get(key_url("doc"), headers=org.headers)).status_code == 200

    right = await client.delete(key_url("doc"), headers={**org.headers, "If-Match": '"2"'})
    assert right.status_code == 204, right.text
    assert (await client.get(key_url("doc"), headers=org.headers)).status_code == 404

    missing = await client.delete(key_url("doc"), headers={**org.headers, "If-Match": "2"})
    assert_error(missing, 404, "KEY_NOT_FOUND")


async def test_bad_if_match_is_422(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    await put_ok(client, org, "doc", 1)
    for value in ("abc", "0", "-1", "", '"x"'):
        r = await client.delete(key_url("doc"), headers={**org.headers, "If-Match": value})
        assert_error(r, 422, "VALIDATION_ERROR", "If-Match")
    assert (await client.get(key_url("doc"), headers=org.headers)).status_code == 200


# --- concurrency ------------------------------------------------------------------


async def test_concurrent_writers_lose_no_update(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    await put_ok(client, org, "counter", -1)
    answers = await asyncio.gather(*(put(client, org, "counter", i) for i in range(20)))
    assert [r.status_code for r in answers] == [200] * 20, [r.text for r in answers]
    versions = sorted(r.json()["data"]["version"] for r in answers)
    assert versions == list(range(2, 22))
    r = await client.get(key_url("counter"), headers=org.headers)
    assert r.json()["data"]["version"] == 21


async def test_concurrent_first_writes_of_one_key(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    answers = await asyncio.gather(*(put(client, org, "fresh", i) for i in range(20)))
    assert [r.status_code for r in answers] == [200] * 20, [r.text for r in answers]
    assert sorted(r.json()["data"]["version"] for r in answers) == list(range(1, 21))


async def test_concurrent_compare_and_set_has_one_winner(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    await put_ok(client, org, "cas", "start")
    answers = await asyncio.gather(
        *(put(client, org, "cas", f"writer {i}", expected_version=1) for i in range(10))
    )
    statuses = sorted(r.status_code for r in answers)
    assert statuses == [200] + [409] * 9, [r.text for r in answers]
    winner = next(r for r in answers if r.status_code == 200).json()["data"]
    r = await client.get(key_url("cas"), headers=org.headers)
    assert r.json()["data"]["value"] == winner["value"]
    assert r.json()["data"]["version"] == 2


async def test_concurrent_creates_have_one_winner(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    answers = await asyncio.gather(
        *(put(client, org, "once", i, expected_version=0) for i in range(10))
    )
    assert sorted(r.status_code for r in answers) == [200] + [409] * 9


# --- who may do what ----------------------------------------------------------------


async def test_viewer_reads_but_cannot_write(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    await put_ok(client, org, "shared", "by owner")
    viewer = await factory.member(org, Role.VIEWER)

    r = await client.get(key_url("shared"), headers=viewer.headers)
    assert r.status_code == 200
    r = await client.get(URL, headers=viewer.headers)
    assert [e["key"] for e in r.json()["data"]] == ["shared"]

    r = await client.post(URL, json={"key": "shared", "value": "x"}, headers=viewer.headers)
    assert_error(r, 403, "FORBIDDEN")
    r = await client.post(URL, json={"key": "new", "value": "x"}, headers=viewer.headers)
    assert_error(r, 403, "FORBIDDEN")
    assert_error(await client.delete(key_url("shared"), headers=viewer.headers), 403, "FORBIDDEN")

    r = await client.get(key_url("shared"), headers=org.headers)
    assert (r.json()["data"]["value"], r.json()["data"]["version"]) == ("by owner", 1)
    assert await listed(client, org) == ["shared"]


async def test_member_may_write(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    member = await factory.member(org, Role.MEMBER)
    r = await client.post(URL, json={"key": "m", "value": 1}, headers=member.headers)
    assert r.status_code == 200, r.text


async def test_key_scopes_narrow_access(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    reader = await factory.member(org, Role.ADMIN, scopes=["kv:read"])
    other = await factory.member(org, Role.ADMIN, scopes=["secrets:read"])
    await put_ok(client, org, "k", 1)
    assert (await client.get(key_url("k"), headers=reader.headers)).status_code == 200
    r = await client.post(URL, json={"key": "k", "value": 2}, headers=reader.headers)
    assert_error(r, 403, "FORBIDDEN")
    assert_error(await client.get(key_url("k"), headers=other.headers), 403, "FORBIDDEN")


async def test_requires_credentials(client: httpx.AsyncClient) -> None:
    assert_error(await client.get(URL), 401, "UNAUTHORIZED")
    assert_error(await client.get(key_url("k")), 401, "UNAUTHORIZED")
    assert_error(await client.post(URL, json={"key": "k", "value": 1}), 401, "UNAUTHORIZED")
    assert_error(await client.delete(key_url("k")), 401, "UNAUTHORIZED")


async def test_organisations_are_isolated(client: httpx.AsyncClient, factory: Factory) -> None:
    mine, theirs = await factory.org(), await factory.org()
    await put_ok(client, mine, "private", "mine")

    assert_error(await client.get(key_url("private"), headers=theirs.headers), 404, "KEY_NOT_FOUND")
    assert await listed(client, theirs) == []
    assert await listed(client, theirs, prefix="priv") == []
    assert_error(
        await client.delete(key_url("private"), headers=theirs.headers), 404, "KEY_NOT_FOUND"
    )
    assert_error(await put(client, theirs, "private", "x", expected_version=1), 409, "CONFLICT")

    # Their own key of the same name is a separate record.
    own = await put_ok(client, theirs, "private", "theirs", expected_version=0)
    assert own["version"] == 1
    r = await client.get(key_url("private"), headers=mine.headers)
    assert (r.json()["data"]["value"], r.json()["data"]["version"]) == ("mine", 1)


async def test_versions_beyond_the_column_range_are_refused(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    """Found by schema fuzzing: a huge version overflowed PostgreSQL's integer (500)."""
    org = await factory.org()
    body = {"key": "big", "value": 1, "expected_version": 2**31}
    r = await client.post("/api/v1/kv", json=body, headers=org.headers)
    assert r.status_code == 422, r.text
    assert r.json()["details"][0]["field"] == "expected_version"
    r = await client.delete("/api/v1/kv/big", headers={**org.headers, "If-Match": str(2**31)})
    assert r.status_code == 422, r.text
    assert r.json()["details"][0]["field"] == "If-Match"


async def test_pages_beyond_the_offset_range_are_refused(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    """Found by schema fuzzing: a huge page overflowed the 64-bit OFFSET (500)."""
    org = await factory.org()
    r = await client.get("/api/v1/kv", params={"page": 2**62, "size": 98}, headers=org.headers)
    assert r.status_code == 422, r.text
    assert r.json()["details"][0]["field"] == "page"
