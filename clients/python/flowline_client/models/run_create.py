from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RunCreate")


@_attrs_define
class RunCreate:
    """What starts a run of a flow.

    Attributes:
        idempotency_key (None | str | Unset): A repeat with the same key answers the same run instead of starting one.
        input_ (Any | Unset): The run input (any JSON).
        wait_seconds (float | Unset): Wait up to this long for the run to end, and answer it as it is then. Default:
            0.0.
    """

    idempotency_key: None | str | Unset = UNSET
    input_: Any | Unset = UNSET
    wait_seconds: float | Unset = 0.0

    def to_dict(self) -> dict[str, Any]:
        idempotency_key: None | str | Unset
        if isinstance(self.idempotency_key, Unset):
            idempotency_key = UNSET
        else:
            idempotency_key = self.idempotency_key

        input_ = self.input_

        wait_seconds = self.wait_seconds

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if idempotency_key is not UNSET:
            field_dict["idempotency_key"] = idempotency_key
        if input_ is not UNSET:
            field_dict["input"] = input_
        if wait_seconds is not UNSET:
            field_dict["wait_seconds"] = wait_seconds

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

        wait_seconds = d.pop("wait_seconds", UNSET)

        run_create = cls(
            idempotency_key=idempotency_key,
            input_=input_,
            wait_seconds=wait_seconds,
        )

        return run_create
