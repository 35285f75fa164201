"""How a model provider's failure reaches callers: 502, or 503 with ``Retry-After``.

Whatever the SDKs raise (their own errors, and what their HTTP client raises while
building or sending a request: a key no header can carry, a URL it cannot parse, a
socket error) becomes one of these in ``llm/transport.py``, never a 500.
"""

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

    @property
    def retryable(self) -> bool:
        """Worth another try later: the provider's 5xx, a network failure, a timeout."""
        return self.provider_status is None or self.provider_status >= 500


class ProviderMisconfigured(ProviderError):
    """The request could not even be sent: the provider's configuration (its key, its
    base URL) holds something HTTP cannot carry. Trying again changes nothing."""

    code = "PROVIDER_MISCONFIGURED"

    @property
    def retryable(self) -> bool:
        return False


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
