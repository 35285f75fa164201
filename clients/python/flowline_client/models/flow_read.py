from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.flow_status import FlowStatus

if TYPE_CHECKING:
    from ..models.creator import Creator
    from ..models.flow_definition import FlowDefinition
    from ..models.problem_result import ProblemResult


T = TypeVar("T", bound="FlowRead")


@_attrs_define
class FlowRead:
    """
    Attributes:
        created_at (datetime.datetime):
        created_by (Creator | None): Null once that user is deleted.
        current_version_id (str):
        definition (FlowDefinition):
        description (str):
        execution_count (int):
        id (str):
        last_executed_at (datetime.datetime | None):
        name (str):
        problems (list[ProblemResult]): What stops the flow from running; empty when it can run.
        status (FlowStatus):
        updated_at (datetime.datetime):
        version (int): Number of the current version; counts definition saves.
    """

    created_at: datetime.datetime
    created_by: Creator | None
    current_version_id: str
    definition: FlowDefinition
    description: str
    execution_count: int
    id: str
    last_executed_at: datetime.datetime | None
    name: str
    problems: list[ProblemResult]
    status: FlowStatus
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.creator import Creator  # noqa: PLC0415

        created_at = self.created_at.isoformat()

        created_by: dict[str, Any] | None
        if isinstance(self.created_by, Creator):
            created_by = self.created_by.to_dict()
        else:
            created_by = self.created_by

        current_version_id = self.current_version_id

        definition = self.definition.to_dict()

        description = self.description

        execution_count = self.execution_count

        id = self.id

        last_executed_at: None | str
        if isinstance(self.last_executed_at, datetime.datetime):
            last_executed_at = self.last_executed_at.isoformat()
        else:
            last_executed_at = self.last_executed_at

        name = self.name

        problems = []
        for problems_item_data in self.problems:
            problems_item = problems_item_data.to_dict()
            problems.append(problems_item)

        status = self.status.value

        updated_at = self.updated_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "created_by": created_by,
                "current_version_id": current_version_id,
                "definition": definition,
                "description": description,
                "execution_count": execution_count,
                "id": id,
                "last_executed_at": last_executed_at,
                "name": name,
                "problems": problems,
                "status": status,
                "updated_at": updated_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.creator import Creator  # noqa: PLC0415
        from ..models.flow_definition import FlowDefinition  # noqa: PLC0415
        from ..models.problem_result import ProblemResult  # noqa: PLC0415

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

        current_version_id = d.pop("current_version_id")

        definition = FlowDefinition.from_dict(d.pop("definition"))

        description = d.pop("description")

        execution_count = d.pop("execution_count")

        id = d.pop("id")

        def _parse_last_executed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_executed_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_executed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_executed_at = _parse_last_executed_at(d.pop("last_executed_at"))

        name = d.pop("name")

        problems = []
        _problems = d.pop("problems")
        for problems_item_data in _problems:
            problems_item = ProblemResult.from_dict(problems_item_data)

            problems.append(problems_item)

        status = FlowStatus(d.pop("status"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        flow_read = cls(
            created_at=created_at,
            created_by=created_by,
            current_version_id=current_version_id,
            definition=definition,
            description=description,
            execution_count=execution_count,
            id=id,
            last_executed_at=last_executed_at,
            name=name,
            problems=problems,
            status=status,
            updated_at=updated_at,
            version=version,
        )

        flow_read.additional_properties = d
        return flow_read

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
