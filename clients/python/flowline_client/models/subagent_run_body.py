from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="SubagentRunBody")


@_attrs_define
class SubagentRunBody:
    """
    Attributes:
        task (str): What the sub-agent should do.
    """

    task: str

    def to_dict(self) -> dict[str, Any]:
        task = self.task

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "task": task,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        task = d.pop("task")

        subagent_run_body = cls(
            task=task,
        )

        return subagent_run_body
