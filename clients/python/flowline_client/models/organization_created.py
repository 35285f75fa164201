from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.user_read import UserRead


T = TypeVar("T", bound="OrganizationCreated")


@_attrs_define
class OrganizationCreated:
    """
    Attributes:
        api_key (str): A first API key for the owner, shown once.
        created_at (datetime.datetime):
        id (str):
        name (str):
        owner (UserRead):
        owner_password (str): The owner's first password, shown once.
        updated_at (datetime.datetime):
    """

    api_key: str
    created_at: datetime.datetime
    id: str
    name: str
    owner: UserRead
    owner_password: str
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        api_key = self.api_key

        created_at = self.created_at.isoformat()

        id = self.id

        name = self.name

        owner = self.owner.to_dict()

        owner_password = self.owner_password

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "api_key": api_key,
                "created_at": created_at,
                "id": id,
                "name": name,
                "owner": owner,
                "owner_password": owner_password,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.user_read import UserRead  # noqa: PLC0415

        d = dict(src_dict)
        api_key = d.pop("api_key")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = d.pop("id")

        name = d.pop("name")

        owner = UserRead.from_dict(d.pop("owner"))

        owner_password = d.pop("owner_password")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        organization_created = cls(
            api_key=api_key,
            created_at=created_at,
            id=id,
            name=name,
            owner=owner,
            owner_password=owner_password,
            updated_at=updated_at,
        )

        organization_created.additional_properties = d
        return organization_created

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
