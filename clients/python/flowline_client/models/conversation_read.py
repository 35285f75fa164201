from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.conversation_read_metadata import ConversationReadMetadata


T = TypeVar("T", bound="ConversationRead")


@_attrs_define
class ConversationRead:
    """
    Attributes:
        agent_id (None | str):
        busy (bool): A chat turn is running on it.
        channel_id (None | str): The channel this is a contact's thread on (one per contact and channel); `null` for a
            chat conversation.
        contact_id (None | str): The channel's contact whose thread this is; `null` for a chat.
        created_at (datetime.datetime):
        id (str):
        messages (int): Messages so far.
        metadata (ConversationReadMetadata):
        title (str):
        updated_at (datetime.datetime):
        version (int):
    """

    agent_id: None | str
    busy: bool
    channel_id: None | str
    contact_id: None | str
    created_at: datetime.datetime
    id: str
    messages: int
    metadata: ConversationReadMetadata
    title: str
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agent_id: None | str
        agent_id = self.agent_id

        busy = self.busy

        channel_id: None | str
        channel_id = self.channel_id

        contact_id: None | str
        contact_id = self.contact_id

        created_at = self.created_at.isoformat()

        id = self.id

        messages = self.messages

        metadata = self.metadata.to_dict()

        title = self.title

        updated_at = self.updated_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agent_id": agent_id,
                "busy": busy,
                "channel_id": channel_id,
                "contact_id": contact_id,
                "created_at": created_at,
                "id": id,
                "messages": messages,
                "metadata": metadata,
                "title": title,
                "updated_at": updated_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.conversation_read_metadata import ConversationReadMetadata  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_agent_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        agent_id = _parse_agent_id(d.pop("agent_id"))

        busy = d.pop("busy")

        def _parse_channel_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        channel_id = _parse_channel_id(d.pop("channel_id"))

        def _parse_contact_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        contact_id = _parse_contact_id(d.pop("contact_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = d.pop("id")

        messages = d.pop("messages")

        metadata = ConversationReadMetadata.from_dict(d.pop("metadata"))

        title = d.pop("title")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        conversation_read = cls(
            agent_id=agent_id,
            busy=busy,
            channel_id=channel_id,
            contact_id=contact_id,
            created_at=created_at,
            id=id,
            messages=messages,
            metadata=metadata,
            title=title,
            updated_at=updated_at,
            version=version,
        )

        conversation_read.additional_properties = d
        return conversation_read

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
