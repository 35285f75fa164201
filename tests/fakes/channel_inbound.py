"""Inbound requests as each provider signs them, for tests of verification and of the route.

Each builder signs the way the provider documents, written here from the
documentation rather than borrowed from the code under test, so a mistake in
either shows up as a refusal.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
import urllib.parse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson

from flowline.channels.providers.base import InboundRequest


@dataclass
class Signed:
    method: str
    headers: dict[str, str]
    body: bytes = b""
    query: dict[str, str] = field(default_factory=dict)

    def request(self, url: str) -> InboundRequest:
        full = url + ("?" + urllib.parse.urlencode(self.query) if self.query else "")
        return InboundRequest(
            method=self.method,
            url=full,
            headers={k.lower(): v for k, v in self.headers.items()},
            query=dict(self.query),
            body=self.body,
        )


def whatsapp(app_secret: str, payload: Any) -> Signed:
    body = orjson.dumps(payload)
    mac = hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()
    return Signed(
        "POST",
        {"Content-Type": "application/json", "X-Hub-Signature-256": f"sha256={mac}"},
        body,
    )


def whatsapp_verification(verify_token: str, challenge: str = "1158201444") -> Signed:
    query = {"hub.mode": "subscribe", "hub.verify_token": verify_token, "hub.challenge": challenge}
    return Signed("GET", {}, b"", query)


def twilio(auth_token: str, url: str, params: Sequence[tuple[str, str]]) -> Signed:
    """Twilio's scheme: the full URL, then each POST parameter sorted by name, name + value."""
    data = url
    for name, value in sorted(params):
        data += name + value
    mac = hmac.new(auth_token.encode(), data.encode(), hashlib.sha1).digest()
    return Signed(
        "POST",
        {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Twilio-Signature": base64.b64encode(mac).decode(),
        },
        urllib.parse.urlencode(list(params)).encode(),
    )


def slack(
    signing_secret: str,
    body: bytes,
    *,
    content_type: str = "application/json",
    timestamp: int | None = None,
    retry: int | None = None,
) -> Signed:
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    base = b"v0:" + stamp.encode() + b":" + body
    mac = hmac.new(signing_secret.encode(), base, hashlib.sha256).hexdigest()
    headers = {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": f"v0={mac}",
    }
    if retry is not None:
        headers["X-Slack-Retry-Num"] = str(retry)
        headers["X-Slack-Retry-Reason"] = "http_timeout"
    return Signed("POST", headers, body)


def slack_event(signing_secret: str, payload: Any, **options: Any) -> Signed:
    return slack(signing_secret, orjson.dumps(payload), **options)


def slack_interaction(signing_secret: str, payload: Any, **options: Any) -> Signed:
    body = urllib.parse.urlencode({"payload": orjson.dumps(payload).decode()}).encode()
    return slack(signing_secret, body, content_type="application/x-www-form-urlencoded", **options)


def telegram(webhook_secret: str, update: Any) -> Signed:
    return Signed(
        "POST",
        {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": webhook_secret},
        orjson.dumps(update),
    )


def flowline(
    secret: str,
    body: bytes,
    *,
    content_type: str = "application/json",
    timestamp: int | None = None,
) -> Signed:
    """``Flowline-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">`` (email, webhook)."""
    stamp = int(time.time()) if timestamp is None else timestamp
    mac = hmac.new(secret.encode(), f"{stamp}.".encode() + body, hashlib.sha256).hexdigest()
    return Signed(
        "POST", {"Content-Type": content_type, "Flowline-Signature": f"t={stamp},v1={mac}"}, body
    )


def altered(signed: Signed, body: bytes) -> Signed:
    """The same headers over another body: what a tampered request looks like."""
    return Signed(signed.method, dict(signed.headers), body, dict(signed.query))


def form_params(fields: Mapping[str, str]) -> list[tuple[str, str]]:
    return list(fields.items())
