from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.agent_config import AgentConfig


T = TypeVar("T", bound="AgentRead")


@_attrs_define
class AgentRead:
    """
    Attributes:
        config (AgentConfig): How an agent answers: its model, instructions, limits and tools.
        created_at (datetime.datetime):
        created_by_id (None | str):
        description (str):
        id (str):
        name (str):
        parent_id (None | str): A sub-agent's parent agent.
        updated_at (datetime.datetime):
        version (int):
    """

    config: AgentConfig
    created_at: datetime.datetime
    created_by_id: None | str
    description: str
    id: str
    name: str
    parent_id: None | str
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        config = self.config.to_dict()

        created_at = self.created_at.isoformat()

        created_by_id: None | str
        created_by_id = self.created_by_id

        description = self.description

        id = self.id

        name = self.name

        parent_id: None | str
        parent_id = self.parent_id

        updated_at = self.updated_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "config": config,
                "created_at": created_at,
                "created_by_id": created_by_id,
                "description": description,
                "id": id,
                "name": name,
                "parent_id": parent_id,
                "updated_at": updated_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agent_config import AgentConfig  # noqa: PLC0415

        d = dict(src_dict)
        config = AgentConfig.from_dict(d.pop("config"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_created_by_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        created_by_id = _parse_created_by_id(d.pop("created_by_id"))

        description = d.pop("description")

        id = d.pop("id")

        name = d.pop("name")

        def _parse_parent_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        parent_id = _parse_parent_id(d.pop("parent_id"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        agent_read = cls(
            config=config,
            created_at=created_at,
            created_by_id=created_by_id,
            description=description,
            id=id,
            name=name,
            parent_id=parent_id,
            updated_at=updated_at,
            version=version,
        )

        agent_read.additional_properties = d
        return agent_read

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
