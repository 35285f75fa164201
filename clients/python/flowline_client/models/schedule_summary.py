from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.schedule_summary_catch_up import ScheduleSummaryCatchUp

T = TypeVar("T", bound="ScheduleSummary")


@_attrs_define
class ScheduleSummary:
    """
    Attributes:
        catch_up (ScheduleSummaryCatchUp):
        created_at (datetime.datetime):
        created_by_id (None | str):
        cron (str):
        enabled (bool):
        flow_id (str):
        id (str):
        input_ (Any):
        last_error (None | str): Why the latest firing started no run (flow inactive or deleted).
        last_run_at (datetime.datetime | None): The firing time of the latest run.
        last_run_id (None | str):
        name (str):
        next_run_at (datetime.datetime | None): The next firing; null while disabled.
        timezone (str):
        updated_at (datetime.datetime):
        version (int):
    """

    catch_up: ScheduleSummaryCatchUp
    created_at: datetime.datetime
    created_by_id: None | str
    cron: str
    enabled: bool
    flow_id: str
    id: str
    input_: Any
    last_error: None | str
    last_run_at: datetime.datetime | None
    last_run_id: None | str
    name: str
    next_run_at: datetime.datetime | None
    timezone: str
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        catch_up = self.catch_up.value

        created_at = self.created_at.isoformat()

        created_by_id: None | str
        created_by_id = self.created_by_id

        cron = self.cron

        enabled = self.enabled

        flow_id = self.flow_id

        id = self.id

        input_ = self.input_

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

        timezone = self.timezone

        updated_at = self.updated_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "catch_up": catch_up,
                "created_at": created_at,
                "created_by_id": created_by_id,
                "cron": cron,
                "enabled": enabled,
                "flow_id": flow_id,
                "id": id,
                "input": input_,
                "last_error": last_error,
                "last_run_at": last_run_at,
                "last_run_id": last_run_id,
                "name": name,
                "next_run_at": next_run_at,
                "timezone": timezone,
                "updated_at": updated_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        catch_up = ScheduleSummaryCatchUp(d.pop("catch_up"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_created_by_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        created_by_id = _parse_created_by_id(d.pop("created_by_id"))

        cron = d.pop("cron")

        enabled = d.pop("enabled")

        flow_id = d.pop("flow_id")

        id = d.pop("id")

        input_ = d.pop("input")

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

        timezone = d.pop("timezone")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        schedule_summary = cls(
            catch_up=catch_up,
            created_at=created_at,
            created_by_id=created_by_id,
            cron=cron,
            enabled=enabled,
            flow_id=flow_id,
            id=id,
            input_=input_,
            last_error=last_error,
            last_run_at=last_run_at,
            last_run_id=last_run_id,
            name=name,
            next_run_at=next_run_at,
            timezone=timezone,
            updated_at=updated_at,
            version=version,
        )

        schedule_summary.additional_properties = d
        return schedule_summary

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
