"""Periodic clean-up every process runs: expired KV keys, sessions, idempotency records,
and, with ``FLOWLINE_RETENTION_DAYS`` set, long-finished runs' steps and events."""

from __future__ import annotations

import asyncio

import structlog

from flowline.api.idempotency import purge_expired
from flowline.auth.repository import CredentialRepository
from flowline.db.types import utcnow
from flowline.engine.retention import prune_finished_runs
from flowline.kv.repository import purge_expired_kv
from flowline.runtime import Runtime

log = structlog.get_logger("flowline.maintenance")
INTERVAL_SECONDS = 60.0


async def sweep(runtime: Runtime) -> dict[str, int]:
    now = utcnow()
    async with runtime.db.session(write=True) as session:
        kv = await purge_expired_kv(session, now)
        sessions = await CredentialRepository(session).delete_expired_sessions(now)
        idempotency = await purge_expired(session, now)
    removed = {"kv": kv, "sessions": sessions, "idempotency": idempotency}
    days = runtime.settings.retention_days
    if days is not None:
        removed["pruned_runs"] = await prune_finished_runs(runtime.db, days, now=now)
    return removed


async def run_maintenance(runtime: Runtime) -> None:
    while True:
        await asyncio.sleep(INTERVAL_SECONDS)
        try:
            removed = await sweep(runtime)
        except Exception as exc:  # a failed sweep is retried next round
            log.warning("maintenance_failed", error_type=type(exc).__name__)
            continue
        if any(removed.values()):
            log.info("maintenance", **removed)
