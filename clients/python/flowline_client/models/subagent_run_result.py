from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SubagentRunResult")


@_attrs_define
class SubagentRunResult:
    """
    Attributes:
        agent_id (str):
        answer (str):
        run_id (str): The chat turn (`trn_…`).
        thread_id (str): The sub-agent's conversation of this run.
    """

    agent_id: str
    answer: str
    run_id: str
    thread_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agent_id = self.agent_id

        answer = self.answer

        run_id = self.run_id

        thread_id = self.thread_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agent_id": agent_id,
                "answer": answer,
                "run_id": run_id,
                "thread_id": thread_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agent_id = d.pop("agent_id")

        answer = d.pop("answer")

        run_id = d.pop("run_id")

        thread_id = d.pop("thread_id")

        subagent_run_result = cls(
            agent_id=agent_id,
            answer=answer,
            run_id=run_id,
            thread_id=thread_id,
        )

        subagent_run_result.additional_properties = d
        return subagent_run_result

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
