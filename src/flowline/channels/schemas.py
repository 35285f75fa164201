"""Channel, contact and message bodies and answers (CHANNELS.md, flow8's shapes)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any, Literal, Self

import phonenumbers
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from flowline.api.bodies import (
    StorableBody,
    at_least_one_of,
    exactly_one_of,
    inline_schema,
    when,
)
from flowline.api.concurrency import ExpectedVersion
from flowline.api.names import HTTP_URL_PATTERN, NOT_BLANK_PATTERN, Name
from flowline.channels.providers import PROVIDERS
from flowline.channels.providers.base import ChannelProvider

KINDS = ("whatsapp", "sms", "email", "slack", "telegram", "webhook", "sandbox")
"""Every kind CHANNELS.md names; one is usable once its provider is registered."""
MAX_TEXT = 4096
MAX_BUTTONS = 3
DEFAULT_OPT_OUT = ("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT")
DEFAULT_OPT_IN = ("START",)
ROLE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
SECRET_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,200}$")

ChannelStatus = Literal["active", "disabled"]
Direction = Literal["in", "out"]
MessageStatus = Literal["queued", "sent", "delivered", "read", "failed", "received"]
MessageType = Literal["text", "template", "media", "interactive", "reaction", "status"]


Keyword = Annotated[str, Field(json_schema_extra={"maxLength": 32, "pattern": NOT_BLANK_PATTERN})]
"""A keyword as sent: at most 32 characters, not blank (stored in upper case, spaces
collapsed)."""


def _keywords(values: list[str]) -> list[str]:
    words = [" ".join(v.split()).upper() for v in values]
    if any(not 1 <= len(w) <= 32 for w in words):
        raise ValueError("each keyword must be 1 to 32 characters")
    return list(dict.fromkeys(words))


COUNTRY_CODES: tuple[str, ...] = tuple(
    sorted(phonenumbers.SUPPORTED_REGIONS | {c.lower() for c in phonenumbers.SUPPORTED_REGIONS})
)
"""The ISO 3166 alpha-2 codes phone numbers are checked against, in either case."""
_COUNTRY_CODES = frozenset(COUNTRY_CODES)
CountryCode = Annotated[str, Field(json_schema_extra={"enum": list(COUNTRY_CODES)})]


class Limits(BaseModel):
    """The channel's sending rules; each refusal names the rule (CHANNELS.md)."""

    model_config = ConfigDict(extra="forbid")

    messages_per_second: float = Field(
        default=10.0,
        gt=0,
        le=1000,
        description=(
            "Sends accepted per second on this channel, across every process (kept in the "
            "database); beyond it a send answers 429 `CHANNEL_RATE_LIMITED` with `Retry-After`."
        ),
    )
    burst: int = Field(
        default=10, ge=1, le=10_000, description="Sends accepted at once before the rate applies."
    )
    allowed_countries: list[CountryCode] | None = Field(
        default=None,
        max_length=250,
        description=(
            "Phone addresses only: ISO 3166 country codes (`US`, `DE`) a send may go to; any "
            "other answers 422 `COUNTRY_NOT_ALLOWED` (SMS pumping). `null`: every country."
        ),
    )
    max_per_contact_per_hour: int | None = Field(
        default=None,
        ge=1,
        le=10_000,
        description=(
            "Sends to one contact in any hour; beyond it 429 `CONTACT_HOURLY_CAP`. `null`: no cap."
        ),
    )
    opt_out_keywords: list[Keyword] = Field(
        default_factory=lambda: list(DEFAULT_OPT_OUT),
        max_length=50,
        description="An inbound message that is exactly one of these (any case) opts out.",
    )
    opt_in_keywords: list[Keyword] = Field(
        default_factory=lambda: list(DEFAULT_OPT_IN),
        max_length=50,
        description="An inbound message that is exactly one of these opts back in.",
    )

    @field_validator("allowed_countries")
    @classmethod
    def _countries(cls, value: list[str] | None) -> list[str] | None:
        if value is None:
            return None
        bad = [c for c in value if c not in _COUNTRY_CODES]
        if bad:
            raise ValueError(f"not ISO 3166 country codes: {', '.join(bad[:5])}")
        return sorted({c.upper() for c in value})

    @field_validator("opt_out_keywords", "opt_in_keywords")
    @classmethod
    def _words(cls, value: list[str]) -> list[str]:
        return _keywords(value)

    @model_validator(mode="after")
    def _apart(self) -> Self:
        if set(self.opt_out_keywords) & set(self.opt_in_keywords):
            raise ValueError("a keyword cannot both opt out and opt in")
        return self


class OnMessage(BaseModel):
    """What an inbound message no waiting run takes starts: a flow run or an agent turn."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra=exactly_one_of("flow_id", "agent_id")
    )

    flow_id: str | None = Field(
        default=None, min_length=1, max_length=40, description="A flow of this organisation."
    )
    agent_id: str | None = Field(
        default=None, min_length=1, max_length=40, description="An agent of this organisation."
    )

    @model_validator(mode="after")
    def _one(self) -> Self:
        if (self.flow_id is None) == (self.agent_id is None):
            raise ValueError("give exactly one of flow_id or agent_id")
        return self


def _credentials(value: dict[str, str]) -> dict[str, str]:
    for role, name in value.items():
        if not ROLE.match(role):
            raise ValueError(f"role {role[:64]!r} must be lower-case letters, digits and _")
        if not SECRET_NAME.match(name):
            raise ValueError(f"the secret name for {role!r} is not a secret's name")
    return value


_KIND_DOC = (
    "One of `whatsapp`, `sms`, `email`, `slack`, `telegram`, `webhook`, `sandbox`. A kind "
    "whose provider this instance does not have answers 422 `CHANNEL_KIND_NOT_AVAILABLE`."
)
_CONFIG_DOC = (
    "Per kind (docs/channels.md): the document states each kind's config with `if`/`then` "
    "on `kind`; checked against the kind's schema."
)
_CREDENTIALS_DOC = (
    "Role → the *name* of a secret (`POST /secrets`), e.g. "
    '`{"access_token": "wa_token"}`. Every required role of the kind must be given and '
    "every named secret must exist; values are never shown."
)


def _config_schema(provider: ChannelProvider) -> dict[str, Any]:
    """The kind's ``config`` as its model states it (an ``api_base`` an http(s) URL)."""
    schema = inline_schema(provider.config_model)
    if "api_base" in schema.get("properties", {}):
        schema["properties"]["api_base"]["pattern"] = HTTP_URL_PATTERN
    return schema


def _credentials_schema(provider: ChannelProvider) -> dict[str, Any]:
    """The kind's credential roles: no other, and each required one."""
    roles = provider.credential_roles
    schema: dict[str, Any] = {"type": "object", "propertyNames": {"enum": list(roles)}}
    if not roles:
        schema = {"type": "object", "maxProperties": 0}
    required = [role for role, needed in roles.items() if needed]
    return schema | ({"required": required} if required else {})


def _per_kind(kind: str, provider: ChannelProvider) -> dict[str, Any]:
    config, credentials = _config_schema(provider), _credentials_schema(provider)
    required = [
        name
        for name, part in (("config", config), ("credentials", credentials))
        if part.get("required")
    ]
    then: dict[str, Any] = {"properties": {"config": config, "credentials": credentials}}
    return when("kind", kind, then | ({"required": required} if required else {}))


def kind_rules() -> dict[str, Any]:
    """Each kind's ``config`` and credential roles (``service._check_config`` and
    ``_check_credentials``), as ``if``/``then`` on ``kind``."""
    return {"allOf": [_per_kind(kind, PROVIDERS[kind]) for kind in KINDS if kind in PROVIDERS]}


class ChannelCreate(StorableBody):
    model_config = ConfigDict(extra="forbid", json_schema_extra=kind_rules())

    name: Name = Field(description="1 to 200 characters, unique in the organisation.")
    kind: str = Field(max_length=32, description=_KIND_DOC, json_schema_extra={"enum": list(KINDS)})
    config: dict[str, Any] = Field(default_factory=dict, description=_CONFIG_DOC)
    credentials: dict[str, str] = Field(
        default_factory=dict,
        max_length=20,
        description=_CREDENTIALS_DOC,
        json_schema_extra={
            "propertyNames": {"pattern": ROLE.pattern},
            "additionalProperties": {"type": "string", "pattern": SECRET_NAME.pattern},
        },
    )
    on_message: OnMessage | None = Field(
        default=None, description="Where a message no waiting run takes goes; `null`: stored."
    )
    status: ChannelStatus = Field(
        default="active", description="A `disabled` channel sends nothing and takes nothing in."
    )
    limits: Limits = Field(default_factory=Limits)

    @field_validator("credentials")
    @classmethod
    def _creds(cls, value: dict[str, str]) -> dict[str, str]:
        return _credentials(value)


class ChannelReplace(ChannelCreate):
    """``PUT``: the whole channel again (flow8's shape); ``kind`` cannot change."""

    expected_version: ExpectedVersion = None


class ChannelRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    name: str
    kind: str
    config: dict[str, Any]
    credentials: dict[str, str] = Field(description="Role → secret name (never a value).")
    on_message: dict[str, str] | None
    status: ChannelStatus
    limits: Limits
    inbound_url: str = Field(
        description="Where the provider sends messages and statuses (read-only, public)."
    )
    version: int
    created_at: datetime
    updated_at: datetime


class Media(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str = Field(
        min_length=1,
        max_length=2048,
        description="An http(s) URL of the file.",
        json_schema_extra={"pattern": "^https?://"},
    )
    caption: str | None = Field(default=None, max_length=1024)
    media_type: Literal["image", "video", "audio", "document"] = "document"

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")):
            raise ValueError("must be an http or https URL")
        return value


class ButtonIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1, max_length=256)
    title: str = Field(min_length=1, max_length=20, description="1 to 20 characters.")


class Interactive(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=1024)
    buttons: list[ButtonIn] = Field(min_length=1, max_length=MAX_BUTTONS)


class SendBody(StorableBody):
    """``{to, text}``, ``{to, media}`` or ``{to, interactive}``: exactly one of the three."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra=exactly_one_of("text", "media", "interactive")
    )

    to: str = Field(min_length=1, max_length=320, description="Normalised (E.164 for phones).")
    text: str | None = Field(default=None, min_length=1, max_length=MAX_TEXT)
    media: Media | None = None
    interactive: Interactive | None = None
    reply_to: str | None = Field(
        default=None,
        max_length=40,
        description="A message of ours (`msg_...`) on this channel from or to the same "
        "contact that this answers: an email gets `In-Reply-To`/`References` and the subject "
        "as `Re:` the answered one's, Slack posts in its thread (`thread_ts`), WhatsApp and "
        "Telegram quote it. 422 naming `reply_to` for another channel's or contact's message.",
    )

    @model_validator(mode="after")
    def _one(self) -> Self:
        given = [n for n in ("text", "media", "interactive") if getattr(self, n) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of text, media or interactive")
        return self


class TemplateSendBody(StorableBody):
    model_config = ConfigDict(extra="forbid")

    to: str = Field(min_length=1, max_length=320)
    template: str = Field(min_length=1, max_length=512, description="The template's name.")
    language: str = Field(default="en_US", min_length=2, max_length=16, description="e.g. `en_US`.")
    parameters: list[Any] = Field(
        default_factory=list,
        max_length=100,
        description=(
            "WhatsApp template components as Meta defines them "
            '(`[{"type": "body", "parameters": [{"type": "text", "text": "Ada"}]}]`).'
        ),
    )


class MessageRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    channel_id: str
    contact_id: str
    direction: Direction
    type: str
    body: dict[str, Any]
    provider_message_id: str | None
    status: str = Field(
        description="Out: `queued` → `sent` → `delivered` → `read`, or `failed`. In: `received`."
    )
    error: dict[str, Any] | None
    run_id: str | None
    conversation_id: str | None
    created_at: datetime
    status_at: datetime | None


class ContactRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    channel_id: str
    address: str
    name: str | None
    opted_out_at: datetime | None
    last_inbound_at: datetime | None
    metadata: dict[str, Any] = Field(validation_alias="meta")
    conversation_id: str | None
    version: int
    created_at: datetime
    updated_at: datetime


class ContactPatch(StorableBody):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra=at_least_one_of("name", "metadata", "opted_out"),
    )

    name: str | None = Field(default=None, max_length=200)
    metadata: dict[str, Any] | None = Field(default=None, description="Replaces the metadata.")
    opted_out: bool | None = Field(
        default=None, description="`true` opts the contact out (sends refused), `false` back in."
    )
    expected_version: ExpectedVersion = None

    @model_validator(mode="after")
    def _something(self) -> Self:
        if not (self.model_fields_set - {"expected_version"}):
            raise ValueError("give at least one of name, metadata, opted_out")
        return self


class ChannelEventRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    seq: int = Field(description="The event's number in the channel (SSE `id`).")
    type: str
    message_id: str | None
    data: dict[str, Any]
    created_at: datetime


class ChannelTestError(BaseModel):
    code: str = Field(description="Why the check failed, e.g. `PROVIDER_REFUSED`.")
    message: str = Field(description="The provider's refusal in words (never a secret).")


class ChannelTestResult(BaseModel):
    """The one answer of ``POST channels/{id}/test`` whatever the kind."""

    ok: bool = Field(description="Whether the provider accepted the credentials.")
    detail: dict[str, Any] = Field(
        description="What the provider read when `ok` (the kind's own fields, e.g. "
        "`display_phone_number`, `team`, `username`); `{}` when not."
    )
    error: ChannelTestError | None = Field(
        default=None, description="Set exactly when `ok` is false."
    )

    @classmethod
    def of(cls, answer: dict[str, Any]) -> ChannelTestResult:
        """A kind's ``{ok: true, ...}`` or ``{ok: false, error, message}`` in this shape."""
        rest = {key: value for key, value in answer.items() if key != "ok"}
        if answer.get("ok", True) is not False:
            return cls(ok=True, detail=rest)
        error = ChannelTestError(
            code=str(rest.get("error") or "CHANNEL_TEST_FAILED"),
            message=str(rest.get("message") or ""),
        )
        return cls(ok=False, detail={}, error=error)


class WabaSend(BaseModel):
    """Seed 004's ``POST agent/:agent_id/waba`` body, exactly."""

    model_config = ConfigDict(extra="forbid")

    recipient_phone_number: str = Field(
        min_length=1,
        max_length=32,
        description="The recipient's number with country code (`31612345678` or E.164).",
    )
    template_name: str = Field(
        min_length=1, max_length=512, description="An approved WhatsApp template's name."
    )
    language: str = Field(
        min_length=2, max_length=16, description="The template's language code (`en_US`, `nl`)."
    )
    customer_name: str | None = Field(
        default=None,
        max_length=200,
        description="Stored as the contact's name (a new customer's, or a changed one).",
    )
    parameters: list[dict[str, Any]] = Field(
        default_factory=list,
        max_length=100,
        description=(
            "WhatsApp template components as the Cloud API defines them (`header`, `body`, "
            "`button`, each with its `parameters`); sent as the template's `components`."
        ),
    )
