from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.email_read_body import EmailReadBody


T = TypeVar("T", bound="EmailRead")


@_attrs_define
class EmailRead:
    """
    Attributes:
        body (EmailReadBody):
        channel_id (str):
        contact_id (str):
        conversation_id (None | str):
        created_at (datetime.datetime):
        direction (str):
        id (str):
        status (str):
        subject (str):
        text (str):
    """

    body: EmailReadBody
    channel_id: str
    contact_id: str
    conversation_id: None | str
    created_at: datetime.datetime
    direction: str
    id: str
    status: str
    subject: str
    text: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        body = self.body.to_dict()

        channel_id = self.channel_id

        contact_id = self.contact_id

        conversation_id: None | str
        conversation_id = self.conversation_id

        created_at = self.created_at.isoformat()

        direction = self.direction

        id = self.id

        status = self.status

        subject = self.subject

        text = self.text

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "body": body,
                "channel_id": channel_id,
                "contact_id": contact_id,
                "conversation_id": conversation_id,
                "created_at": created_at,
                "direction": direction,
                "id": id,
                "status": status,
                "subject": subject,
                "text": text,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.email_read_body import EmailReadBody  # noqa: PLC0415

        d = dict(src_dict)
        body = EmailReadBody.from_dict(d.pop("body"))

        channel_id = d.pop("channel_id")

        contact_id = d.pop("contact_id")

        def _parse_conversation_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        conversation_id = _parse_conversation_id(d.pop("conversation_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        direction = d.pop("direction")

        id = d.pop("id")

        status = d.pop("status")

        subject = d.pop("subject")

        text = d.pop("text")

        email_read = cls(
            body=body,
            channel_id=channel_id,
            contact_id=contact_id,
            conversation_id=conversation_id,
            created_at=created_at,
            direction=direction,
            id=id,
            status=status,
            subject=subject,
            text=text,
        )

        email_read.additional_properties = d
        return email_read

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
