from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="StatusCounts")


@_attrs_define
class StatusCounts:
    """
    Attributes:
        approved (int | Unset):  Default: 0.
        cancelled (int | Unset):  Default: 0.
        denied (int | Unset):  Default: 0.
        expired (int | Unset):  Default: 0.
        pending (int | Unset):  Default: 0.
    """

    approved: int | Unset = 0
    cancelled: int | Unset = 0
    denied: int | Unset = 0
    expired: int | Unset = 0
    pending: int | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        approved = self.approved

        cancelled = self.cancelled

        denied = self.denied

        expired = self.expired

        pending = self.pending

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if approved is not UNSET:
            field_dict["approved"] = approved
        if cancelled is not UNSET:
            field_dict["cancelled"] = cancelled
        if denied is not UNSET:
            field_dict["denied"] = denied
        if expired is not UNSET:
            field_dict["expired"] = expired
        if pending is not UNSET:
            field_dict["pending"] = pending

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        approved = d.pop("approved", UNSET)

        cancelled = d.pop("cancelled", UNSET)

        denied = d.pop("denied", UNSET)

        expired = d.pop("expired", UNSET)

        pending = d.pop("pending", UNSET)

        status_counts = cls(
            approved=approved,
            cancelled=cancelled,
            denied=denied,
            expired=expired,
            pending=pending,
        )

        status_counts.additional_properties = d
        return status_counts

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
