from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BudgetRead")


@_attrs_define
class BudgetRead:
    """The organisation's credits and monthly budget, and this month's spend.

    Attributes:
        credits_usd (float | None): Credits left, in USD; each model call's cost is taken off. `null`: unmetered (the
            default). May go below 0 by the cost of calls already under way.
        effective_limit_usd (float | None): What this month's spend can reach: the smaller of the monthly budget and
            this month's spend plus the credits left (`null`: no limit).
        month (str): The budget month, `YYYY-MM` (UTC).
        month_spend_usd (float): Spent this month, in USD.
        monthly_limit_usd (float | None): The organisation's monthly budget (`null`: none).
        remaining_usd (float | None): `effective_limit_usd` minus `month_spend_usd`, not below 0.
        resets_at (datetime.datetime): When the month ends: the first instant of the next.
        version (int):
    """

    credits_usd: float | None
    effective_limit_usd: float | None
    month: str
    month_spend_usd: float
    monthly_limit_usd: float | None
    remaining_usd: float | None
    resets_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        credits_usd: float | None
        credits_usd = self.credits_usd

        effective_limit_usd: float | None
        effective_limit_usd = self.effective_limit_usd

        month = self.month

        month_spend_usd = self.month_spend_usd

        monthly_limit_usd: float | None
        monthly_limit_usd = self.monthly_limit_usd

        remaining_usd: float | None
        remaining_usd = self.remaining_usd

        resets_at = self.resets_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "credits_usd": credits_usd,
                "effective_limit_usd": effective_limit_usd,
                "month": month,
                "month_spend_usd": month_spend_usd,
                "monthly_limit_usd": monthly_limit_usd,
                "remaining_usd": remaining_usd,
                "resets_at": resets_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_credits_usd(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        credits_usd = _parse_credits_usd(d.pop("credits_usd"))

        def _parse_effective_limit_usd(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        effective_limit_usd = _parse_effective_limit_usd(d.pop("effective_limit_usd"))

        month = d.pop("month")

        month_spend_usd = d.pop("month_spend_usd")

        def _parse_monthly_limit_usd(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        monthly_limit_usd = _parse_monthly_limit_usd(d.pop("monthly_limit_usd"))

        def _parse_remaining_usd(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        remaining_usd = _parse_remaining_usd(d.pop("remaining_usd"))

        resets_at = datetime.datetime.fromisoformat(d.pop("resets_at"))

        version = d.pop("version")

        budget_read = cls(
            credits_usd=credits_usd,
            effective_limit_usd=effective_limit_usd,
            month=month,
            month_spend_usd=month_spend_usd,
            monthly_limit_usd=monthly_limit_usd,
            remaining_usd=remaining_usd,
            resets_at=resets_at,
            version=version,
        )

        budget_read.additional_properties = d
        return budget_read

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
