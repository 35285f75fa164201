from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="BuildBody")


@_attrs_define
class BuildBody:
    """
    Attributes:
        blocks (list[str] | None | Unset): Only these blocks (by name); default all.
        refresh (bool | Unset): Render dynamic blocks anew. Default: False.
    """

    blocks: list[str] | None | Unset = UNSET
    refresh: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        blocks: list[str] | None | Unset
        if isinstance(self.blocks, Unset):
            blocks = UNSET
        elif isinstance(self.blocks, list):
            blocks = self.blocks

        else:
            blocks = self.blocks

        refresh = self.refresh

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if blocks is not UNSET:
            field_dict["blocks"] = blocks
        if refresh is not UNSET:
            field_dict["refresh"] = refresh

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_blocks(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                blocks_type_0 = cast(list[str], data)

                return blocks_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        blocks = _parse_blocks(d.pop("blocks", UNSET))

        refresh = d.pop("refresh", UNSET)

        build_body = cls(
            blocks=blocks,
            refresh=refresh,
        )

        return build_body
