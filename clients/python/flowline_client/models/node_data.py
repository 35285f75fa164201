from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.node_data_config import NodeDataConfig


T = TypeVar("T", bound="NodeData")


@_attrs_define
class NodeData:
    """
    Attributes:
        node_type (str): One of `GET /api/v1/node-types`.
        config (NodeDataConfig | Unset): Settings of the node type, checked against its model.
    """

    node_type: str
    config: NodeDataConfig | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        node_type = self.node_type

        config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.config, Unset):
            config = self.config.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "node_type": node_type,
            }
        )
        if config is not UNSET:
            field_dict["config"] = config

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.node_data_config import NodeDataConfig  # noqa: PLC0415

        d = dict(src_dict)
        node_type = d.pop("node_type")

        _config = d.pop("config", UNSET)
        config: NodeDataConfig | Unset
        if isinstance(_config, Unset):
            config = UNSET
        else:
            config = NodeDataConfig.from_dict(_config)

        node_data = cls(
            node_type=node_type,
            config=config,
        )

        return node_data
