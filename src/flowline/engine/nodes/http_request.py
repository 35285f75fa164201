"""``http_request``: one outbound HTTP call under the safety contract."""

from __future__ import annotations

from typing import Any, Literal, Self

import httpx
from pydantic import BaseModel, ConfigDict, Field, model_validator

from flowline.engine.context import NodeContext
from flowline.engine.nodes.base import Name, NodeConfig, NodeType, Outcome, StepFailed, Text
from flowline.outbound.client import (
    DEFAULT_TIMEOUT_SECONDS,
    Credential,
    OutboundRefused,
    OutboundRequest,
)
from flowline.secrets.repository import SecretRepository


class Paginate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    style: Literal["offset", "page", "cursor", "link"]
    limit: int | None = Field(default=None, ge=1, le=10_000, description="Items per page.")
    max_pages: int = Field(default=100, ge=1, le=1000)


class HttpRequestConfig(NodeConfig):
    method: Literal["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] = "GET"
    url: Text
    headers: dict[str, str] = Field(default_factory=dict)
    query: dict[str, Any] = Field(default_factory=dict)
    json_body: Any = Field(default=None, alias="json", description="A JSON body.")
    body: str | None = Field(default=None, description="A text body (instead of `json`).")
    credential: Name | None = Field(default=None, description="The name of a secret to send.")
    confirm: bool = Field(default=False, description="Ask a person before sending.")
    paginate: Paginate | None = None

    @model_validator(mode="after")
    def _one_body(self) -> Self:
        if self.json_body is not None and self.body is not None:
            raise ValueError("give `json` or `body`, not both")
        return self


async def _credential(ctx: NodeContext, name: str) -> Credential:
    async with ctx.runtime.db.session() as session:
        secret = await SecretRepository(session, ctx.run.org_id).by_name(name)
    if secret is None:
        raise StepFailed(
            "CREDENTIAL_NOT_FOUND", f"No secret named {name!r} to send.", retryable=False
        )
    return Credential(
        name=secret.name,
        kind=secret.kind,
        value=ctx.runtime.secret_box.decrypt(secret.ciphertext),
        hosts=tuple(secret.hosts),
        header=secret.header,
        param=secret.param,
    )


async def execute(ctx: NodeContext, config: HttpRequestConfig) -> Outcome:
    url = str(ctx.render(config.url))
    headers = {str(k): str(v) for k, v in ctx.render(config.headers).items()}
    query = ctx.render(config.query)
    json_body = ctx.render(config.json_body)
    body = ctx.render(config.body) if config.body is not None else None
    ctx.step.input = {"method": config.method, "url": url, "query": query, "json": json_body}
    credential = await _credential(ctx, config.credential) if config.credential else None
    request = OutboundRequest(
        method=config.method,
        url=url,
        headers=headers,
        query=query,
        json_body=json_body,
        body=None if body is None else str(body),
        credential=credential,
        idempotency_key=ctx.idempotency_key,
        timeout_seconds=config.timeout_seconds or DEFAULT_TIMEOUT_SECONDS,
    )
    try:
        response = await ctx.runtime.outbound.send(request)
    except OutboundRefused as exc:
        raise StepFailed(exc.error_code, exc.message, retryable=False) from None
    except httpx.TimeoutException:
        raise StepFailed("TIMEOUT", f"{config.method} {url} timed out.") from None
    except httpx.HTTPError as exc:
        raise StepFailed("NETWORK_ERROR", f"{config.method} {url}: {type(exc).__name__}") from None
    output = {"status": response.status, "headers": response.headers, "body": response.body}
    if response.status >= 400:
        raise StepFailed(
            f"HTTP_{response.status}",
            f"{config.method} {url} answered {response.status}.",
            retryable=response.status >= 500 or response.status == 429,
            details={"response": output},
        )
    return Outcome(output=output)


NODE = NodeType(
    name="http_request",
    config=HttpRequestConfig,
    outcomes=("next", "error"),
    description="One outbound HTTP call; output `{status, headers, body}`.",
    execute=execute,
    effects=True,
)
