from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.skipped_operation import SkippedOperation
    from ..models.tool_read import ToolRead


T = TypeVar("T", bound="ToolImported")


@_attrs_define
class ToolImported:
    """
    Attributes:
        skipped (list[SkippedOperation]): Operations that could not be tools.
        tools (list[ToolRead]):
    """

    skipped: list[SkippedOperation]
    tools: list[ToolRead]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        skipped = []
        for skipped_item_data in self.skipped:
            skipped_item = skipped_item_data.to_dict()
            skipped.append(skipped_item)

        tools = []
        for tools_item_data in self.tools:
            tools_item = tools_item_data.to_dict()
            tools.append(tools_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "skipped": skipped,
                "tools": tools,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.skipped_operation import SkippedOperation  # noqa: PLC0415
        from ..models.tool_read import ToolRead  # noqa: PLC0415

        d = dict(src_dict)
        skipped = []
        _skipped = d.pop("skipped")
        for skipped_item_data in _skipped:
            skipped_item = SkippedOperation.from_dict(skipped_item_data)

            skipped.append(skipped_item)

        tools = []
        _tools = d.pop("tools")
        for tools_item_data in _tools:
            tools_item = ToolRead.from_dict(tools_item_data)

            tools.append(tools_item)

        tool_imported = cls(
            skipped=skipped,
            tools=tools,
        )

        tool_imported.additional_properties = d
        return tool_imported

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
