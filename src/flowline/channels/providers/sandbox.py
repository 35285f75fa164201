"""The ``sandbox`` kind: a channel that needs no provider account.

Nothing leaves the machine: a send is stored (by the channels service, as for every
kind) and seen on the channel's stream; a person is played through
``POST channels/{id}/sandbox/messages {from, text}``, which goes through the same
inbound path as a provider's request, minus the signature (it is an authenticated
API route). The public ``inbound`` route refuses every request for this kind.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Literal

import orjson
import phonenumbers
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from flowline.channels.providers.base import (
    ChannelContext,
    Inbound,
    InboundAnswer,
    InboundMessage,
    InboundRejected,
    InboundRequest,
    InvalidAddress,
    OutgoingMessage,
    SendResult,
)
from flowline.ids import new_id

MAX_ADDRESS = 320
MAX_TEXT = 4096


_REGIONS = sorted(
    phonenumbers.SUPPORTED_REGIONS | {r.lower() for r in phonenumbers.SUPPORTED_REGIONS}
)


class SandboxConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    addresses: Literal["phone", "any"] = Field(
        default="phone",
        description=(
            "`phone`: addresses are phone numbers, normalised to E.164 as for WhatsApp and "
            "SMS; `any`: any text of 1 to 320 printable characters (a user name, an email)."
        ),
    )
    default_region: str | None = Field(
        default=None,
        description="ISO 3166 country code for numbers given without `+` (e.g. `US`).",
        json_schema_extra={"enum": [*_REGIONS, None]},
    )

    @field_validator("default_region")
    @classmethod
    def _region(cls, value: str | None) -> str | None:
        if value is None:
            return None
        region = value.strip().upper()
        if region not in phonenumbers.SUPPORTED_REGIONS:
            raise ValueError("must be an ISO 3166 alpha-2 country code such as US or DE")
        return region


class SandboxPerson(BaseModel):
    """What ``POST channels/{id}/sandbox/messages`` takes: a person's message."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    from_: str = Field(
        alias="from", min_length=1, max_length=MAX_ADDRESS, description="Who writes."
    )
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    name: str | None = Field(default=None, max_length=200, description="The person's name.")
    button_id: str | None = Field(
        default=None, max_length=256, description="Set to play a press of an answer button."
    )
    id: str | None = Field(
        default=None,
        min_length=1,
        max_length=200,
        description="The provider message id to use (repeat one to see the dedupe at work).",
    )


class SandboxProvider:
    kind: str = "sandbox"
    config_model: type[BaseModel] = SandboxConfig
    credential_roles: Mapping[str, bool] = MappingProxyType({})
    supports_buttons: bool = True
    session_window_hours: int | None = None

    def normalise_address(self, address: str, config: Mapping[str, Any]) -> str:
        text = address.strip()
        if config.get("addresses", "phone") == "any":
            if not 1 <= len(text) <= MAX_ADDRESS or not text.isprintable():
                raise InvalidAddress("must be 1 to 320 printable characters")
            return text
        try:
            number = phonenumbers.parse(text, config.get("default_region"))
        except phonenumbers.NumberParseException:
            number = None
        if number is None or not phonenumbers.is_valid_number(number):
            raise InvalidAddress("is not a valid phone number (E.164, e.g. +14155550123)")
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    async def send(self, ctx: ChannelContext, message: OutgoingMessage) -> SendResult:
        return SendResult(provider_message_id=f"sandbox:{message.message_id}", status="sent")

    def verify(self, ctx: ChannelContext, request: InboundRequest) -> None:
        raise InboundRejected(
            "A sandbox channel takes messages only through POST "
            f"/api/v1/channels/{ctx.channel_id}/sandbox/messages."
        )

    def parse(self, ctx: ChannelContext, request: InboundRequest) -> Inbound:
        try:
            person = SandboxPerson.model_validate(orjson.loads(request.body))
        except (orjson.JSONDecodeError, ValidationError) as exc:
            raise InboundRejected(f"Not a sandbox message: {exc}") from None
        body: dict[str, Any] = {"text": person.text}
        kind: Literal["text", "interactive"] = "text"
        if person.button_id is not None:
            body["button_id"] = person.button_id
            kind = "interactive"
        message = InboundMessage(
            provider_message_id=person.id or new_id("sbx"),
            from_address=person.from_,
            type=kind,
            body=body,
            from_name=person.name,
        )
        return Inbound(messages=(message,), answer=InboundAnswer(200, b"{}", "application/json"))

    async def test(self, ctx: ChannelContext) -> dict[str, Any]:
        return {"ok": True, "detail": "The sandbox needs no credentials."}


PROVIDER = SandboxProvider()
