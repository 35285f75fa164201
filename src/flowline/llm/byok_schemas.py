"""Bodies of the one-step BYO key routes (``POST /llm/config``, ``PUT …/mode``, …)."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from flowline.llm.registry import ProviderKind
from flowline.llm.schemas import (
    API_KEY_PATTERN,
    MAX_MODELS,
    BaseUrl,
    LlmProviderRead,
    Mode,
    ModelId,
    ModelName,
    ModelRead,
    ProviderName,
    _api_key,
    needs_base_url,
)
from flowline.llm.use_cases import UseCase

MIN_KEY_LENGTH = 8


class ByokSave(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra=needs_base_url("provider"))

    provider: ProviderKind = Field(description="`openai`, `anthropic` or `openai_compatible`.")
    name: ProviderName | None = Field(
        default=None,
        description=(
            "The provider's name (models are `<name>/<model>`); defaults to `provider`. "
            "Saving a name again replaces that provider's key and policy."
        ),
    )
    api_key: Annotated[
        str,
        Field(
            min_length=MIN_KEY_LENGTH,
            max_length=4096,
            json_schema_extra={"pattern": API_KEY_PATTERN},
        ),
        AfterValidator(_api_key),
    ] = Field(
        description=(
            f"At least {MIN_KEY_LENGTH} characters of printable ASCII without spaces (an "
            "HTTP header carries it); anything else is 422. Encrypted at rest, never returned."
        )
    )
    base_url: BaseUrl = None
    default_model: ModelName | None = Field(
        default=None, description="This provider's model used by default."
    )
    models: list[ModelName] = Field(
        default_factory=list,
        max_length=MAX_MODELS,
        description="The allow-list: model names it serves, beside the shipped ones.",
    )
    use_cases: dict[UseCase, ModelId] = Field(
        default_factory=dict,
        description="Backend use case to model id (`email_draft` → `openai/gpt-4o-mini`).",
    )

    def provider_name(self) -> str:
        return self.name or self.provider


class ModeSet(BaseModel):
    model_config = ConfigDict(extra="forbid")

    mode: Mode = Field(
        description=(
            "`platform`: the instance's provider; `byok`: this organisation's own keys "
            "(needs a saved key, else 409 `NO_BYOK_PROVIDER`)."
        )
    )


class ByokSaved(BaseModel):
    provider: LlmProviderRead
    created: bool = Field(description="Whether a new provider was made (else replaced).")
    use_case_models: dict[str, str]


class UseCaseRead(BaseModel):
    id: str
    description: str
    model: str | None = Field(description="The model mapped to it, if any.")
    effective_model: str = Field(description="What it calls now (the default if unmapped).")


class ModelOptionsRead(BaseModel):
    models: list[ModelRead]
    use_cases: list[UseCaseRead]
    default_model: str
