"""``Idempotency-Key`` on chat: a repeat is answered from the turn the key started.

A chat's first answer may be a stream, or come long after the request (a turn
that waits for an approval), so no answer is kept: the key's record holds the
run it started (``idempotency_records.run_id``), claimed in the turn's first
transaction, so a key never starts two turns. A repeat within the key's day:

- of a turn that failed, was cancelled or is gone: runs again, as a retry after
  a ``5xx`` does on every other route;
- streaming: the turn's stored events from the first, live until it ends (what
  ``Last-Event-ID: 0`` on ``GET /runs/{id}/events`` gives);
- with ``callback_url``: the same ``202``; the answer is POSTed once;
- sync: the first answer once the turn has succeeded, ``409`` while it runs or
  waits for people.

The same key with another request is ``422``, as everywhere.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from flowline.api.idempotency import Claim, in_progress, reused
from flowline.db.models import IdempotencyRecord, Run

_OF_CALLER = (
    IdempotencyRecord.caller == sa.bindparam("p_caller"),
    IdempotencyRecord.key == sa.bindparam("p_key"),
)
FIND = (
    sa.select(
        IdempotencyRecord.id,
        IdempotencyRecord.request_hash,
        IdempotencyRecord.expires_at,
        IdempotencyRecord.run_id,
        Run.status,
        Run.output,
        Run.conversation_id,
    )
    .outerjoin(
        Run, sa.and_(Run.id == IdempotencyRecord.run_id, Run.org_id == sa.bindparam("p_org"))
    )
    .where(*_OF_CALLER)
)
DELETE = sa.delete(IdempotencyRecord).where(IdempotencyRecord.id == sa.bindparam("p_id"))
INSERT = sa.insert(IdempotencyRecord)
RUNS_AGAIN = frozenset({"failed", "cancelled"})


class Repeat(Exception):
    """The request repeats an earlier one: answer from its turn."""

    def __init__(self, run_id: str, status: str, output: Any, thread_id: str | None) -> None:
        super().__init__(run_id)
        self.run_id, self.status, self.output, self.thread_id = run_id, status, output, thread_id


def claim_turn(conn: sa.Connection, claim: Claim, org_id: str, run_id: str, now: datetime) -> None:
    """Take ``claim`` for the turn ``run_id`` in the caller's transaction, or raise
    :class:`Repeat` (an earlier turn answers), or refuse a key used for another request."""
    which = {"p_caller": claim.caller, "p_key": claim.key}
    earlier = conn.execute(FIND, {**which, "p_org": org_id}).first()
    if earlier is not None:
        if earlier.expires_at > now:
            refusal = reused(claim, earlier.request_hash)
            if refusal is not None:
                raise refusal
            if earlier.status is not None and earlier.status not in RUNS_AGAIN:
                raise Repeat(
                    earlier.run_id, earlier.status, earlier.output, earlier.conversation_id
                )
        conn.execute(DELETE, {"p_id": earlier.id})
    row = {
        "caller": claim.caller,
        "key": claim.key,
        "request_hash": claim.request_hash,
        "run_id": run_id,
        "created_at": now,
        "expires_at": now + claim.ttl,
    }
    try:
        conn.execute(INSERT, row)
    except IntegrityError:  # the same key, at the same moment (PostgreSQL)
        raise in_progress() from None
