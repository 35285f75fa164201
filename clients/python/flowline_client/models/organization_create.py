from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="OrganizationCreate")


@_attrs_define
class OrganizationCreate:
    """
    Attributes:
        name (str):
        owner_email (str): Email of the new organisation's owner.
        owner_name (str | Unset):  Default: ''.
    """

    name: str
    owner_email: str
    owner_name: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        owner_email = self.owner_email

        owner_name = self.owner_name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "owner_email": owner_email,
            }
        )
        if owner_name is not UNSET:
            field_dict["owner_name"] = owner_name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        owner_email = d.pop("owner_email")

        owner_name = d.pop("owner_name", UNSET)

        organization_create = cls(
            name=name,
            owner_email=owner_email,
            owner_name=owner_name,
        )

        return organization_create
