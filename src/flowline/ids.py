"""Opaque, time-ordered identifiers with a type prefix (``flow_01J…``)."""

from __future__ import annotations

import hashlib
import os
import time

_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"  # Crockford base32, lower case


def _encode(value: int, length: int) -> str:
    chars = []
    for _ in range(length):
        value, rem = divmod(value, 32)
        chars.append(_ALPHABET[rem])
    return "".join(reversed(chars))


def new_id(prefix: str) -> str:
    """``<prefix>_`` + 26 characters: 48 bits of milliseconds, 80 random bits.

    Ids sort by creation time, which gives lists a stable, index-friendly order.
    """
    millis = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    return f"{prefix}_{_encode(millis, 10)}{_encode(rand, 16)}"


def derived_id(prefix: str, *parts: str) -> str:
    """``<prefix>_`` + 26 characters derived from ``parts`` (SHA-256): the same parts give
    the same id, so a record named by a key needs no table of keys."""
    digest = hashlib.sha256("\x00".join(parts).encode()).digest()
    return f"{prefix}_{_encode(int.from_bytes(digest[:17], 'big'), 26)}"
