from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.channels_message_read_direction import ChannelsMessageReadDirection

if TYPE_CHECKING:
    from ..models.channels_message_read_body import ChannelsMessageReadBody
    from ..models.channels_message_read_error_type_0 import ChannelsMessageReadErrorType0


T = TypeVar("T", bound="ChannelsMessageRead")


@_attrs_define
class ChannelsMessageRead:
    """
    Attributes:
        body (ChannelsMessageReadBody):
        channel_id (str):
        contact_id (str):
        conversation_id (None | str):
        created_at (datetime.datetime):
        direction (ChannelsMessageReadDirection):
        error (ChannelsMessageReadErrorType0 | None):
        id (str):
        provider_message_id (None | str):
        run_id (None | str):
        status (str): Out: `queued` → `sent` → `delivered` → `read`, or `failed`. In: `received`.
        status_at (datetime.datetime | None):
        type_ (str):
    """

    body: ChannelsMessageReadBody
    channel_id: str
    contact_id: str
    conversation_id: None | str
    created_at: datetime.datetime
    direction: ChannelsMessageReadDirection
    error: ChannelsMessageReadErrorType0 | None
    id: str
    provider_message_id: None | str
    run_id: None | str
    status: str
    status_at: datetime.datetime | None
    type_: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.channels_message_read_error_type_0 import ChannelsMessageReadErrorType0  # noqa: PLC0415

        body = self.body.to_dict()

        channel_id = self.channel_id

        contact_id = self.contact_id

        conversation_id: None | str
        conversation_id = self.conversation_id

        created_at = self.created_at.isoformat()

        direction = self.direction.value

        error: dict[str, Any] | None
        if isinstance(self.error, ChannelsMessageReadErrorType0):
            error = self.error.to_dict()
        else:
            error = self.error

        id = self.id

        provider_message_id: None | str
        provider_message_id = self.provider_message_id

        run_id: None | str
        run_id = self.run_id

        status = self.status

        status_at: None | str
        if isinstance(self.status_at, datetime.datetime):
            status_at = self.status_at.isoformat()
        else:
            status_at = self.status_at

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "body": body,
                "channel_id": channel_id,
                "contact_id": contact_id,
                "conversation_id": conversation_id,
                "created_at": created_at,
                "direction": direction,
                "error": error,
                "id": id,
                "provider_message_id": provider_message_id,
                "run_id": run_id,
                "status": status,
                "status_at": status_at,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.channels_message_read_body import ChannelsMessageReadBody  # noqa: PLC0415
        from ..models.channels_message_read_error_type_0 import ChannelsMessageReadErrorType0  # noqa: PLC0415

        d = dict(src_dict)
        body = ChannelsMessageReadBody.from_dict(d.pop("body"))

        channel_id = d.pop("channel_id")

        contact_id = d.pop("contact_id")

        def _parse_conversation_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        conversation_id = _parse_conversation_id(d.pop("conversation_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        direction = ChannelsMessageReadDirection(d.pop("direction"))

        def _parse_error(data: object) -> ChannelsMessageReadErrorType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_0 = ChannelsMessageReadErrorType0.from_dict(data)

                return error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ChannelsMessageReadErrorType0 | None, data)

        error = _parse_error(d.pop("error"))

        id = d.pop("id")

        def _parse_provider_message_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        provider_message_id = _parse_provider_message_id(d.pop("provider_message_id"))

        def _parse_run_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        run_id = _parse_run_id(d.pop("run_id"))

        status = d.pop("status")

        def _parse_status_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_at_type_0 = datetime.datetime.fromisoformat(data)

                return status_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        status_at = _parse_status_at(d.pop("status_at"))

        type_ = d.pop("type")

        channels_message_read = cls(
            body=body,
            channel_id=channel_id,
            contact_id=contact_id,
            conversation_id=conversation_id,
            created_at=created_at,
            direction=direction,
            error=error,
            id=id,
            provider_message_id=provider_message_id,
            run_id=run_id,
            status=status,
            status_at=status_at,
            type_=type_,
        )

        channels_message_read.additional_properties = d
        return channels_message_read

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
