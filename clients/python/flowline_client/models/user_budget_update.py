from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="UserBudgetUpdate")


@_attrs_define
class UserBudgetUpdate:
    """
    Attributes:
        monthly_limit_usd (float | None): The cap; `null` removes it.
        user_id (str):
    """

    monthly_limit_usd: float | None
    user_id: str

    def to_dict(self) -> dict[str, Any]:
        monthly_limit_usd: float | None
        monthly_limit_usd = self.monthly_limit_usd

        user_id = self.user_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "monthly_limit_usd": monthly_limit_usd,
                "user_id": user_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_monthly_limit_usd(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        monthly_limit_usd = _parse_monthly_limit_usd(d.pop("monthly_limit_usd"))

        user_id = d.pop("user_id")

        user_budget_update = cls(
            monthly_limit_usd=monthly_limit_usd,
            user_id=user_id,
        )

        return user_budget_update
