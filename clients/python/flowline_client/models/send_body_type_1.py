from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SendBodyType1")


@_attrs_define
class SendBodyType1:
    """
    Attributes:
        media (Any):
        interactive (None | Unset):
        text (None | Unset):
    """

    media: Any
    interactive: None | Unset = UNSET
    text: None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        media = self.media

        interactive = self.interactive

        text = self.text

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "media": media,
            }
        )
        if interactive is not UNSET:
            field_dict["interactive"] = interactive
        if text is not UNSET:
            field_dict["text"] = text

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        media = d.pop("media")

        interactive = d.pop("interactive", UNSET)

        text = d.pop("text", UNSET)

        send_body_type_1 = cls(
            media=media,
            interactive=interactive,
            text=text,
        )

        send_body_type_1.additional_properties = d
        return send_body_type_1

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
