"""Retrying a model call by the outbound rules (SAFETY.md), for every provider alike.

The SDKs' own retries are switched off (``max_retries=0``) so that this is the
only place deciding: 5xx and network failures back off exponentially with full
jitter, at most :data:`MAX_ATTEMPTS` attempts in all; 429 and "overloaded"
answers wait the provider's ``Retry-After`` (when it is short enough to wait
for here); any other 4xx is not retried. The last failure becomes a
:class:`ProviderUnavailable` (503, with the provider's ``Retry-After``) or a
:class:`ProviderError` (502).
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from flowline.llm.errors import ProviderError, ProviderMisconfigured, ProviderUnavailable

T = TypeVar("T")

MAX_ATTEMPTS = 3
UNAVAILABLE_STATUSES = frozenset({429, 503, 529})
"""Rate limited or overloaded: the provider is fine, just busy."""


class Failure(Exception):
    """One failed attempt, as an adapter describes its SDK's exception.

    ``status`` is the provider's HTTP status, ``None`` for a network failure or a
    timeout. ``unsendable``: the request could not be built or sent at all (see
    :class:`ProviderMisconfigured`); never retried.
    """

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        retry_after: float | None = None,
        unsendable: bool = False,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.retry_after = retry_after
        self.unsendable = unsendable

    @property
    def retryable(self) -> bool:
        if self.unsendable:
            return False
        return self.status is None or self.status >= 500 or self.status in UNAVAILABLE_STATUSES

    def as_error(self, provider: str) -> ProviderError | ProviderUnavailable:
        text = f"Model provider '{provider}': {self.message}"
        if self.unsendable:
            return ProviderMisconfigured(text)
        if self.status in UNAVAILABLE_STATUSES:
            return ProviderUnavailable(
                text, retry_after=self.retry_after, provider_status=self.status
            )
        return ProviderError(text, provider_status=self.status)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    max_attempts: int = MAX_ATTEMPTS
    initial_seconds: float = 0.5
    max_backoff_seconds: float = 8.0
    max_retry_after_seconds: float = 30.0
    """A longer ``Retry-After`` is not waited for here: the caller gets the 503."""
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep

    def wait_before(self, attempt: int, failure: Failure) -> float | None:
        """Seconds to wait before attempt ``attempt + 1``, or ``None`` to give up."""
        if attempt >= self.max_attempts or not failure.retryable:
            return None
        if failure.retry_after is not None:
            if failure.retry_after > self.max_retry_after_seconds:
                return None
            return max(0.0, failure.retry_after)
        ceiling = min(self.max_backoff_seconds, self.initial_seconds * 2 ** (attempt - 1))
        return random.uniform(0, ceiling)


DEFAULT_POLICY = RetryPolicy()


async def with_retries(
    provider: str, attempt: Callable[[], Awaitable[T]], policy: RetryPolicy = DEFAULT_POLICY
) -> T:
    """Run ``attempt`` until it succeeds or the rules say stop; it raises :class:`Failure`."""
    number = 1
    while True:
        try:
            return await attempt()
        except Failure as failure:
            wait = policy.wait_before(number, failure)
            if wait is None:
                raise failure.as_error(provider) from None
        await policy.sleep(wait)
        number += 1


def parse_retry_after(headers: dict[str, str] | None) -> float | None:
    """Seconds from ``retry-after-ms`` or ``retry-after`` (seconds; an HTTP date is
    not worth honouring for a model call and counts as absent)."""
    if not headers:
        return None
    lowered = {k.lower(): v for k, v in headers.items()}
    for name, scale in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        raw = lowered.get(name)
        if raw is None:
            continue
        try:
            value = float(raw) / scale
        except ValueError:
            continue
        if value >= 0:
            return value
    return None
