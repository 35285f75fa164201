from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.context_built_order_item import ContextBuiltOrderItem

if TYPE_CHECKING:
    from ..models.context_block_read import ContextBlockRead


T = TypeVar("T", bound="ContextBuilt")


@_attrs_define
class ContextBuilt:
    """
    Attributes:
        agent_id (str):
        blocks (list[ContextBlockRead]):
        order (list[ContextBuiltOrderItem]): The order blocks are put in, by kind.
        system_prompt (str): The blocks' contents joined by blank lines.
        tokenizer (str):
        total_tokens (int): Of the blocks with content.
    """

    agent_id: str
    blocks: list[ContextBlockRead]
    order: list[ContextBuiltOrderItem]
    system_prompt: str
    tokenizer: str
    total_tokens: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agent_id = self.agent_id

        blocks = []
        for blocks_item_data in self.blocks:
            blocks_item = blocks_item_data.to_dict()
            blocks.append(blocks_item)

        order = []
        for order_item_data in self.order:
            order_item = order_item_data.value
            order.append(order_item)

        system_prompt = self.system_prompt

        tokenizer = self.tokenizer

        total_tokens = self.total_tokens

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agent_id": agent_id,
                "blocks": blocks,
                "order": order,
                "system_prompt": system_prompt,
                "tokenizer": tokenizer,
                "total_tokens": total_tokens,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.context_block_read import ContextBlockRead  # noqa: PLC0415

        d = dict(src_dict)
        agent_id = d.pop("agent_id")

        blocks = []
        _blocks = d.pop("blocks")
        for blocks_item_data in _blocks:
            blocks_item = ContextBlockRead.from_dict(blocks_item_data)

            blocks.append(blocks_item)

        order = []
        _order = d.pop("order")
        for order_item_data in _order:
            order_item = ContextBuiltOrderItem(order_item_data)

            order.append(order_item)

        system_prompt = d.pop("system_prompt")

        tokenizer = d.pop("tokenizer")

        total_tokens = d.pop("total_tokens")

        context_built = cls(
            agent_id=agent_id,
            blocks=blocks,
            order=order,
            system_prompt=system_prompt,
            tokenizer=tokenizer,
            total_tokens=total_tokens,
        )

        context_built.additional_properties = d
        return context_built

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
