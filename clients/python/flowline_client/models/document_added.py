from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.document_added_source import DocumentAddedSource
from ..models.document_added_status import DocumentAddedStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.document_added_error_type_0 import DocumentAddedErrorType0
    from ..models.document_added_metadata import DocumentAddedMetadata


T = TypeVar("T", bound="DocumentAdded")


@_attrs_define
class DocumentAdded:
    """
    Attributes:
        chunk_count (int):
        content_hash (None | str):
        content_type (str):
        created_at (datetime.datetime):
        error (DocumentAddedErrorType0 | None):
        id (str):
        kb_id (str):
        metadata (DocumentAddedMetadata):
        name (str):
        size (int):
        source (DocumentAddedSource):
        status (DocumentAddedStatus):
        updated_at (datetime.datetime):
        url (None | str):
        duplicate (bool | Unset): The KB already held this content: nothing was added. Default: False.
    """

    chunk_count: int
    content_hash: None | str
    content_type: str
    created_at: datetime.datetime
    error: DocumentAddedErrorType0 | None
    id: str
    kb_id: str
    metadata: DocumentAddedMetadata
    name: str
    size: int
    source: DocumentAddedSource
    status: DocumentAddedStatus
    updated_at: datetime.datetime
    url: None | str
    duplicate: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.document_added_error_type_0 import DocumentAddedErrorType0  # noqa: PLC0415

        chunk_count = self.chunk_count

        content_hash: None | str
        content_hash = self.content_hash

        content_type = self.content_type

        created_at = self.created_at.isoformat()

        error: dict[str, Any] | None
        if isinstance(self.error, DocumentAddedErrorType0):
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

        duplicate = self.duplicate

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
        if duplicate is not UNSET:
            field_dict["duplicate"] = duplicate

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.document_added_error_type_0 import DocumentAddedErrorType0  # noqa: PLC0415
        from ..models.document_added_metadata import DocumentAddedMetadata  # noqa: PLC0415

        d = dict(src_dict)
        chunk_count = d.pop("chunk_count")

        def _parse_content_hash(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        content_hash = _parse_content_hash(d.pop("content_hash"))

        content_type = d.pop("content_type")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_error(data: object) -> DocumentAddedErrorType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_0 = DocumentAddedErrorType0.from_dict(data)

                return error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DocumentAddedErrorType0 | None, data)

        error = _parse_error(d.pop("error"))

        id = d.pop("id")

        kb_id = d.pop("kb_id")

        metadata = DocumentAddedMetadata.from_dict(d.pop("metadata"))

        name = d.pop("name")

        size = d.pop("size")

        source = DocumentAddedSource(d.pop("source"))

        status = DocumentAddedStatus(d.pop("status"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        url = _parse_url(d.pop("url"))

        duplicate = d.pop("duplicate", UNSET)

        document_added = cls(
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
            duplicate=duplicate,
        )

        document_added.additional_properties = d
        return document_added

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
