from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PromptBlockCreateType1")


@_attrs_define
class PromptBlockCreateType1:
    """
    Attributes:
        kind (Literal['dynamic']):
        source (Any):
    """

    kind: Literal["dynamic"]
    source: Any
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind

        source = self.source

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kind": kind,
                "source": source,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = cast(Literal["dynamic"], d.pop("kind"))
        if kind != "dynamic":
            raise ValueError(f"kind must match const 'dynamic', got '{kind}'")

        source = d.pop("source")

        prompt_block_create_type_1 = cls(
            kind=kind,
            source=source,
        )

        prompt_block_create_type_1.additional_properties = d
        return prompt_block_create_type_1

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
