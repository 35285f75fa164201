from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ModelCallUsage")


@_attrs_define
class ModelCallUsage:
    """
    Attributes:
        cost (float):
        duration_ms (int):
        input_tokens (int):
        model (str):
        output_tokens (int):
    """

    cost: float
    duration_ms: int
    input_tokens: int
    model: str
    output_tokens: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cost = self.cost

        duration_ms = self.duration_ms

        input_tokens = self.input_tokens

        model = self.model

        output_tokens = self.output_tokens

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cost": cost,
                "duration_ms": duration_ms,
                "input_tokens": input_tokens,
                "model": model,
                "output_tokens": output_tokens,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        cost = d.pop("cost")

        duration_ms = d.pop("duration_ms")

        input_tokens = d.pop("input_tokens")

        model = d.pop("model")

        output_tokens = d.pop("output_tokens")

        model_call_usage = cls(
            cost=cost,
            duration_ms=duration_ms,
            input_tokens=input_tokens,
            model=model,
            output_tokens=output_tokens,
        )

        model_call_usage.additional_properties = d
        return model_call_usage

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
