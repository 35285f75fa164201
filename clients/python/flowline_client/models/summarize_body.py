from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.summarize_body_style import SummarizeBodyStyle
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.summarize_body_input_type_4 import SummarizeBodyInputType4


T = TypeVar("T", bound="SummarizeBody")


@_attrs_define
class SummarizeBody:
    """
    Attributes:
        input_ (bool | float | int | list[Any] | str | SummarizeBodyInputType4): A text, or any JSON value (the model
            sees it as JSON).
        instructions (None | str | Unset):
        max_words (int | Unset):  Default: 100.
        model (None | str | Unset):
        style (SummarizeBodyStyle | Unset):  Default: SummarizeBodyStyle.PARAGRAPH.
        temperature (float | None | Unset):
    """

    input_: bool | float | int | list[Any] | str | SummarizeBodyInputType4
    instructions: None | str | Unset = UNSET
    max_words: int | Unset = 100
    model: None | str | Unset = UNSET
    style: SummarizeBodyStyle | Unset = SummarizeBodyStyle.PARAGRAPH
    temperature: float | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.summarize_body_input_type_4 import SummarizeBodyInputType4  # noqa: PLC0415

        input_: bool | dict[str, Any] | float | int | list[Any] | str
        if isinstance(self.input_, SummarizeBodyInputType4):
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

        max_words = self.max_words

        model: None | str | Unset
        if isinstance(self.model, Unset):
            model = UNSET
        else:
            model = self.model

        style: str | Unset = UNSET
        if not isinstance(self.style, Unset):
            style = self.style.value

        temperature: float | None | Unset
        if isinstance(self.temperature, Unset):
            temperature = UNSET
        else:
            temperature = self.temperature

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "input": input_,
            }
        )
        if instructions is not UNSET:
            field_dict["instructions"] = instructions
        if max_words is not UNSET:
            field_dict["max_words"] = max_words
        if model is not UNSET:
            field_dict["model"] = model
        if style is not UNSET:
            field_dict["style"] = style
        if temperature is not UNSET:
            field_dict["temperature"] = temperature

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.summarize_body_input_type_4 import SummarizeBodyInputType4  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_input_(data: object) -> bool | float | int | list[Any] | str | SummarizeBodyInputType4:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                input_type_4 = SummarizeBodyInputType4.from_dict(data)

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
            return cast(bool | float | int | list[Any] | str | SummarizeBodyInputType4, data)

        input_ = _parse_input_(d.pop("input"))

        def _parse_instructions(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        instructions = _parse_instructions(d.pop("instructions", UNSET))

        max_words = d.pop("max_words", UNSET)

        def _parse_model(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        model = _parse_model(d.pop("model", UNSET))

        _style = d.pop("style", UNSET)
        style: SummarizeBodyStyle | Unset
        if isinstance(_style, Unset):
            style = UNSET
        else:
            style = SummarizeBodyStyle(_style)

        def _parse_temperature(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        temperature = _parse_temperature(d.pop("temperature", UNSET))

        summarize_body = cls(
            input_=input_,
            instructions=instructions,
            max_words=max_words,
            model=model,
            style=style,
            temperature=temperature,
        )

        return summarize_body
