from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.schedule_run_read import ScheduleRunRead


T = TypeVar("T", bound="TaskRead")


@_attrs_define
class TaskRead:
    """
    Attributes:
        active (bool):
        agent_id (str):
        artifact_id (None | str): The artifact it was made from, if any.
        conversation_id (str): The conversation every firing continues (made by the first firing).
        created_at (datetime.datetime):
        created_by_id (None | str):
        cron (str):
        flow_id (None | str): The one-step flow each firing runs.
        id (str):
        last_error (None | str):
        last_run_at (datetime.datetime | None): The firing time of the latest run.
        last_run_id (None | str):
        name (str):
        next_run_at (datetime.datetime | None): The next firing; null while inactive.
        prompt (str):
        schedule_id (None | str):
        timezone (str):
        updated_at (datetime.datetime):
        version (int):
        recent_runs (list[ScheduleRunRead] | Unset): Its latest runs (the flow runs of its firings).
    """

    active: bool
    agent_id: str
    artifact_id: None | str
    conversation_id: str
    created_at: datetime.datetime
    created_by_id: None | str
    cron: str
    flow_id: None | str
    id: str
    last_error: None | str
    last_run_at: datetime.datetime | None
    last_run_id: None | str
    name: str
    next_run_at: datetime.datetime | None
    prompt: str
    schedule_id: None | str
    timezone: str
    updated_at: datetime.datetime
    version: int
    recent_runs: list[ScheduleRunRead] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        active = self.active

        agent_id = self.agent_id

        artifact_id: None | str
        artifact_id = self.artifact_id

        conversation_id = self.conversation_id

        created_at = self.created_at.isoformat()

        created_by_id: None | str
        created_by_id = self.created_by_id

        cron = self.cron

        flow_id: None | str
        flow_id = self.flow_id

        id = self.id

        last_error: None | str
        last_error = self.last_error

        last_run_at: None | str
        if isinstance(self.last_run_at, datetime.datetime):
            last_run_at = self.last_run_at.isoformat()
        else:
            last_run_at = self.last_run_at

        last_run_id: None | str
        last_run_id = self.last_run_id

        name = self.name

        next_run_at: None | str
        if isinstance(self.next_run_at, datetime.datetime):
            next_run_at = self.next_run_at.isoformat()
        else:
            next_run_at = self.next_run_at

        prompt = self.prompt

        schedule_id: None | str
        schedule_id = self.schedule_id

        timezone = self.timezone

        updated_at = self.updated_at.isoformat()

        version = self.version

        recent_runs: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.recent_runs, Unset):
            recent_runs = []
            for recent_runs_item_data in self.recent_runs:
                recent_runs_item = recent_runs_item_data.to_dict()
                recent_runs.append(recent_runs_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "active": active,
                "agent_id": agent_id,
                "artifact_id": artifact_id,
                "conversation_id": conversation_id,
                "created_at": created_at,
                "created_by_id": created_by_id,
                "cron": cron,
                "flow_id": flow_id,
                "id": id,
                "last_error": last_error,
                "last_run_at": last_run_at,
                "last_run_id": last_run_id,
                "name": name,
                "next_run_at": next_run_at,
                "prompt": prompt,
                "schedule_id": schedule_id,
                "timezone": timezone,
                "updated_at": updated_at,
                "version": version,
            }
        )
        if recent_runs is not UNSET:
            field_dict["recent_runs"] = recent_runs

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.schedule_run_read import ScheduleRunRead  # noqa: PLC0415

        d = dict(src_dict)
        active = d.pop("active")

        agent_id = d.pop("agent_id")

        def _parse_artifact_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        artifact_id = _parse_artifact_id(d.pop("artifact_id"))

        conversation_id = d.pop("conversation_id")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_created_by_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        created_by_id = _parse_created_by_id(d.pop("created_by_id"))

        cron = d.pop("cron")

        def _parse_flow_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        flow_id = _parse_flow_id(d.pop("flow_id"))

        id = d.pop("id")

        def _parse_last_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_error = _parse_last_error(d.pop("last_error"))

        def _parse_last_run_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_run_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_run_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_run_at = _parse_last_run_at(d.pop("last_run_at"))

        def _parse_last_run_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_run_id = _parse_last_run_id(d.pop("last_run_id"))

        name = d.pop("name")

        def _parse_next_run_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_run_at_type_0 = datetime.datetime.fromisoformat(data)

                return next_run_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        next_run_at = _parse_next_run_at(d.pop("next_run_at"))

        prompt = d.pop("prompt")

        def _parse_schedule_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        schedule_id = _parse_schedule_id(d.pop("schedule_id"))

        timezone = d.pop("timezone")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        _recent_runs = d.pop("recent_runs", UNSET)
        recent_runs: list[ScheduleRunRead] | Unset = UNSET
        if _recent_runs is not UNSET:
            recent_runs = []
            for recent_runs_item_data in _recent_runs:
                recent_runs_item = ScheduleRunRead.from_dict(recent_runs_item_data)

                recent_runs.append(recent_runs_item)

        task_read = cls(
            active=active,
            agent_id=agent_id,
            artifact_id=artifact_id,
            conversation_id=conversation_id,
            created_at=created_at,
            created_by_id=created_by_id,
            cron=cron,
            flow_id=flow_id,
            id=id,
            last_error=last_error,
            last_run_at=last_run_at,
            last_run_id=last_run_id,
            name=name,
            next_run_at=next_run_at,
            prompt=prompt,
            schedule_id=schedule_id,
            timezone=timezone,
            updated_at=updated_at,
            version=version,
            recent_runs=recent_runs,
        )

        task_read.additional_properties = d
        return task_read

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
