from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.role import Role
from ..types import UNSET, Unset

T = TypeVar("T", bound="UserCreated")


@_attrs_define
class UserCreated:
    """
    Attributes:
        created_at (datetime.datetime):
        email (str):
        id (str):
        is_active (bool):
        is_instance_admin (bool):
        name (str):
        org_id (str):
        role (Role):
        updated_at (datetime.datetime):
        version (int):
        password (None | str | Unset): The generated password, shown once, when none was given.
    """

    created_at: datetime.datetime
    email: str
    id: str
    is_active: bool
    is_instance_admin: bool
    name: str
    org_id: str
    role: Role
    updated_at: datetime.datetime
    version: int
    password: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        email = self.email

        id = self.id

        is_active = self.is_active

        is_instance_admin = self.is_instance_admin

        name = self.name

        org_id = self.org_id

        role = self.role.value

        updated_at = self.updated_at.isoformat()

        version = self.version

        password: None | str | Unset
        if isinstance(self.password, Unset):
            password = UNSET
        else:
            password = self.password

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "email": email,
                "id": id,
                "is_active": is_active,
                "is_instance_admin": is_instance_admin,
                "name": name,
                "org_id": org_id,
                "role": role,
                "updated_at": updated_at,
                "version": version,
            }
        )
        if password is not UNSET:
            field_dict["password"] = password

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        email = d.pop("email")

        id = d.pop("id")

        is_active = d.pop("is_active")

        is_instance_admin = d.pop("is_instance_admin")

        name = d.pop("name")

        org_id = d.pop("org_id")

        role = Role(d.pop("role"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        def _parse_password(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        password = _parse_password(d.pop("password", UNSET))

        user_created = cls(
            created_at=created_at,
            email=email,
            id=id,
            is_active=is_active,
            is_instance_admin=is_instance_admin,
            name=name,
            org_id=org_id,
            role=role,
            updated_at=updated_at,
            version=version,
            password=password,
        )

        user_created.additional_properties = d
        return user_created

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
