from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="McpServerRead")


@_attrs_define
class McpServerRead:
    """
    Attributes:
        allowed_tools (list[str] | None):
        created_at (datetime.datetime):
        credential (None | str):
        description (str):
        id (str):
        name (str):
        timeout_seconds (float):
        updated_at (datetime.datetime):
        url (str):
        version (int):
    """

    allowed_tools: list[str] | None
    created_at: datetime.datetime
    credential: None | str
    description: str
    id: str
    name: str
    timeout_seconds: float
    updated_at: datetime.datetime
    url: str
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        allowed_tools: list[str] | None
        if isinstance(self.allowed_tools, list):
            allowed_tools = self.allowed_tools

        else:
            allowed_tools = self.allowed_tools

        created_at = self.created_at.isoformat()

        credential: None | str
        credential = self.credential

        description = self.description

        id = self.id

        name = self.name

        timeout_seconds = self.timeout_seconds

        updated_at = self.updated_at.isoformat()

        url = self.url

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "allowed_tools": allowed_tools,
                "created_at": created_at,
                "credential": credential,
                "description": description,
                "id": id,
                "name": name,
                "timeout_seconds": timeout_seconds,
                "updated_at": updated_at,
                "url": url,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_allowed_tools(data: object) -> list[str] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                allowed_tools_type_0 = cast(list[str], data)

                return allowed_tools_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None, data)

        allowed_tools = _parse_allowed_tools(d.pop("allowed_tools"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_credential(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        credential = _parse_credential(d.pop("credential"))

        description = d.pop("description")

        id = d.pop("id")

        name = d.pop("name")

        timeout_seconds = d.pop("timeout_seconds")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        url = d.pop("url")

        version = d.pop("version")

        mcp_server_read = cls(
            allowed_tools=allowed_tools,
            created_at=created_at,
            credential=credential,
            description=description,
            id=id,
            name=name,
            timeout_seconds=timeout_seconds,
            updated_at=updated_at,
            url=url,
            version=version,
        )

        mcp_server_read.additional_properties = d
        return mcp_server_read

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
