from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.usage_summary_range import UsageSummaryRange

if TYPE_CHECKING:
    from ..models.agent_usage import AgentUsage
    from ..models.day_usage import DayUsage
    from ..models.usage_figures import UsageFigures
    from ..models.usage_model_usage import UsageModelUsage
    from ..models.user_usage import UserUsage


T = TypeVar("T", bound="UsageSummary")


@_attrs_define
class UsageSummary:
    """
    Attributes:
        by_agent (list[AgentUsage]): Costliest first.
        by_day (list[DayUsage]): Every day of the range, newest first.
        by_model (list[UsageModelUsage]): Costliest first.
        by_user (list[UserUsage]): Costliest first.
        end (datetime.datetime): Now: the summary counts up to this instant.
        range_ (UsageSummaryRange):
        start (datetime.datetime | None): Start of the first day counted (`null` for `all` with no usage yet).
        totals (UsageFigures):
    """

    by_agent: list[AgentUsage]
    by_day: list[DayUsage]
    by_model: list[UsageModelUsage]
    by_user: list[UserUsage]
    end: datetime.datetime
    range_: UsageSummaryRange
    start: datetime.datetime | None
    totals: UsageFigures
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        by_agent = []
        for by_agent_item_data in self.by_agent:
            by_agent_item = by_agent_item_data.to_dict()
            by_agent.append(by_agent_item)

        by_day = []
        for by_day_item_data in self.by_day:
            by_day_item = by_day_item_data.to_dict()
            by_day.append(by_day_item)

        by_model = []
        for by_model_item_data in self.by_model:
            by_model_item = by_model_item_data.to_dict()
            by_model.append(by_model_item)

        by_user = []
        for by_user_item_data in self.by_user:
            by_user_item = by_user_item_data.to_dict()
            by_user.append(by_user_item)

        end = self.end.isoformat()

        range_ = self.range_.value

        start: None | str
        if isinstance(self.start, datetime.datetime):
            start = self.start.isoformat()
        else:
            start = self.start

        totals = self.totals.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "by_agent": by_agent,
                "by_day": by_day,
                "by_model": by_model,
                "by_user": by_user,
                "end": end,
                "range": range_,
                "start": start,
                "totals": totals,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agent_usage import AgentUsage  # noqa: PLC0415
        from ..models.day_usage import DayUsage  # noqa: PLC0415
        from ..models.usage_figures import UsageFigures  # noqa: PLC0415
        from ..models.usage_model_usage import UsageModelUsage  # noqa: PLC0415
        from ..models.user_usage import UserUsage  # noqa: PLC0415

        d = dict(src_dict)
        by_agent = []
        _by_agent = d.pop("by_agent")
        for by_agent_item_data in _by_agent:
            by_agent_item = AgentUsage.from_dict(by_agent_item_data)

            by_agent.append(by_agent_item)

        by_day = []
        _by_day = d.pop("by_day")
        for by_day_item_data in _by_day:
            by_day_item = DayUsage.from_dict(by_day_item_data)

            by_day.append(by_day_item)

        by_model = []
        _by_model = d.pop("by_model")
        for by_model_item_data in _by_model:
            by_model_item = UsageModelUsage.from_dict(by_model_item_data)

            by_model.append(by_model_item)

        by_user = []
        _by_user = d.pop("by_user")
        for by_user_item_data in _by_user:
            by_user_item = UserUsage.from_dict(by_user_item_data)

            by_user.append(by_user_item)

        end = datetime.datetime.fromisoformat(d.pop("end"))

        range_ = UsageSummaryRange(d.pop("range"))

        def _parse_start(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                start_type_0 = datetime.datetime.fromisoformat(data)

                return start_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        start = _parse_start(d.pop("start"))

        totals = UsageFigures.from_dict(d.pop("totals"))

        usage_summary = cls(
            by_agent=by_agent,
            by_day=by_day,
            by_model=by_model,
            by_user=by_user,
            end=end,
            range_=range_,
            start=start,
            totals=totals,
        )

        usage_summary.additional_properties = d
        return usage_summary

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
