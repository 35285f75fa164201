from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RetrievedMessage")


@_attrs_define
class RetrievedMessage:
    """
    Attributes:
        conversation_id (str):
        created_at (datetime.datetime):
        excerpt (str): Up to 300 characters around the first match.
        message_id (str):
        role (str):
        score (int): How many of the search words the message holds.
        seq (int):
    """

    conversation_id: str
    created_at: datetime.datetime
    excerpt: str
    message_id: str
    role: str
    score: int
    seq: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        conversation_id = self.conversation_id

        created_at = self.created_at.isoformat()

        excerpt = self.excerpt

        message_id = self.message_id

        role = self.role

        score = self.score

        seq = self.seq

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "conversation_id": conversation_id,
                "created_at": created_at,
                "excerpt": excerpt,
                "message_id": message_id,
                "role": role,
                "score": score,
                "seq": seq,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        conversation_id = d.pop("conversation_id")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        excerpt = d.pop("excerpt")

        message_id = d.pop("message_id")

        role = d.pop("role")

        score = d.pop("score")

        seq = d.pop("seq")

        retrieved_message = cls(
            conversation_id=conversation_id,
            created_at=created_at,
            excerpt=excerpt,
            message_id=message_id,
            role=role,
            score=score,
            seq=seq,
        )

        retrieved_message.additional_properties = d
        return retrieved_message

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
