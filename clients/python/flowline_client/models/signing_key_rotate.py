from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SigningKeyRotate")


@_attrs_define
class SigningKeyRotate:
    """
    Attributes:
        overlap_hours (int | Unset): How long the key being replaced keeps signing beside the new one (0 to 168; 0
            retires it at once). Default: 24.
    """

    overlap_hours: int | Unset = 24

    def to_dict(self) -> dict[str, Any]:
        overlap_hours = self.overlap_hours

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if overlap_hours is not UNSET:
            field_dict["overlap_hours"] = overlap_hours

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        overlap_hours = d.pop("overlap_hours", UNSET)

        signing_key_rotate = cls(
            overlap_hours=overlap_hours,
        )

        return signing_key_rotate
