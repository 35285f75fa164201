from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="VoiceConfigRead")


@_attrs_define
class VoiceConfigRead:
    """
    Attributes:
        configured (bool):
        flow_id (None | str):
    """

    configured: bool
    flow_id: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        configured = self.configured

        flow_id: None | str
        flow_id = self.flow_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "configured": configured,
                "flow_id": flow_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        configured = d.pop("configured")

        def _parse_flow_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        flow_id = _parse_flow_id(d.pop("flow_id"))

        voice_config_read = cls(
            configured=configured,
            flow_id=flow_id,
        )

        voice_config_read.additional_properties = d
        return voice_config_read

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
