from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.run_body_operation import RunBodyOperation
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.run_body_items_item_type_4 import RunBodyItemsItemType4
    from ..models.run_body_params import RunBodyParams


T = TypeVar("T", bound="RunBody")


@_attrs_define
class RunBody:
    """
    Attributes:
        items (list[bool | float | int | list[Any] | RunBodyItemsItemType4 | str]):
        operation (RunBodyOperation):
        model (None | str | Unset):
        params (RunBodyParams | Unset): The operation's parameters (as its own route's body).
        temperature (float | None | Unset):
    """

    items: list[bool | float | int | list[Any] | RunBodyItemsItemType4 | str]
    operation: RunBodyOperation
    model: None | str | Unset = UNSET
    params: RunBodyParams | Unset = UNSET
    temperature: float | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.run_body_items_item_type_4 import RunBodyItemsItemType4  # noqa: PLC0415

        items = []
        for items_item_data in self.items:
            items_item: bool | dict[str, Any] | float | int | list[Any] | str
            if isinstance(items_item_data, RunBodyItemsItemType4):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, list):
                items_item = items_item_data

            else:
                items_item = items_item_data
            items.append(items_item)

        operation = self.operation.value

        model: None | str | Unset
        if isinstance(self.model, Unset):
            model = UNSET
        else:
            model = self.model

        params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = self.params.to_dict()

        temperature: float | None | Unset
        if isinstance(self.temperature, Unset):
            temperature = UNSET
        else:
            temperature = self.temperature

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "items": items,
                "operation": operation,
            }
        )
        if model is not UNSET:
            field_dict["model"] = model
        if params is not UNSET:
            field_dict["params"] = params
        if temperature is not UNSET:
            field_dict["temperature"] = temperature

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_body_items_item_type_4 import RunBodyItemsItemType4  # noqa: PLC0415
        from ..models.run_body_params import RunBodyParams  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:

            def _parse_items_item(data: object) -> bool | float | int | list[Any] | RunBodyItemsItemType4 | str:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    items_item_type_4 = RunBodyItemsItemType4.from_dict(data)

                    return items_item_type_4
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, list):
                        raise TypeError()
                    items_item_type_5 = cast(list[Any], data)

                    return items_item_type_5
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(bool | float | int | list[Any] | RunBodyItemsItemType4 | str, data)

            items_item = _parse_items_item(items_item_data)

            items.append(items_item)

        operation = RunBodyOperation(d.pop("operation"))

        def _parse_model(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        model = _parse_model(d.pop("model", UNSET))

        _params = d.pop("params", UNSET)
        params: RunBodyParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = RunBodyParams.from_dict(_params)

        def _parse_temperature(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        temperature = _parse_temperature(d.pop("temperature", UNSET))

        run_body = cls(
            items=items,
            operation=operation,
            model=model,
            params=params,
            temperature=temperature,
        )

        return run_body
