from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.flow_definition import FlowDefinition


T = TypeVar("T", bound="DefinitionCheck")


@_attrs_define
class DefinitionCheck:
    """
    Attributes:
        definition (FlowDefinition):
    """

    definition: FlowDefinition

    def to_dict(self) -> dict[str, Any]:
        definition = self.definition.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "definition": definition,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.flow_definition import FlowDefinition  # noqa: PLC0415

        d = dict(src_dict)
        definition = FlowDefinition.from_dict(d.pop("definition"))

        definition_check = cls(
            definition=definition,
        )

        return definition_check
