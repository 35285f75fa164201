from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="KvSource")


@_attrs_define
class KvSource:
    """A key of the organisation's KV store; ``data`` is its value (``null`` if none).

    Attributes:
        key (str):
        type_ (Literal['kv']):
    """

    key: str
    type_: Literal["kv"]

    def to_dict(self) -> dict[str, Any]:
        key = self.key

        type_ = self.type_

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "key": key,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        key = d.pop("key")

        type_ = cast(Literal["kv"], d.pop("type"))
        if type_ != "kv":
            raise ValueError(f"type must match const 'kv', got '{type_}'")

        kv_source = cls(
            key=key,
            type_=type_,
        )

        return kv_source
