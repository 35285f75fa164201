from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.agent_stats_by_model import AgentStatsByModel


T = TypeVar("T", bound="AgentStats")


@_attrs_define
class AgentStats:
    """
    Attributes:
        agents (int):
        by_model (AgentStatsByModel): Agents per configured model (`default`: none).
        conversations (int):
        cost (float):
        input_tokens (int):
        output_tokens (int):
        turns (int):
        turns_failed (int):
    """

    agents: int
    by_model: AgentStatsByModel
    conversations: int
    cost: float
    input_tokens: int
    output_tokens: int
    turns: int
    turns_failed: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agents = self.agents

        by_model = self.by_model.to_dict()

        conversations = self.conversations

        cost = self.cost

        input_tokens = self.input_tokens

        output_tokens = self.output_tokens

        turns = self.turns

        turns_failed = self.turns_failed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agents": agents,
                "by_model": by_model,
                "conversations": conversations,
                "cost": cost,
                "input_tokens": input_tokens,
                "output_tokens": output_tokens,
                "turns": turns,
                "turns_failed": turns_failed,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agent_stats_by_model import AgentStatsByModel  # noqa: PLC0415

        d = dict(src_dict)
        agents = d.pop("agents")

        by_model = AgentStatsByModel.from_dict(d.pop("by_model"))

        conversations = d.pop("conversations")

        cost = d.pop("cost")

        input_tokens = d.pop("input_tokens")

        output_tokens = d.pop("output_tokens")

        turns = d.pop("turns")

        turns_failed = d.pop("turns_failed")

        agent_stats = cls(
            agents=agents,
            by_model=by_model,
            conversations=conversations,
            cost=cost,
            input_tokens=input_tokens,
            output_tokens=output_tokens,
            turns=turns,
            turns_failed=turns_failed,
        )

        agent_stats.additional_properties = d
        return agent_stats

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
