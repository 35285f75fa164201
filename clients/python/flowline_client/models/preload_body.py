from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PreloadBody")


@_attrs_define
class PreloadBody:
    """
    Attributes:
        refresh (bool | Unset): Render even blocks whose cache is fresh. Default: False.
    """

    refresh: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        refresh = self.refresh

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if refresh is not UNSET:
            field_dict["refresh"] = refresh

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        refresh = d.pop("refresh", UNSET)

        preload_body = cls(
            refresh=refresh,
        )

        return preload_body
