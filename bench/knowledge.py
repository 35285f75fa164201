"""Knowledge bases at 10,000 and 100,000 chunks: ingestion, search latency, memory, recall.

Run ``python bench/knowledge.py`` (``--help`` for the options): SQLite in a temp
dir, and with ``--database-url postgresql://…`` (a scratch database: the run's
organisation stays in it) PostgreSQL as well, one after the other. For each database,
in one process: documents of generated prose are added through the service and
indexed by the engine's worker (parse, split with semchunk, embed with the packaged
wordllama model, store with the full-text index), timed from the first add to the
last ``ready``, until the KB holds the first size of ``--sizes``; queries are then
searched in each mode (p50/p99), with the CPU time of each part of a hybrid search
(the full-text statement, the vector scan, the hits' rows); then more documents
are added up to the next size, and so on. The vector cache is built by one query
first: its time and the growth of the process's resident memory are printed apart.

Recall@5 on a labelled set: the help-centre articles of ``bench/data/help_centre.json``
are indexed in the same KB, among the generated documents (whose words overlap theirs),
and each of its questions is searched in each mode; a question counts when its article
is among the five hits.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import json
import os
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet

from flowline.app import build_runtime
from flowline.auth.principal import Principal
from flowline.auth.scopes import Role
from flowline.config import Settings
from flowline.db import migrate
from flowline.engine.worker import Worker
from flowline.knowledge import repository, search, service
from flowline.knowledge.repository import ChunkRepository, DocumentRepository
from flowline.knowledge.schemas import KnowledgeBaseCreate, PreviewBody, SearchBody, SearchHit
from flowline.orgs.service import create_organization
from flowline.runtime import Runtime

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
FUNCTION_WORDS = [
    "the", "a", "to", "of", "and", "is", "in", "it", "you", "my", "for", "on", "with", "do",
    "i", "where", "what", "how", "can", "when", "your", "not", "be", "this", "that", "have",
    "was", "at", "or", "by", "from", "me", "after", "get", "will", "are", "does", "an", "if",
]  # fmt: skip
"""Common English words, stop words to PostgreSQL's ``english`` configuration (not to
FTS5): ``--function-words`` mixes them into the generated prose, as real text has them."""


def vocabulary(rng: random.Random, size: int = 5000) -> list[str]:
    """The topic words and ``size`` made-up words: a realistic spread for full-text ranks."""
    made = {"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(size)}
    return WORDS + sorted(made)


def prose(rng: random.Random, sentences: int, words: list[str], function: float = 0.0) -> str:
    """Sentences of ``words``, each word one of ``FUNCTION_WORDS`` with chance ``function``."""

    def word() -> str:
        return (
            rng.choice(FUNCTION_WORDS)
            if function and rng.random() < function
            else rng.choice(words)
        )

    return " ".join(
        " ".join(word() for _ in range(rng.randint(8, 16))).capitalize() + "."
        for _ in range(sentences)
    )


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def rss_mb() -> float:
    """The process's resident memory now (Linux), in MB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class Bench:
    """One database: its runtime, organisation, KB and the generated documents' words."""

    def __init__(
        self, runtime: Runtime, principal: Principal, kb_id: str, per_doc: int, function: float
    ) -> None:
        self.runtime, self.principal, self.kb_id, self.per_doc = runtime, principal, kb_id, per_doc
        self.function = function
        self.rng = random.Random(7)
        self.words = vocabulary(self.rng)
        self.added = 0

    async def ingest(self, uploads: list[service.Upload]) -> None:
        """Add ``uploads`` one by one and wait for the worker to index them all."""
        runtime, principal = self.runtime, self.principal
        async with runtime.db.session() as session:
            before = await ChunkRepository(session, principal.org_id).totals(self.kb_id)
        worker = Worker(runtime, slots=4)
        task = asyncio.create_task(worker.run())
        started, cpu = time.perf_counter(), time.process_time()
        async with runtime.db.session(write=True) as session:
            for upload in uploads:
                await service.add_documents(session, runtime, principal, self.kb_id, [upload])
        self.added += len(uploads)
        while True:
            async with runtime.db.session() as session:
                counts = await DocumentRepository(session, principal.org_id).counts(self.kb_id)
            if counts.get("ready", 0) + counts.get("failed", 0) == self.added:
                break
            await asyncio.sleep(0.2)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        worker.stop()
        await task
        async with runtime.db.session() as session:
            stored, tokens = await ChunkRepository(session, principal.org_id).totals(self.kb_id)
        made = stored - before[0]
        print(
            f"ingestion: {len(uploads)} documents, {made} chunks ({tokens - before[1]} tokens) "
            f"in {elapsed:.1f} s = {made / elapsed:,.0f} chunks/s, "
            f"CPU {cpu * 1000 / max(made, 1):.3f} ms a chunk (all threads); "
            f"failed so far: {counts.get('failed', 0)}; load {os.getloadavg()[0]:.2f}"
        )

    async def grow(self, chunks: int) -> None:
        """Add generated documents until the KB holds about ``chunks`` chunks."""
        async with self.runtime.db.session() as session:
            stored, _ = await ChunkRepository(session, self.principal.org_id).totals(self.kb_id)
        sample = prose(self.rng, self.per_doc, self.words, self.function)
        body = PreviewBody(text=sample, chunk_size=64, chunk_overlap=0)
        per_document = len((await service.preview(service.previewed(body))).chunks)
        count = max(1, round((chunks - stored) / per_document))
        texts = [sample] + [
            prose(self.rng, self.per_doc, self.words, self.function) for _ in range(count - 1)
        ]
        n = self.added
        await self.ingest(
            [
                service.Upload(f"doc{n + i}.txt", "text/plain", text.encode(), {"i": n + i})
                for i, text in enumerate(texts)
            ]
        )

    async def hits(self, mode: str, query: str) -> list[SearchHit]:
        async with self.runtime.db.session() as session:
            return await service.search(
                session,
                self.runtime,
                self.principal,
                [self.kb_id],
                SearchBody(query=query, mode=mode, top_k=5),
            )

    async def one(self, mode: str, query: str) -> float:
        began = time.perf_counter()
        hits = await self.hits(mode, query)
        assert hits or mode == "keyword", (mode, query)
        return (time.perf_counter() - began) * 1000

    async def latency(self, queries: int) -> None:
        rss = rss_mb()
        first = await self.one("vector", QUERIES[0])
        print(
            f"first vector search (cache build): {first:.1f} ms; "
            f"resident memory +{rss_mb() - rss:.1f} MB for the KB's vectors"
        )
        for mode in ("keyword", "vector", "hybrid"):
            times = [await self.one(mode, QUERIES[i % len(QUERIES)]) for i in range(queries)]
            print(
                f"search {mode:7}: p50 {statistics.median(times):6.2f} ms, "
                f"p99 {percentile(times, 0.99):6.2f} ms ({queries} queries; "
                f"load {os.getloadavg()[0]:.2f})"
            )
        await self.parts(queries)

    async def parts(self, queries: int) -> None:
        """CPU time of the parts of a hybrid search (p50), each timed where it runs."""
        spent: dict[str, list[float]] = collections.defaultdict(list)
        with timed(spent):
            for i in range(queries):
                began = time.process_time()
                await self.one("hybrid", QUERIES[i % len(QUERIES)])
                spent["hybrid search, whole"].append((time.process_time() - began) * 1000)
        print(
            "  CPU p50: "
            + ", ".join(f"{name} {statistics.median(v):.2f} ms" for name, v in spent.items())
        )

    async def recall(self, labelled: dict[str, Any]) -> None:
        for mode in ("keyword", "vector", "hybrid"):
            found = 0
            for item in labelled["queries"]:
                hits = await self.hits(mode, item["query"])
                found += any(h.document_name == f"{item['answer']}.txt" for h in hits)
            total = len(labelled["queries"])
            print(f"recall@5 {mode:7}: {found / total:.2f} ({found} of {total} labelled questions)")


@contextlib.contextmanager
def timed(spent: dict[str, list[float]]) -> Iterator[None]:
    """Wrap the parts of a search with CPU timers for a while."""
    chunks = repository.ChunkRepository
    saved = (chunks.keyword, chunks.hits, search._vector_ranking)

    def async_part(name: str, fn: Any) -> Any:
        async def part(*args: Any, **kwargs: Any) -> Any:
            began = time.process_time()
            try:
                return await fn(*args, **kwargs)
            finally:
                spent[name].append((time.process_time() - began) * 1000)

        return part

    def vector_part(*args: Any, **kwargs: Any) -> Any:
        began = time.process_time()
        try:
            return saved[2](*args, **kwargs)
        finally:
            spent["vector scan"].append((time.process_time() - began) * 1000)

    chunks.keyword = async_part("full-text statement", saved[0])  # type: ignore[method-assign]
    chunks.hits = async_part("hits' rows", saved[1])  # type: ignore[method-assign]
    search._vector_ranking = vector_part
    try:
        yield
    finally:
        chunks.keyword, chunks.hits, search._vector_ranking = saved  # type: ignore[method-assign]


async def run(
    url: str | None, sizes: list[int], per_doc: int, queries: int, function: float
) -> None:
    data_dir = Path(tempfile.mkdtemp(prefix="flowline-bench-kb-"))
    extra = {"database_url": url} if url else {}
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=data_dir,
        secret_key=Fernet.generate_key().decode(),
        **extra,
    )
    runtime = build_runtime(settings)
    await migrate.upgrade(runtime.db.engine)
    await runtime.bus.start()
    name = f"bench-kb-{uuid.uuid4().hex[:8]}"  # a PostgreSQL database may be used again
    async with runtime.db.session(write=True) as session:
        made = await create_organization(session, name=name, owner_email=f"{name}@example.com")
        principal = Principal(org_id=made.org.id, user_id=made.owner.id, role=Role.OWNER)
        body = KnowledgeBaseCreate(name="bench", chunk_size=64, chunk_overlap=0)
        kb = await service.create_kb(session, runtime, principal, body)
    print(f"== {runtime.db.engine.dialect.name}")
    bench = Bench(runtime, principal, kb.id, per_doc, function)
    labelled = json.loads(LABELLED.read_text())
    await bench.ingest(
        [
            service.Upload(f"{d['name']}.txt", "text/plain", d["text"].encode(), {})
            for d in labelled["documents"]
        ]
    )
    for size in sizes:
        await bench.grow(size)
        print(f"-- {size:,} chunks")
        await bench.latency(queries)
        await bench.recall(labelled)
    await runtime.bus.close()
    await runtime.db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="10000,100000", help="KB sizes in chunks, comma-separated"
    )
    parser.add_argument("--per-doc", type=int, default=150, help="Sentences a document.")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument(
        "--function-words",
        type=float,
        default=0.0,
        help="Share of the generated words that are common English words (stop words to "
        "PostgreSQL): 0 by default, as the figures in docs/knowledge.md; 0.4 is about real text.",
    )
    parser.add_argument("--database-url", default=None, help="PostgreSQL too, after SQLite")
    parser.add_argument("--skip-sqlite", action="store_true")
    args = parser.parse_args()
    sizes = [int(n) for n in args.sizes.split(",")]
    if not args.skip_sqlite:
        asyncio.run(run(None, sizes, args.per_doc, args.queries, args.function_words))
    if args.database_url:
        asyncio.run(run(args.database_url, sizes, args.per_doc, args.queries, args.function_words))


if __name__ == "__main__":
    main()
