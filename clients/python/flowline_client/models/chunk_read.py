from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ChunkRead")


@_attrs_define
class ChunkRead:
    """
    Attributes:
        document_id (str):
        id (str):
        kb_id (str):
        seq (int):
        text (str):
        tokens (int):
    """

    document_id: str
    id: str
    kb_id: str
    seq: int
    text: str
    tokens: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        document_id = self.document_id

        id = self.id

        kb_id = self.kb_id

        seq = self.seq

        text = self.text

        tokens = self.tokens

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "document_id": document_id,
                "id": id,
                "kb_id": kb_id,
                "seq": seq,
                "text": text,
                "tokens": tokens,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        document_id = d.pop("document_id")

        id = d.pop("id")

        kb_id = d.pop("kb_id")

        seq = d.pop("seq")

        text = d.pop("text")

        tokens = d.pop("tokens")

        chunk_read = cls(
            document_id=document_id,
            id=id,
            kb_id=kb_id,
            seq=seq,
            text=text,
            tokens=tokens,
        )

        chunk_read.additional_properties = d
        return chunk_read

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
