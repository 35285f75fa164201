"""Bodies that are not text become attachments, downloaded by the organisation only."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from flowline.engine.worker import Worker
from tests.factories import Factory
from tests.fakes.http import Answer, FakeApi, serve_fake
from tests.outbound.flows import call_steps, run_call

RECORDING = b"ID3\x04\x00\x00\x00\x00\x00\x00" + bytes(range(256)) * 40


@pytest.fixture
async def api() -> AsyncIterator[FakeApi]:
    async with serve_fake() as fake:
        yield fake


async def test_a_recording_is_stored_and_downloaded(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, api: FakeApi
) -> None:
    org, other = await factory.org(), await factory.org()
    api.answer("/rec/1", Answer(200, content=RECORDING, media_type="audio/mpeg"))
    run = await run_call(client, org, url=f"{api.url}/rec/1")
    assert run["status"] == "succeeded", run
    output = call_steps(run)[0]["output"]
    assert output["body"] is None
    reference = output["attachment"]
    assert reference["id"].startswith("att_")
    assert reference["content_type"] == "audio/mpeg"
    assert reference["size"] == len(RECORDING)

    r = await client.get(f"/api/v1/attachments/{reference['id']}/download", headers=org.headers)
    assert r.status_code == 200
    assert r.content == RECORDING
    assert r.headers["content-type"] == "audio/mpeg"
    assert r.headers["x-content-type-options"] == "nosniff"
    r = await client.get(f"/api/v1/attachments/{reference['id']}/download", headers=other.headers)
    assert r.status_code == 404


async def test_text_too_large_for_a_step_becomes_an_attachment(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, api: FakeApi
) -> None:
    org = await factory.org()
    big = ("line of text\n" * 100_000).encode()
    api.answer("/log", Answer(200, content=big, media_type="text/plain"))
    api.answer("/small", Answer(200, content=b"hello", media_type="text/plain"))
    run = await run_call(client, org, url=f"{api.url}/log")
    assert call_steps(run)[0]["output"]["attachment"]["size"] == len(big)
    run = await run_call(client, org, url=f"{api.url}/small")
    assert call_steps(run)[0]["output"]["body"] == "hello"
    assert "attachment" not in call_steps(run)[0]["output"]


async def test_unknown_attachments_are_not_found(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    r = await client.get("/api/v1/attachments/att_nope", headers=org.headers)
    assert r.status_code == 404
    assert r.json()["error"] == "ATTACHMENT_NOT_FOUND"
