"""Odd headers and bodies on one create route of every route family: never a 5xx.

A family is the first path segment under ``/api/v1`` (``agents``, ``kv``, ...); its
first ``POST`` without path parameters that takes a JSON body stands for it. Bodies
that are not JSON (bytes that are not UTF-8, nesting deeper than the parser allows, a
5,000-digit number) answer ``400 INVALID_JSON`` naming ``body``; header values
outside ASCII answer a 4xx in the envelope, or are taken as the opaque bytes they are.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from tests.factories import Factory

BODIES = {
    "not UTF-8": b'{"name": "\xff\xfe"}',
    "deep": b"[" * 10_000 + b"]" * 10_000,
    "huge number": b'{"name": ' + b"9" * 5_000 + b"}",
}
HEADERS = {
    "Idempotency-Key": "cl\xe9-\xff".encode("latin-1"),
    "If-Match": '"3\xe9"'.encode("latin-1"),
    "X-Request-ID": "r\xe9q".encode("latin-1"),
}


def _families(app: FastAPI) -> dict[str, str]:
    found: dict[str, str] = {}
    for path, item in app.openapi()["paths"].items():
        parts = path.split("/")
        if not path.startswith("/api/v1/") or "post" not in item or "{" in path:
            continue
        content = item["post"].get("requestBody", {}).get("content", {})
        if set(content) == {"application/json"}:  # JSON bodies alone: uploads have their own
            found.setdefault(parts[3], path)
    return found


def _envelope(response: httpx.Response) -> dict[str, Any]:
    body: dict[str, Any] = response.json()
    assert {"error", "message", "statusCode"} <= set(body), body
    return body


async def test_every_family_refuses_unparsable_bodies(
    app: FastAPI, client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org(instance_admin=True)
    families = _families(app)
    assert len(families) >= 15
    for family, path in families.items():
        for kind, body in BODIES.items():
            headers = org.headers | {"Content-Type": "application/json"}
            answer = await client.post(path, content=body, headers=headers)
            assert answer.status_code < 500, (family, kind, answer.text)
            if answer.status_code == 400:
                assert _envelope(answer)["error"] == "INVALID_JSON", (family, kind)


@pytest.mark.parametrize("header", sorted(HEADERS))
async def test_every_family_takes_non_ascii_headers(
    app: FastAPI, client: httpx.AsyncClient, factory: Factory, header: str
) -> None:
    org = await factory.org(instance_admin=True)
    for family, path in _families(app).items():
        headers = [(k.encode(), v.encode()) for k, v in org.headers.items()]
        headers.append((header.encode(), HEADERS[header]))
        request = client.build_request("POST", path, json={}, headers=headers)
        answer = await client.send(request)
        assert answer.status_code < 500, (family, header, answer.text)
        if answer.status_code >= 400 and answer.headers.get("content-type", "").startswith(
            "application/json"
        ):
            assert answer.status_code in (400, 401, 403, 404, 405, 409, 413, 415, 422, 429)
