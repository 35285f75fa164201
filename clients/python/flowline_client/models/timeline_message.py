from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.conversations_message_read import ConversationsMessageRead


T = TypeVar("T", bound="TimelineMessage")


@_attrs_define
class TimelineMessage:
    """
    Attributes:
        at (datetime.datetime):
        message (ConversationsMessageRead):
        run_id (None | str):
        seq (int):
        type_ (Literal['message'] | Unset):  Default: 'message'.
    """

    at: datetime.datetime
    message: ConversationsMessageRead
    run_id: None | str
    seq: int
    type_: Literal["message"] | Unset = "message"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        at = self.at.isoformat()

        message = self.message.to_dict()

        run_id: None | str
        run_id = self.run_id

        seq = self.seq

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "at": at,
                "message": message,
                "run_id": run_id,
                "seq": seq,
            }
        )
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.conversations_message_read import ConversationsMessageRead  # noqa: PLC0415

        d = dict(src_dict)
        at = datetime.datetime.fromisoformat(d.pop("at"))

        message = ConversationsMessageRead.from_dict(d.pop("message"))

        def _parse_run_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        run_id = _parse_run_id(d.pop("run_id"))

        seq = d.pop("seq")

        type_ = cast(Literal["message"] | Unset, d.pop("type", UNSET))
        if type_ != "message" and not isinstance(type_, Unset):
            raise ValueError(f"type must match const 'message', got '{type_}'")

        timeline_message = cls(
            at=at,
            message=message,
            run_id=run_id,
            seq=seq,
            type_=type_,
        )

        timeline_message.additional_properties = d
        return timeline_message

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
