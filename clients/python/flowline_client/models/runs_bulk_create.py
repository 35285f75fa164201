from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.bulk_run_item import BulkRunItem


T = TypeVar("T", bound="RunsBulkCreate")


@_attrs_define
class RunsBulkCreate:
    """Many runs of one flow, started in one transaction.

    Attributes:
        runs (list[BulkRunItem]): 1 to 1,000 runs, in order.
    """

    runs: list[BulkRunItem]

    def to_dict(self) -> dict[str, Any]:
        runs = []
        for runs_item_data in self.runs:
            runs_item = runs_item_data.to_dict()
            runs.append(runs_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "runs": runs,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.bulk_run_item import BulkRunItem  # noqa: PLC0415

        d = dict(src_dict)
        runs = []
        _runs = d.pop("runs")
        for runs_item_data in _runs:
            runs_item = BulkRunItem.from_dict(runs_item_data)

            runs.append(runs_item)

        runs_bulk_create = cls(
            runs=runs,
        )

        return runs_bulk_create
