from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.completions_run_read_operation import CompletionsRunReadOperation

if TYPE_CHECKING:
    from ..models.run_item import RunItem


T = TypeVar("T", bound="CompletionsRunRead")


@_attrs_define
class CompletionsRunRead:
    """
    Attributes:
        cost (float):
        failed (int):
        model (None | str):
        operation (CompletionsRunReadOperation):
        results (list[RunItem]):
        succeeded (int):
    """

    cost: float
    failed: int
    model: None | str
    operation: CompletionsRunReadOperation
    results: list[RunItem]
    succeeded: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cost = self.cost

        failed = self.failed

        model: None | str
        model = self.model

        operation = self.operation.value

        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)

        succeeded = self.succeeded

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cost": cost,
                "failed": failed,
                "model": model,
                "operation": operation,
                "results": results,
                "succeeded": succeeded,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_item import RunItem  # noqa: PLC0415

        d = dict(src_dict)
        cost = d.pop("cost")

        failed = d.pop("failed")

        def _parse_model(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        model = _parse_model(d.pop("model"))

        operation = CompletionsRunReadOperation(d.pop("operation"))

        results = []
        _results = d.pop("results")
        for results_item_data in _results:
            results_item = RunItem.from_dict(results_item_data)

            results.append(results_item)

        succeeded = d.pop("succeeded")

        completions_run_read = cls(
            cost=cost,
            failed=failed,
            model=model,
            operation=operation,
            results=results,
            succeeded=succeeded,
        )

        completions_run_read.additional_properties = d
        return completions_run_read

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
