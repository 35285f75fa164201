from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SendBodyType2")


@_attrs_define
class SendBodyType2:
    """
    Attributes:
        interactive (Any):
        media (None | Unset):
        text (None | Unset):
    """

    interactive: Any
    media: None | Unset = UNSET
    text: None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        interactive = self.interactive

        media = self.media

        text = self.text

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "interactive": interactive,
            }
        )
        if media is not UNSET:
            field_dict["media"] = media
        if text is not UNSET:
            field_dict["text"] = text

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        interactive = d.pop("interactive")

        media = d.pop("media", UNSET)

        text = d.pop("text", UNSET)

        send_body_type_2 = cls(
            interactive=interactive,
            media=media,
            text=text,
        )

        send_body_type_2.additional_properties = d
        return send_body_type_2

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
