from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.daily_credits import DailyCredits


T = TypeVar("T", bound="AgentCredits")


@_attrs_define
class AgentCredits:
    """
    Attributes:
        daily_breakdown (list[DailyCredits]): Every day, newest first.
        total_credits_used (float):
    """

    daily_breakdown: list[DailyCredits]
    total_credits_used: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        daily_breakdown = []
        for daily_breakdown_item_data in self.daily_breakdown:
            daily_breakdown_item = daily_breakdown_item_data.to_dict()
            daily_breakdown.append(daily_breakdown_item)

        total_credits_used = self.total_credits_used

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "daily_breakdown": daily_breakdown,
                "total_credits_used": total_credits_used,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.daily_credits import DailyCredits  # noqa: PLC0415

        d = dict(src_dict)
        daily_breakdown = []
        _daily_breakdown = d.pop("daily_breakdown")
        for daily_breakdown_item_data in _daily_breakdown:
            daily_breakdown_item = DailyCredits.from_dict(daily_breakdown_item_data)

            daily_breakdown.append(daily_breakdown_item)

        total_credits_used = d.pop("total_credits_used")

        agent_credits = cls(
            daily_breakdown=daily_breakdown,
            total_credits_used=total_credits_used,
        )

        agent_credits.additional_properties = d
        return agent_credits

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
