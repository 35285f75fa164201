from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.passage_read_metadata import PassageReadMetadata


T = TypeVar("T", bound="PassageRead")


@_attrs_define
class PassageRead:
    """
    Attributes:
        agent_id (str):
        contact_id (None | str):
        created_at (datetime.datetime):
        id (str):
        metadata (PassageReadMetadata):
        text (str):
        user_id (None | str):
        duplicate (bool | Unset): The same text was already saved there: nothing was added. Default: False.
    """

    agent_id: str
    contact_id: None | str
    created_at: datetime.datetime
    id: str
    metadata: PassageReadMetadata
    text: str
    user_id: None | str
    duplicate: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agent_id = self.agent_id

        contact_id: None | str
        contact_id = self.contact_id

        created_at = self.created_at.isoformat()

        id = self.id

        metadata = self.metadata.to_dict()

        text = self.text

        user_id: None | str
        user_id = self.user_id

        duplicate = self.duplicate

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agent_id": agent_id,
                "contact_id": contact_id,
                "created_at": created_at,
                "id": id,
                "metadata": metadata,
                "text": text,
                "user_id": user_id,
            }
        )
        if duplicate is not UNSET:
            field_dict["duplicate"] = duplicate

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.passage_read_metadata import PassageReadMetadata  # noqa: PLC0415

        d = dict(src_dict)
        agent_id = d.pop("agent_id")

        def _parse_contact_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        contact_id = _parse_contact_id(d.pop("contact_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = d.pop("id")

        metadata = PassageReadMetadata.from_dict(d.pop("metadata"))

        text = d.pop("text")

        def _parse_user_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        user_id = _parse_user_id(d.pop("user_id"))

        duplicate = d.pop("duplicate", UNSET)

        passage_read = cls(
            agent_id=agent_id,
            contact_id=contact_id,
            created_at=created_at,
            id=id,
            metadata=metadata,
            text=text,
            user_id=user_id,
            duplicate=duplicate,
        )

        passage_read.additional_properties = d
        return passage_read

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
