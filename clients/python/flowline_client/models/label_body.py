from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.label_body_input_type_4 import LabelBodyInputType4


T = TypeVar("T", bound="LabelBody")


@_attrs_define
class LabelBody:
    """
    Attributes:
        categories (list[str]): The labels to choose from, distinct.
        input_ (bool | float | int | LabelBodyInputType4 | list[Any] | str): A text, or any JSON value (the model sees
            it as JSON).
        instructions (None | str | Unset):
        model (None | str | Unset):
        multi_label (bool | Unset): Any number of labels, not one. Default: False.
        temperature (float | None | Unset):
    """

    categories: list[str]
    input_: bool | float | int | LabelBodyInputType4 | list[Any] | str
    instructions: None | str | Unset = UNSET
    model: None | str | Unset = UNSET
    multi_label: bool | Unset = False
    temperature: float | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.label_body_input_type_4 import LabelBodyInputType4  # noqa: PLC0415

        categories = self.categories

        input_: bool | dict[str, Any] | float | int | list[Any] | str
        if isinstance(self.input_, LabelBodyInputType4):
            input_ = self.input_.to_dict()
        elif isinstance(self.input_, list):
            input_ = self.input_

        else:
            input_ = self.input_

        instructions: None | str | Unset
        if isinstance(self.instructions, Unset):
            instructions = UNSET
        else:
            instructions = self.instructions

        model: None | str | Unset
        if isinstance(self.model, Unset):
            model = UNSET
        else:
            model = self.model

        multi_label = self.multi_label

        temperature: float | None | Unset
        if isinstance(self.temperature, Unset):
            temperature = UNSET
        else:
            temperature = self.temperature

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "categories": categories,
                "input": input_,
            }
        )
        if instructions is not UNSET:
            field_dict["instructions"] = instructions
        if model is not UNSET:
            field_dict["model"] = model
        if multi_label is not UNSET:
            field_dict["multi_label"] = multi_label
        if temperature is not UNSET:
            field_dict["temperature"] = temperature

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.label_body_input_type_4 import LabelBodyInputType4  # noqa: PLC0415

        d = dict(src_dict)
        categories = cast(list[str], d.pop("categories"))

        def _parse_input_(data: object) -> bool | float | int | LabelBodyInputType4 | list[Any] | str:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                input_type_4 = LabelBodyInputType4.from_dict(data)

                return input_type_4
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, list):
                    raise TypeError()
                input_type_5 = cast(list[Any], data)

                return input_type_5
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(bool | float | int | LabelBodyInputType4 | list[Any] | str, data)

        input_ = _parse_input_(d.pop("input"))

        def _parse_instructions(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        instructions = _parse_instructions(d.pop("instructions", UNSET))

        def _parse_model(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        model = _parse_model(d.pop("model", UNSET))

        multi_label = d.pop("multi_label", UNSET)

        def _parse_temperature(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        temperature = _parse_temperature(d.pop("temperature", UNSET))

        label_body = cls(
            categories=categories,
            input_=input_,
            instructions=instructions,
            model=model,
            multi_label=multi_label,
            temperature=temperature,
        )

        return label_body
