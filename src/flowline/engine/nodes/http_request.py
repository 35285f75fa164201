"""``http_request``: one outbound HTTP call under the safety contract."""

from __future__ import annotations

from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from flowline.engine.nodes.base import Name, NodeConfig, NodeType, Text


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


NODE = NodeType(
    name="http_request",
    config=HttpRequestConfig,
    outcomes=("next", "error"),
    description="One outbound HTTP call; output `{status, headers, body}`.",
)
