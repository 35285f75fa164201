"""Memory on SQLite (or ``--database-url``): archival inserts per second, recall latency,
and a block's compare-and-set edit as the ``memory_append`` tool makes it.

Run ``python -m bench.memory`` (``--help`` for the options). In one process, on a fresh
database: one agent, ``--passages`` generated passages saved for it (one in ten
shared, the others spread over ``--people`` users), each through the service as the
``memory_insert`` tool does (embed, then one write transaction); then recall queries
timed in each mode for one person (their archive and the agent's), p50/p99; then
``--edits`` appends to one block, each a read and a conditional update.
``--database-url`` runs it on PostgreSQL (a scratch database: the run's organisation
stays in it).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from cryptography.fernet import Fernet

from flowline.app import build_runtime
from flowline.auth.principal import Principal
from flowline.auth.scopes import Role
from flowline.config import Settings
from flowline.db import migrate
from flowline.db.models import Agent, User
from flowline.ids import new_id
from flowline.memory import archive, service
from flowline.memory.schemas import BlockWrite
from flowline.memory.service import Person
from flowline.orgs.service import create_organization
from flowline.runtime import Runtime
from flowline.users.schemas import UserCreate
from flowline.users.service import create_user

TOPICS = ["tea", "coffee", "invoice", "parcel", "meeting", "holiday", "laptop", "contract"]
VERBS = ["prefers", "asked about", "is waiting for", "complained about", "ordered"]


def passage(rng: random.Random, who: str) -> str:
    return (
        f"{who} {rng.choice(VERBS)} the {rng.choice(TOPICS)} on day {rng.randint(1, 365)}; "
        f"note {rng.randint(1, 10**6)} about the {rng.choice(TOPICS)}."
    )


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def setup(url: str | None, people: int) -> tuple[Runtime, Principal, str, list[Person]]:
    """A fresh database with one organisation, one agent and ``people`` users."""
    data_dir = Path(tempfile.mkdtemp(prefix="flowline-bench-memory-"))
    extra = {"database_url": url} if url else {}
    settings = Settings(
        _env_file=None,
        data_dir=data_dir,
        secret_key=Fernet.generate_key().decode(),
        **extra,
    )
    runtime = build_runtime(settings)
    await migrate.upgrade(runtime.db.engine)
    async with runtime.db.session(write=True) as session:
        name = f"bench-memory-{uuid.uuid4().hex[:8]}"  # a database may be used again
        made = await create_organization(session, name=name, owner_email=f"{name}@example.com")
        principal = Principal(org_id=made.org.id, user_id=made.owner.id, role=Role.OWNER)
        agent = Agent(id=new_id("agt"), org_id=made.org.id, name="bench", config={})
        session.add(agent)
        persons = []
        for i in range(people):
            body = UserCreate(email=f"p{i}-{name}@example.com", password="correct horse battery")
            user, _ = await create_user(session, principal, body)
            assert isinstance(user, User)
            persons.append(Person("user", user.id))
    return runtime, principal, agent.id, persons


async def inserts(
    runtime: Runtime, org_id: str, agent_id: str, persons: list[Person], passages: int
) -> None:
    rng = random.Random(7)
    await archive.embed("warm the model")
    began, cpu = time.perf_counter(), time.process_time()
    for i in range(passages):
        person = None if i % 10 == 0 else persons[i % len(persons)]
        embedded = await archive.embed(passage(rng, f"Person {i % len(persons)}"))
        async with runtime.db.session(write=True) as session:
            await archive.insert(session, org_id, agent_id, person, embedded, {})
    spent, cpu = time.perf_counter() - began, time.process_time() - cpu
    print(
        f"archival inserts: {passages} in {spent:.1f} s = {passages / spent:.0f}/s, "
        f"CPU {cpu * 1000 / passages:.2f} ms each (all threads); load {os.getloadavg()[0]:.2f}"
    )


async def recalls(
    runtime: Runtime, org_id: str, agent_id: str, person: Person, queries: int
) -> None:
    for mode in ("hybrid", "keyword", "vector"):
        timings, cpu = [], []
        for q in range(queries):
            query = f"what does this person think of the {TOPICS[q % len(TOPICS)]}"
            start, began = time.perf_counter(), time.process_time()
            async with runtime.db.session() as session:
                await archive.recall(session, org_id, agent_id, person, query, mode=mode)
            timings.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - began) * 1000)
        print(
            f"recall {mode:7s}: p50 {statistics.median(timings):6.2f} ms  "
            f"p99 {percentile(timings, 0.99):6.2f} ms  ({queries} queries; "
            f"CPU p50 {statistics.median(cpu):.2f} ms; load {os.getloadavg()[0]:.2f})"
        )


async def appends(
    runtime: Runtime, principal: Principal, agent_id: str, person: Person, edits: int
) -> None:
    """``edits`` appends to one person's ``human`` block, as ``memory_append`` makes them."""
    async with runtime.db.session(write=True) as session:
        body = BlockWrite(value="", limit=100_000)
        await service.put_block(session, principal, agent_id, "human", person, body, None)
    timings = []
    for i in range(edits):
        start = time.perf_counter()
        async with runtime.db.session(write=True) as session:
            await service.edit_block(
                session, principal.org_id, agent_id, person, "human",
                lambda v, i=i: f"{v}\nfact {i}", "bench",
            )  # fmt: skip
        timings.append((time.perf_counter() - start) * 1000)
    print(
        f"block append (compare-and-set): p50 {statistics.median(timings):.2f} ms  "
        f"p99 {percentile(timings, 0.99):.2f} ms  ({edits} edits)"
    )


async def run(url: str | None, passages: int, people: int, queries: int, edits: int) -> None:
    runtime, principal, agent_id, persons = await setup(url, people)
    await inserts(runtime, principal.org_id, agent_id, persons, passages)
    await recalls(runtime, principal.org_id, agent_id, persons[1], queries)
    await appends(runtime, principal, agent_id, persons[0], edits)
    await runtime.db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None, help="default: SQLite in a temp dir")
    parser.add_argument("--passages", type=int, default=2000)
    parser.add_argument("--people", type=int, default=10)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--edits", type=int, default=300)
    args = parser.parse_args()
    asyncio.run(run(args.database_url, args.passages, args.people, args.queries, args.edits))


if __name__ == "__main__":
    main()
