from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.timeline_item_kind import TimelineItemKind

if TYPE_CHECKING:
    from ..models.timeline_item_data import TimelineItemData


T = TypeVar("T", bound="TimelineItem")


@_attrs_define
class TimelineItem:
    """
    Attributes:
        at (datetime.datetime):
        contact_id (None | str):
        conversation_id (None | str):
        data (TimelineItemData): The kind's own fields (status, direction, …).
        id (str):
        kind (TimelineItemKind):
        title (str): One line for people.
    """

    at: datetime.datetime
    contact_id: None | str
    conversation_id: None | str
    data: TimelineItemData
    id: str
    kind: TimelineItemKind
    title: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        at = self.at.isoformat()

        contact_id: None | str
        contact_id = self.contact_id

        conversation_id: None | str
        conversation_id = self.conversation_id

        data = self.data.to_dict()

        id = self.id

        kind = self.kind.value

        title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "at": at,
                "contact_id": contact_id,
                "conversation_id": conversation_id,
                "data": data,
                "id": id,
                "kind": kind,
                "title": title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.timeline_item_data import TimelineItemData  # noqa: PLC0415

        d = dict(src_dict)
        at = datetime.datetime.fromisoformat(d.pop("at"))

        def _parse_contact_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        contact_id = _parse_contact_id(d.pop("contact_id"))

        def _parse_conversation_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        conversation_id = _parse_conversation_id(d.pop("conversation_id"))

        data = TimelineItemData.from_dict(d.pop("data"))

        id = d.pop("id")

        kind = TimelineItemKind(d.pop("kind"))

        title = d.pop("title")

        timeline_item = cls(
            at=at,
            contact_id=contact_id,
            conversation_id=conversation_id,
            data=data,
            id=id,
            kind=kind,
            title=title,
        )

        timeline_item.additional_properties = d
        return timeline_item

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
