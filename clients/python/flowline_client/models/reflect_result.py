from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.tools_model_usage import ToolsModelUsage


T = TypeVar("T", bound="ReflectResult")


@_attrs_define
class ReflectResult:
    """
    Attributes:
        assessment (str):
        issues (list[str]):
        model (str):
        suggestions (list[str]):
        usage (ToolsModelUsage):
    """

    assessment: str
    issues: list[str]
    model: str
    suggestions: list[str]
    usage: ToolsModelUsage
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        assessment = self.assessment

        issues = self.issues

        model = self.model

        suggestions = self.suggestions

        usage = self.usage.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "assessment": assessment,
                "issues": issues,
                "model": model,
                "suggestions": suggestions,
                "usage": usage,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tools_model_usage import ToolsModelUsage  # noqa: PLC0415

        d = dict(src_dict)
        assessment = d.pop("assessment")

        issues = cast(list[str], d.pop("issues"))

        model = d.pop("model")

        suggestions = cast(list[str], d.pop("suggestions"))

        usage = ToolsModelUsage.from_dict(d.pop("usage"))

        reflect_result = cls(
            assessment=assessment,
            issues=issues,
            model=model,
            suggestions=suggestions,
            usage=usage,
        )

        reflect_result.additional_properties = d
        return reflect_result

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
