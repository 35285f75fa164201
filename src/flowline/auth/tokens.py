"""API key format, session tokens and password hashing.

An API key is ``flk_`` + 32 base62 characters of randomness (about 190 bits)
+ 6 base62 characters of CRC-32 checksum over the random part. The prefix makes
leaked keys easy for secret scanners to find; the checksum lets us refuse a
mistyped or forged key without touching the database. Keys and session tokens
are stored only as SHA-256 hashes: they carry enough entropy that a slow hash
adds nothing but latency. Passwords, which people choose, use Argon2id.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import secrets
import string
import zlib

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

KEY_PREFIX = "flk_"
_ALPHABET = string.digits + string.ascii_letters
_RANDOM_LEN = 32
_CHECK_LEN = 6
KEY_LENGTH = len(KEY_PREFIX) + _RANDOM_LEN + _CHECK_LEN

_hasher = PasswordHasher()


def _base62(value: int, length: int) -> str:
    chars = []
    for _ in range(length):
        value, rem = divmod(value, 62)
        chars.append(_ALPHABET[rem])
    return "".join(reversed(chars))


def _checksum(body: str) -> str:
    return _base62(zlib.crc32(body.encode()), _CHECK_LEN)


def new_api_key() -> str:
    body = "".join(secrets.choice(_ALPHABET) for _ in range(_RANDOM_LEN))
    return KEY_PREFIX + body + _checksum(body)


def is_well_formed_key(key: str) -> bool:
    """Prefix, length, alphabet and checksum all right: worth a database look-up."""
    if len(key) != KEY_LENGTH or not key.startswith(KEY_PREFIX):
        return False
    body = key[len(KEY_PREFIX) : len(KEY_PREFIX) + _RANDOM_LEN]
    check = key[len(KEY_PREFIX) + _RANDOM_LEN :]
    # The checksum too: compare_digest raises on non-ASCII text, and headers
    # arrive decoded as Latin-1, so any byte can get here.
    if any(c not in _ALPHABET for c in key[len(KEY_PREFIX) :]):
        return False
    return hmac.compare_digest(check, _checksum(body))


def display_prefix(key: str) -> str:
    """What lists show of a key: enough to recognise it, far too little to use."""
    return key[: len(KEY_PREFIX) + 6]


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


def new_password() -> str:
    return secrets.token_urlsafe(18)


def set_password_cost(*, time_cost: int, memory_kib: int) -> None:
    """Change the Argon2 cost of new hashes (the test suite lowers it; checks read
    the cost from each hash, so existing hashes keep working)."""
    global _hasher
    _hasher = PasswordHasher(time_cost=time_cost, memory_cost=memory_kib, parallelism=1)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@functools.cache
def _dummy_hash() -> str:
    """A hash made with the hasher's own parameters, on first need: every process
    (each CLI command, each worker) would otherwise pay a full Argon2 hash at import."""
    return _hasher.hash("flowline-timing-equaliser")


def burn_password_check(password: str) -> None:
    """Spend the time of a real check, so unknown emails don't answer faster."""
    verify_password(_dummy_hash(), password)
