from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.search_hit_metadata import SearchHitMetadata


T = TypeVar("T", bound="SearchHit")


@_attrs_define
class SearchHit:
    """
    Attributes:
        chunk_id (str):
        document_id (str):
        document_name (str):
        kb_id (str):
        metadata (SearchHitMetadata):
        score (float):
        text (str):
    """

    chunk_id: str
    document_id: str
    document_name: str
    kb_id: str
    metadata: SearchHitMetadata
    score: float
    text: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        chunk_id = self.chunk_id

        document_id = self.document_id

        document_name = self.document_name

        kb_id = self.kb_id

        metadata = self.metadata.to_dict()

        score = self.score

        text = self.text

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "chunk_id": chunk_id,
                "document_id": document_id,
                "document_name": document_name,
                "kb_id": kb_id,
                "metadata": metadata,
                "score": score,
                "text": text,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.search_hit_metadata import SearchHitMetadata  # noqa: PLC0415

        d = dict(src_dict)
        chunk_id = d.pop("chunk_id")

        document_id = d.pop("document_id")

        document_name = d.pop("document_name")

        kb_id = d.pop("kb_id")

        metadata = SearchHitMetadata.from_dict(d.pop("metadata"))

        score = d.pop("score")

        text = d.pop("text")

        search_hit = cls(
            chunk_id=chunk_id,
            document_id=document_id,
            document_name=document_name,
            kb_id=kb_id,
            metadata=metadata,
            score=score,
            text=text,
        )

        search_hit.additional_properties = d
        return search_hit

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
