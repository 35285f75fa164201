from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agent_knowledge_base_read_embedding import AgentKnowledgeBaseReadEmbedding
    from ..models.agent_knowledge_base_read_metadata import AgentKnowledgeBaseReadMetadata


T = TypeVar("T", bound="AgentKnowledgeBaseRead")


@_attrs_define
class AgentKnowledgeBaseRead:
    """
    Attributes:
        chunk_overlap (int):
        chunk_size (int):
        created_at (datetime.datetime):
        description (str):
        embedding (AgentKnowledgeBaseReadEmbedding):
        id (str):
        metadata (AgentKnowledgeBaseReadMetadata):
        name (str):
        separators (list[str]):
        updated_at (datetime.datetime):
        version (int):
        bound_at (datetime.datetime | None | Unset):
    """

    chunk_overlap: int
    chunk_size: int
    created_at: datetime.datetime
    description: str
    embedding: AgentKnowledgeBaseReadEmbedding
    id: str
    metadata: AgentKnowledgeBaseReadMetadata
    name: str
    separators: list[str]
    updated_at: datetime.datetime
    version: int
    bound_at: datetime.datetime | None | Unset = UNSET
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

        bound_at: None | str | Unset
        if isinstance(self.bound_at, Unset):
            bound_at = UNSET
        elif isinstance(self.bound_at, datetime.datetime):
            bound_at = self.bound_at.isoformat()
        else:
            bound_at = self.bound_at

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
        if bound_at is not UNSET:
            field_dict["bound_at"] = bound_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agent_knowledge_base_read_embedding import AgentKnowledgeBaseReadEmbedding  # noqa: PLC0415
        from ..models.agent_knowledge_base_read_metadata import AgentKnowledgeBaseReadMetadata  # noqa: PLC0415

        d = dict(src_dict)
        chunk_overlap = d.pop("chunk_overlap")

        chunk_size = d.pop("chunk_size")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        description = d.pop("description")

        embedding = AgentKnowledgeBaseReadEmbedding.from_dict(d.pop("embedding"))

        id = d.pop("id")

        metadata = AgentKnowledgeBaseReadMetadata.from_dict(d.pop("metadata"))

        name = d.pop("name")

        separators = cast(list[str], d.pop("separators"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        def _parse_bound_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                bound_at_type_0 = datetime.datetime.fromisoformat(data)

                return bound_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        bound_at = _parse_bound_at(d.pop("bound_at", UNSET))

        agent_knowledge_base_read = cls(
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
            bound_at=bound_at,
        )

        agent_knowledge_base_read.additional_properties = d
        return agent_knowledge_base_read

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
