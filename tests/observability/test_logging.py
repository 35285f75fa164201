"""What reaches the log: JSON lines with request ids, and never a secret."""

from __future__ import annotations

import base64
import io
import json
import urllib.parse
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest
import structlog

from flowline.app import create_app
from flowline.observability.logs import configure_logging
from flowline.observability.redaction import MASK, redactor
from flowline.runtime import Runtime
from tests.factories import Factory

URL = "/api/v1/kv"


@contextmanager
def captured_logs(runtime: Runtime) -> Iterator[io.StringIO]:
    buffer = io.StringIO()
    configure_logging("debug", stream=buffer)
    try:
        yield buffer
    finally:
        configure_logging(runtime.settings.log_level)


def _lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _forms(secret: str) -> dict[str, str]:
    raw = secret.encode()
    return {
        "plain": secret,
        "url": urllib.parse.quote(secret, safe=""),
        "url-path": urllib.parse.quote(secret),
        "url-plus": urllib.parse.quote_plus(secret),
        "base64": base64.b64encode(raw).decode().rstrip("="),
        "base64-url": base64.urlsafe_b64encode(raw).decode().rstrip("="),
    }


@pytest.fixture
async def crash_client(runtime: Runtime) -> AsyncIterator[httpx.AsyncClient]:
    """A second app whose one extra route fails with the secret in its message.

    Built before logging is pointed at the buffer: ``create_app`` configures logging.
    """
    app = create_app(runtime=runtime)

    @app.post("/crash")
    async def crash(payload: dict[str, str]) -> None:
        raise RuntimeError(f"could not use {payload['detail']}")

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://flowline.test") as c:
        yield c


async def test_secrets_never_reach_the_log(
    client: httpx.AsyncClient,
    crash_client: httpx.AsyncClient,
    factory: Factory,
    runtime: Runtime,
) -> None:
    org = await factory.org()
    api_key = org.owner.api_key
    # Space, "/", "+" and ">>>" make the URL and base64 forms all differ from the value.
    secret = f"planted {uuid.uuid4().hex} p/w+x?>>>"
    forms = _forms(secret)
    redactor.add([secret])
    bearer = {"Authorization": f"Bearer {api_key}"}

    with captured_logs(runtime) as buffer:
        # The API key, both ways it may be sent.
        assert (await client.get(URL, headers=bearer)).status_code == 200
        assert (await client.get(URL, headers={"X-API-Key": api_key})).status_code == 200
        # The secret inside a stored value, and as a key (paths are logged).
        r = await client.post(URL, json={"key": "cfg", "value": {"v": secret}}, headers=bearer)
        assert r.status_code == 200
        r = await client.post(URL, json={"key": secret, "value": forms}, headers=bearer)
        assert r.status_code == 200
        r = await client.get(f"{URL}/{urllib.parse.quote(secret)}", headers=bearer)
        assert r.status_code == 200
        # The secret in a request that fails validation, as a value and as a field name.
        r = await client.post(
            URL, json={"key": "", "value": secret, secret: forms["base64"]}, headers=bearer
        )
        assert r.status_code == 422
        # Credentials that are not valid keys, holding the secret.
        r = await client.get(URL, headers={"Authorization": f"Bearer {secret}"})
        assert r.status_code == 401
        r = await client.get(URL, headers={"X-API-Key": forms["base64"]})
        assert r.status_code == 401
        # A crash whose exception text carries the key and every form of the secret.
        detail = " ".join([api_key, *forms.values()])
        r = await crash_client.post("/crash", json={"detail": detail})
        assert r.status_code == 500
        assert secret not in r.text
        # Our own code logging awkward values.
        structlog.get_logger("flowline.test").warning(
            "probe",
            note=f"calling with {secret}",
            headers={"Authorization": f"Bearer {api_key}", "X-Trace": forms["url"]},
            raw=secret.encode(),
            error=ValueError(secret),
            tags={forms["base64-url"]},
            api_key=api_key,
        )

    text = buffer.getvalue()
    assert text
    assert api_key not in text
    for label, form in forms.items():
        assert form not in text, label

    lines = _lines(text)
    requests = [line for line in lines if line["event"] == "request"]
    assert len(requests) == 9
    for line in requests:
        assert line["request_id"].startswith("req_")
        assert line["level"] == "info"
        assert {"method", "path", "status", "duration_ms", "timestamp"} <= set(line)
        assert 0 <= line["duration_ms"] < 60_000
    assert [line["status"] for line in requests] == [200, 200, 200, 200, 200, 422, 401, 401, 500]

    crash = next(line for line in lines if line["event"] == "unhandled_error")
    assert crash["level"] == "error"
    assert crash["error_type"] == "RuntimeError"
    assert "Traceback" in crash["exception"]
    assert MASK in crash["exception"]
    # The crash is logged under the id of the request that caused it.
    crashed = next(line for line in requests if line["status"] == 500)
    assert crash["request_id"] == crashed["request_id"]
    assert r.headers["x-request-id"] == crashed["request_id"]

    probe = next(line for line in lines if line["event"] == "probe")
    assert probe["api_key"] == MASK
    assert probe["headers"]["Authorization"] == MASK
    assert probe["note"] == f"calling with {MASK}"


async def test_request_id_from_the_caller_is_logged(
    client: httpx.AsyncClient, runtime: Runtime
) -> None:
    with captured_logs(runtime) as buffer:
        r = await client.get("/", headers={"X-Request-ID": "trace-42"})
    assert r.headers["x-request-id"] == "trace-42"
    (line,) = [line for line in _lines(buffer.getvalue()) if line["event"] == "request"]
    assert line["request_id"] == "trace-42"
    assert (line["method"], line["path"], line["status"]) == ("GET", "/", 200)
    assert 0 <= line["duration_ms"] < 10_000


async def test_request_id_does_not_leak_into_later_logs(
    client: httpx.AsyncClient, runtime: Runtime
) -> None:
    with captured_logs(runtime) as buffer:
        await client.get("/")
        structlog.get_logger("flowline.test").info("after")
    after = next(line for line in _lines(buffer.getvalue()) if line["event"] == "after")
    assert "request_id" not in after


def test_level_filters(runtime: Runtime) -> None:
    buffer = io.StringIO()
    configure_logging("warning", stream=buffer)
    try:
        log = structlog.get_logger("flowline.test")
        log.info("quiet")
        log.warning("loud")
    finally:
        configure_logging(runtime.settings.log_level)
    assert [line["event"] for line in _lines(buffer.getvalue())] == ["loud"]
