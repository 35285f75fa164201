from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.creator import Creator
    from ..models.flow_definition import FlowDefinition


T = TypeVar("T", bound="FlowVersionRead")


@_attrs_define
class FlowVersionRead:
    """
    Attributes:
        created_at (datetime.datetime):
        created_by (Creator | None):
        definition (FlowDefinition):
        flow_id (str):
        id (str):
        number (int):
    """

    created_at: datetime.datetime
    created_by: Creator | None
    definition: FlowDefinition
    flow_id: str
    id: str
    number: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.creator import Creator  # noqa: PLC0415

        created_at = self.created_at.isoformat()

        created_by: dict[str, Any] | None
        if isinstance(self.created_by, Creator):
            created_by = self.created_by.to_dict()
        else:
            created_by = self.created_by

        definition = self.definition.to_dict()

        flow_id = self.flow_id

        id = self.id

        number = self.number

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "created_by": created_by,
                "definition": definition,
                "flow_id": flow_id,
                "id": id,
                "number": number,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.creator import Creator  # noqa: PLC0415
        from ..models.flow_definition import FlowDefinition  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_created_by(data: object) -> Creator | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                created_by_type_0 = Creator.from_dict(data)

                return created_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Creator | None, data)

        created_by = _parse_created_by(d.pop("created_by"))

        definition = FlowDefinition.from_dict(d.pop("definition"))

        flow_id = d.pop("flow_id")

        id = d.pop("id")

        number = d.pop("number")

        flow_version_read = cls(
            created_at=created_at,
            created_by=created_by,
            definition=definition,
            flow_id=flow_id,
            id=id,
            number=number,
        )

        flow_version_read.additional_properties = d
        return flow_version_read

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
