from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.conversation_read import ConversationRead
    from ..models.message_match import MessageMatch


T = TypeVar("T", bound="ConversationSearchHit")


@_attrs_define
class ConversationSearchHit:
    """
    Attributes:
        conversation (ConversationRead):
        message (MessageMatch | None): The newest message that matches, if any does.
        title_matched (bool):
    """

    conversation: ConversationRead
    message: MessageMatch | None
    title_matched: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.message_match import MessageMatch  # noqa: PLC0415

        conversation = self.conversation.to_dict()

        message: dict[str, Any] | None
        if isinstance(self.message, MessageMatch):
            message = self.message.to_dict()
        else:
            message = self.message

        title_matched = self.title_matched

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "conversation": conversation,
                "message": message,
                "title_matched": title_matched,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.conversation_read import ConversationRead  # noqa: PLC0415
        from ..models.message_match import MessageMatch  # noqa: PLC0415

        d = dict(src_dict)
        conversation = ConversationRead.from_dict(d.pop("conversation"))

        def _parse_message(data: object) -> MessageMatch | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                message_type_0 = MessageMatch.from_dict(data)

                return message_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MessageMatch | None, data)

        message = _parse_message(d.pop("message"))

        title_matched = d.pop("title_matched")

        conversation_search_hit = cls(
            conversation=conversation,
            message=message,
            title_matched=title_matched,
        )

        conversation_search_hit.additional_properties = d
        return conversation_search_hit

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
