from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.knowledge_summary_by_status import KnowledgeSummaryByStatus


T = TypeVar("T", bound="KnowledgeSummary")


@_attrs_define
class KnowledgeSummary:
    """
    Attributes:
        by_status (KnowledgeSummaryByStatus):
        chunks (int):
        documents (int):
        id (str):
        name (str):
        tokens (int):
        version (int):
    """

    by_status: KnowledgeSummaryByStatus
    chunks: int
    documents: int
    id: str
    name: str
    tokens: int
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        by_status = self.by_status.to_dict()

        chunks = self.chunks

        documents = self.documents

        id = self.id

        name = self.name

        tokens = self.tokens

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "by_status": by_status,
                "chunks": chunks,
                "documents": documents,
                "id": id,
                "name": name,
                "tokens": tokens,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.knowledge_summary_by_status import KnowledgeSummaryByStatus  # noqa: PLC0415

        d = dict(src_dict)
        by_status = KnowledgeSummaryByStatus.from_dict(d.pop("by_status"))

        chunks = d.pop("chunks")

        documents = d.pop("documents")

        id = d.pop("id")

        name = d.pop("name")

        tokens = d.pop("tokens")

        version = d.pop("version")

        knowledge_summary = cls(
            by_status=by_status,
            chunks=chunks,
            documents=documents,
            id=id,
            name=name,
            tokens=tokens,
            version=version,
        )

        knowledge_summary.additional_properties = d
        return knowledge_summary

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
