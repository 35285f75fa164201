from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.plan_step import PlanStep
    from ..models.tools_model_usage import ToolsModelUsage


T = TypeVar("T", bound="PlanResult")


@_attrs_define
class PlanResult:
    """
    Attributes:
        goal (str):
        model (str):
        steps (list[PlanStep]):
        usage (ToolsModelUsage):
    """

    goal: str
    model: str
    steps: list[PlanStep]
    usage: ToolsModelUsage
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        goal = self.goal

        model = self.model

        steps = []
        for steps_item_data in self.steps:
            steps_item = steps_item_data.to_dict()
            steps.append(steps_item)

        usage = self.usage.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "goal": goal,
                "model": model,
                "steps": steps,
                "usage": usage,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.plan_step import PlanStep  # noqa: PLC0415
        from ..models.tools_model_usage import ToolsModelUsage  # noqa: PLC0415

        d = dict(src_dict)
        goal = d.pop("goal")

        model = d.pop("model")

        steps = []
        _steps = d.pop("steps")
        for steps_item_data in _steps:
            steps_item = PlanStep.from_dict(steps_item_data)

            steps.append(steps_item)

        usage = ToolsModelUsage.from_dict(d.pop("usage"))

        plan_result = cls(
            goal=goal,
            model=model,
            steps=steps,
            usage=usage,
        )

        plan_result.additional_properties = d
        return plan_result

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
