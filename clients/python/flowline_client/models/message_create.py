from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.message_create_role import MessageCreateRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="MessageCreate")


@_attrs_define
class MessageCreate:
    """
    Attributes:
        content (str):
        role (MessageCreateRole | Unset):  Default: MessageCreateRole.USER.
    """

    content: str
    role: MessageCreateRole | Unset = MessageCreateRole.USER

    def to_dict(self) -> dict[str, Any]:
        content = self.content

        role: str | Unset = UNSET
        if not isinstance(self.role, Unset):
            role = self.role.value

        field_dict: dict[str, Any] = {}

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
        role: MessageCreateRole | Unset
        if isinstance(_role, Unset):
            role = UNSET
        else:
            role = MessageCreateRole(_role)

        message_create = cls(
            content=content,
            role=role,
        )

        return message_create
