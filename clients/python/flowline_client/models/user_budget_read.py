from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="UserBudgetRead")


@_attrs_define
class UserBudgetRead:
    """
    Attributes:
        email (str):
        month (str): `YYYY-MM` (UTC).
        month_spend_usd (float):
        monthly_limit_usd (float | None): The user's monthly cap (`null`: none).
        name (str):
        remaining_usd (float | None): Cap minus spend, not below 0.
        user_id (str):
    """

    email: str
    month: str
    month_spend_usd: float
    monthly_limit_usd: float | None
    name: str
    remaining_usd: float | None
    user_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        month = self.month

        month_spend_usd = self.month_spend_usd

        monthly_limit_usd: float | None
        monthly_limit_usd = self.monthly_limit_usd

        name = self.name

        remaining_usd: float | None
        remaining_usd = self.remaining_usd

        user_id = self.user_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "email": email,
                "month": month,
                "month_spend_usd": month_spend_usd,
                "monthly_limit_usd": monthly_limit_usd,
                "name": name,
                "remaining_usd": remaining_usd,
                "user_id": user_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        month = d.pop("month")

        month_spend_usd = d.pop("month_spend_usd")

        def _parse_monthly_limit_usd(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        monthly_limit_usd = _parse_monthly_limit_usd(d.pop("monthly_limit_usd"))

        name = d.pop("name")

        def _parse_remaining_usd(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        remaining_usd = _parse_remaining_usd(d.pop("remaining_usd"))

        user_id = d.pop("user_id")

        user_budget_read = cls(
            email=email,
            month=month,
            month_spend_usd=month_spend_usd,
            monthly_limit_usd=monthly_limit_usd,
            name=name,
            remaining_usd=remaining_usd,
            user_id=user_id,
        )

        user_budget_read.additional_properties = d
        return user_budget_read

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
