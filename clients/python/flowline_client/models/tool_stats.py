from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.status_counts import StatusCounts


T = TypeVar("T", bound="ToolStats")


@_attrs_define
class ToolStats:
    """
    Attributes:
        approval_rate (float | None): approved / (approved + denied); null before any decision.
        by_status (StatusCounts):
        mean_decision_seconds (float | None):
        tool_id (str):
        total (int):
    """

    approval_rate: float | None
    by_status: StatusCounts
    mean_decision_seconds: float | None
    tool_id: str
    total: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        approval_rate: float | None
        approval_rate = self.approval_rate

        by_status = self.by_status.to_dict()

        mean_decision_seconds: float | None
        mean_decision_seconds = self.mean_decision_seconds

        tool_id = self.tool_id

        total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "approval_rate": approval_rate,
                "by_status": by_status,
                "mean_decision_seconds": mean_decision_seconds,
                "tool_id": tool_id,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.status_counts import StatusCounts  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_approval_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        approval_rate = _parse_approval_rate(d.pop("approval_rate"))

        by_status = StatusCounts.from_dict(d.pop("by_status"))

        def _parse_mean_decision_seconds(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        mean_decision_seconds = _parse_mean_decision_seconds(d.pop("mean_decision_seconds"))

        tool_id = d.pop("tool_id")

        total = d.pop("total")

        tool_stats = cls(
            approval_rate=approval_rate,
            by_status=by_status,
            mean_decision_seconds=mean_decision_seconds,
            tool_id=tool_id,
            total=total,
        )

        tool_stats.additional_properties = d
        return tool_stats

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
