from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.tool_run_result_approval import ToolRunResultApproval

if TYPE_CHECKING:
    from ..models.tool_run_result_arguments import ToolRunResultArguments


T = TypeVar("T", bound="ToolRunResult")


@_attrs_define
class ToolRunResult:
    """
    Attributes:
        approval (ToolRunResultApproval): What the call needed: `always` was confirmed.
        arguments (ToolRunResultArguments):
        duration_ms (int):
        error (None | str): Set when the call failed; `result` has the details.
        result (Any):
        tool (str):
    """

    approval: ToolRunResultApproval
    arguments: ToolRunResultArguments
    duration_ms: int
    error: None | str
    result: Any
    tool: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        approval = self.approval.value

        arguments = self.arguments.to_dict()

        duration_ms = self.duration_ms

        error: None | str
        error = self.error

        result = self.result

        tool = self.tool

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "approval": approval,
                "arguments": arguments,
                "duration_ms": duration_ms,
                "error": error,
                "result": result,
                "tool": tool,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tool_run_result_arguments import ToolRunResultArguments  # noqa: PLC0415

        d = dict(src_dict)
        approval = ToolRunResultApproval(d.pop("approval"))

        arguments = ToolRunResultArguments.from_dict(d.pop("arguments"))

        duration_ms = d.pop("duration_ms")

        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))

        result = d.pop("result")

        tool = d.pop("tool")

        tool_run_result = cls(
            approval=approval,
            arguments=arguments,
            duration_ms=duration_ms,
            error=error,
            result=result,
            tool=tool,
        )

        tool_run_result.additional_properties = d
        return tool_run_result

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
