from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.operation import Operation


T = TypeVar("T", bound="BatchCreate")


@_attrs_define
class BatchCreate:
    """
    Attributes:
        file_id (str): A file from `POST /files`.
        operation (Operation):
        concurrency (int | Unset): Rows in flight at once. Default: 8.
        max_attempts (int | Unset): Tries of a row before it is failed. Default: 3.
    """

    file_id: str
    operation: Operation
    concurrency: int | Unset = 8
    max_attempts: int | Unset = 3

    def to_dict(self) -> dict[str, Any]:
        file_id = self.file_id

        operation = self.operation.to_dict()

        concurrency = self.concurrency

        max_attempts = self.max_attempts

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "file_id": file_id,
                "operation": operation,
            }
        )
        if concurrency is not UNSET:
            field_dict["concurrency"] = concurrency
        if max_attempts is not UNSET:
            field_dict["max_attempts"] = max_attempts

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.operation import Operation  # noqa: PLC0415

        d = dict(src_dict)
        file_id = d.pop("file_id")

        operation = Operation.from_dict(d.pop("operation"))

        concurrency = d.pop("concurrency", UNSET)

        max_attempts = d.pop("max_attempts", UNSET)

        batch_create = cls(
            file_id=file_id,
            operation=operation,
            concurrency=concurrency,
            max_attempts=max_attempts,
        )

        return batch_create
