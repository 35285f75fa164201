from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.document_read_source import DocumentReadSource
from ..models.document_read_status import DocumentReadStatus

if TYPE_CHECKING:
    from ..models.document_read_error_type_0 import DocumentReadErrorType0
    from ..models.document_read_metadata import DocumentReadMetadata


T = TypeVar("T", bound="DocumentRead")


@_attrs_define
class DocumentRead:
    """
    Attributes:
        chunk_count (int):
        content_hash (None | str):
        content_type (str):
        created_at (datetime.datetime):
        error (DocumentReadErrorType0 | None):
        id (str):
        kb_id (str):
        metadata (DocumentReadMetadata):
        name (str):
        size (int):
        source (DocumentReadSource):
        status (DocumentReadStatus):
        updated_at (datetime.datetime):
        url (None | str):
    """

    chunk_count: int
    content_hash: None | str
    content_type: str
    created_at: datetime.datetime
    error: DocumentReadErrorType0 | None
    id: str
    kb_id: str
    metadata: DocumentReadMetadata
    name: str
    size: int
    source: DocumentReadSource
    status: DocumentReadStatus
    updated_at: datetime.datetime
    url: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.document_read_error_type_0 import DocumentReadErrorType0  # noqa: PLC0415

        chunk_count = self.chunk_count

        content_hash: None | str
        content_hash = self.content_hash

        content_type = self.content_type

        created_at = self.created_at.isoformat()

        error: dict[str, Any] | None
        if isinstance(self.error, DocumentReadErrorType0):
            error = self.error.to_dict()
        else:
            error = self.error

        id = self.id

        kb_id = self.kb_id

        metadata = self.metadata.to_dict()

        name = self.name

        size = self.size

        source = self.source.value

        status = self.status.value

        updated_at = self.updated_at.isoformat()

        url: None | str
        url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "chunk_count": chunk_count,
                "content_hash": content_hash,
                "content_type": content_type,
                "created_at": created_at,
                "error": error,
                "id": id,
                "kb_id": kb_id,
                "metadata": metadata,
                "name": name,
                "size": size,
                "source": source,
                "status": status,
                "updated_at": updated_at,
                "url": url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.document_read_error_type_0 import DocumentReadErrorType0  # noqa: PLC0415
        from ..models.document_read_metadata import DocumentReadMetadata  # noqa: PLC0415

        d = dict(src_dict)
        chunk_count = d.pop("chunk_count")

        def _parse_content_hash(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        content_hash = _parse_content_hash(d.pop("content_hash"))

        content_type = d.pop("content_type")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_error(data: object) -> DocumentReadErrorType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_0 = DocumentReadErrorType0.from_dict(data)

                return error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DocumentReadErrorType0 | None, data)

        error = _parse_error(d.pop("error"))

        id = d.pop("id")

        kb_id = d.pop("kb_id")

        metadata = DocumentReadMetadata.from_dict(d.pop("metadata"))

        name = d.pop("name")

        size = d.pop("size")

        source = DocumentReadSource(d.pop("source"))

        status = DocumentReadStatus(d.pop("status"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        url = _parse_url(d.pop("url"))

        document_read = cls(
            chunk_count=chunk_count,
            content_hash=content_hash,
            content_type=content_type,
            created_at=created_at,
            error=error,
            id=id,
            kb_id=kb_id,
            metadata=metadata,
            name=name,
            size=size,
            source=source,
            status=status,
            updated_at=updated_at,
            url=url,
        )

        document_read.additional_properties = d
        return document_read

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
