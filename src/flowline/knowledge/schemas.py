"""Bodies and answers of ``/api/v1/knowledge-bases`` and the agents' bindings."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator, model_validator

from flowline.api.bodies import exactly_one_of
from flowline.knowledge import parsing

SearchMode = Literal["hybrid", "keyword", "vector"]
DocumentStatus = Literal["queued", "indexing", "ready", "failed"]
MAX_TOP_K = 50
DEFAULT_TOP_K = 5
RRF_K = 60


CONTENT_TYPE_PATTERN = (
    "^(?:"
    + "|".join(t.replace(".", r"\.").replace("+", r"\+") for t in parsing.KINDS)
    + r")(?:;[ -~]*)?$"
)
"""A media type a text is read as (``parsing.kind_of``), with parameters if need be."""
_CONTENT_TYPE_DOC = (
    "How the text is read: " + ", ".join(f"`{t}`" for t in parsing.KINDS) + " (parameters "
    "such as `; charset=utf-8` allowed). A `name` ending in `.md`, `.html`, ... is read as "
    "its suffix says whatever this holds."
)
_OPENAI_NEEDS: dict[str, Any] = {
    "if": {"properties": {"provider": {"const": "openai"}}, "required": ["provider"]},
    "then": {
        "required": ["base_url", "model"],
        "properties": {"base_url": {"type": "string"}, "model": {"type": "string", "minLength": 1}},
    },
}
"""The schema's form of ``_openai_needs_endpoint``."""
_URI_CHAR = r"(?:[A-Za-z0-9._~!$&'()*+,;=:@/-]|%[0-9A-Fa-f]{2})"
_URL: dict[str, Any] = {
    "pattern": (
        r"^https?://[A-Za-z0-9.-]+(?::(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}))?"
        rf"(?:/{_URI_CHAR}*)?(?:\?(?:{_URI_CHAR}|\?)*)?$"
    )
}
"""An http(s) URL as the document states it: the characters RFC 3986 allows in a path
and a query (what ``format: uri`` takes), no credentials, no fragment."""


class EmbeddingConfig(BaseModel):
    """``wordllama`` (built in, offline) or any OpenAI-compatible ``/embeddings``."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_OPENAI_NEEDS)

    provider: Literal["wordllama", "openai"] = "wordllama"
    base_url: HttpUrl | None = Field(
        default=None,
        description="For `openai`: the API root, e.g. `https://api.openai.com/v1`.",
        json_schema_extra=_URL,
    )
    model: str | None = Field(
        default=None, max_length=200, description="For `openai` (required, not empty)."
    )
    api_key_secret: str | None = Field(
        default=None,
        max_length=200,
        description="For `openai`: the name of a secret holding the API key (sent as Bearer).",
    )

    @model_validator(mode="after")
    def _openai_needs_endpoint(self) -> EmbeddingConfig:
        if self.provider == "openai" and (self.base_url is None or not self.model):
            raise ValueError("embedding: provider 'openai' needs base_url and model")
        return self


Separator = Annotated[str, Field(min_length=1, max_length=20, pattern=r"^[^\x00]+$")]


def _overlap_below_size() -> dict[str, Any]:
    """``chunk_overlap < chunk_size`` as far as JSON Schema can say it: a size below
    ``2t`` takes an overlap below ``t`` (``t`` = 16 … 1024), and an absent field is its
    default (256, 32). Pairs between those steps (size 40, overlap 35) are taken too.
    Each step is "a size of at least ``2t``, or an overlap below ``t``" (no ``if``)."""

    def either(size: dict[str, Any], overlap: dict[str, Any]) -> dict[str, Any]:
        return {"anyOf": [size, {"properties": {"chunk_overlap": overlap}}]}

    steps = [
        either({"properties": {"chunk_size": {"minimum": 2 * t}}}, {"exclusiveMaximum": t})
        for t in (16, 32, 64, 128, 256, 512, 1024)
    ]
    size_given = {"required": ["chunk_size"]}
    overlap_given = {"required": ["chunk_overlap"]}
    return {
        "allOf": [
            *steps,
            either(size_given, {"exclusiveMaximum": 256}),
            {"anyOf": [overlap_given, {"properties": {"chunk_size": {"exclusiveMinimum": 32}}}]},
        ]
    }


OVERLAP_BELOW_SIZE = _overlap_below_size()


class ChunkingFields(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra=OVERLAP_BELOW_SIZE)

    chunk_size: int = Field(
        default=256, ge=16, le=4096, description="Tokens per chunk (the embedder's tokenizer)."
    )
    chunk_overlap: int = Field(
        default=32, ge=0, le=1024, description="Tokens shared by consecutive chunks."
    )
    separators: list[Separator] = Field(
        default_factory=list,
        max_length=10,
        description=(
            "Texts that always end a chunk (Dify's segment delimiters), such as `\\n\\n` or "
            "`\\n## `: the text is cut at each, the separator dropped, before the pieces are "
            "split to `chunk_size`; no chunk or overlap crosses one. Up to 10 of 1 to 20 "
            "characters; in a multipart form, a JSON array."
        ),
    )

    @field_validator("separators", mode="before")
    @classmethod
    def _separators_from_form(cls, value: Any) -> Any:
        """A multipart form sends the list as one JSON string."""
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                raise ValueError("must be a JSON array of strings") from None
        return value

    @model_validator(mode="after")
    def _overlap_below_size(self) -> ChunkingFields:
        if self.chunk_overlap >= self.chunk_size:
            raise ValueError("chunk_overlap must be smaller than chunk_size")
        return self


class KnowledgeBaseCreate(ChunkingFields):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    description: str = Field(default="", max_length=10_000)
    embedding: EmbeddingConfig = Field(default_factory=EmbeddingConfig)
    metadata: dict[str, Any] = Field(default_factory=dict)


class KnowledgeBaseUpdate(BaseModel):
    """Name, description and metadata; chunking and embedding are fixed at creation
    (changing them would need every document re-indexed: `POST …/refresh`)."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, min_length=1, max_length=200)
    description: str | None = Field(default=None, max_length=10_000)
    metadata: dict[str, Any] | None = None


class FromUrl(ChunkingFields):
    model_config = ConfigDict(extra="forbid")

    url: HttpUrl = Field(description="An http(s) page.", json_schema_extra=_URL)
    name: str | None = Field(default=None, max_length=200)
    description: str = Field(default="", max_length=10_000)
    embedding: EmbeddingConfig = Field(default_factory=EmbeddingConfig)


class DocumentAdd(BaseModel):
    """One document by JSON: ``text`` (with a ``name``) or a ``url`` to fetch."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=exactly_one_of("text", "url"))

    name: str | None = Field(default=None, max_length=255)
    text: str | None = Field(default=None, min_length=1, max_length=5_000_000)
    url: HttpUrl | None = Field(default=None, json_schema_extra=_URL)
    content_type: str = Field(
        default="text/plain",
        max_length=255,
        description=_CONTENT_TYPE_DOC,
        json_schema_extra={"pattern": CONTENT_TYPE_PATTERN},
    )
    metadata: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _one_source(self) -> DocumentAdd:
        if (self.text is None) == (self.url is None):
            raise ValueError("give exactly one of text or url")
        return self


class KnowledgeBaseRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    name: str
    description: str
    embedding: dict[str, Any]
    chunk_size: int
    chunk_overlap: int
    separators: list[str]
    metadata: dict[str, Any] = Field(validation_alias="meta")
    version: int
    created_at: datetime
    updated_at: datetime


class DocumentRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    kb_id: str
    name: str
    source: Literal["upload", "url", "text"]
    url: str | None
    content_type: str
    content_hash: str | None
    size: int
    status: DocumentStatus
    error: dict[str, Any] | None
    metadata: dict[str, Any] = Field(validation_alias="meta")
    chunk_count: int
    created_at: datetime
    updated_at: datetime


class DocumentAdded(DocumentRead):
    duplicate: bool = Field(
        default=False, description="The KB already held this content: nothing was added."
    )


class ChunkRead(BaseModel):
    id: str
    kb_id: str
    document_id: str
    seq: int
    text: str
    tokens: int


_CONDITION_SCHEMA = exactly_one_of("key", "and", "or") | {
    "if": {
        "required": ["key", "op"],
        "properties": {"key": {"type": "string"}, "op": {"const": "in"}},
    },
    "then": {"required": ["value"], "properties": {"value": {"type": "array"}}},
}
"""A leaf ``{key, op, value}`` (``in`` takes a list) or one group: what the validator asks."""


class Condition(BaseModel):
    """One metadata test; ``and``/``or`` nest conditions."""

    model_config = ConfigDict(
        extra="forbid", populate_by_name=True, json_schema_extra=_CONDITION_SCHEMA
    )

    key: str | None = Field(default=None, max_length=200)
    op: Literal["eq", "ne", "in", "gt", "lt", "contains"] = "eq"
    value: Any = None
    and_: list[Condition] | None = Field(default=None, alias="and")
    or_: list[Condition] | None = Field(default=None, alias="or")

    @model_validator(mode="after")
    def _leaf_or_group(self) -> Condition:
        groups = (self.and_ is not None) + (self.or_ is not None)
        if groups > 1 or (groups == 0) == (self.key is None):
            raise ValueError(
                "a filter is either {key, op, value} or one of {and: [...]}, {or: [...]}"
            )
        if self.op == "in" and self.key is not None and not isinstance(self.value, list):
            raise ValueError("op 'in' needs a list value")
        return self


class SearchBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    query: str = Field(
        min_length=1,
        max_length=2000,
        pattern=r"^[^\x00]*$",
        description="1 to 2,000 characters, without NUL (no database stores it).",
    )
    mode: SearchMode = "hybrid"
    top_k: int = Field(default=DEFAULT_TOP_K, ge=1, le=MAX_TOP_K)
    score_threshold: float | None = Field(
        default=None,
        description=(
            "Hits scoring below it are left out. Scores: cosine similarity (`vector`), "
            "the full-text rank (`keyword`), the reciprocal-rank-fusion sum (`hybrid`)."
        ),
    )
    filter: Condition | None = Field(default=None, description="On the documents' metadata.")


KnowledgeBaseId = Annotated[
    str, Field(pattern=r"^[a-z]+_[0-9a-z]{1,40}$", description="A knowledge base's id.")
]


class CrossSearchBody(SearchBody):
    knowledge_base_ids: list[KnowledgeBaseId] = Field(min_length=1, max_length=20)


class SearchHit(BaseModel):
    chunk_id: str
    document_id: str
    document_name: str
    kb_id: str
    text: str
    score: float
    metadata: dict[str, Any]


class SearchResult(BaseModel):
    query: str
    mode: SearchMode
    hits: list[SearchHit]


class SearchDefaults(BaseModel):
    mode: SearchMode = "hybrid"
    top_k: int = DEFAULT_TOP_K
    max_top_k: int = MAX_TOP_K
    score_threshold: float | None = None
    rrf_k: int = RRF_K
    filter_ops: list[str] = ["eq", "ne", "in", "gt", "lt", "contains", "and", "or"]


class PreviewBody(ChunkingFields):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=5_000_000)
    content_type: str = Field(
        default="text/plain",
        max_length=255,
        description=_CONTENT_TYPE_DOC,
        json_schema_extra={"pattern": CONTENT_TYPE_PATTERN},
    )


class PreviewChunk(BaseModel):
    seq: int
    text: str
    tokens: int


class PreviewResult(BaseModel):
    chunks: list[PreviewChunk]
    total_tokens: int


class KnowledgeSummary(BaseModel):
    id: str
    name: str
    documents: int
    chunks: int
    tokens: int
    by_status: dict[str, int]
    version: int


class MetadataField(BaseModel):
    key: str
    types: list[str]
    documents: int


class AgentKnowledgeBaseRead(KnowledgeBaseRead):
    bound_at: datetime | None = None
