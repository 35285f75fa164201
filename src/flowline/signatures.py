"""``Flowline-Signature``: how Flowline signs what it posts and checks what is posted to it.

    Flowline-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">

Callbacks and webhook-channel sends are signed with it; the email and webhook
channels' inbound requests must carry it, made with the channel's inbound
secret. The timestamp bounds replays: a signature older (or newer) than the
tolerance is refused even when the MAC is right.

Signed with several keys at once (a callback key being rotated, during its
overlap), the header carries one ``v1=`` per key, the current key's first:
``t=<unix>,v1=<new>,v1=<old>``; a receiver accepts it when any ``v1`` is right.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Sequence

HEADER = "Flowline-Signature"
TOLERANCE_SECONDS = 300


def _mac(key: str, timestamp: int, body: bytes) -> str:
    return hmac.new(key.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def signature(key: str | Sequence[str], timestamp: int, body: bytes) -> str:
    """The header's value: ``t=`` and one ``v1=`` per key, in the order given."""
    keys = [key] if isinstance(key, str) else list(key)
    return ",".join([f"t={timestamp}", *(f"v1={_mac(k, timestamp, body)}" for k in keys)])


def sign_now(key: str | Sequence[str], body: bytes) -> str:
    return signature(key, int(time.time()), body)


def is_valid(
    key: str,
    header: str | None,
    body: bytes,
    *,
    now: float | None = None,
    tolerance_seconds: int = TOLERANCE_SECONDS,
) -> bool:
    """Whether ``header`` signs ``body`` with ``key``, within the tolerance (any ``v1``)."""
    if not header:
        return False
    timestamp: int | None = None
    macs: list[str] = []
    for part in header.split(","):
        name, _, value = part.strip().partition("=")
        if name == "t" and value.isdigit():
            timestamp = int(value)
        elif name == "v1" and value:
            macs.append(value)
    if timestamp is None or not macs:
        return False
    if abs((time.time() if now is None else now) - timestamp) > tolerance_seconds:
        return False
    expected = _mac(key, timestamp, body)
    # compare_digest refuses non-ASCII text: compare bytes.
    return any(hmac.compare_digest(expected.encode(), mac.encode()) for mac in macs)
