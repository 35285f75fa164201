from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.artifact_read import ArtifactRead


T = TypeVar("T", bound="EmailSent")


@_attrs_define
class EmailSent:
    """
    Attributes:
        artifact (ArtifactRead | None):
        channel_id (str):
        message_ids (list[str]): One queued message per recipient.
    """

    artifact: ArtifactRead | None
    channel_id: str
    message_ids: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.artifact_read import ArtifactRead  # noqa: PLC0415

        artifact: dict[str, Any] | None
        if isinstance(self.artifact, ArtifactRead):
            artifact = self.artifact.to_dict()
        else:
            artifact = self.artifact

        channel_id = self.channel_id

        message_ids = self.message_ids

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "artifact": artifact,
                "channel_id": channel_id,
                "message_ids": message_ids,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.artifact_read import ArtifactRead  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_artifact(data: object) -> ArtifactRead | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                artifact_type_0 = ArtifactRead.from_dict(data)

                return artifact_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ArtifactRead | None, data)

        artifact = _parse_artifact(d.pop("artifact"))

        channel_id = d.pop("channel_id")

        message_ids = cast(list[str], d.pop("message_ids"))

        email_sent = cls(
            artifact=artifact,
            channel_id=channel_id,
            message_ids=message_ids,
        )

        email_sent.additional_properties = d
        return email_sent

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
