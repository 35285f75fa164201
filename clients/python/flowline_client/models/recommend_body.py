from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.recommend_body_input_type_4 import RecommendBodyInputType4


T = TypeVar("T", bound="RecommendBody")


@_attrs_define
class RecommendBody:
    """
    Attributes:
        input_ (bool | float | int | list[Any] | RecommendBodyInputType4 | str): What to recommend for: a text or a JSON
            value.
        candidates (list[str] | None | Unset): Recommend among these only.
        count (int | Unset):  Default: 3.
        goal (None | str | Unset):
        model (None | str | Unset):
        temperature (float | None | Unset):
    """

    input_: bool | float | int | list[Any] | RecommendBodyInputType4 | str
    candidates: list[str] | None | Unset = UNSET
    count: int | Unset = 3
    goal: None | str | Unset = UNSET
    model: None | str | Unset = UNSET
    temperature: float | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.recommend_body_input_type_4 import RecommendBodyInputType4  # noqa: PLC0415

        input_: bool | dict[str, Any] | float | int | list[Any] | str
        if isinstance(self.input_, RecommendBodyInputType4):
            input_ = self.input_.to_dict()
        elif isinstance(self.input_, list):
            input_ = self.input_

        else:
            input_ = self.input_

        candidates: list[str] | None | Unset
        if isinstance(self.candidates, Unset):
            candidates = UNSET
        elif isinstance(self.candidates, list):
            candidates = self.candidates

        else:
            candidates = self.candidates

        count = self.count

        goal: None | str | Unset
        if isinstance(self.goal, Unset):
            goal = UNSET
        else:
            goal = self.goal

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
            }
        )
        if candidates is not UNSET:
            field_dict["candidates"] = candidates
        if count is not UNSET:
            field_dict["count"] = count
        if goal is not UNSET:
            field_dict["goal"] = goal
        if model is not UNSET:
            field_dict["model"] = model
        if temperature is not UNSET:
            field_dict["temperature"] = temperature

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.recommend_body_input_type_4 import RecommendBodyInputType4  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_input_(data: object) -> bool | float | int | list[Any] | RecommendBodyInputType4 | str:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                input_type_4 = RecommendBodyInputType4.from_dict(data)

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
            return cast(bool | float | int | list[Any] | RecommendBodyInputType4 | str, data)

        input_ = _parse_input_(d.pop("input"))

        def _parse_candidates(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                candidates_type_0 = cast(list[str], data)

                return candidates_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        candidates = _parse_candidates(d.pop("candidates", UNSET))

        count = d.pop("count", UNSET)

        def _parse_goal(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        goal = _parse_goal(d.pop("goal", UNSET))

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

        recommend_body = cls(
            input_=input_,
            candidates=candidates,
            count=count,
            goal=goal,
            model=model,
            temperature=temperature,
        )

        return recommend_body
