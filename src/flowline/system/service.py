"""Health and readiness figures of this process and its database."""

from __future__ import annotations

import os
import time
from typing import Any

import psutil
import sqlalchemy as sa

from flowline import __version__
from flowline.db import migrate
from flowline.runtime import Runtime

_process = psutil.Process(os.getpid())


def memory() -> dict[str, int]:
    info = _process.memory_info()
    return {"rss_bytes": info.rss, "vms_bytes": info.vms}


async def database_status(runtime: Runtime) -> dict[str, Any]:
    started = time.perf_counter()
    try:
        async with runtime.db.engine.connect() as conn:
            await conn.execute(sa.text("SELECT 1"))
    except Exception as exc:  # the database being down is what we report, not raise
        return {"ok": False, "dialect": runtime.db.engine.dialect.name, "error": type(exc).__name__}
    return {
        "ok": True,
        "dialect": runtime.db.engine.dialect.name,
        "latency_ms": round((time.perf_counter() - started) * 1000, 2),
    }


async def migration_status(runtime: Runtime) -> dict[str, Any]:
    try:
        current = await migrate.current_revision(runtime.db.engine)
    except Exception as exc:
        return {
            "ok": False,
            "current": None,
            "head": migrate.head_revision(),
            "error": type(exc).__name__,
        }
    head = migrate.head_revision()
    return {"ok": current == head, "current": current, "head": head}


async def health(runtime: Runtime) -> dict[str, Any]:
    database = await database_status(runtime)
    migrations = await migration_status(runtime) if database["ok"] else {"ok": False}
    report: dict[str, Any] = {
        "status": "ok" if database["ok"] and migrations["ok"] else "degraded",
        "version": __version__,
        "uptime_seconds": round(time.time() - runtime.started_at, 1),
        "database": database,
        "migrations": migrations,
        "worker": {
            "enabled": runtime.worker_enabled,
            "concurrency": runtime.settings.workers,
        },
        "memory": memory(),
    }
    for name, probe in runtime.health_probes.items():
        try:
            report[name] = await probe()
        except Exception as exc:  # a probe that cannot answer must not take /health down
            report[name] = {"ok": False, "error": type(exc).__name__}
    return report


async def ready(runtime: Runtime) -> tuple[bool, dict[str, Any]]:
    database = await database_status(runtime)
    if not database["ok"]:
        return False, {"database": database}
    migrations = await migration_status(runtime)
    return bool(migrations["ok"]), {"database": database, "migrations": migrations}
