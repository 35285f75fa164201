from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.tool_read_approval import ToolReadApproval
from ..models.tool_read_kind import ToolReadKind

if TYPE_CHECKING:
    from ..models.tool_read_config import ToolReadConfig
    from ..models.tool_read_parameters import ToolReadParameters


T = TypeVar("T", bound="ToolRead")


@_attrs_define
class ToolRead:
    """
    Attributes:
        agent_id (str):
        approval (ToolReadApproval): The policy that applies (set, or the default).
        approval_is_default (bool):
        config (ToolReadConfig):
        created_at (datetime.datetime | None):
        description (str):
        id (None | str): `tol_…`; `null` for a built-in.
        kind (ToolReadKind):
        name (str):
        parameters (ToolReadParameters):
        persisted (bool): False for built-ins, which live in the agent's `tools`.
        updated_at (datetime.datetime | None):
        version (int | None):
    """

    agent_id: str
    approval: ToolReadApproval
    approval_is_default: bool
    config: ToolReadConfig
    created_at: datetime.datetime | None
    description: str
    id: None | str
    kind: ToolReadKind
    name: str
    parameters: ToolReadParameters
    persisted: bool
    updated_at: datetime.datetime | None
    version: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agent_id = self.agent_id

        approval = self.approval.value

        approval_is_default = self.approval_is_default

        config = self.config.to_dict()

        created_at: None | str
        if isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        description = self.description

        id: None | str
        id = self.id

        kind = self.kind.value

        name = self.name

        parameters = self.parameters.to_dict()

        persisted = self.persisted

        updated_at: None | str
        if isinstance(self.updated_at, datetime.datetime):
            updated_at = self.updated_at.isoformat()
        else:
            updated_at = self.updated_at

        version: int | None
        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agent_id": agent_id,
                "approval": approval,
                "approval_is_default": approval_is_default,
                "config": config,
                "created_at": created_at,
                "description": description,
                "id": id,
                "kind": kind,
                "name": name,
                "parameters": parameters,
                "persisted": persisted,
                "updated_at": updated_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tool_read_config import ToolReadConfig  # noqa: PLC0415
        from ..models.tool_read_parameters import ToolReadParameters  # noqa: PLC0415

        d = dict(src_dict)
        agent_id = d.pop("agent_id")

        approval = ToolReadApproval(d.pop("approval"))

        approval_is_default = d.pop("approval_is_default")

        config = ToolReadConfig.from_dict(d.pop("config"))

        def _parse_created_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_at_type_0 = datetime.datetime.fromisoformat(data)

                return created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        created_at = _parse_created_at(d.pop("created_at"))

        description = d.pop("description")

        def _parse_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        id = _parse_id(d.pop("id"))

        kind = ToolReadKind(d.pop("kind"))

        name = d.pop("name")

        parameters = ToolReadParameters.from_dict(d.pop("parameters"))

        persisted = d.pop("persisted")

        def _parse_updated_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_at_type_0 = datetime.datetime.fromisoformat(data)

                return updated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        updated_at = _parse_updated_at(d.pop("updated_at"))

        def _parse_version(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        version = _parse_version(d.pop("version"))

        tool_read = cls(
            agent_id=agent_id,
            approval=approval,
            approval_is_default=approval_is_default,
            config=config,
            created_at=created_at,
            description=description,
            id=id,
            kind=kind,
            name=name,
            parameters=parameters,
            persisted=persisted,
            updated_at=updated_at,
            version=version,
        )

        tool_read.additional_properties = d
        return tool_read

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
