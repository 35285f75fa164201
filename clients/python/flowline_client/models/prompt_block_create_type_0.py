from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PromptBlockCreateType0")


@_attrs_define
class PromptBlockCreateType0:
    """
    Attributes:
        body (str):
        kind (Literal['static'] | Unset):
        source (None | Unset):
    """

    body: str
    kind: Literal["static"] | Unset = UNSET
    source: None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        body = self.body

        kind = self.kind

        source = self.source

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "body": body,
            }
        )
        if kind is not UNSET:
            field_dict["kind"] = kind
        if source is not UNSET:
            field_dict["source"] = source

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        body = d.pop("body")

        kind = cast(Literal["static"] | Unset, d.pop("kind", UNSET))
        if kind != "static" and not isinstance(kind, Unset):
            raise ValueError(f"kind must match const 'static', got '{kind}'")

        source = d.pop("source", UNSET)

        prompt_block_create_type_0 = cls(
            body=body,
            kind=kind,
            source=source,
        )

        prompt_block_create_type_0.additional_properties = d
        return prompt_block_create_type_0

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
