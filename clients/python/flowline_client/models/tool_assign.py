from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ToolAssign")


@_attrs_define
class ToolAssign:
    """
    Attributes:
        tool (str): A built-in, or one of the parent's tools (copied to the sub-agent).
    """

    tool: str

    def to_dict(self) -> dict[str, Any]:
        tool = self.tool

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "tool": tool,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        tool = d.pop("tool")

        tool_assign = cls(
            tool=tool,
        )

        return tool_assign
