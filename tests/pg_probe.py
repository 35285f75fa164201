"""Exit 0 when the PostgreSQL server at the given URL answers (used by `make test`)."""

from __future__ import annotations

import asyncio
import sys

import asyncpg


async def _probe(url: str) -> bool:
    try:
        conn = await asyncpg.connect(url, timeout=3)
    except (TimeoutError, OSError, asyncpg.PostgresError):
        return False
    await conn.close()
    return True


if __name__ == "__main__":
    sys.exit(0 if asyncio.run(_probe(sys.argv[1])) else 1)
