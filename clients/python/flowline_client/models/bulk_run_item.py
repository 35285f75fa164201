from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="BulkRunItem")


@_attrs_define
class BulkRunItem:
    """One run of a bulk start.

    Attributes:
        idempotency_key (None | str | Unset): A repeat with the same key (in this or an earlier request, bulk or not)
            answers the same run instead of starting one. Keys must differ within one request.
        input_ (Any | Unset): The run input (any JSON).
    """

    idempotency_key: None | str | Unset = UNSET
    input_: Any | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        idempotency_key: None | str | Unset
        if isinstance(self.idempotency_key, Unset):
            idempotency_key = UNSET
        else:
            idempotency_key = self.idempotency_key

        input_ = self.input_

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if idempotency_key is not UNSET:
            field_dict["idempotency_key"] = idempotency_key
        if input_ is not UNSET:
            field_dict["input"] = input_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_idempotency_key(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        idempotency_key = _parse_idempotency_key(d.pop("idempotency_key", UNSET))

        input_ = d.pop("input", UNSET)

        bulk_run_item = cls(
            idempotency_key=idempotency_key,
            input_=input_,
        )

        return bulk_run_item
