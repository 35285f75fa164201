from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.knowledge_base_read_embedding import KnowledgeBaseReadEmbedding
    from ..models.knowledge_base_read_metadata import KnowledgeBaseReadMetadata


T = TypeVar("T", bound="KnowledgeBaseRead")


@_attrs_define
class KnowledgeBaseRead:
    """
    Attributes:
        chunk_overlap (int):
        chunk_size (int):
        created_at (datetime.datetime):
        description (str):
        embedding (KnowledgeBaseReadEmbedding):
        id (str):
        metadata (KnowledgeBaseReadMetadata):
        name (str):
        separators (list[str]):
        updated_at (datetime.datetime):
        version (int):
    """

    chunk_overlap: int
    chunk_size: int
    created_at: datetime.datetime
    description: str
    embedding: KnowledgeBaseReadEmbedding
    id: str
    metadata: KnowledgeBaseReadMetadata
    name: str
    separators: list[str]
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        chunk_overlap = self.chunk_overlap

        chunk_size = self.chunk_size

        created_at = self.created_at.isoformat()

        description = self.description

        embedding = self.embedding.to_dict()

        id = self.id

        metadata = self.metadata.to_dict()

        name = self.name

        separators = self.separators

        updated_at = self.updated_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "chunk_overlap": chunk_overlap,
                "chunk_size": chunk_size,
                "created_at": created_at,
                "description": description,
                "embedding": embedding,
                "id": id,
                "metadata": metadata,
                "name": name,
                "separators": separators,
                "updated_at": updated_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.knowledge_base_read_embedding import KnowledgeBaseReadEmbedding  # noqa: PLC0415
        from ..models.knowledge_base_read_metadata import KnowledgeBaseReadMetadata  # noqa: PLC0415

        d = dict(src_dict)
        chunk_overlap = d.pop("chunk_overlap")

        chunk_size = d.pop("chunk_size")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        description = d.pop("description")

        embedding = KnowledgeBaseReadEmbedding.from_dict(d.pop("embedding"))

        id = d.pop("id")

        metadata = KnowledgeBaseReadMetadata.from_dict(d.pop("metadata"))

        name = d.pop("name")

        separators = cast(list[str], d.pop("separators"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        knowledge_base_read = cls(
            chunk_overlap=chunk_overlap,
            chunk_size=chunk_size,
            created_at=created_at,
            description=description,
            embedding=embedding,
            id=id,
            metadata=metadata,
            name=name,
            separators=separators,
            updated_at=updated_at,
            version=version,
        )

        knowledge_base_read.additional_properties = d
        return knowledge_base_read

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
