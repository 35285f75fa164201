from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.mode_set_mode import ModeSetMode

T = TypeVar("T", bound="ModeSet")


@_attrs_define
class ModeSet:
    """
    Attributes:
        mode (ModeSetMode): `platform`: the instance's provider; `byok`: this organisation's own keys (needs a saved
            key, else 409 `NO_BYOK_PROVIDER`).
    """

    mode: ModeSetMode

    def to_dict(self) -> dict[str, Any]:
        mode = self.mode.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "mode": mode,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        mode = ModeSetMode(d.pop("mode"))

        mode_set = cls(
            mode=mode,
        )

        return mode_set
