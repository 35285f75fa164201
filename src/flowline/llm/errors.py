"""How a model provider's failure reaches callers: 502, or 503 with ``Retry-After``."""

from __future__ import annotations

import math

from flowline.errors import FlowlineError


class ProviderError(FlowlineError):
    """The provider failed or refused the call (its 4xx/5xx, the network)."""

    status = 502
    code = "PROVIDER_ERROR"

    def __init__(self, message: str, *, provider_status: int | None = None) -> None:
        super().__init__(message)
        self.provider_status = provider_status


class ProviderUnavailable(FlowlineError):
    """The provider is overloaded or rate-limiting us; try again after ``retry_after``."""

    status = 503
    code = "PROVIDER_UNAVAILABLE"

    def __init__(
        self,
        message: str,
        *,
        retry_after: float | None = None,
        provider_status: int | None = None,
    ) -> None:
        headers = None
        if retry_after is not None:
            headers = {"Retry-After": str(max(1, math.ceil(retry_after)))}
        super().__init__(message, headers=headers)
        self.retry_after = retry_after
        self.provider_status = provider_status
