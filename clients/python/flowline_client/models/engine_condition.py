from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="EngineCondition")


@_attrs_define
class EngineCondition:
    """
    Attributes:
        expression (str):
        id (str):
    """

    expression: str
    id: str

    def to_dict(self) -> dict[str, Any]:
        expression = self.expression

        id = self.id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "expression": expression,
                "id": id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        expression = d.pop("expression")

        id = d.pop("id")

        engine_condition = cls(
            expression=expression,
            id=id,
        )

        return engine_condition
