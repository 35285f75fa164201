from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.flow_status import FlowStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.flow_definition import FlowDefinition


T = TypeVar("T", bound="FlowReplace")


@_attrs_define
class FlowReplace:
    """
    Attributes:
        definition (FlowDefinition):
        name (str): 1 to 200 characters, unique among the organisation's flows.
        description (str | Unset):  Default: ''.
        expected_version (int | None | Unset): Refuse the change (409) unless the record is at this version.
        status (FlowStatus | Unset):
    """

    definition: FlowDefinition
    name: str
    description: str | Unset = ""
    expected_version: int | None | Unset = UNSET
    status: FlowStatus | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        definition = self.definition.to_dict()

        name = self.name

        description = self.description

        expected_version: int | None | Unset
        if isinstance(self.expected_version, Unset):
            expected_version = UNSET
        else:
            expected_version = self.expected_version

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "definition": definition,
                "name": name,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if expected_version is not UNSET:
            field_dict["expected_version"] = expected_version
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.flow_definition import FlowDefinition  # noqa: PLC0415

        d = dict(src_dict)
        definition = FlowDefinition.from_dict(d.pop("definition"))

        name = d.pop("name")

        description = d.pop("description", UNSET)

        def _parse_expected_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        expected_version = _parse_expected_version(d.pop("expected_version", UNSET))

        _status = d.pop("status", UNSET)
        status: FlowStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = FlowStatus(_status)

        flow_replace = cls(
            definition=definition,
            name=name,
            description=description,
            expected_version=expected_version,
            status=status,
        )

        return flow_replace
