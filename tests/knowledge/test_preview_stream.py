"""``POST knowledge-bases/preview`` with ``Accept: text/event-stream``: a long file's
chunks as server-sent events, the same chunks as the JSON answer."""

from __future__ import annotations

import json
from typing import Any

import httpx

from tests.factories import Factory

PREVIEW = "/api/v1/knowledge-bases/preview"
STREAM = {"Accept": "text/event-stream"}


def events(body: str) -> list[tuple[str, dict[str, Any]]]:
    """``(event, data)`` of each server-sent event (pings and comments left out)."""
    found = []
    for block in body.replace("\r\n", "\n").split("\n\n"):
        name, data = None, None
        for line in block.split("\n"):
            if line.startswith("event:"):
                name = line.removeprefix("event:").strip()
            elif line.startswith("data:"):
                data = json.loads(line.removeprefix("data:").strip())
        if name is not None and data is not None:
            found.append((name, data))
    return found


async def test_a_long_preview_streams_its_chunks(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    text = "\n\n".join(
        f"Section {i}. The plan's step {i} is done by team {i % 7}." for i in range(300)
    )
    body = {"text": text, "chunk_size": 48, "chunk_overlap": 0}
    plain = await client.post(PREVIEW, json=body, headers=org.headers)
    assert plain.status_code == 200, plain.text
    expected = plain.json()["data"]

    r = await client.post(PREVIEW, json=body, headers={**org.headers, **STREAM})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/event-stream")
    got = events(r.text)
    assert [name for name, _ in got[:2]] == ["status", "status"]
    assert got[0][1] == {"stage": "extracting"}
    assert got[1][1]["stage"] == "splitting"
    chunks = [data for name, data in got if name == "chunk"]
    assert chunks == expected["chunks"]
    assert len(chunks) > 10
    assert got[-1] == ("done", {"chunks": len(chunks), "total_tokens": expected["total_tokens"]})


async def test_an_unreadable_file_ends_the_stream_with_an_error(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    r = await client.post(
        PREVIEW,
        files=[("files", ("broken.pdf", b"%PDF-1.4 not really", "application/pdf"))],
        data={"chunk_size": "64", "chunk_overlap": "0"},
        headers={**org.headers, **STREAM},
    )
    assert r.status_code == 200, r.text
    got = events(r.text)
    assert got[0] == ("status", {"stage": "extracting"})
    assert got[-1][0] == "error"
    assert got[-1][1]["error"] == "DOCUMENT_UNREADABLE"
    # A type no parser reads is refused before any stream starts.
    r = await client.post(
        PREVIEW,
        files=[("files", ("x.bin", b"\x00\x01", "application/octet-stream"))],
        headers={**org.headers, **STREAM},
    )
    assert r.status_code == 422
