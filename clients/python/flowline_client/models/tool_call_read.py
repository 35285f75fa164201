from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.tool_call_read_arguments import ToolCallReadArguments


T = TypeVar("T", bound="ToolCallRead")


@_attrs_define
class ToolCallRead:
    """
    Attributes:
        arguments (ToolCallReadArguments):
        id (str):
        tool (str):
        duration_ms (int | None | Unset):
        error (None | str | Unset):
        result (Any | Unset):
    """

    arguments: ToolCallReadArguments
    id: str
    tool: str
    duration_ms: int | None | Unset = UNSET
    error: None | str | Unset = UNSET
    result: Any | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        arguments = self.arguments.to_dict()

        id = self.id

        tool = self.tool

        duration_ms: int | None | Unset
        if isinstance(self.duration_ms, Unset):
            duration_ms = UNSET
        else:
            duration_ms = self.duration_ms

        error: None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        result = self.result

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "arguments": arguments,
                "id": id,
                "tool": tool,
            }
        )
        if duration_ms is not UNSET:
            field_dict["duration_ms"] = duration_ms
        if error is not UNSET:
            field_dict["error"] = error
        if result is not UNSET:
            field_dict["result"] = result

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tool_call_read_arguments import ToolCallReadArguments  # noqa: PLC0415

        d = dict(src_dict)
        arguments = ToolCallReadArguments.from_dict(d.pop("arguments"))

        id = d.pop("id")

        tool = d.pop("tool")

        def _parse_duration_ms(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        duration_ms = _parse_duration_ms(d.pop("duration_ms", UNSET))

        def _parse_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        result = d.pop("result", UNSET)

        tool_call_read = cls(
            arguments=arguments,
            id=id,
            tool=tool,
            duration_ms=duration_ms,
            error=error,
            result=result,
        )

        tool_call_read.additional_properties = d
        return tool_call_read

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
