from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CompressBody")


@_attrs_define
class CompressBody:
    """
    Attributes:
        keep_recent (int | Unset): Most recent messages to keep as they are. Default: 6.
    """

    keep_recent: int | Unset = 6

    def to_dict(self) -> dict[str, Any]:
        keep_recent = self.keep_recent

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if keep_recent is not UNSET:
            field_dict["keep_recent"] = keep_recent

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        keep_recent = d.pop("keep_recent", UNSET)

        compress_body = cls(
            keep_recent=keep_recent,
        )

        return compress_body
