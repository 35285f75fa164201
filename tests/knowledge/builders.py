"""Knowledge bases and documents made through the API, and small files of each type."""

from __future__ import annotations

import asyncio
import io
from typing import Any

import httpx
from docx import Document
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from tests.factories import Org, unique

CORPUS = {
    "refunds.txt": "Refunds are paid back to the original card within five business days.",
    "hours.txt": "Our office opens at nine in the morning on weekdays and closes at five.",
    "shipping.txt": "Parcels to Europe travel by sea freight and arrive in about two weeks.",
    "passwords.txt": "To reset a forgotten password, open settings and choose security.",
}


async def make_kb(client: httpx.AsyncClient, org: Org, **fields: Any) -> str:
    body = {"name": unique("kb-"), **fields}
    r = await client.post("/api/v1/knowledge-bases", json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    return str(r.json()["data"]["id"])


async def upload(
    client: httpx.AsyncClient,
    org: Org,
    kb_id: str,
    files: dict[str, tuple[bytes, str]],
    metadata: str | None = None,
) -> list[dict[str, Any]]:
    form = [("files", (name, data, kind)) for name, (data, kind) in files.items()]
    r = await client.post(
        f"/api/v1/knowledge-bases/{kb_id}/documents",
        files=form,
        data={"metadata": metadata} if metadata else None,
        headers=org.headers,
    )
    assert r.status_code == 202, r.text
    return list(r.json()["data"])


async def add_text(
    client: httpx.AsyncClient, org: Org, kb_id: str, name: str, text: str, **more: Any
) -> dict[str, Any]:
    body = {"name": name, "text": text, **more}
    r = await client.post(
        f"/api/v1/knowledge-bases/{kb_id}/documents", json=body, headers=org.headers
    )
    assert r.status_code == 202, r.text
    return dict(r.json()["data"][0])


async def settled(
    client: httpx.AsyncClient, org: Org, kb_id: str, count: int | None = None
) -> list[dict[str, Any]]:
    """The KB's documents once none is ``queued`` or ``indexing`` (the worker runs)."""
    async with asyncio.timeout(60):
        while True:
            r = await client.get(
                f"/api/v1/knowledge-bases/{kb_id}/documents?size=100", headers=org.headers
            )
            docs = list(r.json()["data"])
            done = all(d["status"] in ("ready", "failed") for d in docs)
            if done and (count is None or len(docs) == count):
                return docs
            await asyncio.sleep(0.05)


async def corpus_kb(client: httpx.AsyncClient, org: Org, **fields: Any) -> str:
    kb_id = await make_kb(client, org, **fields)
    for name, text in CORPUS.items():
        await add_text(client, org, kb_id, name, text, metadata={"topic": name[:-4]})
    await settled(client, org, kb_id, len(CORPUS))
    return kb_id


async def search(
    client: httpx.AsyncClient, org: Org, kb_id: str, query: str, **body: Any
) -> list[dict[str, Any]]:
    r = await client.post(
        f"/api/v1/knowledge-bases/{kb_id}/search",
        json={"query": query, **body},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    return list(r.json()["data"]["hits"])


def pdf_bytes(text: str) -> bytes:
    """A one-page PDF showing ``text`` in Helvetica, written with pypdf."""
    writer = PdfWriter()
    page = writer.add_blank_page(width=612, height=792)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    stream = DecodedStreamObject()
    stream.set_data(f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode())
    page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_bytes(*paragraphs: str) -> bytes:
    document = Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
