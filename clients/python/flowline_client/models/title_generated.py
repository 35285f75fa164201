from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.model_call_usage import ModelCallUsage


T = TypeVar("T", bound="TitleGenerated")


@_attrs_define
class TitleGenerated:
    """
    Attributes:
        conversation_id (str):
        title (str):
        usage (ModelCallUsage):
        version (int):
    """

    conversation_id: str
    title: str
    usage: ModelCallUsage
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        conversation_id = self.conversation_id

        title = self.title

        usage = self.usage.to_dict()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "conversation_id": conversation_id,
                "title": title,
                "usage": usage,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.model_call_usage import ModelCallUsage  # noqa: PLC0415

        d = dict(src_dict)
        conversation_id = d.pop("conversation_id")

        title = d.pop("title")

        usage = ModelCallUsage.from_dict(d.pop("usage"))

        version = d.pop("version")

        title_generated = cls(
            conversation_id=conversation_id,
            title=title,
            usage=usage,
            version=version,
        )

        title_generated.additional_properties = d
        return title_generated

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
