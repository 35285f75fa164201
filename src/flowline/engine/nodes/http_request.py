"""``http_request``: one outbound HTTP call under the safety contract (docs/outbound.md).

The client (``flowline.outbound``) does the network policy, retries inside the
step, redirects and limits; this node turns its answer into the step's output
(``attempts`` included), stores bodies that are not text as attachments, and
decides which failures the engine may retry (``retry`` on the node): never a
write that might have been applied without an ``Idempotency-Key``.
"""

from __future__ import annotations

import asyncio
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from flowline.attachments import service as attachments
from flowline.engine import approvals
from flowline.engine.context import NodeContext
from flowline.engine.nodes.approval import NotifyTarget, ask_where_people_are
from flowline.engine.nodes.base import Name, NodeConfig, NodeType, Outcome, StepFailed, Text
from flowline.engine.redact import mask_sensitive
from flowline.observability.redaction import MASK, is_sensitive_name
from flowline.outbound import confirm
from flowline.outbound.client import (
    DEFAULT_TIMEOUT_SECONDS,
    MAX_REDIRECTS,
    MAX_RESPONSE_BYTES,
    Credential,
    OutboundFailed,
    OutboundRefused,
    OutboundRequest,
    OutboundResponse,
)
from flowline.outbound.pagination import PageSpec, PaginationError, walk
from flowline.outbound.retry import MAX_ATTEMPTS, RetryPolicy, may_repeat, retryable_status
from flowline.secrets import service as secrets
from flowline.secrets.schemas import ConfirmPolicy

MAX_TEXT_BYTES = 1024 * 1024
"""Text bodies above this are stored as attachments, not in the step's output."""
DEADLINE_MARGIN_SECONDS = 0.25
"""The client stops this much before the step's ``timeout_seconds``, to report itself."""
_PARAM = r"^[A-Za-z0-9_.~\-\[\]]{1,128}$"
_PATH = r"^[A-Za-z0-9_\-]+(\.[A-Za-z0-9_\-]+)*$"
_PRODUCT = r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+(/[!#$%&'*+.^_`|~0-9A-Za-z-]+)?( \([ -~]{0,200}\))?$"


class Paginate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    style: Literal["offset", "page", "cursor", "link"]
    limit: int | None = Field(default=None, ge=1, le=10_000, description="Items per page.")
    max_pages: int = Field(default=100, ge=1, le=1000)
    items: str | None = Field(
        default=None,
        pattern=_PATH,
        description="Dotted path of the list in each page; default the body, `items` or `data`.",
    )
    limit_param: str = Field(default="limit", pattern=_PARAM)
    offset_param: str = Field(default="offset", pattern=_PARAM)
    page_param: str = Field(default="page", pattern=_PARAM)
    first_page: int = Field(default=1, ge=0, le=1)
    cursor_param: str = Field(default="cursor", pattern=_PARAM)
    next_cursor: str = Field(
        default="next_cursor", pattern=_PATH, description="Dotted path of the next cursor."
    )

    def spec(self) -> PageSpec:
        return PageSpec(**self.model_dump())


class HttpRequestConfig(NodeConfig):
    method: Literal["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] = "GET"
    url: Text
    headers: dict[str, str] = Field(default_factory=dict)
    query: dict[str, Any] = Field(default_factory=dict)
    json_body: Any = Field(default=None, alias="json", description="A JSON body.")
    body: str | None = Field(default=None, description="A text body (instead of `json`).")
    credential: Name | None = Field(default=None, description="The name of a secret to send.")
    confirm: ConfirmPolicy | None = Field(
        default=None,
        description=(
            "Ask a person before sending: `never`, `writes` (POST, PUT, PATCH, DELETE) or "
            "`always` (`true`/`false` mean `always`/`never`); default `never`. The stricter "
            "of this and the credential's `confirm` applies (docs/confirmation.md)."
        ),
    )
    confirm_assignees: list[Name] = Field(
        default_factory=list,
        max_length=100,
        description="Who confirms (user ids, templates allowed); default the run's creator.",
    )
    confirm_group: Name | None = Field(
        default=None, description="A group (id or name) whose members may confirm."
    )
    confirm_notify: list[NotifyTarget] = Field(
        default_factory=list,
        max_length=20,
        description=(
            "People also asked on a channel (`{channel_id, to}`, templates allowed): the "
            "confirmation goes out with Approve/Deny buttons, or a reply code and links "
            "(docs/channels.md)."
        ),
    )
    paginate: Paginate | None = None
    attempts: int = Field(
        default=3,
        ge=1,
        le=MAX_ATTEMPTS,
        description="Tries of the request within one step (network errors, 5xx, 429).",
    )
    backoff_initial_seconds: float = Field(default=0.5, gt=0, le=60)
    backoff_max_seconds: float = Field(default=10.0, gt=0, le=300)
    max_retry_after_seconds: float = Field(
        default=60.0, ge=0, le=3600, description="A longer `Retry-After` ends the step instead."
    )
    request_timeout_seconds: float | None = Field(
        default=None,
        gt=0,
        le=3600,
        description="Connect/read time-out of each try; default `timeout_seconds`, else 30.",
    )
    max_redirects: int = Field(default=MAX_REDIRECTS, ge=0, le=10)
    max_response_bytes: int = Field(default=MAX_RESPONSE_BYTES, ge=1, le=MAX_RESPONSE_BYTES)
    user_agent: str | None = Field(
        default=None,
        max_length=300,
        pattern=_PRODUCT,
        description="A product token put before Flowline's in `User-Agent` (`Acme/1.0`).",
    )
    idempotency_key: bool = Field(
        default=True,
        description="Send the step's `Idempotency-Key`; without it writes are never repeated.",
    )

    @field_validator("confirm", mode="before")
    @classmethod
    def _confirm(cls, value: Any) -> Any:
        return confirm.coerce_policy(value)

    @model_validator(mode="after")
    def _one_body(self) -> Self:
        if self.json_body is not None and self.body is not None:
            raise ValueError("give `json` or `body`, not both")
        return self


async def _credential(ctx: NodeContext, name: str) -> Credential:
    async with ctx.runtime.db.session() as session:
        found = await secrets.credential(session, ctx.run.org_id, name, ctx.runtime.secret_box)
    if found is None:
        raise StepFailed(
            "CREDENTIAL_NOT_FOUND", f"No secret named {name!r} to send.", retryable=False
        )
    return found  # its value is masked in logs and errors from now on


def _request(
    ctx: NodeContext, config: HttpRequestConfig, credential: Credential | None
) -> OutboundRequest:
    url = str(ctx.render(config.url))
    headers = {str(k): str(v) for k, v in ctx.render(config.headers).items()}
    body = ctx.render(config.body) if config.body is not None else None
    deadline = None
    if config.timeout_seconds is not None:
        deadline = asyncio.get_running_loop().time() + config.timeout_seconds
        deadline -= min(DEADLINE_MARGIN_SECONDS, config.timeout_seconds / 10)
    return OutboundRequest(
        method=config.method,
        url=url,
        headers=headers,
        query=ctx.render(config.query),
        json_body=ctx.render(config.json_body),
        body=None if body is None else str(body),
        credential=credential,
        idempotency_key=ctx.idempotency_key if config.idempotency_key else None,
        timeout_seconds=(
            config.request_timeout_seconds or config.timeout_seconds or DEFAULT_TIMEOUT_SECONDS
        ),
        retry=RetryPolicy(
            attempts=config.attempts,
            initial_seconds=config.backoff_initial_seconds,
            max_seconds=config.backoff_max_seconds,
            max_retry_after_seconds=config.max_retry_after_seconds,
        ),
        deadline=deadline,
        max_redirects=config.max_redirects,
        max_response_bytes=config.max_response_bytes,
        product=config.user_agent,
    )


def _masked(output: dict[str, Any], request: OutboundRequest) -> Any:
    """The answer as stored: the credential (an echo of it, in any encoding) and fields
    named like credentials masked, even when no template of the flow names a secret."""
    known = () if request.credential is None else (request.credential.value,)
    return mask_sensitive(output, known)


def _headers(headers: dict[str, str]) -> dict[str, str]:
    return {k: (MASK if is_sensitive_name(k) else v) for k, v in headers.items()}


async def _body(ctx: NodeContext, response: OutboundResponse) -> dict[str, Any]:
    """``{"body": …}``, or ``{"body": None, "attachment": {…}}`` for what is not text."""
    if response.is_text and len(response.content) <= MAX_TEXT_BYTES:
        return {"body": response.body}
    async with ctx.runtime.db.session(write=True) as session:
        stored = await attachments.store(
            session,
            ctx.run.org_id,
            response.content,
            response.content_type or None,
            run_id=ctx.run.id,
            step_id=ctx.step.id,
        )
        reference = attachments.reference(stored)
    return {"body": None, "attachment": reference}


def _http_failure(
    request: OutboundRequest, response: OutboundResponse, details: dict[str, Any]
) -> StepFailed:
    has_key = request.idempotency_key is not None
    return StepFailed(
        f"HTTP_{response.status}",
        f"{request.method} {response.url} answered {response.status}.",
        retryable=retryable_status(response.status) and may_repeat(request.method, has_key),
        details=details,
    )


async def execute(ctx: NodeContext, config: HttpRequestConfig) -> Outcome:
    credential = await _credential(ctx, config.credential) if config.credential else None
    request = _request(ctx, config, credential)
    ctx.step.input = mask_sensitive(
        {
            "method": request.method,
            "url": request.url,
            "query": request.query,
            "json": request.json_body,
        }
    )
    if ctx.effect is not None:  # confirmed: exactly what was approved, or nothing
        request = await confirm.approved(ctx, request)
    client = ctx.runtime.outbound
    try:
        if config.paginate is not None:
            return await _paginated(ctx, request, config.paginate)
        response = await client.send(request)
    except OutboundRefused as exc:
        raise StepFailed(exc.error_code, exc.message, retryable=False) from None
    except OutboundFailed as exc:
        attempts = [a.as_dict() for a in exc.attempts]
        raise StepFailed(
            exc.error_code, exc.message, retryable=exc.retryable, details={"attempts": attempts}
        ) from None
    output = {
        "status": response.status,
        "headers": _headers(response.headers),
        **(await _body(ctx, response)),
        "attempts": [a.as_dict() for a in response.attempts],
    }
    output = _masked(output, request)
    if response.status >= 400:
        raise _http_failure(request, response, {"response": output})
    return Outcome(output=output)


async def _paginated(ctx: NodeContext, request: OutboundRequest, paginate: Paginate) -> Outcome:
    try:
        result = await walk(ctx.runtime.outbound, request, paginate.spec())
    except PaginationError as exc:
        raise StepFailed("PAGINATION_ERROR", str(exc), retryable=False) from None
    output: dict[str, Any] = _masked(
        {"items": result.items, "pages": result.pages, "attempts": result.attempts}, request
    )
    if result.failed is not None:
        failed = result.failed
        details = {
            "response": {
                "status": failed.status,
                "headers": _headers(failed.headers),
                "body": failed.body if failed.is_text else None,
            },
            "pages": result.pages,
            "attempts": result.attempts,
        }
        raise _http_failure(request, failed, details)
    return Outcome(output=output)


async def ask_first(ctx: NodeContext, config: HttpRequestConfig) -> Outcome | None:
    """``confirm.ask``, and the question sent to ``confirm_notify`` on their channels."""
    waiting = await confirm.ask(ctx, config)
    if waiting is not None and config.confirm_notify:
        output = waiting.output if isinstance(waiting.output, dict) else {}
        approval = await approvals.get(ctx.db, ctx.run.org_id, str(output.get("approval_id")))
        if approval is not None:
            await ask_where_people_are(ctx, approval, config.confirm_notify, "confirm_notify")
    return waiting


NODE = NodeType(
    name="http_request",
    config=HttpRequestConfig,
    outcomes=("next", "error"),
    description=(
        "One outbound HTTP call; output `{status, headers, body, attempts}` "
        "(or `attachment` for bodies that are not text), `{items, pages, attempts}` "
        "with `paginate`."
    ),
    execute=execute,
    effects=True,
    before_effect=ask_first,
    on_resume=confirm.resume,
    bounds_itself=True,
)
