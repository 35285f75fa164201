"""The shipped corpus (``corpus/``: Markdown, HTML, a PDF, a DOCX, a CSV, and an HTML page
fetched as a URL from a loopback server) and its labelled questions: in each search mode
the chunk that answers a question comes first, with a filter that keeps its document and
not at all with one that leaves it out. Adding the corpus again adds nothing."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from flowline.engine.worker import Worker
from tests.factories import Factory, Org
from tests.fakes.http import Answer, FakeApi, serve_fake
from tests.knowledge.builders import make_kb, search, settled

CORPUS = Path(__file__).parent / "corpus"
FILES = {
    "returns.md": "text/markdown",
    "shipping.html": "text/html",
    "warranty.pdf": "application/pdf",
    "accounts.docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "stores.csv": "text/csv",
}
PAGE = "payments.html"
MODES = ("keyword", "vector", "hybrid")


@dataclass(frozen=True, slots=True)
class Question:
    question: str
    document: str
    contains: str


QUESTIONS = [
    Question(**q) for q in json.loads((CORPUS / "questions.json").read_text())["questions"]
]


@pytest.fixture
async def site() -> AsyncIterator[FakeApi]:
    async with serve_fake() as fake:
        page = (CORPUS / PAGE).read_bytes()
        fake.answer(f"/{PAGE}", Answer(200, content=page, media_type="text/html"))
        yield fake


async def _add_corpus(client: httpx.AsyncClient, org: Org, kb_id: str, url: str) -> list[bool]:
    """Every file uploaded and the page added by URL, each with its format as metadata;
    whether each was a duplicate."""
    url_of = f"/api/v1/knowledge-bases/{kb_id}/documents"
    duplicates = []
    for name, kind in FILES.items():
        r = await client.post(
            url_of,
            files=[("files", (name, (CORPUS / name).read_bytes(), kind))],
            data={"metadata": json.dumps({"format": name.rsplit(".", 1)[1]})},
            headers=org.headers,
        )
        assert r.status_code == 202, r.text
        duplicates += [d["duplicate"] for d in r.json()["data"]]
    body = {"url": f"{url}/{PAGE}", "name": PAGE, "metadata": {"format": "url"}}
    r = await client.post(url_of, json=body, headers=org.headers)
    assert r.status_code == 202, r.text
    duplicates += [d["duplicate"] for d in r.json()["data"]]
    return duplicates


def _format(document: str) -> str:
    return "url" if document == PAGE else document.rsplit(".", 1)[1]


def _answers(hit: dict[str, Any], question: Question) -> bool:
    return hit["document_name"] == question.document and question.contains in hit["text"]


async def _misses(
    client: httpx.AsyncClient, org: Org, kb_id: str, mode: str, condition: str
) -> list[str]:
    """The questions whose answering chunk is not first (``keep``) or is found at all
    (``leave``), in ``mode``."""
    missed = []
    for q in QUESTIONS:
        op = "eq" if condition == "keep" else "ne"
        if condition == "none":
            hits = await search(client, org, kb_id, q.question, mode=mode, top_k=5)
        else:
            where = {"key": "format", "op": op, "value": _format(q.document)}
            hits = await search(client, org, kb_id, q.question, mode=mode, top_k=5, filter=where)
        if condition == "leave":
            if any(_answers(hit, q) for hit in hits):
                missed.append(q.question)
        elif not hits or not _answers(hits[0], q):
            first = hits[0]["text"][:60] if hits else None
            missed.append(f"{q.question} -> {first}")
    return missed


async def test_each_question_finds_its_chunk_first_in_every_mode_with_filters(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, site: FakeApi
) -> None:
    assert len(QUESTIONS) >= 40
    org = await factory.org()
    kb_id = await make_kb(client, org, separators=["\n"])
    assert await _add_corpus(client, org, kb_id, site.url) == [False] * 6
    docs = await settled(client, org, kb_id, 6)
    assert {d["name"]: d["status"] for d in docs} == {n: "ready" for n in [*FILES, PAGE]}, docs
    chunks = sum(d["chunk_count"] for d in docs)
    assert chunks >= len(QUESTIONS)

    for mode in MODES:
        for condition in ("none", "keep", "leave"):
            missed = await _misses(client, org, kb_id, mode, condition)
            assert missed == [], (mode, condition, missed)

    # The same corpus again: every document a duplicate, nothing fetched or indexed anew.
    assert await _add_corpus(client, org, kb_id, site.url) == [True] * 6
    again = await settled(client, org, kb_id, 6)
    assert sum(d["chunk_count"] for d in again) == chunks
    summary = await client.get(f"/api/v1/knowledge-bases/{kb_id}/summary", headers=org.headers)
    assert summary.json()["data"] == {**summary.json()["data"], "documents": 6, "chunks": chunks}
    assert len(site.seen(f"/{PAGE}")) == 1
