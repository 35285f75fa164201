from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.enrich_field_type import EnrichFieldType
from ..types import UNSET, Unset

T = TypeVar("T", bound="EnrichField")


@_attrs_define
class EnrichField:
    """
    Attributes:
        description (str):
        type_ (EnrichFieldType | Unset):  Default: EnrichFieldType.STRING.
    """

    description: str
    type_: EnrichFieldType | Unset = EnrichFieldType.STRING

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "description": description,
            }
        )
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        description = d.pop("description")

        _type_ = d.pop("type", UNSET)
        type_: EnrichFieldType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = EnrichFieldType(_type_)

        enrich_field = cls(
            description=description,
            type_=type_,
        )

        return enrich_field
