from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agent_credits import AgentCredits
    from ..models.time_range import TimeRange


T = TypeVar("T", bound="AgentUsageRead")


@_attrs_define
class AgentUsageRead:
    """
    Attributes:
        agent_id (str):
        time_range (TimeRange):
        usage (AgentCredits):
        note (None | str | Unset): Only when the range starts before the agent was created (those days show 0).
    """

    agent_id: str
    time_range: TimeRange
    usage: AgentCredits
    note: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agent_id = self.agent_id

        time_range = self.time_range.to_dict()

        usage = self.usage.to_dict()

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agent_id": agent_id,
                "time_range": time_range,
                "usage": usage,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agent_credits import AgentCredits  # noqa: PLC0415
        from ..models.time_range import TimeRange  # noqa: PLC0415

        d = dict(src_dict)
        agent_id = d.pop("agent_id")

        time_range = TimeRange.from_dict(d.pop("time_range"))

        usage = AgentCredits.from_dict(d.pop("usage"))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        agent_usage_read = cls(
            agent_id=agent_id,
            time_range=time_range,
            usage=usage,
            note=note,
        )

        agent_usage_read.additional_properties = d
        return agent_usage_read

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
