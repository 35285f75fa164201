from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.tool_create import ToolCreate
    from ..models.tools_model_usage import ToolsModelUsage


T = TypeVar("T", bound="ToolDraftRead")


@_attrs_define
class ToolDraftRead:
    """
    Attributes:
        cost (float):
        model (str):
        tool (ToolCreate): A tool definition; ``parameters`` default to what the kind knows (the URL's
            placeholders, the flow's ``input_schema``, ``{task}`` for sub-agents).
        usage (ToolsModelUsage):
    """

    cost: float
    model: str
    tool: ToolCreate
    usage: ToolsModelUsage
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cost = self.cost

        model = self.model

        tool = self.tool.to_dict()

        usage = self.usage.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cost": cost,
                "model": model,
                "tool": tool,
                "usage": usage,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tool_create import ToolCreate  # noqa: PLC0415
        from ..models.tools_model_usage import ToolsModelUsage  # noqa: PLC0415

        d = dict(src_dict)
        cost = d.pop("cost")

        model = d.pop("model")

        tool = ToolCreate.from_dict(d.pop("tool"))

        usage = ToolsModelUsage.from_dict(d.pop("usage"))

        tool_draft_read = cls(
            cost=cost,
            model=model,
            tool=tool,
            usage=usage,
        )

        tool_draft_read.additional_properties = d
        return tool_draft_read

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
