from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.tool_create import ToolCreate
    from ..models.tool_dry_run_body_arguments import ToolDryRunBodyArguments


T = TypeVar("T", bound="ToolDryRunBody")


@_attrs_define
class ToolDryRunBody:
    """
    Attributes:
        tool (ToolCreate): A tool definition; ``parameters`` default to what the kind knows (the URL's
            placeholders, the flow's ``input_schema``, ``{task}`` for sub-agents).
        arguments (ToolDryRunBodyArguments | Unset):
        confirmed (bool | Unset):  Default: False.
    """

    tool: ToolCreate
    arguments: ToolDryRunBodyArguments | Unset = UNSET
    confirmed: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        tool = self.tool.to_dict()

        arguments: dict[str, Any] | Unset = UNSET
        if not isinstance(self.arguments, Unset):
            arguments = self.arguments.to_dict()

        confirmed = self.confirmed

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "tool": tool,
            }
        )
        if arguments is not UNSET:
            field_dict["arguments"] = arguments
        if confirmed is not UNSET:
            field_dict["confirmed"] = confirmed

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tool_create import ToolCreate  # noqa: PLC0415
        from ..models.tool_dry_run_body_arguments import ToolDryRunBodyArguments  # noqa: PLC0415

        d = dict(src_dict)
        tool = ToolCreate.from_dict(d.pop("tool"))

        _arguments = d.pop("arguments", UNSET)
        arguments: ToolDryRunBodyArguments | Unset
        if isinstance(_arguments, Unset):
            arguments = UNSET
        else:
            arguments = ToolDryRunBodyArguments.from_dict(_arguments)

        confirmed = d.pop("confirmed", UNSET)

        tool_dry_run_body = cls(
            tool=tool,
            arguments=arguments,
            confirmed=confirmed,
        )

        return tool_dry_run_body
