"""Retention: the steps and events of long-finished runs are pruned in small batches.

With ``FLOWLINE_RETENTION_DAYS`` set, every process's maintenance sweep removes the
steps and events of runs that finished more than that many days ago, a batch of
runs per transaction, so no lock is held for long and readers keep going between
batches. The run row stays (status, input, output, error, timestamps) with
``pruned_at`` set, so run lists, usage and audit trails keep their history; a
step an approval points at stays too, so an approval's record never loses its
step. Unset, nothing is pruned.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

import sqlalchemy as sa

from flowline.db.models.approval import Approval
from flowline.db.models.run import Run, Step
from flowline.db.models.run_event import RunEvent
from flowline.db.session import Database
from flowline.db.types import utcnow
from flowline.engine.transitions import RUN_TERMINAL

BATCH_RUNS = 200
"""Runs pruned per transaction: small enough that a write lock is held for milliseconds."""
MAX_BATCHES_PER_SWEEP = 500
"""A sweep stops after this many batches (100,000 runs) and the next one goes on."""


def _prune_batch(conn: sa.Connection, cutoff: datetime, now: datetime) -> int:
    """Prune up to ``BATCH_RUNS`` runs that finished before ``cutoff``; return how many."""
    run_ids = list(
        conn.scalars(
            sa.select(Run.id)
            .where(Run.pruned_at.is_(None), Run.finished_at < cutoff)
            .where(Run.status.in_(RUN_TERMINAL))
            .order_by(Run.finished_at)
            .limit(BATCH_RUNS)
        )
    )
    if not run_ids:
        return 0
    conn.execute(sa.delete(RunEvent).where(RunEvent.run_id.in_(run_ids)))
    kept = sa.select(Approval.step_id).where(
        Approval.run_id.in_(run_ids), Approval.step_id.is_not(None)
    )
    conn.execute(sa.delete(Step).where(Step.run_id.in_(run_ids), Step.id.not_in(kept)))
    conn.execute(sa.update(Run).where(Run.id.in_(run_ids)).values(pruned_at=now))
    return len(run_ids)


async def prune_finished_runs(
    db: Database, retention_days: int, *, now: datetime | None = None
) -> int:
    """Prune every run finished more than ``retention_days`` ago; return the number pruned."""
    now = now or utcnow()
    cutoff = now - timedelta(days=retention_days)
    total = 0
    for _ in range(MAX_BATCHES_PER_SWEEP):
        pruned = await db.transact(lambda conn: _prune_batch(conn, cutoff, now))
        total += pruned
        if pruned < BATCH_RUNS:
            break
        await asyncio.sleep(0)  # let readers and other writers in between batches
    return total
