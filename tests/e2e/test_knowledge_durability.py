"""A document's indexing survives ``kill -9``: it finishes once the server is back,
with each chunk once.

The document is a URL on a loopback fake that holds the first request, so the
server is killed in the middle of the ingestion task (leased, fetching); the next
server takes the task over once its lease runs out and indexes the document.
A second document is accepted by a server without a worker and indexed after a
kill by the next one. (The servers are those of the channel durability tests:
a two-second lease, loopback allowed.)
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.cli.environment import fresh_instance
from tests.e2e.test_channel_durability import _client, _serve
from tests.e2e.test_serve import Servers
from tests.fakes.http import Answer, serve_fake

pytestmark = pytest.mark.e2e

PAGE = (
    "<html><body>"
    + "".join(
        f"<p>Paragraph {i} explains how the harbour crane lifts containers.</p>" for i in range(60)
    )
    + "</body></html>"
).encode()


async def _ready(c: httpx.AsyncClient, kb_id: str, count: int) -> list[dict[str, Any]]:
    async with asyncio.timeout(90):
        while True:
            r = await c.get(f"/api/v1/knowledge-bases/{kb_id}/documents?size=100")
            docs: list[dict[str, Any]] = r.json()["data"]
            if len(docs) == count and all(d["status"] in ("ready", "failed") for d in docs):
                return docs
            await asyncio.sleep(0.1)


async def test_an_ingestion_killed_midway_finishes_after_restart_without_duplicates(
    tmp_path: Path,
) -> None:
    async with fresh_instance(tmp_path) as instance, serve_fake() as site, Servers() as servers:
        # The first fetch is held (the server is killed while it waits); later ones answer.
        site.answer(
            "/harbour",
            Answer(200, content=PAGE, media_type="text/html", delay=120),
            Answer(200, content=PAGE, media_type="text/html"),
        )
        server = await _serve(servers, instance)
        try:
            async with _client(instance, server) as c:
                r = await c.post(
                    "/api/v1/knowledge-bases",
                    json={"name": "harbour", "chunk_size": 48, "chunk_overlap": 0},
                )
                assert r.status_code == 201, r.text
                kb_id = r.json()["data"]["id"]
                r = await c.post(
                    f"/api/v1/knowledge-bases/{kb_id}/documents",
                    json={"url": f"{site.url}/harbour", "name": "harbour.html"},
                )
                assert r.status_code == 202, r.text
                async with asyncio.timeout(60):
                    while not site.seen("/harbour"):  # noqa: ASYNC110 - the fake has no event
                        await asyncio.sleep(0.05)
                doc = (await c.get(f"/api/v1/knowledge-bases/{kb_id}/documents")).json()
                assert doc["data"][0]["status"] == "indexing"
        finally:
            await server.kill()  # SIGKILL in the middle of the ingestion task

        # Accepted by a server without a worker, then killed before any indexing.
        server = await _serve(servers, instance, "--no-worker")
        try:
            async with _client(instance, server) as c:
                r = await c.post(
                    f"/api/v1/knowledge-bases/{kb_id}/documents",
                    json={"text": "Cranes are inspected every spring.", "name": "cranes.txt"},
                )
                assert r.status_code == 202, r.text
        finally:
            await server.kill()

        server = await _serve(servers, instance)
        try:
            async with _client(instance, server) as c:
                docs = {d["name"]: d for d in await _ready(c, kb_id, 2)}
                summary = (await c.get(f"/api/v1/knowledge-bases/{kb_id}/summary")).json()
                content = (await c.get(f"/api/v1/knowledge-bases/{kb_id}/content?size=100")).json()
                hits = (
                    await c.post(
                        f"/api/v1/knowledge-bases/{kb_id}/search",
                        json={"query": "inspected every spring"},
                    )
                ).json()
        finally:
            await server.stop()
    assert docs["harbour.html"]["status"] == "ready", docs
    assert docs["cranes.txt"]["status"] == "ready", docs
    harbour = docs["harbour.html"]["chunk_count"]
    assert harbour > 3
    assert summary["data"]["chunks"] == harbour + 1  # each chunk once
    seqs = [ch["seq"] for ch in content["data"] if ch["document_id"] == docs["harbour.html"]["id"]]
    assert seqs == list(range(harbour))
    assert len(site.seen("/harbour")) == 2  # the fetch in flight was made again
    # Only the second document holds these words, so it leads the fused list whatever
    # the two databases' keyword rankers make of the harbour page.
    assert hits["data"]["hits"][0]["document_name"] == "cranes.txt", hits
