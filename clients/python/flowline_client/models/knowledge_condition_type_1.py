from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="KnowledgeConditionType1")


@_attrs_define
class KnowledgeConditionType1:
    """
    Attributes:
        and_ (Any):
        key (None | Unset):
        or_ (None | Unset):
    """

    and_: Any
    key: None | Unset = UNSET
    or_: None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        and_ = self.and_

        key = self.key

        or_ = self.or_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "and": and_,
            }
        )
        if key is not UNSET:
            field_dict["key"] = key
        if or_ is not UNSET:
            field_dict["or"] = or_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        and_ = d.pop("and")

        key = d.pop("key", UNSET)

        or_ = d.pop("or", UNSET)

        knowledge_condition_type_1 = cls(
            and_=and_,
            key=key,
            or_=or_,
        )

        knowledge_condition_type_1.additional_properties = d
        return knowledge_condition_type_1

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
