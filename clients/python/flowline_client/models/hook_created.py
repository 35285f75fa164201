from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="HookCreated")


@_attrs_define
class HookCreated:
    """A new hook token, shown this once.

    Attributes:
        flow_id (str):
        path (str): Where to POST: `/api/v1/hooks/<token>`.
        token (str): The credential; keep it secret. It is not shown again.
    """

    flow_id: str
    path: str
    token: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        flow_id = self.flow_id

        path = self.path

        token = self.token

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "flow_id": flow_id,
                "path": path,
                "token": token,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        flow_id = d.pop("flow_id")

        path = d.pop("path")

        token = d.pop("token")

        hook_created = cls(
            flow_id=flow_id,
            path=path,
            token=token,
        )

        hook_created.additional_properties = d
        return hook_created

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
