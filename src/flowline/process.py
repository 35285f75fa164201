"""What one process is built from: its runtime, with the task handlers it serves.

The API server (``app.create_app``), the embedded worker and a bare ``flowline
worker`` all build their runtime here, so that every one of them handles the
same task kinds, registered explicitly, whatever else the process imports: the
kinds the executor does not run itself (an agent turn, a callback's delivery,
the channels' sends and routing, a knowledge document's indexing).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flowline.agents.callbacks import deliver as deliver_callback
from flowline.agents.resume import take_turn
from flowline.batches import tasks as batch_tasks
from flowline.channels import tasks as channel_tasks
from flowline.config import Settings
from flowline.db.session import Database
from flowline.emails import scheduled as scheduled_emails
from flowline.engine import queue
from flowline.engine.live import BatchHandler, Handler
from flowline.events.bus import bus_for
from flowline.knowledge import tasks as knowledge_tasks
from flowline.ratelimit import RateLimiter
from flowline.runtime import Runtime
from flowline.secrets.crypto import SecretBox, load_keys


def task_handlers() -> Mapping[str, Handler]:
    """Every task kind handled outside the executor, by kind."""
    return {
        "turn": take_turn,
        "callback": deliver_callback,
        **channel_tasks.HANDLERS,
        **knowledge_tasks.HANDLERS,
        **batch_tasks.HANDLERS,
        **scheduled_emails.HANDLERS,
    }


def task_batch_handlers() -> Mapping[str, BatchHandler]:
    """The kinds of those whose tasks claimed together run together, by kind."""
    return {**channel_tasks.BATCH_HANDLERS}


def build_runtime(settings: Settings, *, worker_enabled: bool = True) -> Runtime:
    """The runtime of a process: database, keys, bus, and the task handlers."""
    keys = load_keys(settings.secret_key, settings.data_dir, create=settings.is_sqlite)
    db = Database(settings.resolved_database_url)
    runtime = Runtime(
        settings=settings,
        db=db,
        secret_box=SecretBox(keys),
        rate_limiter=RateLimiter(settings.rate_limit_per_minute),
        worker_enabled=worker_enabled,
        bus=bus_for(db),
        handlers=dict(task_handlers()),
        batch_handlers=dict(task_batch_handlers()),
    )

    async def queue_depth() -> dict[str, Any]:
        async with db.session() as session:
            return await queue.depth(session)

    runtime.health_probes["queue"] = queue_depth
    return runtime
