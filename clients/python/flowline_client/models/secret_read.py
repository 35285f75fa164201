from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.confirm_policy import ConfirmPolicy
from ..models.secret_kind import SecretKind

T = TypeVar("T", bound="SecretRead")


@_attrs_define
class SecretRead:
    """
    Attributes:
        confirm (ConfirmPolicy | None): Whether a person confirms requests that carry this credential before they are
            sent: `never`, `writes` (POST, PUT, PATCH, DELETE) or `always`; null for no opinion. The stricter of this and
            the node's `confirm` applies.
        created_at (datetime.datetime):
        description (str):
        header (None | str):
        hosts (list[str]):
        id (str):
        kind (SecretKind):
        last4 (str): The value's last four characters; empty for values under 8 characters.
        name (str):
        param (None | str):
        updated_at (datetime.datetime):
        version (int):
    """

    confirm: ConfirmPolicy | None
    created_at: datetime.datetime
    description: str
    header: None | str
    hosts: list[str]
    id: str
    kind: SecretKind
    last4: str
    name: str
    param: None | str
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        confirm: None | str
        if isinstance(self.confirm, ConfirmPolicy):
            confirm = self.confirm.value
        else:
            confirm = self.confirm

        created_at = self.created_at.isoformat()

        description = self.description

        header: None | str
        header = self.header

        hosts = self.hosts

        id = self.id

        kind = self.kind.value

        last4 = self.last4

        name = self.name

        param: None | str
        param = self.param

        updated_at = self.updated_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "confirm": confirm,
                "created_at": created_at,
                "description": description,
                "header": header,
                "hosts": hosts,
                "id": id,
                "kind": kind,
                "last4": last4,
                "name": name,
                "param": param,
                "updated_at": updated_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_confirm(data: object) -> ConfirmPolicy | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                confirm_type_0 = ConfirmPolicy(data)

                return confirm_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ConfirmPolicy | None, data)

        confirm = _parse_confirm(d.pop("confirm"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        description = d.pop("description")

        def _parse_header(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        header = _parse_header(d.pop("header"))

        hosts = cast(list[str], d.pop("hosts"))

        id = d.pop("id")

        kind = SecretKind(d.pop("kind"))

        last4 = d.pop("last4")

        name = d.pop("name")

        def _parse_param(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        param = _parse_param(d.pop("param"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        secret_read = cls(
            confirm=confirm,
            created_at=created_at,
            description=description,
            header=header,
            hosts=hosts,
            id=id,
            kind=kind,
            last4=last4,
            name=name,
            param=param,
            updated_at=updated_at,
            version=version,
        )

        secret_read.additional_properties = d
        return secret_read

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
