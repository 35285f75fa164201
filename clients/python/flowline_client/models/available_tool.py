from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.available_tool_source import AvailableToolSource

T = TypeVar("T", bound="AvailableTool")


@_attrs_define
class AvailableTool:
    """
    Attributes:
        description (str):
        kind (str):
        name (str):
        source (AvailableToolSource):
    """

    description: str
    kind: str
    name: str
    source: AvailableToolSource
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        kind = self.kind

        name = self.name

        source = self.source.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "description": description,
                "kind": kind,
                "name": name,
                "source": source,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        description = d.pop("description")

        kind = d.pop("kind")

        name = d.pop("name")

        source = AvailableToolSource(d.pop("source"))

        available_tool = cls(
            description=description,
            kind=kind,
            name=name,
            source=source,
        )

        available_tool.additional_properties = d
        return available_tool

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
