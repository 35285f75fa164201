from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CachedResultRead")


@_attrs_define
class CachedResultRead:
    """
    Attributes:
        conversation_id (str):
        created_at (datetime.datetime):
        id (str):
        item_count (int): How many items `/items` pages through.
        payload (Any): The tool's whole result.
        tool_call_id (None | str):
        tool_name (str):
    """

    conversation_id: str
    created_at: datetime.datetime
    id: str
    item_count: int
    payload: Any
    tool_call_id: None | str
    tool_name: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        conversation_id = self.conversation_id

        created_at = self.created_at.isoformat()

        id = self.id

        item_count = self.item_count

        payload = self.payload

        tool_call_id: None | str
        tool_call_id = self.tool_call_id

        tool_name = self.tool_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "conversation_id": conversation_id,
                "created_at": created_at,
                "id": id,
                "item_count": item_count,
                "payload": payload,
                "tool_call_id": tool_call_id,
                "tool_name": tool_name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        conversation_id = d.pop("conversation_id")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = d.pop("id")

        item_count = d.pop("item_count")

        payload = d.pop("payload")

        def _parse_tool_call_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        tool_call_id = _parse_tool_call_id(d.pop("tool_call_id"))

        tool_name = d.pop("tool_name")

        cached_result_read = cls(
            conversation_id=conversation_id,
            created_at=created_at,
            id=id,
            item_count=item_count,
            payload=payload,
            tool_call_id=tool_call_id,
            tool_name=tool_name,
        )

        cached_result_read.additional_properties = d
        return cached_result_read

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
