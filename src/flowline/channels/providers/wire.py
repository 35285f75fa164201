"""What the HTTP kinds share: one send through ``ctx.outbound`` and its failures, the
channel's credentials by role, phone numbers in E.164, and constant-time checks.

A provider's refusal becomes :class:`SendFailed` carrying the provider's own code
and message (masked by the redactor: a provider may quote what it was sent);
``5xx``, ``429`` and network failures that survived the client's retries are
``retryable``, with the ``Retry-After`` the provider asked for.
"""

from __future__ import annotations

import hmac
import urllib.parse
from collections.abc import Callable, Mapping
from typing import Any

import phonenumbers
from pydantic import BaseModel, ConfigDict, Field, field_validator

from flowline.channels.providers.base import (
    ChannelContext,
    InboundRejected,
    InvalidAddress,
    SendFailed,
)
from flowline.errors import FlowlineError, ValidationFailed
from flowline.observability.redaction import redactor
from flowline.outbound.client import Credential, OutboundFailed, OutboundRequest, OutboundResponse
from flowline.outbound.retry import retry_after

SEND_TIMEOUT_SECONDS = 15.0


class MissingCredential(FlowlineError):
    status = 422
    code = "CHANNEL_CREDENTIAL_MISSING"


class KindConfig(BaseModel):
    """What every HTTP kind's ``config`` has."""

    model_config = ConfigDict(extra="forbid")

    api_base: str = Field(description="The provider's API root (http or https).")
    timeout_seconds: float = Field(
        default=SEND_TIMEOUT_SECONDS, gt=0, le=60, description="Per attempt, 0 to 60 seconds."
    )

    @field_validator("api_base")
    @classmethod
    def _api_base(cls, value: str) -> str:
        parts = urllib.parse.urlsplit(value.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("must be an http or https URL such as https://api.example.com")
        if parts.query or parts.fragment:
            raise ValueError("must not have a query or a fragment")
        return value.strip().rstrip("/")


def credential(ctx: ChannelContext, role: str) -> Credential:
    found = ctx.credentials.get(role)
    if found is None:
        raise MissingCredential(
            f"The channel names no credential for {role!r}.",
            details=[{"field": f"credentials.{role}", "problem": "missing"}],
        )
    return found


def secret_for_inbound(ctx: ChannelContext, role: str) -> str:
    """The secret an inbound request is checked with; without one nothing is accepted."""
    found = ctx.credentials.get(role)
    if found is None or not found.value:
        raise InboundRejected(f"The channel has no {role!r} credential to verify requests with.")
    return found.value


def same(expected: str, given: str | None) -> bool:
    """Constant-time equality; bytes, since ``compare_digest`` refuses non-ASCII text."""
    return given is not None and hmac.compare_digest(expected.encode(), given.encode())


def invalid(field: str, problem: str) -> ValidationFailed:
    return ValidationFailed(f"{field}: {problem}", details=[{"field": field, "problem": problem}])


def required(body: Mapping[str, Any], name: str, where: str) -> str:
    """``body[name]`` as text; missing or empty is a 422 naming ``where.name``."""
    value = body.get(name)
    if value is None or value == "":
        raise invalid(f"{where}.{name}", "is required")
    return str(value)


def unsupported(kind: str, message_type: str) -> ValidationFailed:
    return invalid("type", f"the {kind} kind does not send {message_type!r} messages")


def form(body: bytes) -> dict[str, str]:
    """A form-encoded body, first value of each name."""
    fields: dict[str, str] = {}
    for name, value in urllib.parse.parse_qsl(body.decode("utf-8", "replace"), True):
        fields.setdefault(name, value)
    return fields


def phone(address: str, region: str | None, field: str = "to") -> str:
    """``address`` in E.164; bare digits (WhatsApp's ``wa_id``) are read as international."""
    text = address.strip()
    candidates = [text]
    if not text.startswith("+") and text.replace(" ", "").isdigit():
        candidates.append("+" + text)
    for candidate in candidates:
        try:
            number = phonenumbers.parse(candidate, None if candidate.startswith("+") else region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    raise InvalidAddress(
        f"{field}: {address[:64]!r} is not a valid phone number (E.164, e.g. +14155550123).",
        details=[{"field": field, "problem": "not a valid phone number"}],
    )


def sender(address: str, region: str | None) -> str:
    """An inbound sender in E.164 when it is a number, else as the provider wrote it
    (short codes, alphanumeric sender ids): a real message is never refused for it."""
    try:
        return phone(address, region, "from")
    except InvalidAddress:
        return address.strip()


ErrorReader = Callable[[OutboundResponse], tuple[str, str]]
"""A provider's refusal as ``(its code, its message)``."""


async def send_http(
    ctx: ChannelContext,
    request: OutboundRequest,
    provider: str,
    read_error: ErrorReader,
) -> OutboundResponse:
    """The provider's 2xx answer, or :class:`SendFailed` for anything else."""
    try:
        response = await ctx.outbound.send(request)
    except OutboundFailed as exc:
        raise SendFailed(
            f"{provider}: {exc.message}", code=exc.error_code, retryable=exc.retryable
        ) from None
    if 200 <= response.status < 300:
        return response
    asked = retry_after(response.headers.get("retry-after"))
    if asked is None and request.retry_after_of is not None:
        asked = request.retry_after_of(response)
    raise refusal(provider, response, read_error, asked)


def refusal(
    provider: str, response: OutboundResponse, read_error: ErrorReader, asked: float | None
) -> SendFailed:
    try:
        code, message = read_error(response)
    except (KeyError, TypeError, ValueError, AttributeError):
        code, message = "", ""
    code = redactor.text(str(code))
    message = redactor.text(str(message))[:500] or f"HTTP {response.status}"
    retryable = response.status >= 500 or response.status == 429
    return SendFailed(
        f"{provider} refused the message (HTTP {response.status}): {message}",
        code="PROVIDER_RATE_LIMITED" if response.status == 429 else "PROVIDER_REFUSED",
        retryable=retryable,
        retry_after_seconds=asked,
        provider_error={"status": response.status, "code": code, "message": message},
    )


def json_of(response: OutboundResponse) -> Mapping[str, Any]:
    return response.body if isinstance(response.body, Mapping) else {}
