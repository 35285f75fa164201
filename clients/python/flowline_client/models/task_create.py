from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TaskCreate")


@_attrs_define
class TaskCreate:
    """
    Attributes:
        agent_id (str): The agent: its id or its name.
        cron (str): Five fields `minute hour day-of-month month day-of-week`, or `@daily`, `@hourly`, …; matched against
            the wall clock of `timezone`.
        name (str): 1 to 200 characters, for people.
        prompt (str): The message the agent is given at each firing (1 to 100,000 characters).
        active (bool | Unset): An inactive task never fires. Default: True.
        timezone (str | Unset): An IANA time zone name such as `Europe/Berlin` or `UTC`.
    """

    agent_id: str
    cron: str
    name: str
    prompt: str
    active: bool | Unset = True
    timezone: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        agent_id = self.agent_id

        cron = self.cron

        name = self.name

        prompt = self.prompt

        active = self.active

        timezone = self.timezone

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "agent_id": agent_id,
                "cron": cron,
                "name": name,
                "prompt": prompt,
            }
        )
        if active is not UNSET:
            field_dict["active"] = active
        if timezone is not UNSET:
            field_dict["timezone"] = timezone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agent_id = d.pop("agent_id")

        cron = d.pop("cron")

        name = d.pop("name")

        prompt = d.pop("prompt")

        active = d.pop("active", UNSET)

        timezone = d.pop("timezone", UNSET)

        task_create = cls(
            agent_id=agent_id,
            cron=cron,
            name=name,
            prompt=prompt,
            active=active,
            timezone=timezone,
        )

        return task_create
