from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ScheduledTaskSet")


@_attrs_define
class ScheduledTaskSet:
    """
    Attributes:
        agent_id (str): Its id or name.
        cron (str):
        active (bool | Unset):  Default: True.
        name (None | str | Unset):
        prompt (None | str | Unset): Defaults to the artifact's title and description.
        timezone (str | Unset): An IANA time zone name such as `Europe/Berlin` or `UTC`.
    """

    agent_id: str
    cron: str
    active: bool | Unset = True
    name: None | str | Unset = UNSET
    prompt: None | str | Unset = UNSET
    timezone: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        agent_id = self.agent_id

        cron = self.cron

        active = self.active

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        prompt: None | str | Unset
        if isinstance(self.prompt, Unset):
            prompt = UNSET
        else:
            prompt = self.prompt

        timezone = self.timezone

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "agent_id": agent_id,
                "cron": cron,
            }
        )
        if active is not UNSET:
            field_dict["active"] = active
        if name is not UNSET:
            field_dict["name"] = name
        if prompt is not UNSET:
            field_dict["prompt"] = prompt
        if timezone is not UNSET:
            field_dict["timezone"] = timezone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agent_id = d.pop("agent_id")

        cron = d.pop("cron")

        active = d.pop("active", UNSET)

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_prompt(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        prompt = _parse_prompt(d.pop("prompt", UNSET))

        timezone = d.pop("timezone", UNSET)

        scheduled_task_set = cls(
            agent_id=agent_id,
            cron=cron,
            active=active,
            name=name,
            prompt=prompt,
            timezone=timezone,
        )

        return scheduled_task_set
