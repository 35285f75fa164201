"""Answers of ``/api/v1/agents/{id}/context/…``."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from flowline.context.assembly import BlockKind


class ContextBlockRead(BaseModel):
    name: str = Field(description="`instructions`, a prompt block's name, `memory`, `skills`, …")
    kind: BlockKind
    content: str | None = Field(
        description="As the model sees it; `null`: a dynamic block not rendered (yet)."
    )
    tokens: int | None = Field(description="Tokens of `content` (tiktoken `cl100k_base`).")
    dynamic: bool = False
    cached: bool | None = Field(default=None, description="Dynamic blocks: from the cache.")
    cached_at: datetime | None = None
    expires_at: datetime | None = None
    error: str | None = Field(default=None, description="Why a block could not be rendered.")


class ContextRead(BaseModel):
    agent_id: str
    order: list[BlockKind] = Field(description="The order blocks are put in, by kind.")
    blocks: list[ContextBlockRead]
    total_tokens: int = Field(description="Of the blocks with content.")
    tokenizer: str


class ContextBuilt(ContextRead):
    system_prompt: str = Field(description="The blocks' contents joined by blank lines.")


class BuildBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    blocks: list[str] | None = Field(
        default=None, max_length=100, description="Only these blocks (by name); default all."
    )
    refresh: bool = Field(default=False, description="Render dynamic blocks anew.")


class PreloadBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    refresh: bool = Field(default=False, description="Render even blocks whose cache is fresh.")


class PreloadFailure(BaseModel):
    name: str
    error: str


class PreloadRead(BaseModel):
    agent_id: str
    preloaded: list[str] = Field(description="Dynamic blocks rendered and cached now.")
    fresh: list[str] = Field(description="Dynamic blocks whose cache was fresh already.")
    failed: list[PreloadFailure]
