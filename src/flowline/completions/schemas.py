"""Bodies and answers of the completion routes, and the operations a batch row can run.

Each kind has its parameters (``LabelParams``, …) and takes one ``input``: a text,
or any JSON value (given to the model as JSON). ``POST completions/run`` applies one
kind to up to 50 inputs; a batch applies it to every row of a file.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from flowline.api.bodies import all_of, inline_schema, when
from flowline.api.names import SPACES

MAX_ITEMS = 50
MAX_TEXT = 100_000

Kind = Literal["label", "extract", "summarize", "enrich", "chat", "recommend", "autocomplete"]
KINDS: tuple[Kind, ...] = (
    "label",
    "extract",
    "summarize",
    "enrich",
    "chat",
    "recommend",
    "autocomplete",
)
ModelName = Annotated[
    str,
    Field(
        min_length=1,
        max_length=200,
        pattern=rf"^[^/{SPACES}]+/[^{SPACES}]+$",
        description="`provider/model`; else the organisation's default model.",
    ),
]
Instructions = Annotated[str, Field(max_length=4000, description="Added to the model's task.")]
Input = Annotated[
    str | int | float | bool | dict[str, Any] | list[Any],
    Field(description="A text, or any JSON value (the model sees it as JSON)."),
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CallFields(Strict):
    model: ModelName | None = None
    temperature: float | None = Field(default=None, ge=0, le=2)


class LabelParams(Strict):
    categories: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(
        min_length=2,
        max_length=100,
        description="The labels to choose from, distinct.",
        json_schema_extra={"uniqueItems": True},
    )
    multi_label: bool = Field(default=False, description="Any number of labels, not one.")
    instructions: Instructions | None = None

    @field_validator("categories")
    @classmethod
    def _distinct(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("categories must be distinct")
        return value


class ExtractParams(Strict):
    json_schema: dict[str, Any] = Field(
        alias="schema",
        description="A JSON Schema of an object; the answer is checked against it.",
    )
    instructions: Instructions | None = None

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class SummarizeParams(Strict):
    max_words: int = Field(default=100, ge=5, le=2000)
    style: Literal["paragraph", "bullets"] = "paragraph"
    instructions: Instructions | None = None


FieldType = Literal["string", "number", "integer", "boolean"]


class EnrichField(Strict):
    type: FieldType = "string"
    description: str = Field(min_length=1, max_length=1000)


class EnrichParams(Strict):
    fields: dict[Annotated[str, Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")], EnrichField] = (
        Field(min_length=1, max_length=50, description="The fields to compute, by name.")
    )
    instructions: Instructions | None = None


class ChatParams(Strict):
    system: str | None = Field(default=None, max_length=MAX_TEXT)
    max_tokens: int | None = Field(default=None, ge=1, le=100_000)


class RecommendParams(Strict):
    count: int = Field(default=3, ge=1, le=20)
    candidates: list[Annotated[str, Field(min_length=1, max_length=500)]] | None = Field(
        default=None, max_length=200, description="Recommend among these only."
    )
    goal: str | None = Field(default=None, max_length=4000)


class AutocompleteParams(Strict):
    max_tokens: int = Field(default=32, ge=1, le=1000)


PARAMS: dict[str, type[Strict]] = {
    "label": LabelParams,
    "extract": ExtractParams,
    "summarize": SummarizeParams,
    "enrich": EnrichParams,
    "chat": ChatParams,
    "recommend": RecommendParams,
    "autocomplete": AutocompleteParams,
}


def params_per_kind(kind_field: str) -> list[dict[str, Any]]:
    """JSON schema: ``params`` as each kind (named by ``kind_field``) takes them, as
    ``service.parse_params`` checks them; for ``allOf`` in ``json_schema_extra``."""
    rules = []
    for kind, model in PARAMS.items():
        params = inline_schema(model)
        then: dict[str, Any] = {"properties": {"params": params}}
        if params.get("required"):
            then["required"] = ["params"]
        rules.append(when(kind_field, kind, then))
    return rules


# --- the single-input routes' bodies: the kind's parameters, the input, the model ---


class LabelBody(LabelParams, CallFields):
    input: Input


class ExtractBody(ExtractParams, CallFields):
    input: Input


class SummarizeBody(SummarizeParams, CallFields):
    input: Input


class EnrichBody(EnrichParams, CallFields):
    input: Input


class ChatMessage(Strict):
    role: Literal["user", "assistant", "system"]
    content: str = Field(max_length=MAX_TEXT)


class ChatBody(ChatParams, CallFields):
    messages: list[ChatMessage] = Field(
        min_length=1,
        max_length=200,
        description=(
            "The conversation so far, with at least one message of the user's; messages "
            "after the user's last (an assistant's answer begun) are sent on as they are."
        ),
        json_schema_extra={"contains": {"properties": {"role": {"const": "user"}}}},
    )
    stream: bool = Field(
        default=False,
        description="Answer as server-sent events (also `Accept: text/event-stream`).",
    )


class RecommendBody(RecommendParams, CallFields):
    input: Input = Field(description="What to recommend for: a text or a JSON value.")


class AutocompleteBody(AutocompleteParams, CallFields):
    input: str = Field(min_length=1, max_length=MAX_TEXT, description="The text to continue.")


class RunBody(CallFields):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra=all_of(params_per_kind("operation"))
    )

    operation: Kind
    params: dict[str, Any] = Field(
        default_factory=dict, description="The operation's parameters (as its own route's body)."
    )
    items: list[Input] = Field(min_length=1, max_length=MAX_ITEMS)


class UsageRead(BaseModel):
    input_tokens: int
    output_tokens: int


class CompletionRead(BaseModel):
    output: Any = Field(description="The kind's answer (see each route).")
    model: str
    usage: UsageRead
    cost: float = Field(description="US dollars.")


class ItemError(BaseModel):
    error: str
    message: str


class RunItem(BaseModel):
    index: int
    output: Any | None = None
    error: ItemError | None = None
    cost: float = 0.0


class RunRead(BaseModel):
    operation: Kind
    model: str | None
    results: list[RunItem]
    succeeded: int
    failed: int
    cost: float
