from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.conversation_event_read_data import ConversationEventReadData


T = TypeVar("T", bound="ConversationEventRead")


@_attrs_define
class ConversationEventRead:
    """
    Attributes:
        created_at (datetime.datetime):
        data (ConversationEventReadData):
        id (int): The event's place in the conversation (the SSE `id:`).
        run_id (str):
        seq (int): Its number within its run.
        type_ (str):
    """

    created_at: datetime.datetime
    data: ConversationEventReadData
    id: int
    run_id: str
    seq: int
    type_: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        data = self.data.to_dict()

        id = self.id

        run_id = self.run_id

        seq = self.seq

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "data": data,
                "id": id,
                "run_id": run_id,
                "seq": seq,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.conversation_event_read_data import ConversationEventReadData  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        data = ConversationEventReadData.from_dict(d.pop("data"))

        id = d.pop("id")

        run_id = d.pop("run_id")

        seq = d.pop("seq")

        type_ = d.pop("type")

        conversation_event_read = cls(
            created_at=created_at,
            data=data,
            id=id,
            run_id=run_id,
            seq=seq,
            type_=type_,
        )

        conversation_event_read.additional_properties = d
        return conversation_event_read

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
