from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.role import Role

T = TypeVar("T", bound="GroupMemberRead")


@_attrs_define
class GroupMemberRead:
    """
    Attributes:
        added_at (datetime.datetime): When the user joined the group.
        email (str):
        id (str): The user's id.
        name (str):
        role (Role):
    """

    added_at: datetime.datetime
    email: str
    id: str
    name: str
    role: Role
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        added_at = self.added_at.isoformat()

        email = self.email

        id = self.id

        name = self.name

        role = self.role.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "added_at": added_at,
                "email": email,
                "id": id,
                "name": name,
                "role": role,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        added_at = datetime.datetime.fromisoformat(d.pop("added_at"))

        email = d.pop("email")

        id = d.pop("id")

        name = d.pop("name")

        role = Role(d.pop("role"))

        group_member_read = cls(
            added_at=added_at,
            email=email,
            id=id,
            name=name,
            role=role,
        )

        group_member_read.additional_properties = d
        return group_member_read

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
