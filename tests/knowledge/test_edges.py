"""The knowledge domain's edges: an OpenAI-compatible embeddings endpoint per KB (a fake
on loopback, with its API key from a secret) and URLs fetched under the network rules."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from flowline.engine.worker import Worker
from flowline.outbound.client import OutboundClient
from flowline.runtime import Runtime
from tests.factories import Factory
from tests.fakes.http import Answer, serve_fake
from tests.fakes.openai_server import FakeOpenAI, serve_openai
from tests.knowledge.builders import CORPUS, add_text, make_kb, search, settled


@pytest.fixture
async def openai_fake() -> AsyncIterator[FakeOpenAI]:
    async with serve_openai() as fake:
        yield fake


async def test_a_kb_embeds_through_an_openai_compatible_endpoint(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, openai_fake: FakeOpenAI
) -> None:
    org = await factory.org()
    openai_fake.keys = {"sk-embed-123456"}
    secret = {"name": "embed-key", "kind": "generic", "value": "sk-embed-123456"}
    assert (await client.post("/api/v1/secrets", json=secret, headers=org.headers)).is_success
    embedding = {
        "provider": "openai",
        "base_url": openai_fake.base_url,
        "model": "embed-fake",
        "api_key_secret": "embed-key",
    }
    kb_id = await make_kb(client, org, embedding=embedding)
    for name, text in CORPUS.items():
        await add_text(client, org, kb_id, name, text)
    docs = await settled(client, org, kb_id, len(CORPUS))
    assert {d["status"] for d in docs} == {"ready"}, docs
    hits = await search(client, org, kb_id, "sea freight parcels", mode="vector")
    assert hits[0]["document_name"] == "shipping.txt"
    calls = openai_fake.requests
    assert calls
    assert all(c.headers["authorization"] == "Bearer sk-embed-123456" for c in calls)
    assert calls[-1].body == {"model": "embed-fake", "input": ["sea freight parcels"]}


async def test_an_embeddings_endpoint_config_is_checked(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    r = await client.post(
        "/api/v1/knowledge-bases",
        json={"name": "x", "embedding": {"provider": "openai"}},
        headers=org.headers,
    )
    assert r.status_code == 422
    assert "base_url" in r.text


async def test_a_url_document_is_fetched_and_a_private_address_is_refused(
    client: httpx.AsyncClient,
    factory: Factory,
    worker: Worker,
    runtime: Runtime,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    org = await factory.org()
    async with serve_fake() as site:
        page = b"<html><body><p>Lighthouses guide ships at night.</p></body></html>"
        site.answer("/guide", Answer(200, content=page, media_type="text/html"))
        # Allowed (the test settings allow 127.0.0.1): fetched, indexed, searchable.
        r = await client.post(
            "/api/v1/knowledge-bases/create-from-url",
            json={"url": f"{site.url}/guide", "name": "guide"},
            headers=org.headers,
        )
        assert r.status_code == 201, r.text
        kb_id = r.json()["data"]["id"]
        docs = await settled(client, org, kb_id, 1)
        assert docs[0]["status"] == "ready", docs
        assert (await search(client, org, kb_id, "lighthouses"))[0]["text"] == (
            "Lighthouses guide ships at night."
        )
        # The same URL again is the same document.
        r = await client.post(
            f"/api/v1/knowledge-bases/{kb_id}/documents",
            json={"url": f"{site.url}/guide"},
            headers=org.headers,
        )
        assert r.json()["data"][0]["duplicate"] is True

        # Without the allowance, loopback is refused before any request is made.
        strict = OutboundClient(runtime.settings.contact, allow_hosts=[])
        monkeypatch.setattr(runtime, "outbound", strict)
        try:
            r = await client.post(
                "/api/v1/knowledge-bases/create-from-url",
                json={"url": f"{site.url}/private"},
                headers=org.headers,
            )
            kb_id = r.json()["data"]["id"]
            docs = await settled(client, org, kb_id, 1)
        finally:
            await strict.close()
        assert docs[0]["status"] == "failed"
        assert docs[0]["error"]["code"] == "OUTBOUND_REFUSED", docs[0]["error"]
        assert site.seen("/private") == []
