from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.chat_metadata import ChatMetadata
    from ..models.history_item import HistoryItem


T = TypeVar("T", bound="ChatResult")


@_attrs_define
class ChatResult:
    """
    Attributes:
        agent_id (str):
        conversation_history (list[HistoryItem]):
        message (HistoryItem):
        metadata (ChatMetadata):
        thread_id (str):
    """

    agent_id: str
    conversation_history: list[HistoryItem]
    message: HistoryItem
    metadata: ChatMetadata
    thread_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agent_id = self.agent_id

        conversation_history = []
        for conversation_history_item_data in self.conversation_history:
            conversation_history_item = conversation_history_item_data.to_dict()
            conversation_history.append(conversation_history_item)

        message = self.message.to_dict()

        metadata = self.metadata.to_dict()

        thread_id = self.thread_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agent_id": agent_id,
                "conversation_history": conversation_history,
                "message": message,
                "metadata": metadata,
                "thread_id": thread_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.chat_metadata import ChatMetadata  # noqa: PLC0415
        from ..models.history_item import HistoryItem  # noqa: PLC0415

        d = dict(src_dict)
        agent_id = d.pop("agent_id")

        conversation_history = []
        _conversation_history = d.pop("conversation_history")
        for conversation_history_item_data in _conversation_history:
            conversation_history_item = HistoryItem.from_dict(conversation_history_item_data)

            conversation_history.append(conversation_history_item)

        message = HistoryItem.from_dict(d.pop("message"))

        metadata = ChatMetadata.from_dict(d.pop("metadata"))

        thread_id = d.pop("thread_id")

        chat_result = cls(
            agent_id=agent_id,
            conversation_history=conversation_history,
            message=message,
            metadata=metadata,
            thread_id=thread_id,
        )

        chat_result.additional_properties = d
        return chat_result

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
