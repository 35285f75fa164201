from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.interaction_read_data import InteractionReadData


T = TypeVar("T", bound="InteractionRead")


@_attrs_define
class InteractionRead:
    """
    Attributes:
        action (str):
        artifact_id (str):
        created_at (datetime.datetime):
        data (InteractionReadData):
        id (str):
        user_id (None | str):
    """

    action: str
    artifact_id: str
    created_at: datetime.datetime
    data: InteractionReadData
    id: str
    user_id: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        artifact_id = self.artifact_id

        created_at = self.created_at.isoformat()

        data = self.data.to_dict()

        id = self.id

        user_id: None | str
        user_id = self.user_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "artifact_id": artifact_id,
                "created_at": created_at,
                "data": data,
                "id": id,
                "user_id": user_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.interaction_read_data import InteractionReadData  # noqa: PLC0415

        d = dict(src_dict)
        action = d.pop("action")

        artifact_id = d.pop("artifact_id")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        data = InteractionReadData.from_dict(d.pop("data"))

        id = d.pop("id")

        def _parse_user_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        user_id = _parse_user_id(d.pop("user_id"))

        interaction_read = cls(
            action=action,
            artifact_id=artifact_id,
            created_at=created_at,
            data=data,
            id=id,
            user_id=user_id,
        )

        interaction_read.additional_properties = d
        return interaction_read

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
