from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.artifact_read import ArtifactRead


T = TypeVar("T", bound="MeetingSent")


@_attrs_define
class MeetingSent:
    """
    Attributes:
        artifact (ArtifactRead):
        message_ids (list[str]): The queued email per attendee (`msg_…`).
        uid (str): The invite's iCalendar UID.
    """

    artifact: ArtifactRead
    message_ids: list[str]
    uid: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        artifact = self.artifact.to_dict()

        message_ids = self.message_ids

        uid = self.uid

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "artifact": artifact,
                "message_ids": message_ids,
                "uid": uid,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.artifact_read import ArtifactRead  # noqa: PLC0415

        d = dict(src_dict)
        artifact = ArtifactRead.from_dict(d.pop("artifact"))

        message_ids = cast(list[str], d.pop("message_ids"))

        uid = d.pop("uid")

        meeting_sent = cls(
            artifact=artifact,
            message_ids=message_ids,
            uid=uid,
        )

        meeting_sent.additional_properties = d
        return meeting_sent

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
