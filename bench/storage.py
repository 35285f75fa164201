"""Bytes a finished run costs on disk, and what retention gives back.

Run ``python -m bench.storage`` (``--help`` for the options). On each database it
runs ``--runs`` 10-node flows (``set`` nodes, as ``bench/engine.py``) to the end,
then prints the bytes per run of the runs, steps and events tables with their
indexes, before and after retention prunes them (``engine/retention.py``), and
how long pruning took. SQLite sizes come from ``dbstat``; PostgreSQL's from
``pg_total_relation_size`` after ``VACUUM``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import asyncpg
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from bench.engine import (
    PG_DEFAULT,
    Bench,
    _chain,
    _drop_database,
    _scratch_database,
    _settings,
    embedded_worker,
)
from flowline.app import build_runtime
from flowline.db.models import Run
from flowline.db.types import utcnow
from flowline.engine.retention import prune_finished_runs
from flowline.runtime import Runtime

TABLES = ("runs", "steps", "run_events")


def _sqlite_bytes(conn: sa.Connection) -> dict[str, int]:
    sizes: dict[str, int] = {}
    for table in TABLES:
        sizes[table] = int(
            conn.scalar(
                sa.text(
                    "SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name IN"
                    " (SELECT name FROM sqlite_master WHERE tbl_name = :table)"
                ),
                {"table": table},
            )
            or 0
        )
    return sizes


async def _postgres_bytes(url: str) -> dict[str, int]:
    parts = make_url(url)
    conn = await asyncpg.connect(
        host=parts.host, port=parts.port or 5432, user=parts.username, database=parts.database
    )
    try:
        await conn.execute("VACUUM")
        return {
            table: int(await conn.fetchval("SELECT pg_total_relation_size($1::regclass)", table))
            for table in TABLES
        }
    finally:
        await conn.close()


async def _sizes(runtime: Runtime) -> dict[str, int]:
    if runtime.db.is_sqlite:
        return await runtime.db.read(_sqlite_bytes)
    return await _postgres_bytes(str(runtime.settings.database_url))


def _line(label: str, sizes: dict[str, int], runs: int) -> str:
    per = {table: size / runs for table, size in sizes.items()}
    parts = ", ".join(f"{table} {value:,.0f}" for table, value in per.items())
    return f"{label}: {sum(per.values()):,.0f} bytes/run ({parts})"


async def measure(runtime: Runtime, runs: int) -> None:
    bench = Bench(runtime)
    await bench.setup()
    flow_id = await bench.flow("storage", _chain(10))
    async with embedded_worker(runtime):
        await bench.start(flow_id, runs)
        await bench.wait_all(flow_id, runs)
    print(_line("  kept  ", await _sizes(runtime), runs))
    old = utcnow() - timedelta(days=60)
    await runtime.db.transact(lambda conn: conn.execute(sa.update(Run).values(finished_at=old)))
    began = time.perf_counter()
    pruned = await prune_finished_runs(runtime.db, 30)
    seconds = time.perf_counter() - began
    print(f"  pruned {pruned:,} runs in {seconds:.2f} s ({pruned / seconds:,.0f} runs/s)")
    print(_line("  pruned", await _sizes(runtime), runs))


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--postgres-url", default=PG_DEFAULT)
    parser.add_argument("--runs", type=int, default=2000)
    args = parser.parse_args()
    databases = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    print(f"cores={os.cpu_count()} python={sys.version.split()[0]} runs={args.runs}")
    for database in databases:
        with tempfile.TemporaryDirectory() as tmp:
            name = f"bench_storage_{os.getpid()}" if database == "postgres" else None
            url = await _scratch_database(args.postgres_url, name) if name else None
            runtime = build_runtime(_settings(database, Path(tmp), 8, url), worker_enabled=False)
            print(database)
            try:
                await measure(runtime, args.runs)
            finally:
                await runtime.bus.close()
                await runtime.db.dispose()
                if name is not None:
                    await _drop_database(args.postgres_url, name)


if __name__ == "__main__":
    asyncio.run(main())
