from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.message_in_role import MessageInRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="AgentsChatBodyMessagesType1")


@_attrs_define
class AgentsChatBodyMessagesType1:
    """
    Attributes:
        content (str):
        role (MessageInRole | Unset):  Default: MessageInRole.USER.
    """

    content: str
    role: MessageInRole | Unset = MessageInRole.USER
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        content = self.content

        role: str | Unset = UNSET
        if not isinstance(self.role, Unset):
            role = self.role.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "content": content,
            }
        )
        if role is not UNSET:
            field_dict["role"] = role

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        content = d.pop("content")

        _role = d.pop("role", UNSET)
        role: MessageInRole | Unset
        if isinstance(_role, Unset):
            role = UNSET
        else:
            role = MessageInRole(_role)

        agents_chat_body_messages_type_1 = cls(
            content=content,
            role=role,
        )

        agents_chat_body_messages_type_1.additional_properties = d
        return agents_chat_body_messages_type_1

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
