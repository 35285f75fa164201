from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.channel_event_read_data import ChannelEventReadData


T = TypeVar("T", bound="ChannelEventRead")


@_attrs_define
class ChannelEventRead:
    """
    Attributes:
        created_at (datetime.datetime):
        data (ChannelEventReadData):
        message_id (None | str):
        seq (int): The event's number in the channel (SSE `id`).
        type_ (str):
    """

    created_at: datetime.datetime
    data: ChannelEventReadData
    message_id: None | str
    seq: int
    type_: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        data = self.data.to_dict()

        message_id: None | str
        message_id = self.message_id

        seq = self.seq

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "data": data,
                "message_id": message_id,
                "seq": seq,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.channel_event_read_data import ChannelEventReadData  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        data = ChannelEventReadData.from_dict(d.pop("data"))

        def _parse_message_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        message_id = _parse_message_id(d.pop("message_id"))

        seq = d.pop("seq")

        type_ = d.pop("type")

        channel_event_read = cls(
            created_at=created_at,
            data=data,
            message_id=message_id,
            seq=seq,
            type_=type_,
        )

        channel_event_read.additional_properties = d
        return channel_event_read

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
