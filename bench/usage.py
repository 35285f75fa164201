"""What budgets cost a chat turn, and how fast usage reports are over many usage rows.

Run ``python -m bench.usage`` (``--help`` for the options). On SQLite always; on
PostgreSQL too when ``--postgres-url`` or ``FLOWLINE_TEST_DATABASE_URL`` names a
server (a scratch database is made there and dropped after). Figures:

(a) ``ensure_can_spend`` with an organisation budget, credits, a user cap and an
    agent budget all set: µs per call, in a session of its own per call (as a
    turn does before each model call) and in one reused session (the statement
    alone), p50/p99;
(b) ``charge`` in a write session of its own per call, µs p50/p99;
(c) ``GET admin/usage/summary`` (the service, not HTTP) for 7d, 30d, 90d and all,
    and ``agents/{id}/usage`` for a 31-day range, over ``--rows`` usage rows
    spread across 90 days, 10 agents, 5 models and 20 users: ms, median.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from bench.engine import _drop_database, _scratch_database, _settings
from flowline.agents.schemas import AgentCreate
from flowline.agents.service import create_agent
from flowline.app import build_runtime
from flowline.auth.principal import Principal
from flowline.auth.scopes import Role
from flowline.db import migrate
from flowline.db.models import LlmUsage
from flowline.ids import new_id
from flowline.orgs.service import create_organization
from flowline.runtime import Runtime
from flowline.usage import service
from flowline.usage.schemas import BudgetUpdate, UserBudgetUpdate
from flowline.users.schemas import UserCreate
from flowline.users.service import create_user

MODELS = ("openai/gpt-4o", "openai/gpt-4o-mini", "openai/gpt-4.1", "anthropic/x", "ollama/y")


def _us(samples: list[float]) -> str:
    ordered = sorted(samples)
    p50 = ordered[len(ordered) // 2] * 1e6
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1e6
    return f"p50={p50:.0f}µs p99={p99:.0f}µs"


async def _timed(calls: int, one: Callable[[], Awaitable[Any]]) -> list[float]:
    samples = []
    for _ in range(calls):
        began = time.perf_counter()
        await one()
        samples.append(time.perf_counter() - began)
    return samples


class Bench:
    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self.principal: Principal
        self.agents: list[str] = []
        self.users: list[str] = []

    async def setup(self) -> None:
        await migrate.upgrade(self.runtime.db.engine)
        async with self.runtime.db.session(write=True) as session:
            made = await create_organization(
                session, name=f"bench-{time.time_ns()}", owner_email="bench@example.com"
            )
            self.principal = Principal(org_id=made.org.id, user_id=made.owner.id, role=Role.OWNER)
            self.users.append(made.owner.id)
            for n in range(19):
                user, _ = await create_user(
                    session,
                    self.principal,
                    UserCreate(email=f"u{n}-{time.time_ns()}@example.com", role=Role.MEMBER),
                )
                self.users.append(user.id)
            for n in range(10):
                data = AgentCreate.model_validate(
                    {"name": f"a{n}", "config": {"budget": {"monthly_limit_usd": 1e9}}}
                )
                self.agents.append((await create_agent(session, self.principal, data)).id)
            await service.update_budget(
                session,
                self.principal,
                BudgetUpdate(monthly_limit_usd=1e9, credits_usd=1e9),
                None,
            )
            cap = UserBudgetUpdate(user_id=self.principal.user_id, monthly_limit_usd=1e9)
            await service.set_user_budget(session, self.principal, cap)

    async def fill(self, rows: int, batch: int = 5000) -> float:
        rng = random.Random(7)
        now = datetime.now(UTC)
        began = time.perf_counter()
        for offset in range(0, rows, batch):
            values = [
                {
                    "id": new_id("use"),
                    "org_id": self.principal.org_id,
                    "agent_id": rng.choice(self.agents),
                    "user_id": rng.choice(self.users),
                    "model": rng.choice(MODELS),
                    "input_tokens": rng.randint(10, 5000),
                    "output_tokens": rng.randint(10, 1000),
                    "cost": rng.random() / 100,
                    "created_at": now - timedelta(seconds=rng.randint(0, 90 * 86400)),
                }
                for _ in range(min(batch, rows - offset))
            ]
            async with self.runtime.db.session(write=True) as session:
                await session.execute(sa.insert(LlmUsage), values)
        return time.perf_counter() - began

    async def check_own_session(self) -> None:
        async with self.runtime.db.session() as session:
            await service.ensure_can_spend(
                session, self.principal.org_id, self.principal.user_id, self.agents[0]
            )

    async def charge_own_session(self) -> None:
        async with self.runtime.db.session(write=True) as session:
            await service.charge(
                session,
                self.principal.org_id,
                self.principal.user_id,
                1e-6,
                agent_id=self.agents[0],
            )

    async def spend_check(self, calls: int) -> dict[str, str]:
        await _timed(50, self.check_own_session)  # warm the pool and caches
        own = await _timed(calls, self.check_own_session)
        async with self.runtime.db.session() as session:

            async def reused() -> None:
                await service.ensure_can_spend(
                    session, self.principal.org_id, self.principal.user_id, self.agents[0]
                )

            alone = await _timed(calls, reused)
        charged = await _timed(calls, self.charge_own_session)
        return {
            "ensure_can_spend, own session": _us(own),
            "ensure_can_spend, statement alone": _us(alone),
            "charge, own write session": _us(charged),
        }

    async def reports(self, repeat: int) -> dict[str, str]:
        found: dict[str, str] = {}
        yesterday = datetime.now(UTC).date() - timedelta(days=1)
        for range_ in ("7d", "30d", "90d", "all"):
            samples = []
            for _ in range(repeat):
                async with self.runtime.db.session() as session:
                    began = time.perf_counter()
                    await service.summary(session, self.principal, range_)  # type: ignore[arg-type]
                    samples.append(time.perf_counter() - began)
            found[f"summary {range_}"] = f"{statistics.median(samples) * 1000:.1f}ms"
        samples = []
        start = (yesterday - timedelta(days=30)).isoformat()
        for _ in range(repeat):
            async with self.runtime.db.session() as session:
                began = time.perf_counter()
                await service.agent_usage(session, self.principal, self.agents[0], start, None)
                samples.append(time.perf_counter() - began)
        found["agent usage 31 days"] = f"{statistics.median(samples) * 1000:.1f}ms"
        return found


async def run_one(database: str, url: str | None, args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        runtime = build_runtime(_settings(database, Path(tmp), 8, url), worker_enabled=False)
        bench = Bench(runtime)
        try:
            await bench.setup()
            print(database, "(a)(b)", await bench.spend_check(args.calls))
            filled = await bench.fill(args.rows)
            print(database, f"filled {args.rows} usage rows in {filled:.1f}s")
            print(database, "(c)", await bench.reports(args.repeat))
        finally:
            await runtime.db.dispose()


async def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--postgres-url", default=os.environ.get("FLOWLINE_TEST_DATABASE_URL"))
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"cores={os.cpu_count()} python={sys.version.split()[0]}")
    await run_one("sqlite", None, args)
    if args.postgres_url:
        name = f"bench_usage_{os.getpid()}"
        url = await _scratch_database(args.postgres_url, name)
        try:
            await run_one("postgres", url, args)
        finally:
            await _drop_database(args.postgres_url, name)


if __name__ == "__main__":
    asyncio.run(main())
