from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.run_status import RunStatus

T = TypeVar("T", bound="ScheduleRunRead")


@_attrs_define
class ScheduleRunRead:
    """One run a schedule started.

    Attributes:
        created_at (datetime.datetime): When the scheduler started it.
        fire_time (datetime.datetime): The firing that started it.
        id (str):
        status (RunStatus):
    """

    created_at: datetime.datetime
    fire_time: datetime.datetime
    id: str
    status: RunStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        fire_time = self.fire_time.isoformat()

        id = self.id

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "fire_time": fire_time,
                "id": id,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        fire_time = datetime.datetime.fromisoformat(d.pop("fire_time"))

        id = d.pop("id")

        status = RunStatus(d.pop("status"))

        schedule_run_read = cls(
            created_at=created_at,
            fire_time=fire_time,
            id=id,
            status=status,
        )

        schedule_run_read.additional_properties = d
        return schedule_run_read

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
