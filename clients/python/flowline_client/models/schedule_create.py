from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.schedule_create_catch_up import ScheduleCreateCatchUp
from ..types import UNSET, Unset

T = TypeVar("T", bound="ScheduleCreate")


@_attrs_define
class ScheduleCreate:
    """
    Attributes:
        cron (str): Five fields `minute hour day-of-month month day-of-week`, or `@daily`, `@hourly`, …; matched against
            the wall clock of `timezone`.
        flow_id (str): The flow each firing runs; one of your organisation's.
        name (str): 1 to 200 characters, for people.
        catch_up (ScheduleCreateCatchUp | Unset): What to do with firings missed while no scheduler ran: `none` skips
            them (a firing up to 60 s late still counts), `last` (default) makes the latest one once, `all` makes every one,
            oldest first. Default: ScheduleCreateCatchUp.LAST.
        enabled (bool | Unset): A disabled schedule never fires. Default: True.
        input_ (Any | Unset): The input of every run, up to 256 KiB.
        timezone (str | Unset): An IANA time zone name such as `Europe/Berlin` or `UTC`.
    """

    cron: str
    flow_id: str
    name: str
    catch_up: ScheduleCreateCatchUp | Unset = ScheduleCreateCatchUp.LAST
    enabled: bool | Unset = True
    input_: Any | Unset = UNSET
    timezone: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        cron = self.cron

        flow_id = self.flow_id

        name = self.name

        catch_up: str | Unset = UNSET
        if not isinstance(self.catch_up, Unset):
            catch_up = self.catch_up.value

        enabled = self.enabled

        input_ = self.input_

        timezone = self.timezone

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "cron": cron,
                "flow_id": flow_id,
                "name": name,
            }
        )
        if catch_up is not UNSET:
            field_dict["catch_up"] = catch_up
        if enabled is not UNSET:
            field_dict["enabled"] = enabled
        if input_ is not UNSET:
            field_dict["input"] = input_
        if timezone is not UNSET:
            field_dict["timezone"] = timezone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        cron = d.pop("cron")

        flow_id = d.pop("flow_id")

        name = d.pop("name")

        _catch_up = d.pop("catch_up", UNSET)
        catch_up: ScheduleCreateCatchUp | Unset
        if isinstance(_catch_up, Unset):
            catch_up = UNSET
        else:
            catch_up = ScheduleCreateCatchUp(_catch_up)

        enabled = d.pop("enabled", UNSET)

        input_ = d.pop("input", UNSET)

        timezone = d.pop("timezone", UNSET)

        schedule_create = cls(
            cron=cron,
            flow_id=flow_id,
            name=name,
            catch_up=catch_up,
            enabled=enabled,
            input_=input_,
            timezone=timezone,
        )

        return schedule_create
