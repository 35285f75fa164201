from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.usage_read import UsageRead


T = TypeVar("T", bound="CompletionRead")


@_attrs_define
class CompletionRead:
    """
    Attributes:
        cost (float): US dollars.
        model (str):
        output (Any): The kind's answer (see each route).
        usage (UsageRead):
    """

    cost: float
    model: str
    output: Any
    usage: UsageRead
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cost = self.cost

        model = self.model

        output = self.output

        usage = self.usage.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cost": cost,
                "model": model,
                "output": output,
                "usage": usage,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.usage_read import UsageRead  # noqa: PLC0415

        d = dict(src_dict)
        cost = d.pop("cost")

        model = d.pop("model")

        output = d.pop("output")

        usage = UsageRead.from_dict(d.pop("usage"))

        completion_read = cls(
            cost=cost,
            model=model,
            output=output,
            usage=usage,
        )

        completion_read.additional_properties = d
        return completion_read

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
