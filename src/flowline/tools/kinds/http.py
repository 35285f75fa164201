"""``http``: one HTTP operation, sent only through the outbound client (SAFETY.md).

The definition is a method, a URL template with ``{param}`` placeholders (in the
path and query only: scheme, host and port are fixed, so a model cannot choose
where a request goes), fixed headers (placeholders allowed) and, by name, a
credential (a secret bound to hosts, applied by the client as in ``http_request``
nodes). A call's arguments fill the placeholders; the rest go in the query
string (``GET``, ``HEAD``, ``OPTIONS``, ``DELETE``) or the JSON body (``POST``,
``PUT``, ``PATCH``; the names in ``query`` still go in the query string).

Writes carry the call's ``Idempotency-Key``, so the client may try them again;
whether a person approves a call first is the toolset's business (``mutating``:
writes, or whatever the credential's ``confirm`` asks for). The result is
``{status, content_type, body}``; the credential's value, in any encoding, and
fields named like credentials are ``***`` in results and errors alike.
"""

from __future__ import annotations

import re
import urllib.parse
from typing import Any, ClassVar, Literal, cast

import orjson
from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.engine.redact import mask_sensitive
from flowline.errors import MissingReference
from flowline.observability.redaction import is_sensitive_name
from flowline.outbound import confirm
from flowline.outbound.client import (
    Credential,
    OutboundFailed,
    OutboundRefused,
    OutboundRequest,
    OutboundResponse,
)
from flowline.outbound.retry import MAX_ATTEMPTS, WRITES, RetryPolicy
from flowline.secrets import service as secrets
from flowline.secrets.repository import SecretRepository
from flowline.secrets.schemas import NAME_PATTERN, ConfirmPolicy
from flowline.tools.kinds.base import (
    Decision,
    ToolContext,
    ToolDef,
    ToolFailed,
    ToolKind,
    ToolPolicy,
)

METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]{0,63})\}")
MAX_RESULT_CHARS = 100_000
"""A body longer than this, as JSON text, reaches the model cut short (``truncated``)."""
HEADER_NAME_PATTERN = r"^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$"
_TOKEN = re.compile(HEADER_NAME_PATTERN)
URL_PATTERN = r"^[Hh][Tt][Tt][Pp][Ss]?://[^/?#{}@\[\]\\\x00-\x20\x7f]+(?:[/?#][^\x00-\x1f\x7f]*)?$"
"""An ``http://`` or ``https://`` URL whose host holds no placeholder, user information or
brackets (the document states it; ``_url`` checks it first)."""
_URL = re.compile(URL_PATTERN)
SENSITIVE_HEADER_PATTERN = "".join(
    f"[{c.upper()}{c}]" if c.isalpha() else c
    for c in "(?:pass|secret|token|api[-_]?key|authorization|cookie|credential|"
    "private[-_]?key|csrf|session)"
)
"""``is_sensitive_name``'s words, in any case, as a JSON Schema pattern (no flags there)."""
CREDENTIAL_CONFIRM = "credential_confirm"
"""The key of ``ToolDef.facts`` holding the credential's ``confirm`` policy."""


class HttpToolConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    method: Literal["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] = "GET"
    url: str = Field(
        min_length=1,
        max_length=2000,
        description="`https://api.example.com/users/{user_id}`: placeholders in path and query.",
        json_schema_extra={"pattern": URL_PATTERN},
    )
    headers: dict[str, str] = Field(
        default_factory=dict,
        max_length=50,
        description="Sent with every call; values may hold placeholders. No credentials here.",
        json_schema_extra={
            "propertyNames": {
                "pattern": HEADER_NAME_PATTERN,
                "not": {"pattern": SENSITIVE_HEADER_PATTERN},
            },
            "additionalProperties": {"type": "string", "not": {"pattern": "[\r\n]"}},
        },
    )
    query: list[str] = Field(
        default_factory=list,
        max_length=100,
        description="Arguments a POST, PUT or PATCH sends in the query string, not the body.",
    )
    credential: str | None = Field(
        default=None, pattern=NAME_PATTERN, description="The name of a secret to send."
    )
    timeout_seconds: float = Field(default=30.0, gt=0, le=300)
    attempts: int = Field(default=3, ge=1, le=MAX_ATTEMPTS)
    idempotency_key: bool = Field(
        default=True, description="Send the call's `Idempotency-Key` (writes may then be retried)."
    )

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        if not _URL.fullmatch(value):
            raise ValueError("must be an http:// or https:// URL; the host holds no {, }, @ or [")
        parts = urllib.parse.urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError("must be an http:// or https:// URL")
        if "{" in parts.netloc or "}" in parts.netloc:
            raise ValueError("placeholders may stand in the path and query, not the host")
        if "@" in parts.netloc:
            raise ValueError("must not hold user information; use a credential")
        return value

    @field_validator("headers")
    @classmethod
    def _headers(cls, value: dict[str, str]) -> dict[str, str]:
        for name, text in value.items():
            if not _TOKEN.match(name):
                raise ValueError(f"{name!r} is not an HTTP header name")
            if is_sensitive_name(name):
                raise ValueError(f"{name!r} carries a credential: use `credential` instead")
            if "\r" in text or "\n" in text:
                raise ValueError(f"the value of {name!r} must be one line")
        return value


def placeholders(config: HttpToolConfig) -> list[str]:
    found = PLACEHOLDER.findall(config.url)
    for text in config.headers.values():
        found += PLACEHOLDER.findall(text)
    return list(dict.fromkeys(found))


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    return orjson.dumps(value).decode()


def _fill(template: str, arguments: dict[str, Any], used: set[str], *, quote: bool) -> str:
    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in arguments or arguments[name] is None:
            raise ToolFailed(f"the argument {name!r} is needed to build the request")
        used.add(name)
        text = _text(arguments[name])
        if not quote and ("\r" in text or "\n" in text):
            raise ToolFailed(f"the argument {name!r} must be one line to go in a header")
        return urllib.parse.quote(text, safe="") if quote else text

    return PLACEHOLDER.sub(one, template)


def _query_value(value: Any) -> Any:
    if isinstance(value, list):
        return [_text(v) for v in value]
    return _text(value) if not isinstance(value, str | int | float | bool) else value


def request_parts(config: HttpToolConfig, arguments: dict[str, Any]) -> dict[str, Any]:
    """``{method, url, headers, query, json}`` of the call, before the credential."""
    used: set[str] = set()
    url = _fill(config.url, arguments, used, quote=True)
    headers = {k: _fill(v, arguments, used, quote=False) for k, v in config.headers.items()}
    rest = {k: v for k, v in arguments.items() if k not in used and v is not None}
    query: dict[str, Any] = {}
    body: Any = None
    if config.method in BODY_METHODS:
        query = {k: _query_value(rest.pop(k)) for k in config.query if k in rest}
        body = rest or None
    else:
        query = {k: _query_value(v) for k, v in rest.items()}
    return {"method": config.method, "url": url, "headers": headers, "query": query, "json": body}


async def _credential(ctx: ToolContext, name: str) -> Credential:
    box = ctx.runtime.secret_box
    async with ctx.runtime.db.session() as session:
        found = await secrets.credential(session, ctx.principal.org_id, name, box)
    if found is None:
        raise ToolFailed(f"no secret named {name!r} to send")
    return found  # its value is masked in logs and errors from now on


def _result(response: OutboundResponse) -> dict[str, Any]:
    body: Any = response.body
    result: dict[str, Any] = {"status": response.status, "content_type": response.content_type}
    if not response.is_text:
        body = None
        result["note"] = f"the body is not text ({len(response.content)} bytes); not shown"
    elif len(_text(body)) > MAX_RESULT_CHARS:
        body = _text(body)[:MAX_RESULT_CHARS]
        result["truncated"] = True
    result["body"] = body
    return result


class HttpKind(ToolKind):
    name: ClassVar[str] = "http"
    config_model: ClassVar[type[BaseModel]] = HttpToolConfig
    default_policy: ClassVar[ToolPolicy] = "mutating"

    def default_parameters(self, config: BaseModel) -> dict[str, Any]:
        names = placeholders(cast(HttpToolConfig, config))
        return {
            "type": "object",
            "properties": {name: {"type": "string"} for name in names},
            "required": names,
        }

    def describe(self, config: BaseModel) -> str:
        http = cast(HttpToolConfig, config)
        return f"Sends {http.method} {http.url}."

    async def prepare(
        self, session: AsyncSession, org_id: str, agent_id: str, config: BaseModel
    ) -> dict[str, Any] | None:
        name = cast(HttpToolConfig, config).credential
        if name is not None and await SecretRepository(session, org_id).by_name(name) is None:
            raise MissingReference(f"No secret named {name!r}.", field="config.credential")
        return None

    def complete(self, config: BaseModel, parameters: dict[str, Any]) -> dict[str, Any]:
        """A placeholder the parameters do not name is added to them, a required string
        (as when the definition gives no parameters)."""
        properties = parameters.get("properties") or {}
        missing = [n for n in placeholders(cast(HttpToolConfig, config)) if n not in properties]
        if not missing:
            return parameters
        required = [*parameters.get("required", []), *missing]
        added = {name: {"type": "string"} for name in missing}
        return {**parameters, "properties": {**properties, **added}, "required": required}

    def mutates(self, tool: ToolDef, arguments: dict[str, Any]) -> bool:
        return cast(HttpToolConfig, tool.config).method in WRITES

    def decide(self, tool: ToolDef, policy: ToolPolicy, arguments: dict[str, Any]) -> Decision:
        """The tool's policy, or the credential's ``confirm`` when that is stricter."""
        if policy == "always" or (policy == "mutating" and self.mutates(tool, arguments)):
            return "always"
        credential = tool.facts.get(CREDENTIAL_CONFIRM)
        if credential is not None:
            method = cast(HttpToolConfig, tool.config).method
            if confirm.needs_confirmation(ConfirmPolicy(credential), method):
                return "always"
        return "never"

    def preview(self, tool: ToolDef, arguments: dict[str, Any]) -> dict[str, Any]:
        """The request as a person approving it sees it (fields like credentials masked)."""
        config = cast(HttpToolConfig, tool.config)
        try:
            parts = request_parts(config, arguments)
        except ToolFailed as exc:
            return {"method": config.method, "url": config.url, "problem": exc.message}
        shown: dict[str, Any] = mask_sensitive(parts)
        return {**shown, "credential": config.credential}

    async def run(
        self, ctx: ToolContext, tool: ToolDef, arguments: dict[str, Any], idempotency_key: str
    ) -> Any:
        config = cast(HttpToolConfig, tool.config)
        credential = await _credential(ctx, config.credential) if config.credential else None
        known = () if credential is None else (credential.value,)
        parts = request_parts(config, arguments)
        request = OutboundRequest(
            method=parts["method"],
            url=parts["url"],
            headers=parts["headers"],
            query=parts["query"],
            json_body=parts["json"],
            credential=credential,
            idempotency_key=idempotency_key if config.idempotency_key else None,
            timeout_seconds=config.timeout_seconds,
            retry=RetryPolicy(attempts=config.attempts),
        )
        try:
            response = await ctx.runtime.outbound.send(request)
        except OutboundRefused as exc:
            message = mask_sensitive(exc.message, known)
            raise ToolFailed(message, data={"code": exc.error_code}) from None
        except OutboundFailed as exc:
            message = mask_sensitive(exc.message, known)
            raise ToolFailed(message, data={"code": exc.error_code}) from None
        result: dict[str, Any] = mask_sensitive(_result(response), known)
        if response.status >= 400:
            where = mask_sensitive(f"{request.method} {response.url}", known)
            raise ToolFailed(f"{where} answered {response.status}", data=result)
        return result


KIND = HttpKind()
