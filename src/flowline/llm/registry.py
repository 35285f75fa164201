"""Which provider serves a model id.

A model id is ``<provider>/<model>``: the part before the first ``/`` names a
provider (``openai``, ``anthropic``, an organisation's own ``ollama``, or the
built-in ``flowline``), the rest is that provider's own name for the model
(which may itself hold slashes, as OpenRouter's do). A :class:`Registry` holds
the providers one caller may use, built from their configurations, and always
the built-in echo model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from flowline.config import Settings
from flowline.errors import MissingReference, ValidationFailed
from flowline.llm import echo
from flowline.llm.provider import LLMProvider
from flowline.llm.retry import DEFAULT_POLICY, RetryPolicy

ProviderKind = Literal["openai", "anthropic", "openai_compatible"]
KINDS: tuple[ProviderKind, ...] = ("openai", "anthropic", "openai_compatible")
PLATFORM_DEFAULT_MODEL = "openai/gpt-4o-mini"


@dataclass(frozen=True, slots=True)
class ProviderConfig:
    """How to reach one provider; ``api_key`` is plaintext here and never logged."""

    name: str
    kind: ProviderKind
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    default_model: str | None = None
    """A model id (``openai/gpt-4o-mini``) or the provider's own model name."""
    models: tuple[str, ...] = ()
    """Model names it serves beyond the shipped table's (listed by ``GET /models``)."""

    def model_id(self, model: str) -> str:
        return model_id(self.name, model)


def model_id(provider: str, model: str) -> str:
    """``model`` as a model id of ``provider`` (left alone if it already is one)."""
    return model if model.startswith(provider + "/") else f"{provider}/{model}"


Builder = Callable[[ProviderConfig, RetryPolicy], LLMProvider]


def _openai(config: ProviderConfig, policy: RetryPolicy) -> LLMProvider:
    # The SDKs load on a provider's first use, not at start-up (memory, start time).
    from flowline.llm.openai import OpenAIProvider

    return OpenAIProvider(
        config.name, base_url=config.base_url, api_key=config.api_key, policy=policy
    )


def _anthropic(config: ProviderConfig, policy: RetryPolicy) -> LLMProvider:
    from flowline.llm.anthropic import AnthropicProvider

    return AnthropicProvider(
        config.name, base_url=config.base_url, api_key=config.api_key, policy=policy
    )


BUILDERS: Mapping[ProviderKind, Builder] = {
    "openai": _openai,
    "openai_compatible": _openai,
    "anthropic": _anthropic,
}


def build(config: ProviderConfig, policy: RetryPolicy = DEFAULT_POLICY) -> LLMProvider:
    return BUILDERS[config.kind](config, policy)


def split_model_id(model_id: str) -> tuple[str, str]:
    provider, slash, model = model_id.partition("/")
    if not slash or not provider or not model:
        raise ValidationFailed(
            f"Model '{model_id[:200]}' is not a model id: give it as <provider>/<model>, "
            "such as openai/gpt-4o-mini or flowline/echo.",
            field="model",
            code="MODEL_NOT_FOUND",
        )
    return provider, model


def platform_config(settings: Settings) -> ProviderConfig | None:
    """The instance's own provider (``FLOWLINE_LLM_*``), if one is configured.

    Its name is the provider part of ``FLOWLINE_LLM_MODEL`` (``openai`` when that
    has none); it speaks Anthropic's API when that name is ``anthropic``, else
    OpenAI's at ``FLOWLINE_LLM_BASE_URL``.
    """
    if not settings.llm_api_key and not settings.llm_base_url:
        return None
    model = settings.llm_model or PLATFORM_DEFAULT_MODEL
    name, slash, _ = model.partition("/")
    if not slash:
        name, model = "openai", f"openai/{model}"
    kind: ProviderKind = "anthropic" if name == "anthropic" else "openai_compatible"
    if kind != "anthropic" and not settings.llm_base_url:
        kind = "openai"
    return ProviderConfig(
        name=name,
        kind=kind,
        base_url=settings.llm_base_url,
        api_key=settings.llm_api_key,
        default_model=model,
    )


class Registry:
    """The providers one caller may use, by name, plus the built-in ``flowline`` one."""

    def __init__(
        self,
        configs: Iterable[ProviderConfig] = (),
        *,
        policy: RetryPolicy = DEFAULT_POLICY,
    ) -> None:
        self.policy = policy
        self.configs: dict[str, ProviderConfig] = {c.name: c for c in configs}
        self._providers: dict[str, LLMProvider] = {echo.NAME: echo.EchoProvider()}

    def add(self, provider: LLMProvider, config: ProviderConfig | None = None) -> None:
        """Serve ``provider.name/…`` with ``provider`` (tests register fakes this way)."""
        self._providers[provider.name] = provider
        if config is not None:
            self.configs[provider.name] = config

    def serves(self, model_id: str) -> bool:
        name = model_id.partition("/")[0]
        return name in self.configs or name in self._providers

    def resolve(self, model_id: str) -> tuple[LLMProvider, str]:
        """The provider serving ``model_id`` and its own name for the model."""
        name, model = split_model_id(model_id)
        provider = self._providers.get(name)
        if provider is None:
            config = self.configs.get(name)
            if config is None:
                raise MissingReference(
                    f"No provider '{name}' is configured for model '{model_id[:200]}'.",
                    field="model",
                    code="MODEL_NOT_FOUND",
                )
            provider = build(config, self.policy)
            self._providers[name] = provider
        return provider, model

    def kind_of(self, model_id: str) -> ProviderKind | None:
        config = self.configs.get(model_id.partition("/")[0])
        return None if config is None else config.kind
