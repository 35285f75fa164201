"""HS256 JSON Web Tokens, enough of RFC 7519 for the simulator to mint and check them."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from typing import Any

import orjson

DEFAULT_SECRET = "capi-sim-secret"  # noqa: S105  (a local simulator's published default)


class TokenRejected(Exception):
    """Why a presented token does not authenticate (said to the caller, never the token)."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _sign(secret: str, signing_input: str) -> str:
    return _b64(hmac.new(secret.encode(), signing_input.encode(), hashlib.sha256).digest())


def mint(
    secret: str = DEFAULT_SECRET,
    *,
    subject: str = "usr-0001",
    extension: str = "1001",
    ttl_seconds: int = 30 * 86400,
) -> str:
    """A token for ``subject`` (whose own extension is ``extension``), as Manage tokens would."""
    now = int(time.time())
    header = _b64(orjson.dumps({"alg": "HS256", "typ": "JWT"}))
    claims = {"sub": subject, "ext": extension, "iat": now, "exp": now + ttl_seconds}
    payload = _b64(orjson.dumps(claims))
    return f"{header}.{payload}.{_sign(secret, f'{header}.{payload}')}"


def verify(token: str, secret: str) -> dict[str, Any]:
    """The token's claims; ``TokenRejected`` when it is malformed, forged or expired."""
    parts = token.split(".")
    if len(parts) != 3:
        raise TokenRejected("the token is not a JWT")
    header_part, payload_part, signature = parts
    try:
        header = orjson.loads(_unb64(header_part))
        claims = orjson.loads(_unb64(payload_part))
    except (ValueError, orjson.JSONDecodeError):
        raise TokenRejected("the token is not a JWT") from None
    if not isinstance(header, dict) or header.get("alg") != "HS256":
        raise TokenRejected("only HS256 tokens are accepted")
    if not hmac.compare_digest(_sign(secret, f"{header_part}.{payload_part}"), signature):
        raise TokenRejected("the token's signature does not match")
    if not isinstance(claims, dict):
        raise TokenRejected("the token's claims are not an object")
    expires = claims.get("exp")
    if isinstance(expires, int | float) and expires < time.time():
        raise TokenRejected("the token has expired")
    return claims
