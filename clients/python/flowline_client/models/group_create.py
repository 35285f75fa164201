from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="GroupCreate")


@_attrs_define
class GroupCreate:
    """
    Attributes:
        name (str): 1 to 200 characters, unique in the organisation.
        description (str | Unset):  Default: ''.
        member_ids (list[str] | Unset): Users of your organisation to add at once.
    """

    name: str
    description: str | Unset = ""
    member_ids: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description = self.description

        member_ids: list[str] | Unset = UNSET
        if not isinstance(self.member_ids, Unset):
            member_ids = self.member_ids

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if member_ids is not UNSET:
            field_dict["member_ids"] = member_ids

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        description = d.pop("description", UNSET)

        member_ids = cast(list[str], d.pop("member_ids", UNSET))

        group_create = cls(
            name=name,
            description=description,
            member_ids=member_ids,
        )

        return group_create
