"""When the client tries a request again, and how long it waits first (SAFETY.md).

Network errors, time-outs and ``5xx`` are tried again with exponential backoff
and full jitter; ``429`` waits exactly what ``Retry-After`` says; any other
``4xx`` is final. A write (``POST``, ``PUT``, ``PATCH``, ``DELETE``) is tried
again only when it carries an ``Idempotency-Key``, or when it provably never
left (the connection was never made): otherwise a second copy could apply twice.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
MAX_ATTEMPTS = 5


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    attempts: int = 3
    """Attempts in all (1 to ``MAX_ATTEMPTS``)."""
    initial_seconds: float = 0.5
    max_seconds: float = 10.0
    max_retry_after_seconds: float = 60.0
    """A ``Retry-After`` longer than this is not waited for: the ``429`` is the answer."""

    def __post_init__(self) -> None:
        if not 1 <= self.attempts <= MAX_ATTEMPTS:
            raise ValueError(f"attempts must be 1 to {MAX_ATTEMPTS}")

    def backoff(self, retry: int) -> float:
        """Full jitter: uniform in ``[0, min(max, initial · 2^(retry-1))]``."""
        ceiling = min(self.max_seconds, self.initial_seconds * 2 ** (retry - 1))
        return random.uniform(0, ceiling)


@dataclass(slots=True)
class Attempt:
    """One try of a request, as shown in the step's output (``attempts``)."""

    number: int
    waited_seconds: float
    """Time slept before this attempt (backoff or ``Retry-After``)."""
    duration_ms: float = 0.0
    status: int | None = None
    error: str | None = None
    """``TIMEOUT``, ``CONNECT_ERROR``, ``NETWORK_ERROR`` when there was no answer."""
    redirects: int = 0

    def as_dict(self) -> dict[str, Any]:
        made: dict[str, Any] = {
            "attempt": self.number,
            "status": self.status,
            "waited_seconds": round(self.waited_seconds, 3),
            "duration_ms": round(self.duration_ms, 1),
        }
        if self.error is not None:
            made["error"] = self.error
        if self.redirects:
            made["redirects"] = self.redirects
        return made


def retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP-date)."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def may_repeat(method: str, has_key: bool) -> bool:
    """Whether a request that may have reached the server can be sent again."""
    return method.upper() not in WRITES or has_key


def retryable_status(status: int) -> bool:
    return status >= 500 or status == 429
