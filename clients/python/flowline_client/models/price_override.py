from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PriceOverride")


@_attrs_define
class PriceOverride:
    """An organisation's own figures for one model; omitted fields keep the shipped ones.

    Attributes:
        context_window (int | None | Unset):
        input_per_million (float | None | Unset):
        output_per_million (float | None | Unset):
        supports_streaming (bool | None | Unset):
        supports_tools (bool | None | Unset):
    """

    context_window: int | None | Unset = UNSET
    input_per_million: float | None | Unset = UNSET
    output_per_million: float | None | Unset = UNSET
    supports_streaming: bool | None | Unset = UNSET
    supports_tools: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        context_window: int | None | Unset
        if isinstance(self.context_window, Unset):
            context_window = UNSET
        else:
            context_window = self.context_window

        input_per_million: float | None | Unset
        if isinstance(self.input_per_million, Unset):
            input_per_million = UNSET
        else:
            input_per_million = self.input_per_million

        output_per_million: float | None | Unset
        if isinstance(self.output_per_million, Unset):
            output_per_million = UNSET
        else:
            output_per_million = self.output_per_million

        supports_streaming: bool | None | Unset
        if isinstance(self.supports_streaming, Unset):
            supports_streaming = UNSET
        else:
            supports_streaming = self.supports_streaming

        supports_tools: bool | None | Unset
        if isinstance(self.supports_tools, Unset):
            supports_tools = UNSET
        else:
            supports_tools = self.supports_tools

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if context_window is not UNSET:
            field_dict["context_window"] = context_window
        if input_per_million is not UNSET:
            field_dict["input_per_million"] = input_per_million
        if output_per_million is not UNSET:
            field_dict["output_per_million"] = output_per_million
        if supports_streaming is not UNSET:
            field_dict["supports_streaming"] = supports_streaming
        if supports_tools is not UNSET:
            field_dict["supports_tools"] = supports_tools

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_context_window(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        context_window = _parse_context_window(d.pop("context_window", UNSET))

        def _parse_input_per_million(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        input_per_million = _parse_input_per_million(d.pop("input_per_million", UNSET))

        def _parse_output_per_million(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        output_per_million = _parse_output_per_million(d.pop("output_per_million", UNSET))

        def _parse_supports_streaming(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        supports_streaming = _parse_supports_streaming(d.pop("supports_streaming", UNSET))

        def _parse_supports_tools(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        supports_tools = _parse_supports_tools(d.pop("supports_tools", UNSET))

        price_override = cls(
            context_window=context_window,
            input_per_million=input_per_million,
            output_per_million=output_per_million,
            supports_streaming=supports_streaming,
            supports_tools=supports_tools,
        )

        return price_override
