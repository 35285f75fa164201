"""Per-KB ``separators``: texts that always end a chunk, in the preview and in indexing."""

from __future__ import annotations

import httpx

from flowline.engine.worker import Worker
from tests.factories import Factory
from tests.knowledge.builders import add_text, make_kb, settled

TEXT = (
    "Opening hours are nine to five on weekdays.\n---\n"
    "Refunds reach the card within five days.\n---\n"
    "Parcels to Europe arrive in two weeks."
)
PREVIEW = "/api/v1/knowledge-bases/preview"


async def test_separators_end_chunks_in_preview_and_index(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    body = {"text": TEXT, "chunk_size": 512, "chunk_overlap": 0}
    r = await client.post(PREVIEW, json=body, headers=org.headers)
    assert len(r.json()["data"]["chunks"]) == 1  # all of it fits one chunk
    r = await client.post(PREVIEW, json={**body, "separators": ["\n---\n"]}, headers=org.headers)
    assert r.status_code == 200, r.text
    texts = [c["text"] for c in r.json()["data"]["chunks"]]
    assert texts == [
        "Opening hours are nine to five on weekdays.",
        "Refunds reach the card within five days.",
        "Parcels to Europe arrive in two weeks.",
    ]
    # A multipart form gives the list as a JSON string.
    r = await client.post(
        PREVIEW,
        files=[("files", ("t.txt", TEXT.encode(), "text/plain"))],
        data={"chunk_size": "512", "chunk_overlap": "0", "separators": '["\\n---\\n"]'},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    assert len(r.json()["data"]["chunks"]) == 3

    kb_id = await make_kb(client, org, chunk_size=512, chunk_overlap=0, separators=["\n---\n"])
    got = await client.get(f"/api/v1/knowledge-bases/{kb_id}", headers=org.headers)
    assert got.json()["data"]["separators"] == ["\n---\n"]
    await add_text(client, org, kb_id, "faq.txt", TEXT)
    await settled(client, org, kb_id, 1)
    r = await client.get(f"/api/v1/knowledge-bases/{kb_id}/content", headers=org.headers)
    assert [c["text"] for c in r.json()["data"]] == texts


async def test_separators_are_checked(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    for separators in ([""], ["x" * 21], ["-"] * 11, "not json"):
        body = {"text": TEXT, "separators": separators}
        r = await client.post(PREVIEW, json=body, headers=org.headers)
        assert r.status_code == 422, (separators, r.text)
        assert r.json()["details"][0]["field"].startswith("separators")


async def test_an_overlap_too_large_for_a_character_fails_naming_it(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    # With chunk_size 16 and chunk_overlap 4 the splitter steps 4 tokens at a time, and an
    # emoji needs 5: the splitter recursed without end and the indexing task crashed.
    org = await factory.org()
    text = "Smile 🙂 please."
    body = {"text": text, "chunk_size": 16, "chunk_overlap": 4}
    r = await client.post(PREVIEW, json=body, headers=org.headers)
    assert r.status_code == 422, r.text
    assert r.json()["details"][0]["field"] == "chunk_overlap"
    kb_id = await make_kb(client, org, chunk_size=16, chunk_overlap=4)
    await add_text(client, org, kb_id, "smile.txt", text)
    [document] = await settled(client, org, kb_id, 1)
    assert document["status"] == "failed"
    assert document["error"]["message"].startswith("chunk_overlap:")
    r = await client.post(PREVIEW, json={**body, "chunk_overlap": 0}, headers=org.headers)
    assert r.status_code == 200, r.text
