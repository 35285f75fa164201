from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.contact_read_metadata import ContactReadMetadata


T = TypeVar("T", bound="ContactRead")


@_attrs_define
class ContactRead:
    """
    Attributes:
        address (str):
        channel_id (str):
        conversation_id (None | str):
        created_at (datetime.datetime):
        id (str):
        last_inbound_at (datetime.datetime | None):
        metadata (ContactReadMetadata):
        name (None | str):
        opted_out_at (datetime.datetime | None):
        updated_at (datetime.datetime):
        version (int):
    """

    address: str
    channel_id: str
    conversation_id: None | str
    created_at: datetime.datetime
    id: str
    last_inbound_at: datetime.datetime | None
    metadata: ContactReadMetadata
    name: None | str
    opted_out_at: datetime.datetime | None
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        address = self.address

        channel_id = self.channel_id

        conversation_id: None | str
        conversation_id = self.conversation_id

        created_at = self.created_at.isoformat()

        id = self.id

        last_inbound_at: None | str
        if isinstance(self.last_inbound_at, datetime.datetime):
            last_inbound_at = self.last_inbound_at.isoformat()
        else:
            last_inbound_at = self.last_inbound_at

        metadata = self.metadata.to_dict()

        name: None | str
        name = self.name

        opted_out_at: None | str
        if isinstance(self.opted_out_at, datetime.datetime):
            opted_out_at = self.opted_out_at.isoformat()
        else:
            opted_out_at = self.opted_out_at

        updated_at = self.updated_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "address": address,
                "channel_id": channel_id,
                "conversation_id": conversation_id,
                "created_at": created_at,
                "id": id,
                "last_inbound_at": last_inbound_at,
                "metadata": metadata,
                "name": name,
                "opted_out_at": opted_out_at,
                "updated_at": updated_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact_read_metadata import ContactReadMetadata  # noqa: PLC0415

        d = dict(src_dict)
        address = d.pop("address")

        channel_id = d.pop("channel_id")

        def _parse_conversation_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        conversation_id = _parse_conversation_id(d.pop("conversation_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = d.pop("id")

        def _parse_last_inbound_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_inbound_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_inbound_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_inbound_at = _parse_last_inbound_at(d.pop("last_inbound_at"))

        metadata = ContactReadMetadata.from_dict(d.pop("metadata"))

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))

        def _parse_opted_out_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                opted_out_at_type_0 = datetime.datetime.fromisoformat(data)

                return opted_out_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        opted_out_at = _parse_opted_out_at(d.pop("opted_out_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        contact_read = cls(
            address=address,
            channel_id=channel_id,
            conversation_id=conversation_id,
            created_at=created_at,
            id=id,
            last_inbound_at=last_inbound_at,
            metadata=metadata,
            name=name,
            opted_out_at=opted_out_at,
            updated_at=updated_at,
            version=version,
        )

        contact_read.additional_properties = d
        return contact_read

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
