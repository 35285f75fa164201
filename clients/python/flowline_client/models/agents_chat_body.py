from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agents_chat_body_messages_type_1 import AgentsChatBodyMessagesType1
    from ..models.message_in import MessageIn


T = TypeVar("T", bound="AgentsChatBody")


@_attrs_define
class AgentsChatBody:
    """``messages`` may be a string, one message object, or a list of them.

    Attributes:
        messages (AgentsChatBodyMessagesType1 | list[MessageIn] | str):
        callback_url (None | str | Unset): An https URL to post the answer to (http only to FLOWLINE_ALLOW_HOSTS).
        stream (bool | Unset):  Default: False.
        thread_id (None | str | Unset):
    """

    messages: AgentsChatBodyMessagesType1 | list[MessageIn] | str
    callback_url: None | str | Unset = UNSET
    stream: bool | Unset = False
    thread_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.agents_chat_body_messages_type_1 import AgentsChatBodyMessagesType1  # noqa: PLC0415

        messages: dict[str, Any] | list[dict[str, Any]] | str
        if isinstance(self.messages, AgentsChatBodyMessagesType1):
            messages = self.messages.to_dict()
        elif isinstance(self.messages, list):
            messages = []
            for messages_type_2_item_data in self.messages:
                messages_type_2_item = messages_type_2_item_data.to_dict()
                messages.append(messages_type_2_item)

        else:
            messages = self.messages

        callback_url: None | str | Unset
        if isinstance(self.callback_url, Unset):
            callback_url = UNSET
        else:
            callback_url = self.callback_url

        stream = self.stream

        thread_id: None | str | Unset
        if isinstance(self.thread_id, Unset):
            thread_id = UNSET
        else:
            thread_id = self.thread_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "messages": messages,
            }
        )
        if callback_url is not UNSET:
            field_dict["callback_url"] = callback_url
        if stream is not UNSET:
            field_dict["stream"] = stream
        if thread_id is not UNSET:
            field_dict["thread_id"] = thread_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agents_chat_body_messages_type_1 import AgentsChatBodyMessagesType1  # noqa: PLC0415
        from ..models.message_in import MessageIn  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_messages(data: object) -> AgentsChatBodyMessagesType1 | list[MessageIn] | str:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                messages_type_1 = AgentsChatBodyMessagesType1.from_dict(data)

                return messages_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, list):
                    raise TypeError()
                messages_type_2 = []
                _messages_type_2 = data
                for messages_type_2_item_data in _messages_type_2:
                    messages_type_2_item = MessageIn.from_dict(messages_type_2_item_data)

                    messages_type_2.append(messages_type_2_item)

                return messages_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AgentsChatBodyMessagesType1 | list[MessageIn] | str, data)

        messages = _parse_messages(d.pop("messages"))

        def _parse_callback_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        callback_url = _parse_callback_url(d.pop("callback_url", UNSET))

        stream = d.pop("stream", UNSET)

        def _parse_thread_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        thread_id = _parse_thread_id(d.pop("thread_id", UNSET))

        agents_chat_body = cls(
            messages=messages,
            callback_url=callback_url,
            stream=stream,
            thread_id=thread_id,
        )

        return agents_chat_body
