from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.node_type_read_config_schema import NodeTypeReadConfigSchema


T = TypeVar("T", bound="NodeTypeRead")


@_attrs_define
class NodeTypeRead:
    """
    Attributes:
        config_schema (NodeTypeReadConfigSchema): JSON Schema of the node's `config`.
        description (str):
        name (str):
        outcomes (list[str]): Labels the node can end with (a `switch` also ends with its case labels).
        pauses (bool): The run waits here holding no worker; may sit on a loop.
    """

    config_schema: NodeTypeReadConfigSchema
    description: str
    name: str
    outcomes: list[str]
    pauses: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        config_schema = self.config_schema.to_dict()

        description = self.description

        name = self.name

        outcomes = self.outcomes

        pauses = self.pauses

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "config_schema": config_schema,
                "description": description,
                "name": name,
                "outcomes": outcomes,
                "pauses": pauses,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.node_type_read_config_schema import NodeTypeReadConfigSchema  # noqa: PLC0415

        d = dict(src_dict)
        config_schema = NodeTypeReadConfigSchema.from_dict(d.pop("config_schema"))

        description = d.pop("description")

        name = d.pop("name")

        outcomes = cast(list[str], d.pop("outcomes"))

        pauses = d.pop("pauses")

        node_type_read = cls(
            config_schema=config_schema,
            description=description,
            name=name,
            outcomes=outcomes,
            pauses=pauses,
        )

        node_type_read.additional_properties = d
        return node_type_read

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
