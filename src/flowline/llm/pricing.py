"""What models cost and can do: a shipped table, which organisations may override.

Prices are US dollars per million tokens, list prices when the table was last
written; an organisation's ``price_overrides`` (``PUT /api/v1/llm/config``) win
over them. A model the table does not know costs 0 until it is priced there.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from flowline.llm.provider import Usage

MILLION = Decimal(1_000_000)


@dataclass(frozen=True, slots=True)
class ModelInfo:
    id: str
    """``<provider>/<model>``: ``openai/gpt-4o-mini``."""
    provider: str
    context_window: int | None = None
    supports_tools: bool = True
    supports_streaming: bool = True
    input_per_million: Decimal | None = None
    output_per_million: Decimal | None = None

    @property
    def model(self) -> str:
        """The provider's own name for it."""
        return self.id.partition("/")[2]

    def cost(self, usage: Usage) -> Decimal:
        """What ``usage`` cost, in dollars (0 for an unpriced model)."""
        total = Decimal(0)
        if self.input_per_million is not None:
            total += self.input_per_million * usage.input_tokens / MILLION
        if self.output_per_million is not None:
            total += self.output_per_million * usage.output_tokens / MILLION
        return total


def _m(
    model_id: str, context: int, price_in: str, price_out: str, *, tools: bool = True
) -> ModelInfo:
    return ModelInfo(
        id=model_id,
        provider=model_id.partition("/")[0],
        context_window=context,
        supports_tools=tools,
        input_per_million=Decimal(price_in),
        output_per_million=Decimal(price_out),
    )


SHIPPED: Mapping[str, ModelInfo] = {
    info.id: info
    for info in (
        _m("flowline/echo", 1_000_000, "0", "0"),
        _m("openai/gpt-4o", 128_000, "2.50", "10.00"),
        _m("openai/gpt-4o-mini", 128_000, "0.15", "0.60"),
        _m("openai/gpt-4.1", 1_047_576, "2.00", "8.00"),
        _m("openai/gpt-4.1-mini", 1_047_576, "0.40", "1.60"),
        _m("openai/gpt-4.1-nano", 1_047_576, "0.10", "0.40"),
        _m("openai/o3-mini", 200_000, "1.10", "4.40"),
        _m("anthropic/claude-opus-4-1", 200_000, "15.00", "75.00"),
        _m("anthropic/claude-sonnet-4-0", 200_000, "3.00", "15.00"),
        _m("anthropic/claude-3-7-sonnet-latest", 200_000, "3.00", "15.00"),
        _m("anthropic/claude-3-5-haiku-latest", 200_000, "0.80", "4.00"),
    )
}
"""The shipped table, by model id."""


def lookup(
    model_id: str,
    overrides: Mapping[str, Mapping[str, Any]] | None = None,
    *,
    kind: str | None = None,
) -> ModelInfo:
    """What is known of ``model_id``: the org's override over the shipped entry.

    A provider configured under another name (``work/gpt-4o-mini`` on an ``openai``
    provider called ``work``) is priced as the shipped model of its ``kind``.
    """
    provider, _, model = model_id.partition("/")
    base = SHIPPED.get(model_id)
    if base is None and kind is not None:
        shipped_prefix = "openai" if kind == "openai_compatible" else kind
        base = SHIPPED.get(f"{shipped_prefix}/{model}")
    info = (
        replace(base, id=model_id, provider=provider)
        if base is not None
        else ModelInfo(id=model_id, provider=provider)
    )
    override = (overrides or {}).get(model_id)
    if override:
        info = apply_override(info, override)
    return info


def apply_override(info: ModelInfo, override: Mapping[str, Any]) -> ModelInfo:
    changes: dict[str, Any] = {}
    for key in ("input_per_million", "output_per_million"):
        if override.get(key) is not None:
            changes[key] = Decimal(str(override[key]))
    if override.get("context_window") is not None:
        changes["context_window"] = int(override["context_window"])
    for key in ("supports_tools", "supports_streaming"):
        if override.get(key) is not None:
            changes[key] = bool(override[key])
    return replace(info, **changes)
