from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BlockRead")


@_attrs_define
class BlockRead:
    """
    Attributes:
        agent_id (str):
        chars (int): Characters the value holds now.
        contact_id (None | str): The contact the block is about, if any.
        created_at (datetime.datetime):
        description (str):
        id (str):
        limit (int):
        type_ (str):
        updated_at (datetime.datetime):
        updated_by (None | str): `user:<id>`, or `run:<id>` for an agent's turn.
        user_id (None | str): The user the block is about, if any.
        value (str):
        version (int):
    """

    agent_id: str
    chars: int
    contact_id: None | str
    created_at: datetime.datetime
    description: str
    id: str
    limit: int
    type_: str
    updated_at: datetime.datetime
    updated_by: None | str
    user_id: None | str
    value: str
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agent_id = self.agent_id

        chars = self.chars

        contact_id: None | str
        contact_id = self.contact_id

        created_at = self.created_at.isoformat()

        description = self.description

        id = self.id

        limit = self.limit

        type_ = self.type_

        updated_at = self.updated_at.isoformat()

        updated_by: None | str
        updated_by = self.updated_by

        user_id: None | str
        user_id = self.user_id

        value = self.value

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agent_id": agent_id,
                "chars": chars,
                "contact_id": contact_id,
                "created_at": created_at,
                "description": description,
                "id": id,
                "limit": limit,
                "type": type_,
                "updated_at": updated_at,
                "updated_by": updated_by,
                "user_id": user_id,
                "value": value,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agent_id = d.pop("agent_id")

        chars = d.pop("chars")

        def _parse_contact_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        contact_id = _parse_contact_id(d.pop("contact_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        description = d.pop("description")

        id = d.pop("id")

        limit = d.pop("limit")

        type_ = d.pop("type")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_updated_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        updated_by = _parse_updated_by(d.pop("updated_by"))

        def _parse_user_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        user_id = _parse_user_id(d.pop("user_id"))

        value = d.pop("value")

        version = d.pop("version")

        block_read = cls(
            agent_id=agent_id,
            chars=chars,
            contact_id=contact_id,
            created_at=created_at,
            description=description,
            id=id,
            limit=limit,
            type_=type_,
            updated_at=updated_at,
            updated_by=updated_by,
            user_id=user_id,
            value=value,
            version=version,
        )

        block_read.additional_properties = d
        return block_read

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
