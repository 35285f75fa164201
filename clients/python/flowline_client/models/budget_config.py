from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="BudgetConfig")


@_attrs_define
class BudgetConfig:
    """The agent's monthly spending cap in USD (``null``: none), enforced by ``flowline.usage``.

    Attributes:
        monthly_limit_usd (float | None | Unset):
    """

    monthly_limit_usd: float | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        monthly_limit_usd: float | None | Unset
        if isinstance(self.monthly_limit_usd, Unset):
            monthly_limit_usd = UNSET
        else:
            monthly_limit_usd = self.monthly_limit_usd

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if monthly_limit_usd is not UNSET:
            field_dict["monthly_limit_usd"] = monthly_limit_usd

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_monthly_limit_usd(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        monthly_limit_usd = _parse_monthly_limit_usd(d.pop("monthly_limit_usd", UNSET))

        budget_config = cls(
            monthly_limit_usd=monthly_limit_usd,
        )

        return budget_config
