"""Knowledge bases at 10,000 chunks on SQLite: ingestion throughput and search latency.

Run ``python bench/knowledge.py`` (``--help`` for the options). In one process, on a
fresh SQLite database: documents of generated prose are added through the service and
indexed by the engine's worker (parse, split with semchunk, embed with the packaged
wordllama model, store with the FTS5 index), timed from the first add to the last
``ready``; then queries are searched in each mode and the p50/p99 latency printed.
The vector cache is warmed by one query first (its first build is reported apart).

Recall@5 on a labelled set: the help-centre articles of ``bench/data/help_centre.json``
are indexed in the same KB, among the generated documents (whose words overlap theirs),
and each of its questions is searched in each mode; a question counts when its article
is among the five hits.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

from cryptography.fernet import Fernet

from flowline.app import build_runtime
from flowline.auth.principal import Principal
from flowline.auth.scopes import Role
from flowline.config import Settings
from flowline.db import migrate
from flowline.engine.worker import Worker
from flowline.knowledge import service
from flowline.knowledge.repository import ChunkRepository, DocumentRepository
from flowline.knowledge.schemas import KnowledgeBaseCreate, PreviewBody, SearchBody
from flowline.orgs.service import create_organization

WORDS = [
    "refund",
    "invoice",
    "shipping",
    "parcel",
    "harbour",
    "crane",
    "password",
    "account",
    "billing",
    "schedule",
    "report",
    "customer",
    "order",
    "warehouse",
    "delivery",
    "contract",
    "renewal",
    "support",
    "ticket",
    "policy",
    "holiday",
    "office",
    "network",
    "server",
    "backup",
    "restore",
    "license",
    "upgrade",
    "payment",
    "card",
    "bank",
    "transfer",
    "tax",
    "receipt",
    "discount",
    "coupon",
    "return",
    "exchange",
    "warranty",
    "repair",
    "battery",
]
LABELLED = Path(__file__).parent / "data" / "help_centre.json"
QUERIES = [
    "when will I get my money back",
    "how do I reset my password",
    "parcel delivery to the warehouse",
    "renew the support contract",
    "backup and restore the server",
]


SYLLABLES = ["ka", "lo", "mi", "ten", "ra", "vu", "sel", "dor", "pi", "an", "quo", "st"]


def vocabulary(rng: random.Random, size: int = 5000) -> list[str]:
    """The topic words and ``size`` made-up words: a realistic spread for full-text ranks."""
    made = {"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(size)}
    return WORDS + sorted(made)


def prose(rng: random.Random, sentences: int, words: list[str]) -> str:
    return " ".join(
        " ".join(rng.choice(words) for _ in range(rng.randint(8, 16))).capitalize() + "."
        for _ in range(sentences)
    )


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def run(chunks: int, per_doc: int, queries: int) -> None:
    data_dir = Path(tempfile.mkdtemp(prefix="flowline-bench-kb-"))
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=data_dir,
        secret_key=Fernet.generate_key().decode(),
    )
    runtime = build_runtime(settings)
    await migrate.upgrade(runtime.db.engine)
    await runtime.bus.start()
    async with runtime.db.session(write=True) as session:
        made = await create_organization(session, name="bench", owner_email="b@example.com")
    principal = Principal(org_id=made.org.id, user_id=made.owner.id, role=Role.OWNER)
    rng = random.Random(7)
    # Documents of ``per_doc`` sentences, as many as make about ``chunks`` chunks.
    words = vocabulary(rng)
    sample = prose(rng, per_doc, words)
    per_document = len(
        (
            await service.preview(
                service.previewed(PreviewBody(text=sample, chunk_size=64, chunk_overlap=0))
            )
        ).chunks
    )
    documents = max(1, round(chunks / per_document))
    texts = [sample] + [prose(rng, per_doc, words) for _ in range(documents - 1)]
    labelled = json.loads(LABELLED.read_text())
    uploads = [
        service.Upload(f"doc{i}.txt", "text/plain", text.encode(), {"i": i})
        for i, text in enumerate(texts)
    ] + [
        service.Upload(f"{d['name']}.txt", "text/plain", d["text"].encode(), {})
        for d in labelled["documents"]
    ]
    documents = len(uploads)
    async with runtime.db.session(write=True) as session:
        kb = await service.create_kb(
            session,
            runtime,
            principal,
            KnowledgeBaseCreate(name="bench", chunk_size=64, chunk_overlap=0),
        )
        kb_id = kb.id
    worker = Worker(runtime, slots=4)
    task = asyncio.create_task(worker.run())
    started = time.perf_counter()
    async with runtime.db.session(write=True) as session:
        for upload in uploads:
            await service.add_documents(session, runtime, principal, kb_id, [upload])
    while True:
        async with runtime.db.session() as session:
            counts = await DocumentRepository(session, principal.org_id).counts(kb_id)
        if counts.get("ready", 0) + counts.get("failed", 0) == documents:
            break
        await asyncio.sleep(0.2)
    elapsed = time.perf_counter() - started
    async with runtime.db.session() as session:
        stored, tokens = await ChunkRepository(session, principal.org_id).totals(kb_id)
    worker.stop()
    await task
    failed = counts.get("failed", 0)
    print(f"documents: {documents}, chunks: {stored}, tokens: {tokens}, failed: {failed}")
    print(f"ingestion: {elapsed:.1f} s, {stored / elapsed:,.0f} chunks/s")

    async def one(mode: str, query: str) -> float:
        began = time.perf_counter()
        async with runtime.db.session() as session:
            hits = await service.search(
                session, runtime, principal, [kb_id], SearchBody(query=query, mode=mode, top_k=5)
            )
        assert hits or mode == "keyword", (mode, query)
        return (time.perf_counter() - began) * 1000

    first = await one("vector", QUERIES[0])
    print(f"first vector search (cache build): {first:.1f} ms")
    for mode in ("keyword", "vector", "hybrid"):
        times = [await one(mode, QUERIES[i % len(QUERIES)]) for i in range(queries)]
        print(
            f"search {mode:7}: p50 {statistics.median(times):6.2f} ms, "
            f"p99 {percentile(times, 0.99):6.2f} ms ({queries} queries)"
        )
    for mode in ("keyword", "vector", "hybrid"):
        found = 0
        for item in labelled["queries"]:
            async with runtime.db.session() as session:
                hits = await service.search(
                    session,
                    runtime,
                    principal,
                    [kb_id],
                    SearchBody(query=item["query"], mode=mode, top_k=5),
                )
            found += any(h.document_name == f"{item['answer']}.txt" for h in hits)
        total = len(labelled["queries"])
        print(f"recall@5 {mode:7}: {found / total:.2f} ({found} of {total} labelled questions)")
    await runtime.bus.close()
    await runtime.db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunks", type=int, default=10_000)
    parser.add_argument("--per-doc", type=int, default=150, help="Sentences a document.")
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    asyncio.run(run(args.chunks, args.per_doc, args.queries))


if __name__ == "__main__":
    main()
