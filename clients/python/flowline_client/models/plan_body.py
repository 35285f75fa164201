from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PlanBody")


@_attrs_define
class PlanBody:
    """
    Attributes:
        goal (str):
        context (None | str | Unset):
    """

    goal: str
    context: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        goal = self.goal

        context: None | str | Unset
        if isinstance(self.context, Unset):
            context = UNSET
        else:
            context = self.context

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "goal": goal,
            }
        )
        if context is not UNSET:
            field_dict["context"] = context

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        goal = d.pop("goal")

        def _parse_context(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        context = _parse_context(d.pop("context", UNSET))

        plan_body = cls(
            goal=goal,
            context=context,
        )

        return plan_body
