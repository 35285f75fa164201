from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.channel_read_status import ChannelReadStatus

if TYPE_CHECKING:
    from ..models.channel_read_config import ChannelReadConfig
    from ..models.channel_read_credentials import ChannelReadCredentials
    from ..models.channel_read_on_message_type_0 import ChannelReadOnMessageType0
    from ..models.limits import Limits


T = TypeVar("T", bound="ChannelRead")


@_attrs_define
class ChannelRead:
    """
    Attributes:
        config (ChannelReadConfig):
        created_at (datetime.datetime):
        credentials (ChannelReadCredentials): Role → secret name (never a value).
        id (str):
        inbound_url (str): Where the provider sends messages and statuses (read-only, public).
        kind (str):
        limits (Limits): The channel's sending rules; each refusal names the rule (CHANNELS.md).
        name (str):
        on_message (ChannelReadOnMessageType0 | None):
        status (ChannelReadStatus):
        updated_at (datetime.datetime):
        version (int):
    """

    config: ChannelReadConfig
    created_at: datetime.datetime
    credentials: ChannelReadCredentials
    id: str
    inbound_url: str
    kind: str
    limits: Limits
    name: str
    on_message: ChannelReadOnMessageType0 | None
    status: ChannelReadStatus
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.channel_read_on_message_type_0 import ChannelReadOnMessageType0  # noqa: PLC0415

        config = self.config.to_dict()

        created_at = self.created_at.isoformat()

        credentials = self.credentials.to_dict()

        id = self.id

        inbound_url = self.inbound_url

        kind = self.kind

        limits = self.limits.to_dict()

        name = self.name

        on_message: dict[str, Any] | None
        if isinstance(self.on_message, ChannelReadOnMessageType0):
            on_message = self.on_message.to_dict()
        else:
            on_message = self.on_message

        status = self.status.value

        updated_at = self.updated_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "config": config,
                "created_at": created_at,
                "credentials": credentials,
                "id": id,
                "inbound_url": inbound_url,
                "kind": kind,
                "limits": limits,
                "name": name,
                "on_message": on_message,
                "status": status,
                "updated_at": updated_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.channel_read_config import ChannelReadConfig  # noqa: PLC0415
        from ..models.channel_read_credentials import ChannelReadCredentials  # noqa: PLC0415
        from ..models.channel_read_on_message_type_0 import ChannelReadOnMessageType0  # noqa: PLC0415
        from ..models.limits import Limits  # noqa: PLC0415

        d = dict(src_dict)
        config = ChannelReadConfig.from_dict(d.pop("config"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        credentials = ChannelReadCredentials.from_dict(d.pop("credentials"))

        id = d.pop("id")

        inbound_url = d.pop("inbound_url")

        kind = d.pop("kind")

        limits = Limits.from_dict(d.pop("limits"))

        name = d.pop("name")

        def _parse_on_message(data: object) -> ChannelReadOnMessageType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                on_message_type_0 = ChannelReadOnMessageType0.from_dict(data)

                return on_message_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ChannelReadOnMessageType0 | None, data)

        on_message = _parse_on_message(d.pop("on_message"))

        status = ChannelReadStatus(d.pop("status"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        channel_read = cls(
            config=config,
            created_at=created_at,
            credentials=credentials,
            id=id,
            inbound_url=inbound_url,
            kind=kind,
            limits=limits,
            name=name,
            on_message=on_message,
            status=status,
            updated_at=updated_at,
            version=version,
        )

        channel_read.additional_properties = d
        return channel_read

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
