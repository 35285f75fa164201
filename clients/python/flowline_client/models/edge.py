from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Edge")


@_attrs_define
class Edge:
    """
    Attributes:
        id (str):
        source (str): The node this edge leaves.
        target (str): The node it leads to.
        condition (None | str | Unset): Fires only if this expression is true.
        flow_condition_id (None | str | Unset): Fires only if this entry of `conditions` is true.
        label (None | str | Unset): Fires when the source ends with this outcome; `null` stands for `next`. Default:
            'next'.
    """

    id: str
    source: str
    target: str
    condition: None | str | Unset = UNSET
    flow_condition_id: None | str | Unset = UNSET
    label: None | str | Unset = "next"

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        source = self.source

        target = self.target

        condition: None | str | Unset
        if isinstance(self.condition, Unset):
            condition = UNSET
        else:
            condition = self.condition

        flow_condition_id: None | str | Unset
        if isinstance(self.flow_condition_id, Unset):
            flow_condition_id = UNSET
        else:
            flow_condition_id = self.flow_condition_id

        label: None | str | Unset
        if isinstance(self.label, Unset):
            label = UNSET
        else:
            label = self.label

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "source": source,
                "target": target,
            }
        )
        if condition is not UNSET:
            field_dict["condition"] = condition
        if flow_condition_id is not UNSET:
            field_dict["flow_condition_id"] = flow_condition_id
        if label is not UNSET:
            field_dict["label"] = label

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        source = d.pop("source")

        target = d.pop("target")

        def _parse_condition(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        condition = _parse_condition(d.pop("condition", UNSET))

        def _parse_flow_condition_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        flow_condition_id = _parse_flow_condition_id(d.pop("flow_condition_id", UNSET))

        def _parse_label(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        label = _parse_label(d.pop("label", UNSET))

        edge = cls(
            id=id,
            source=source,
            target=target,
            condition=condition,
            flow_condition_id=flow_condition_id,
            label=label,
        )

        return edge
