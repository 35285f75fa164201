from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.flow_status import FlowStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.flow_definition import FlowDefinition


T = TypeVar("T", bound="FlowPatch")


@_attrs_define
class FlowPatch:
    """
    Attributes:
        definition (FlowDefinition | None | Unset): A new definition (a new version).
        description (None | str | Unset):
        expected_version (int | None | Unset): Refuse the change (409) unless the record is at this version.
        name (None | str | Unset):
        status (FlowStatus | None | Unset): `active` (default), `inactive` or `draft`. A definition with problems is
            always saved as `draft`, whatever is asked.
    """

    definition: FlowDefinition | None | Unset = UNSET
    description: None | str | Unset = UNSET
    expected_version: int | None | Unset = UNSET
    name: None | str | Unset = UNSET
    status: FlowStatus | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.flow_definition import FlowDefinition  # noqa: PLC0415

        definition: dict[str, Any] | None | Unset
        if isinstance(self.definition, Unset):
            definition = UNSET
        elif isinstance(self.definition, FlowDefinition):
            definition = self.definition.to_dict()
        else:
            definition = self.definition

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        expected_version: int | None | Unset
        if isinstance(self.expected_version, Unset):
            expected_version = UNSET
        else:
            expected_version = self.expected_version

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, FlowStatus):
            status = self.status.value
        else:
            status = self.status

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if definition is not UNSET:
            field_dict["definition"] = definition
        if description is not UNSET:
            field_dict["description"] = description
        if expected_version is not UNSET:
            field_dict["expected_version"] = expected_version
        if name is not UNSET:
            field_dict["name"] = name
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.flow_definition import FlowDefinition  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_definition(data: object) -> FlowDefinition | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                definition_type_0 = FlowDefinition.from_dict(data)

                return definition_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FlowDefinition | None | Unset, data)

        definition = _parse_definition(d.pop("definition", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_expected_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        expected_version = _parse_expected_version(d.pop("expected_version", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_status(data: object) -> FlowStatus | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = FlowStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FlowStatus | None | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        flow_patch = cls(
            definition=definition,
            description=description,
            expected_version=expected_version,
            name=name,
            status=status,
        )

        return flow_patch
