"""What one Flowline process holds while it runs: settings, database, keys."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from flowline.auth.last_used import LastUsedRecorder
from flowline.config import Settings
from flowline.db.session import Database
from flowline.engine.live import BatchHandler, Handler, LiveRuns
from flowline.events.bus import Bus, LocalBus
from flowline.outbound.client import OutboundClient
from flowline.ratelimit import RateLimiter
from flowline.secrets.crypto import SecretBox


@dataclass
class Runtime:
    settings: Settings
    db: Database
    secret_box: SecretBox
    rate_limiter: RateLimiter
    worker_enabled: bool = True
    bus: Bus = field(default_factory=LocalBus)
    """Notifications between the parts of Flowline; started and closed by the app."""
    started_at: float = field(default_factory=time.time)
    health_probes: dict[str, Callable[[], Awaitable[dict[str, Any]]]] = field(default_factory=dict)
    """Extra sections of ``GET /health`` (the engine adds ``queue``), by name."""
    handlers: dict[str, Handler] = field(default_factory=dict)
    """Task kinds run outside the executor (a turn, a callback…), by kind: registered
    where the runtime is built (``process.build_runtime``)."""
    batch_handlers: dict[str, BatchHandler] = field(default_factory=dict)
    """Of those, the kinds whose tasks a claim took together are run together, by kind."""
    last_used: LastUsedRecorder = field(init=False)
    outbound: OutboundClient = field(init=False)
    """The one HTTP client for calls to other systems; closed with the app."""
    live: LiveRuns = field(init=False)
    """The agent turns this process drives, their leases and tasks."""

    def __post_init__(self) -> None:
        self.last_used = LastUsedRecorder(self.db)
        self.outbound = OutboundClient(self.settings.contact, allow_hosts=self.settings.allow_hosts)
        self.live = LiveRuns(self.db, self.settings.lease_seconds)
