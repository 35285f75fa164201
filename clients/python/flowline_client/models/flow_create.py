from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.flow_status import FlowStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.flow_definition import FlowDefinition


T = TypeVar("T", bound="FlowCreate")


@_attrs_define
class FlowCreate:
    """
    Attributes:
        name (str): 1 to 200 characters, unique among the organisation's flows.
        definition (FlowDefinition | Unset):
        description (str | Unset):  Default: ''.
        status (FlowStatus | Unset):
    """

    name: str
    definition: FlowDefinition | Unset = UNSET
    description: str | Unset = ""
    status: FlowStatus | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        definition: dict[str, Any] | Unset = UNSET
        if not isinstance(self.definition, Unset):
            definition = self.definition.to_dict()

        description = self.description

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if definition is not UNSET:
            field_dict["definition"] = definition
        if description is not UNSET:
            field_dict["description"] = description
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.flow_definition import FlowDefinition  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        _definition = d.pop("definition", UNSET)
        definition: FlowDefinition | Unset
        if isinstance(_definition, Unset):
            definition = UNSET
        else:
            definition = FlowDefinition.from_dict(_definition)

        description = d.pop("description", UNSET)

        _status = d.pop("status", UNSET)
        status: FlowStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = FlowStatus(_status)

        flow_create = cls(
            name=name,
            definition=definition,
            description=description,
            status=status,
        )

        return flow_create
