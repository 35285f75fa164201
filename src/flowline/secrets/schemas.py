"""Secret bodies. A value goes in and never comes out: reads show only ``last4``.

Validation messages here must never quote a value, since error bodies and logs
carry them.
"""

from __future__ import annotations

import ipaddress
import re
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from flowline.api.bodies import at_least_one_of
from flowline.api.concurrency import ExpectedVersion

NAME_PATTERN = r"^[A-Za-z_][A-Za-z0-9_.-]{0,127}$"
MAX_VALUE_BYTES = 64 * 1024
MAX_HOSTS = 100
MAX_DESCRIPTION_LENGTH = 2000

_NAME = re.compile(NAME_PATTERN)
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
HEADER_PATTERN = r"^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$"  # an HTTP token (RFC 9110)
PARAM_PATTERN = r"^[A-Za-z0-9_.~\-\[\]]{1,128}$"
_HEADER = re.compile(HEADER_PATTERN)
_PARAM = re.compile(PARAM_PATTERN)


class ConfirmPolicy(StrEnum):
    """When a person must confirm a request before it is sent (docs/confirmation.md)."""

    NEVER = "never"
    WRITES = "writes"
    """``POST``, ``PUT``, ``PATCH`` and ``DELETE``."""
    ALWAYS = "always"


_CONFIRM_DOC = (
    "Whether a person confirms requests that carry this credential before they are sent: "
    "`never`, `writes` (POST, PUT, PATCH, DELETE) or `always`; null for no opinion. The "
    "stricter of this and the node's `confirm` applies."
)


class SecretKind(StrEnum):
    GENERIC = "generic"
    BEARER = "bearer"
    API_KEY_HEADER = "api_key_header"
    BASIC = "basic"
    QUERY = "query"


def check_name(value: str) -> str:
    if not _NAME.fullmatch(value):
        raise ValueError("must start with a letter or _, then up to 127 letters, digits, _, . or -")
    return value


def check_value(value: str) -> str:
    if not value:
        raise ValueError("must not be empty")
    size = len(value.encode())
    if size > MAX_VALUE_BYTES:
        raise ValueError(f"is {size} bytes; the limit is {MAX_VALUE_BYTES}")
    return value


def _host_name(value: str, raw: str) -> str:
    problem = f"'{_shown(raw)}' is not a valid host name"
    try:
        ascii_name = value if value.isascii() else value.encode("idna").decode("ascii")
    except UnicodeError:
        raise ValueError(problem) from None
    labels = ascii_name.split(".")
    if len(ascii_name) > 253 or not all(_LABEL.match(label) for label in labels):
        raise ValueError(problem)
    return ascii_name


def _shown(raw: str) -> str:
    return raw if len(raw) <= 80 else raw[:77] + "..."


def normalise_host(raw: str) -> str:
    """One ``hosts`` entry: a host name, an IP address, a CIDR range, or ``*.domain``.

    Host names are lower-cased (and IDNA-encoded), ranges written in their network form.
    """
    value = raw.strip().lower().rstrip(".")
    if not value:
        raise ValueError("a host must not be empty")
    if "://" in value or any(c in value for c in "?#@\\ "):
        raise ValueError(f"'{_shown(raw)}' must be a host name, not a URL")
    if "/" in value:
        try:
            ipaddress.ip_address(value.partition("/")[0])
        except ValueError:
            raise ValueError(f"'{_shown(raw)}' must be a host name, not a URL") from None
        try:
            return str(ipaddress.ip_network(value, strict=False))
        except ValueError:
            raise ValueError(f"'{_shown(raw)}' is not a valid CIDR range") from None
    try:
        return str(ipaddress.ip_address(value.removeprefix("[").removesuffix("]")))
    except ValueError:
        pass
    if value.startswith("*."):
        domain = _host_name(value[2:], raw)
        if "." not in domain:
            raise ValueError(
                f"'{_shown(raw)}' is too broad: use '*.' before a domain such as example.com"
            )
        return "*." + domain
    if value == "*":
        raise ValueError("'*' would let the credential go anywhere; list the hosts instead")
    if "*" in value:
        raise ValueError(f"'{_shown(raw)}': a wildcard is only allowed as a leading '*.'")
    if ":" in value:
        raise ValueError(f"'{_shown(raw)}' must be a host without a port")
    return _host_name(value, raw)


def check_hosts(value: list[str]) -> list[str]:
    return list(dict.fromkeys(normalise_host(h) for h in value))


def check_header(value: str | None) -> str | None:
    if value is not None and not _HEADER.fullmatch(value):
        raise ValueError("must be an HTTP header name such as X-API-Key")
    return value


def check_param(value: str | None) -> str | None:
    if value is not None and not _PARAM.fullmatch(value):
        raise ValueError("must be 1 to 128 letters, digits or _ . ~ - [ ]")
    return value


LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"
HOST_PATTERN = (
    rf"^(?:{LABEL}(?:\.{LABEL})*|\*\.{LABEL}(?:\.{LABEL})+"
    rf"|{_OCTET}(?:\.{_OCTET}){{3}}(?:/(?:3[0-2]|[12]?[0-9]))?)$"
)
"""A ``hosts`` entry as the document states it: a host name, ``*.`` and a domain of two
labels or more, an IPv4 address or CIDR range. ``normalise_host`` takes every one (and
IPv6 too, which the pattern leaves to the description)."""
HostPattern = Annotated[
    str, Field(json_schema_extra={"minLength": 1, "maxLength": 253, "pattern": HOST_PATTERN})
]
_HEADER_KINDS = ("bearer", "api_key_header", "basic")
_NO_CONTROL = r"^[^\x00-\x1f\x7f]*$"


def _kind_is(*kinds: str) -> dict[str, Any]:
    kind = {"const": kinds[0]} if len(kinds) == 1 else {"enum": list(kinds)}
    return {"required": ["kind"], "properties": {"kind": kind}}


def _only_for(kind: str, field: str, *, create: bool) -> dict[str, Any]:
    """``field`` is given (not ``null``) with ``kind`` and only with it. On an update a
    body without ``kind`` leaves the rule to the stored secret (409 when it breaks)."""
    given = {"properties": {field: {"type": "string"}}}
    rule: dict[str, Any] = {
        "if": _kind_is(kind),
        "then": {"required": [field], **given} if create else given,
    }
    absent = {"properties": {field: {"type": "null"}}}
    if create:
        return rule | {"else": absent}
    others = [k.value for k in SecretKind if k.value != kind]
    return {"allOf": [rule, {"if": _kind_is(*others), "then": absent}]}


def kind_rules(*, create: bool) -> dict[str, Any]:
    """The rules ``service._check_shape`` and ``_check_value`` apply, as far as the body
    alone decides them: hosts for every kind but ``generic``; ``header`` for
    ``api_key_header`` and ``param`` for ``query`` only; a value that can go in a header
    (no control characters), a bearer token without its ``Bearer`` prefix, ``user:password``."""
    hosts = {"properties": {"hosts": {"minItems": 1}}}
    value = {
        "if": _kind_is(*_HEADER_KINDS),
        "then": {"properties": {"value": {"pattern": _NO_CONTROL}}},
    }
    bearer = {
        "if": _kind_is("bearer"),
        "then": {
            "properties": {
                "value": {"not": {"type": "string", "pattern": "^[Bb][Ee][Aa][Rr][Ee][Rr] "}}
            }
        },
    }
    basic = {
        "if": _kind_is("basic"),
        "then": {"properties": {"value": {"pattern": "^[^:]+:"}}},
    }
    rules: list[dict[str, Any]] = [
        {
            "if": _kind_is(*(k.value for k in SecretKind if k != SecretKind.GENERIC)),
            "then": {"required": ["hosts"], **hosts} if create else hosts,
        },
        _only_for("api_key_header", "header", create=create),
        _only_for("query", "param", create=create),
        value,
        bearer,
        basic,
    ]
    return {"allOf": rules}


_HOSTS_DOC = (
    "Where the credential may be sent: host names (`api.example.com`), `*.example.com` "
    "patterns, IP addresses or CIDR ranges (`10.0.0.0/8`). Anywhere else it is refused. "
    "Required for every kind but `generic`. IPv6 addresses and ranges are taken too."
)


class SecretCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra=kind_rules(create=True))

    name: str = Field(
        description="Letters, digits, `_`, `.`, `-`; unique in the organisation.",
        json_schema_extra={"pattern": NAME_PATTERN},
    )
    kind: SecretKind = Field(
        default=SecretKind.GENERIC,
        description=(
            "`bearer` sends `Authorization: Bearer <value>`; `api_key_header` sends the value "
            "in `header`; `basic` takes `user:password`; `query` sends it as `param`."
        ),
    )
    value: str = Field(min_length=1, description="1 byte to 64 KiB. Never returned.")
    hosts: list[HostPattern] = Field(
        default_factory=list, max_length=MAX_HOSTS, description=_HOSTS_DOC
    )
    header: str | None = Field(
        default=None,
        description="Header name, for `api_key_header`.",
        json_schema_extra={"pattern": HEADER_PATTERN},
    )
    param: str | None = Field(
        default=None,
        description="Query parameter, for `query`.",
        json_schema_extra={"pattern": PARAM_PATTERN},
    )
    description: str = Field(default="", max_length=MAX_DESCRIPTION_LENGTH)
    confirm: ConfirmPolicy | None = Field(default=None, description=_CONFIRM_DOC)

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        return check_name(value)

    @field_validator("value")
    @classmethod
    def _value(cls, value: str) -> str:
        return check_value(value)

    @field_validator("hosts")
    @classmethod
    def _hosts(cls, value: list[str]) -> list[str]:
        return check_hosts(value)

    @field_validator("header")
    @classmethod
    def _header(cls, value: str | None) -> str | None:
        return check_header(value)

    @field_validator("param")
    @classmethod
    def _param(cls, value: str | None) -> str | None:
        return check_param(value)


class SecretUpdate(BaseModel):
    """Omitted fields keep their value; ``value`` replaces the secret itself."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra=at_least_one_of(
            "kind", "value", "hosts", "header", "param", "description", "confirm"
        )
        | kind_rules(create=False),
    )

    kind: SecretKind | None = None
    value: str | None = Field(
        default=None, min_length=1, description="A new value (1 byte to 64 KiB). Never returned."
    )
    hosts: list[HostPattern] | None = Field(
        default=None, max_length=MAX_HOSTS, description=_HOSTS_DOC
    )
    header: str | None = Field(default=None, json_schema_extra={"pattern": HEADER_PATTERN})
    param: str | None = Field(default=None, json_schema_extra={"pattern": PARAM_PATTERN})
    description: str | None = Field(default=None, max_length=MAX_DESCRIPTION_LENGTH)
    confirm: ConfirmPolicy | None = Field(
        default=None, description=_CONFIRM_DOC + " Send null to clear it."
    )
    expected_version: ExpectedVersion = None

    @field_validator("value")
    @classmethod
    def _value(cls, value: str | None) -> str | None:
        return None if value is None else check_value(value)

    @field_validator("hosts")
    @classmethod
    def _hosts(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else check_hosts(value)

    @field_validator("header")
    @classmethod
    def _header(cls, value: str | None) -> str | None:
        return check_header(value)

    @field_validator("param")
    @classmethod
    def _param(cls, value: str | None) -> str | None:
        return check_param(value)


class SecretRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    name: str
    kind: SecretKind
    last4: str = Field(
        description="The value's last four characters; empty for values under 8 characters."
    )
    hosts: list[str]
    header: str | None
    param: str | None
    description: str
    confirm: ConfirmPolicy | None = Field(description=_CONFIRM_DOC)
    version: int
    created_at: datetime
    updated_at: datetime
