from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="NotifyTarget")


@_attrs_define
class NotifyTarget:
    """Someone to ask where they are: an address on a channel (``approval_notify``).

    Attributes:
        channel_id (str): A channel's id.
        to (str): The approver's address on that channel.
    """

    channel_id: str
    to: str

    def to_dict(self) -> dict[str, Any]:
        channel_id = self.channel_id

        to = self.to

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "channel_id": channel_id,
                "to": to,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        channel_id = d.pop("channel_id")

        to = d.pop("to")

        notify_target = cls(
            channel_id=channel_id,
            to=to,
        )

        return notify_target
