from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.status_counts import StatusCounts


T = TypeVar("T", bound="DashboardSummary")


@_attrs_define
class DashboardSummary:
    """
    Attributes:
        approval_rate (float | None):
        by_status (StatusCounts):
        mean_decision_seconds (float | None): Mean time from asking to a person's approve or deny.
        oldest_pending_at (datetime.datetime | None):
        overdue (int): Pending past `expires_at`, not yet swept.
        pending (int):
        total (int):
    """

    approval_rate: float | None
    by_status: StatusCounts
    mean_decision_seconds: float | None
    oldest_pending_at: datetime.datetime | None
    overdue: int
    pending: int
    total: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        approval_rate: float | None
        approval_rate = self.approval_rate

        by_status = self.by_status.to_dict()

        mean_decision_seconds: float | None
        mean_decision_seconds = self.mean_decision_seconds

        oldest_pending_at: None | str
        if isinstance(self.oldest_pending_at, datetime.datetime):
            oldest_pending_at = self.oldest_pending_at.isoformat()
        else:
            oldest_pending_at = self.oldest_pending_at

        overdue = self.overdue

        pending = self.pending

        total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "approval_rate": approval_rate,
                "by_status": by_status,
                "mean_decision_seconds": mean_decision_seconds,
                "oldest_pending_at": oldest_pending_at,
                "overdue": overdue,
                "pending": pending,
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

        def _parse_oldest_pending_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                oldest_pending_at_type_0 = datetime.datetime.fromisoformat(data)

                return oldest_pending_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        oldest_pending_at = _parse_oldest_pending_at(d.pop("oldest_pending_at"))

        overdue = d.pop("overdue")

        pending = d.pop("pending")

        total = d.pop("total")

        dashboard_summary = cls(
            approval_rate=approval_rate,
            by_status=by_status,
            mean_decision_seconds=mean_decision_seconds,
            oldest_pending_at=oldest_pending_at,
            overdue=overdue,
            pending=pending,
            total=total,
        )

        dashboard_summary.additional_properties = d
        return dashboard_summary

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
