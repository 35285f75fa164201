"""Knowledge bases through the API: ingestion on the engine, dedupe, search modes,
filters, cross-KB search, content routes and organisation scoping."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx

from flowline.engine.worker import Worker
from flowline.knowledge.ingestion import events_channel
from flowline.runtime import Runtime
from tests.factories import Factory
from tests.knowledge.builders import (
    add_text,
    corpus_kb,
    docx_bytes,
    make_kb,
    pdf_bytes,
    search,
    settled,
    upload,
)

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


async def test_every_file_type_is_indexed_and_searchable(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    kb_id = await make_kb(client, org)
    files = {
        "a.pdf": (pdf_bytes("Penguins live in Antarctica"), PDF),
        "b.docx": (docx_bytes("Kangaroos live in Australia"), DOCX),
        "c.html": (b"<p>Llamas live in Peru</p><script>zebra()</script>", "text/html"),
        "d.csv": (b"animal,home\nmoose,Canada\n", "text/csv"),
        "e.json": (b'{"animal": "panda", "home": "China"}', "application/json"),
        "f.md": (b"# Camels\n\nCamels live in deserts", "text/markdown"),
        "g.txt": (b"Koalas sleep most of the day", "text/plain"),
    }
    added = await upload(client, org, kb_id, files, metadata=json.dumps({"batch": 1}))
    assert [d["status"] for d in added] == ["queued"] * 7
    docs = await settled(client, org, kb_id, 7)
    assert {d["status"] for d in docs} == {"ready"}, docs
    for word, name in [
        ("penguins", "a.pdf"),
        ("kangaroos", "b.docx"),
        ("llamas", "c.html"),
        ("moose", "d.csv"),
        ("panda", "e.json"),
        ("camels", "f.md"),
        ("koalas", "g.txt"),
    ]:
        hits = await search(client, org, kb_id, word, mode="keyword")
        assert hits, word
        assert hits[0]["document_name"] == name, (word, hits)
        assert hits[0]["metadata"] == {"batch": 1}
    assert await search(client, org, kb_id, "zebra", mode="keyword") == []  # script dropped


async def test_unsupported_file_is_refused_and_nothing_is_stored(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    kb_id = await make_kb(client, org)
    r = await client.post(
        f"/api/v1/knowledge-bases/{kb_id}/documents",
        files=[("files", ("a.txt", b"ok", "text/plain")), ("files", ("b.png", b"x", "image/png"))],
        headers=org.headers,
    )
    assert r.status_code == 422
    assert r.json()["error"] == "DOCUMENT_UNREADABLE"
    assert r.json()["details"][0]["field"] == "files"
    docs = await client.get(f"/api/v1/knowledge-bases/{kb_id}/documents", headers=org.headers)
    assert docs.json()["total"] == 0


async def test_the_same_content_twice_is_one_document(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    kb_id = await make_kb(client, org)
    first = await add_text(client, org, kb_id, "a.txt", "Same words here.")
    again = await add_text(client, org, kb_id, "b.txt", "Same words here.")
    assert first["duplicate"] is False
    assert again["duplicate"] is True
    assert again["id"] == first["id"]
    docs = await settled(client, org, kb_id, 1)
    summary = await client.get(f"/api/v1/knowledge-bases/{kb_id}/summary", headers=org.headers)
    assert summary.json()["data"]["documents"] == 1
    assert summary.json()["data"]["chunks"] == docs[0]["chunk_count"] == 1


async def test_modes_rank_the_known_answer_first(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    kb_id = await corpus_kb(client, org)
    # Meaning without shared words: only the vectors find it.
    vector = await search(client, org, kb_id, "when will I get my money back", mode="vector")
    assert vector[0]["document_name"] == "refunds.txt"
    assert -1.0 <= vector[0]["score"] <= 1.0
    # A rare word: the full-text index finds it.
    keyword = await search(client, org, kb_id, "freight", mode="keyword")
    assert [h["document_name"] for h in keyword] == ["shipping.txt"]
    hybrid = await search(client, org, kb_id, "reset my forgotten password", top_k=2)
    assert hybrid[0]["document_name"] == "passwords.txt"
    assert len(hybrid) == 2
    assert hybrid[0]["score"] > hybrid[1]["score"]
    assert set(hybrid[0]) == {
        "chunk_id",
        "document_id",
        "document_name",
        "kb_id",
        "text",
        "score",
        "metadata",
    }
    # A threshold above every cosine score leaves nothing.
    assert await search(client, org, kb_id, "money back", mode="vector", score_threshold=0.99) == []


async def test_metadata_filters(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    kb_id = await corpus_kb(client, org)
    only = {"key": "topic", "op": "eq", "value": "hours"}
    hits = await search(client, org, kb_id, "when will I get my money back", filter=only)
    assert [h["document_name"] for h in hits] == ["hours.txt"]
    either = {
        "or": [
            {"key": "topic", "op": "in", "value": ["hours", "shipping"]},
            {"key": "topic", "op": "contains", "value": "pass"},
        ]
    }
    hits = await search(client, org, kb_id, "office", filter=either, top_k=10)
    assert {h["document_name"] for h in hits} == {"hours.txt", "shipping.txt", "passwords.txt"}
    r = await client.post(
        f"/api/v1/knowledge-bases/{kb_id}/documents/filter",
        json={"key": "topic", "op": "ne", "value": "hours"},
        headers=org.headers,
    )
    assert r.json()["total"] == 3
    schema = await client.get(
        f"/api/v1/knowledge-bases/{kb_id}/metadata-schema", headers=org.headers
    )
    assert schema.json()["data"] == [{"key": "topic", "types": ["string"], "documents": 4}]
    bad = await client.post(
        f"/api/v1/knowledge-bases/{kb_id}/search",
        json={"query": "x", "filter": {"key": "a", "op": "in", "value": 3}},
        headers=org.headers,
    )
    assert bad.status_code == 422


async def test_cross_kb_search_and_org_scoping(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org, other = await factory.org(), await factory.org()
    first = await corpus_kb(client, org)
    second = await make_kb(client, org)
    await add_text(client, org, second, "tides.txt", "Tides follow the moon and the sun.")
    await settled(client, org, second, 1)
    body = {"query": "moon tides", "knowledge_base_ids": [first, second], "top_k": 3}
    r = await client.post("/api/v1/knowledge-bases/search", json=body, headers=org.headers)
    assert r.status_code == 200, r.text
    hits = r.json()["data"]["hits"]
    assert hits[0]["kb_id"] == second
    assert hits[0]["document_name"] == "tides.txt"
    assert {h["kb_id"] for h in hits} == {first, second}
    # Another organisation sees none of it.
    r = await client.post("/api/v1/knowledge-bases/search", json=body, headers=other.headers)
    assert r.status_code == 404
    assert r.json()["error"] == "KNOWLEDGE_BASE_NOT_FOUND"
    r = await client.get(f"/api/v1/knowledge-bases/{first}", headers=other.headers)
    assert r.status_code == 404
    listed = await client.get("/api/v1/knowledge-bases", headers=other.headers)
    assert listed.json()["total"] == 0


async def test_content_chunks_update_refresh_and_delete(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, runtime: Runtime
) -> None:
    org = await factory.org()
    kb_id = await make_kb(client, org, chunk_size=32, chunk_overlap=0)
    text = " ".join(f"Line {i} tells about the river and the valley." for i in range(40))
    async with runtime.bus.subscribe(events_channel(kb_id)) as events:
        doc = await add_text(client, org, kb_id, "long.txt", text)
        seen: list[dict[str, Any]] = []
        async with asyncio.timeout(60):
            async for payload in events:
                seen.append(json.loads(payload))
                if seen[-1]["type"] == "document.ready":
                    break
    assert [e["type"] for e in seen] == ["document.queued", "document.indexing", "document.ready"]
    docs = await settled(client, org, kb_id, 1)
    count = docs[0]["chunk_count"]
    assert count > 5
    page = await client.get(
        f"/api/v1/knowledge-bases/{kb_id}/content?size=100", headers=org.headers
    )
    chunks = page.json()["data"]
    assert [c["seq"] for c in chunks] == list(range(count))
    one = await client.get(
        f"/api/v1/knowledge-bases/{kb_id}/chunks/{chunks[1]['id']}", headers=org.headers
    )
    assert one.json()["data"]["text"] == chunks[1]["text"]
    r = await client.put(
        f"/api/v1/knowledge-bases/{kb_id}", json={"name": "renamed"}, headers=org.headers
    )
    assert r.json()["data"]["name"] == "renamed"
    r = await client.post(
        f"/api/v1/knowledge-bases/{kb_id}/documents/{doc['id']}/refresh", headers=org.headers
    )
    assert r.status_code == 202
    docs = await settled(client, org, kb_id, 1)
    assert docs[0]["status"] == "ready"
    assert docs[0]["chunk_count"] == count
    summary = await client.get(f"/api/v1/knowledge-bases/{kb_id}/summary", headers=org.headers)
    assert summary.json()["data"]["chunks"] == count  # re-indexed, not doubled
    r = await client.delete(
        f"/api/v1/knowledge-bases/{kb_id}/documents/{doc['id']}", headers=org.headers
    )
    assert r.status_code == 204
    assert await search(client, org, kb_id, "river valley") == []
    assert (
        await client.delete(f"/api/v1/knowledge-bases/{kb_id}", headers=org.headers)
    ).status_code == 204
    r = await client.get(f"/api/v1/knowledge-bases/{kb_id}", headers=org.headers)
    assert r.status_code == 404


async def test_preview_stores_nothing(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    text = " ".join(f"Point {i} of the plan." for i in range(60))
    r = await client.post(
        "/api/v1/knowledge-bases/preview",
        json={"text": text, "chunk_size": 40, "chunk_overlap": 0},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    chunks = r.json()["data"]["chunks"]
    assert len(chunks) > 3
    assert all(c["tokens"] <= 40 for c in chunks)
    r = await client.post(
        "/api/v1/knowledge-bases/preview",
        files=[("files", ("a.pdf", pdf_bytes("Previewed PDF words"), PDF))],
        data={"chunk_size": "64", "chunk_overlap": "0"},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    assert r.json()["data"]["chunks"][0]["text"] == "Previewed PDF words"
    bad = await client.post(
        "/api/v1/knowledge-bases/preview",
        json={"text": "x", "chunk_size": 32, "chunk_overlap": 32},
        headers=org.headers,
    )
    assert bad.status_code == 422
    defaults = await client.get("/api/v1/knowledge-bases/search-defaults", headers=org.headers)
    assert defaults.json()["data"]["mode"] == "hybrid"
