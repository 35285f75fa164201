from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="BudgetUpdate")


@_attrs_define
class BudgetUpdate:
    """Fields left out keep their value; `null` clears the budget, or makes credits
    unmetered.

        Attributes:
            add_credits_usd (float | None | Unset): Grant credits: added to the balance in place (an unmetered balance
                starts from 0), so that charges under way are not lost.
            credits_usd (float | None | Unset): Set the balance; `null` makes the organisation unmetered.
            expected_version (int | None | Unset): Refuse the change (409) unless the record is at this version.
            monthly_limit_usd (float | None | Unset): `null` removes the budget.
    """

    add_credits_usd: float | None | Unset = UNSET
    credits_usd: float | None | Unset = UNSET
    expected_version: int | None | Unset = UNSET
    monthly_limit_usd: float | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        add_credits_usd: float | None | Unset
        if isinstance(self.add_credits_usd, Unset):
            add_credits_usd = UNSET
        else:
            add_credits_usd = self.add_credits_usd

        credits_usd: float | None | Unset
        if isinstance(self.credits_usd, Unset):
            credits_usd = UNSET
        else:
            credits_usd = self.credits_usd

        expected_version: int | None | Unset
        if isinstance(self.expected_version, Unset):
            expected_version = UNSET
        else:
            expected_version = self.expected_version

        monthly_limit_usd: float | None | Unset
        if isinstance(self.monthly_limit_usd, Unset):
            monthly_limit_usd = UNSET
        else:
            monthly_limit_usd = self.monthly_limit_usd

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if add_credits_usd is not UNSET:
            field_dict["add_credits_usd"] = add_credits_usd
        if credits_usd is not UNSET:
            field_dict["credits_usd"] = credits_usd
        if expected_version is not UNSET:
            field_dict["expected_version"] = expected_version
        if monthly_limit_usd is not UNSET:
            field_dict["monthly_limit_usd"] = monthly_limit_usd

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_add_credits_usd(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        add_credits_usd = _parse_add_credits_usd(d.pop("add_credits_usd", UNSET))

        def _parse_credits_usd(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        credits_usd = _parse_credits_usd(d.pop("credits_usd", UNSET))

        def _parse_expected_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        expected_version = _parse_expected_version(d.pop("expected_version", UNSET))

        def _parse_monthly_limit_usd(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        monthly_limit_usd = _parse_monthly_limit_usd(d.pop("monthly_limit_usd", UNSET))

        budget_update = cls(
            add_credits_usd=add_credits_usd,
            credits_usd=credits_usd,
            expected_version=expected_version,
            monthly_limit_usd=monthly_limit_usd,
        )

        return budget_update
