from __future__ import annotations

import io
import secrets as stdlib_secrets
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
import structlog

from flowline.auth.scopes import Role
from flowline.db.models import Secret
from flowline.observability.logs import configure_logging
from flowline.runtime import Runtime
from tests.factories import Factory, Org, unique

SECRETS = "/api/v1/secrets"
READ_FIELDS = {
    "id",
    "name",
    "kind",
    "last4",
    "hosts",
    "header",
    "param",
    "description",
    "confirm",
    "version",
    "created_at",
    "updated_at",
}


def _value() -> str:
    """A value no other test uses, so finding it anywhere means it leaked."""
    return "sv-" + stdlib_secrets.token_urlsafe(24)


def _name() -> str:
    return unique("S_")


def _fields(response: httpx.Response) -> set[str]:
    return {d["field"] for d in response.json().get("details", [])}


async def _create(client: httpx.AsyncClient, org: Org, **body: Any) -> dict[str, Any]:
    body.setdefault("name", _name())
    body.setdefault("value", _value())
    r = await client.post(SECRETS, json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    return r.json()["data"]  # type: ignore[no-any-return]


async def _names(client: httpx.AsyncClient, org: Org) -> list[str]:
    r = await client.get(SECRETS, params={"size": 100}, headers=org.headers)
    assert r.status_code == 200, r.text
    return [s["name"] for s in r.json()["data"]]


async def _stored(runtime: Runtime, org: Org, name: str) -> Secret:
    async with runtime.db.session() as session:
        stmt = sa.select(Secret).where(Secret.org_id == org.id, Secret.name == name)
        return (await session.execute(stmt)).scalar_one()


@pytest.fixture
def log_stream() -> Iterator[io.StringIO]:
    """Everything the app logs during the test, through the real (redacting) pipeline."""
    saved = structlog.get_config()
    stream = io.StringIO()
    configure_logging("debug", stream=stream)
    yield stream
    structlog.configure(**saved)


async def test_create_each_kind(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    cases: list[dict[str, Any]] = [
        {"kind": "generic"},
        {"kind": "bearer", "hosts": ["api.example.com"]},
        {"kind": "api_key_header", "header": "X-API-Key", "hosts": ["*.example.com"]},
        {"kind": "basic", "value": "ada:" + _value(), "hosts": ["10.0.0.0/8"]},
        {"kind": "query", "param": "api_key", "hosts": ["203.0.113.7", "2001:db8::/32"]},
    ]
    for case in cases:
        value = case.pop("value", _value())
        name = _name()
        r = await client.post(
            SECRETS, json={"name": name, "value": value, **case}, headers=org.headers
        )
        assert r.status_code == 201, r.text
        data = r.json()["data"]
        assert set(data) == READ_FIELDS
        assert data["id"].startswith("sec_")
        assert (data["name"], data["kind"], data["version"]) == (name, case["kind"], 1)
        assert data["last4"] == value[-4:]
        assert data["hosts"] == case.get("hosts", [])
        assert data["header"] == case.get("header")
        assert data["param"] == case.get("param")
        assert value not in r.text
    assert len(await _names(client, org)) == len(cases)


async def test_create_wrapped_and_normalised(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    r = await client.post(
        SECRETS,
        json={
            "secret": {
                "name": "stripe.live-key_1",
                "kind": "bearer",
                "value": _value(),
                "hosts": ["API.Stripe.com.", "api.stripe.com", "10.1.2.3/8", "[::1]"],
                "description": "payments",
            }
        },
        headers=org.headers,
    )
    assert r.status_code == 201, r.text
    data = r.json()["data"]
    assert data["hosts"] == ["api.stripe.com", "10.0.0.0/8", "::1"]
    assert data["description"] == "payments"


async def test_short_value_shows_no_last4(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    data = await _create(client, org, value="abc12")
    assert data["last4"] == ""


async def test_get_list_and_pages(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    made = [await _create(client, org) for _ in range(3)]
    r = await client.get(f"{SECRETS}/{made[1]['name']}", headers=org.headers)
    assert r.status_code == 200
    assert r.json()["data"] == made[1]
    r = await client.get(SECRETS, params={"size": 2}, headers=org.headers)
    body = r.json()
    assert [s["id"] for s in body["data"]] == [made[2]["id"], made[1]["id"]]
    assert (body["total"], body["pages"]) == (3, 2)
    r = await client.get(SECRETS, params={"page": 1, "size": 2}, headers=org.headers)
    assert [s["id"] for s in r.json()["data"]] == [made[0]["id"]]


async def test_value_never_in_responses_or_logs(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime, log_stream: io.StringIO
) -> None:
    org = await factory.org()
    first, second = _value(), _value()
    name = _name()
    bodies: list[str] = []

    r = await client.post(
        SECRETS,
        json={"name": name, "kind": "bearer", "value": first, "hosts": ["api.example.com"]},
        headers=org.headers,
    )
    assert r.status_code == 201
    bodies.append(r.text)
    for url in (f"{SECRETS}/{name}", SECRETS):
        r = await client.get(url, headers=org.headers)
        assert r.status_code == 200
        bodies.append(r.text)
    r = await client.put(f"{SECRETS}/{name}", json={"value": second}, headers=org.headers)
    assert r.status_code == 200
    assert r.json()["data"]["last4"] == second[-4:]
    bodies.append(r.text)
    # Failures that had the value in their request.
    r = await client.post(
        SECRETS, json={"name": name, "value": first, "hosts": ["x.io"]}, headers=org.headers
    )
    assert r.status_code == 409
    bodies.append(r.text)
    r = await client.put(
        f"{SECRETS}/{name}", json={"value": "Bearer " + first}, headers=org.headers
    )
    assert r.status_code == 409  # the stored secret is a bearer one
    bodies.append(r.text)
    r = await client.put(
        f"{SECRETS}/{name}",
        json={"kind": "bearer", "value": "Bearer " + first},
        headers=org.headers,
    )
    assert r.status_code == 422
    bodies.append(r.text)
    r = await client.get(f"{SECRETS}/{name}", headers=org.headers)
    bodies.append(r.text)

    for body in bodies:
        assert first not in body
        assert second not in body
    logs = log_stream.getvalue()
    assert f"{SECRETS}/{name}" in logs  # the capture did see the requests
    assert first not in logs
    assert second not in logs

    stored = await _stored(runtime, org, name)
    assert first not in stored.ciphertext
    assert second not in stored.ciphertext
    assert runtime.secret_box.decrypt(stored.ciphertext) == second


def _too_big() -> str:
    return "A" + "é" * (32 * 1024)  # 65537 bytes, 32769 characters


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "1starts-with-digit"}, "name"),
        ({"name": "has space"}, "name"),
        ({"name": "a/b"}, "name"),
        ({"name": "x" * 129}, "name"),
        ({"kind": "oauth"}, "kind"),
        ({"value": ""}, "value"),
        ({"value": _too_big()}, "value"),
        ({"value": 12345678}, "value"),
        ({"kind": "bearer"}, "hosts"),
        ({"kind": "bearer", "hosts": ["api.example.com"], "value": "Bearer abcdefgh1"}, "value"),
        ({"kind": "bearer", "hosts": ["a.example.com"], "value": "tok\r\nX-Evil: 1"}, "value"),
        ({"kind": "bearer", "hosts": ["a.example.com"], "header": "X-Key"}, "header"),
        ({"kind": "api_key_header", "hosts": ["a.example.com"]}, "header"),
        ({"kind": "api_key_header", "hosts": ["a.example.com"], "header": "X Key"}, "header"),
        ({"kind": "basic", "hosts": ["a.example.com"], "value": "no-colon-here"}, "value"),
        ({"kind": "basic", "hosts": ["a.example.com"], "value": ":only-password"}, "value"),
        ({"kind": "query", "hosts": ["a.example.com"]}, "param"),
        ({"kind": "query", "hosts": ["a.example.com"], "param": "a&b"}, "param"),
        ({"param": "key"}, "param"),
        ({"hosts": ["https://api.example.com/v1"]}, "hosts"),
        ({"hosts": ["api.example.com/v1"]}, "hosts"),
        ({"hosts": ["*"]}, "hosts"),
        ({"hosts": ["*.com"]}, "hosts"),
        ({"hosts": ["api.*.example.com"]}, "hosts"),
        ({"hosts": ["api.example.com:443"]}, "hosts"),
        ({"hosts": ["exa_mple.com"]}, "hosts"),
        ({"hosts": ["-bad.example.com"]}, "hosts"),
        ({"hosts": [""]}, "hosts"),
        ({"hosts": ["10.0.0.0/33"]}, "hosts"),
        ({"hosts": "api.example.com"}, "hosts"),
        ({"hosts": ["h.example.com"] * 101}, "hosts"),
        ({"description": "d" * 2001}, "description"),
        ({"values": "typo"}, "values"),
    ],
)
async def test_create_invalid_names_field_hides_value_and_changes_nothing(
    client: httpx.AsyncClient,
    factory: Factory,
    log_stream: io.StringIO,
    body: dict[str, Any],
    field: str,
) -> None:
    org = await factory.org()
    full = {"name": _name(), "value": _value(), **body}
    r = await client.post(SECRETS, json=full, headers=org.headers)
    assert r.status_code == 422, r.text
    assert r.json()["error"] == "VALIDATION_ERROR"
    assert any(f == field or f.startswith(f"{field}.") for f in _fields(r)), r.text
    if isinstance(full["value"], str) and len(full["value"]) >= 4:
        assert full["value"] not in r.text
        assert full["value"] not in log_stream.getvalue()
    assert await _names(client, org) == []


async def test_duplicate_name_is_409(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    made = await _create(client, org, name="TOKEN", description="first")
    r = await client.post(SECRETS, json={"name": "TOKEN", "value": _value()}, headers=org.headers)
    assert r.status_code == 409
    assert r.json()["error"] == "CONFLICT"
    assert _fields(r) == {"name"}
    r = await client.get(f"{SECRETS}/TOKEN", headers=org.headers)
    assert r.json()["data"] == made


async def test_same_name_in_two_orgs(client: httpx.AsyncClient, factory: Factory) -> None:
    first, second = await factory.org(), await factory.org()
    await _create(client, first, name="TOKEN")
    await _create(client, second, name="TOKEN")


async def test_update_metadata_and_value(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    original = _value()
    made = await _create(
        client,
        org,
        kind="api_key_header",
        header="X-API-Key",
        hosts=["a.example.com"],
        value=original,
    )
    url = f"{SECRETS}/{made['name']}"

    r = await client.put(
        url, json={"hosts": ["b.example.com"], "description": "moved"}, headers=org.headers
    )
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert (data["hosts"], data["description"], data["version"]) == (["b.example.com"], "moved", 2)
    assert (data["header"], data["last4"]) == ("X-API-Key", original[-4:])
    assert runtime.secret_box.decrypt((await _stored(runtime, org, made["name"])).ciphertext) == (
        original
    )

    # A new kind drops the header it no longer needs.
    replacement = _value()
    r = await client.put(
        url,
        json={"secret": {"kind": "bearer", "value": replacement}},
        headers={**org.headers, "If-Match": "2"},
    )
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert (data["kind"], data["header"], data["version"]) == ("bearer", None, 3)
    assert data["last4"] == replacement[-4:]
    stored = await _stored(runtime, org, made["name"])
    assert runtime.secret_box.decrypt(stored.ciphertext) == replacement

    r = await client.put(
        url, json={"kind": "query", "param": "key", "expected_version": 3}, headers=org.headers
    )
    assert r.status_code == 200, r.text
    assert (r.json()["data"]["param"], r.json()["data"]["version"]) == ("key", 4)


async def test_update_version_mismatch_is_409(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    value = _value()
    made = await _create(client, org, value=value)
    url = f"{SECRETS}/{made['name']}"
    r = await client.put(url, json={"value": _value()}, headers={**org.headers, "If-Match": "4"})
    assert r.status_code == 409
    r = await client.put(url, json={"value": _value(), "expected_version": 2}, headers=org.headers)
    assert r.status_code == 409
    assert _fields(r) == {"expected_version"}
    r = await client.delete(url, headers={**org.headers, "If-Match": "9"})
    assert r.status_code == 409
    r = await client.get(url, headers=org.headers)
    assert r.json()["data"] == made
    stored = await _stored(runtime, org, made["name"])
    assert runtime.secret_box.decrypt(stored.ciphertext) == value


@pytest.mark.parametrize(
    ("body", "field", "status"),
    [
        ({}, "body", 422),
        ({"expected_version": 1}, "body", 422),
        ({"value": ""}, "value", 422),
        ({"hosts": ["not a host"]}, "hosts", 422),
        ({"name": "renamed"}, "name", 422),
        # The body breaks its own kind's rule (the schema states it): 422.
        ({"kind": "api_key_header", "header": None}, "header", 422),
        ({"kind": "bearer", "header": "X-Key"}, "header", 422),
        ({"kind": "bearer", "hosts": []}, "hosts", 422),
        ({"kind": "basic", "value": "no-colon"}, "value", 422),
        ({"kind": "bearer", "value": "Bearer abcdefghijk"}, "value", 422),
        # The body is well formed; the stored bearer secret is in the way: 409.
        ({"kind": "basic"}, "value", 409),  # the stored value is not user:password
        ({"kind": "api_key_header"}, "header", 409),
        ({"header": "X-Key"}, "header", 409),
        ({"hosts": []}, "hosts", 409),
        ({"value": "Bearer abcdefghijk"}, "value", 409),
    ],
)
async def test_update_invalid_changes_nothing(
    client: httpx.AsyncClient,
    factory: Factory,
    runtime: Runtime,
    body: dict[str, Any],
    field: str,
    status: int,
) -> None:
    org = await factory.org()
    value = _value()
    made = await _create(client, org, kind="bearer", hosts=["a.example.com"], value=value)
    url = f"{SECRETS}/{made['name']}"
    r = await client.put(url, json=body, headers=org.headers)
    assert r.status_code == status, r.text
    assert field in _fields(r)
    assert value not in r.text
    r = await client.get(url, headers=org.headers)
    assert r.json()["data"] == made
    stored = await _stored(runtime, org, made["name"])
    assert runtime.secret_box.decrypt(stored.ciphertext) == value


async def test_delete(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    made = await _create(client, org)
    url = f"{SECRETS}/{made['name']}"
    r = await client.delete(url, headers={**org.headers, "If-Match": "1"})
    assert r.status_code == 204
    assert r.content == b""
    r = await client.get(url, headers=org.headers)
    assert r.status_code == 404
    assert r.json()["error"] == "SECRET_NOT_FOUND"
    r = await client.delete(url, headers=org.headers)
    assert r.status_code == 404
    # The name is free again.
    await _create(client, org, name=made["name"])


async def test_malformed_name_in_path_is_422(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    r = await client.get(f"{SECRETS}/9lives", headers=org.headers)
    assert r.status_code == 422
    assert _fields(r) == {"name"}


async def test_another_orgs_secret_is_not_found(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org, other = await factory.org(), await factory.org()
    value = _value()
    theirs = await _create(client, other, name="THEIRS", value=value)
    url = f"{SECRETS}/THEIRS"
    attempts: list[tuple[str, Any]] = [
        ("GET", None),
        ("PUT", {"value": _value()}),
        ("PUT", {"description": "mine"}),
        ("DELETE", None),
    ]
    for method, body in attempts:
        r = await client.request(method, url, json=body, headers=org.headers)
        assert r.status_code == 404, (method, r.text)
        assert r.json()["error"] == "SECRET_NOT_FOUND"
    assert await _names(client, org) == []
    r = await client.get(url, headers=other.headers)
    assert r.json()["data"] == theirs
    stored = await _stored(runtime, other, "THEIRS")
    assert runtime.secret_box.decrypt(stored.ciphertext) == value


async def test_viewer_cannot_write(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    made = await _create(client, org, name="KEEP")
    viewer = await factory.member(org, Role.VIEWER)
    url = f"{SECRETS}/KEEP"
    writes: list[tuple[str, str, Any]] = [
        ("POST", SECRETS, {"name": "NEW", "value": _value()}),
        ("PUT", url, {"value": _value()}),
        ("DELETE", url, None),
    ]
    for method, target, body in writes:
        r = await client.request(method, target, json=body, headers=viewer.headers)
        assert r.status_code == 403, (method, r.text)
        assert r.json()["error"] == "FORBIDDEN"
    r = await client.get(url, headers=viewer.headers)
    assert r.status_code == 200
    assert r.json()["data"] == made
    assert await _names(client, org) == ["KEEP"]


async def test_member_can_write(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    member = await factory.member(org, Role.MEMBER)
    r = await client.post(SECRETS, json={"name": "MINE", "value": _value()}, headers=member.headers)
    assert r.status_code == 201, r.text


async def test_key_scopes_apply(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    reader = await factory.member(org, Role.ADMIN, scopes=["secrets:read"])
    r = await client.post(SECRETS, json={"name": "X", "value": _value()}, headers=reader.headers)
    assert r.status_code == 403
    r = await client.get(SECRETS, headers=reader.headers)
    assert r.status_code == 200


async def test_unauthenticated_is_401(client: httpx.AsyncClient) -> None:
    r = await client.get(SECRETS)
    assert r.status_code == 401


async def test_openapi_marks_create_idempotent(client: httpx.AsyncClient) -> None:
    spec = (await client.get("/openapi.json")).json()
    assert spec["paths"]["/api/v1/secrets"]["post"]["x-idempotent"] is True
    assert spec["paths"]["/api/v1/groups"]["post"]["x-idempotent"] is True
    read = spec["components"]["schemas"]["SecretRead"]["properties"]
    assert "value" not in read
    assert "ciphertext" not in read
