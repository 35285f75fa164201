from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SendBodyType0")


@_attrs_define
class SendBodyType0:
    """
    Attributes:
        text (Any):
        interactive (None | Unset):
        media (None | Unset):
    """

    text: Any
    interactive: None | Unset = UNSET
    media: None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        text = self.text

        interactive = self.interactive

        media = self.media

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "text": text,
            }
        )
        if interactive is not UNSET:
            field_dict["interactive"] = interactive
        if media is not UNSET:
            field_dict["media"] = media

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        text = d.pop("text")

        interactive = d.pop("interactive", UNSET)

        media = d.pop("media", UNSET)

        send_body_type_0 = cls(
            text=text,
            interactive=interactive,
            media=media,
        )

        send_body_type_0.additional_properties = d
        return send_body_type_0

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
