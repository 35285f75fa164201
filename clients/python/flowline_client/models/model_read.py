from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ModelRead")


@_attrs_define
class ModelRead:
    """
    Attributes:
        available (bool): Whether a configured provider serves it now.
        context_window (int | None):
        default (bool): Whether calls naming no model use it.
        id (str): `<provider>/<model>`, as calls name it.
        input_price_per_million (float | None): US dollars; null if unknown.
        output_price_per_million (float | None):
        provider (str):
        supports_streaming (bool):
        supports_tools (bool):
    """

    available: bool
    context_window: int | None
    default: bool
    id: str
    input_price_per_million: float | None
    output_price_per_million: float | None
    provider: str
    supports_streaming: bool
    supports_tools: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        available = self.available

        context_window: int | None
        context_window = self.context_window

        default = self.default

        id = self.id

        input_price_per_million: float | None
        input_price_per_million = self.input_price_per_million

        output_price_per_million: float | None
        output_price_per_million = self.output_price_per_million

        provider = self.provider

        supports_streaming = self.supports_streaming

        supports_tools = self.supports_tools

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "available": available,
                "context_window": context_window,
                "default": default,
                "id": id,
                "input_price_per_million": input_price_per_million,
                "output_price_per_million": output_price_per_million,
                "provider": provider,
                "supports_streaming": supports_streaming,
                "supports_tools": supports_tools,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        available = d.pop("available")

        def _parse_context_window(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        context_window = _parse_context_window(d.pop("context_window"))

        default = d.pop("default")

        id = d.pop("id")

        def _parse_input_price_per_million(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        input_price_per_million = _parse_input_price_per_million(d.pop("input_price_per_million"))

        def _parse_output_price_per_million(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        output_price_per_million = _parse_output_price_per_million(d.pop("output_price_per_million"))

        provider = d.pop("provider")

        supports_streaming = d.pop("supports_streaming")

        supports_tools = d.pop("supports_tools")

        model_read = cls(
            available=available,
            context_window=context_window,
            default=default,
            id=id,
            input_price_per_million=input_price_per_million,
            output_price_per_million=output_price_per_million,
            provider=provider,
            supports_streaming=supports_streaming,
            supports_tools=supports_tools,
        )

        model_read.additional_properties = d
        return model_read

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
