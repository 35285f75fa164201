from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.extract_body_input_type_4 import ExtractBodyInputType4
    from ..models.extract_body_schema import ExtractBodySchema


T = TypeVar("T", bound="ExtractBody")


@_attrs_define
class ExtractBody:
    """
    Attributes:
        input_ (bool | ExtractBodyInputType4 | float | int | list[Any] | str): A text, or any JSON value (the model sees
            it as JSON).
        schema (ExtractBodySchema): A JSON Schema of an object; the answer is checked against it.
        instructions (None | str | Unset):
        model (None | str | Unset):
        temperature (float | None | Unset):
    """

    input_: bool | ExtractBodyInputType4 | float | int | list[Any] | str
    schema: ExtractBodySchema
    instructions: None | str | Unset = UNSET
    model: None | str | Unset = UNSET
    temperature: float | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.extract_body_input_type_4 import ExtractBodyInputType4  # noqa: PLC0415

        input_: bool | dict[str, Any] | float | int | list[Any] | str
        if isinstance(self.input_, ExtractBodyInputType4):
            input_ = self.input_.to_dict()
        elif isinstance(self.input_, list):
            input_ = self.input_

        else:
            input_ = self.input_

        schema = self.schema.to_dict()

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

        temperature: float | None | Unset
        if isinstance(self.temperature, Unset):
            temperature = UNSET
        else:
            temperature = self.temperature

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "input": input_,
                "schema": schema,
            }
        )
        if instructions is not UNSET:
            field_dict["instructions"] = instructions
        if model is not UNSET:
            field_dict["model"] = model
        if temperature is not UNSET:
            field_dict["temperature"] = temperature

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.extract_body_input_type_4 import ExtractBodyInputType4  # noqa: PLC0415
        from ..models.extract_body_schema import ExtractBodySchema  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_input_(data: object) -> bool | ExtractBodyInputType4 | float | int | list[Any] | str:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                input_type_4 = ExtractBodyInputType4.from_dict(data)

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
            return cast(bool | ExtractBodyInputType4 | float | int | list[Any] | str, data)

        input_ = _parse_input_(d.pop("input"))

        schema = ExtractBodySchema.from_dict(d.pop("schema"))

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

        def _parse_temperature(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        temperature = _parse_temperature(d.pop("temperature", UNSET))

        extract_body = cls(
            input_=input_,
            schema=schema,
            instructions=instructions,
            model=model,
            temperature=temperature,
        )

        return extract_body
