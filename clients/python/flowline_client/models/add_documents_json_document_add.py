from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.add_documents_json_document_add_metadata import AddDocumentsJsonDocumentAddMetadata


T = TypeVar("T", bound="AddDocumentsJsonDocumentAdd")


@_attrs_define
class AddDocumentsJsonDocumentAdd:
    """One document by JSON: ``text`` (with a ``name``) or a ``url`` to fetch.

    Attributes:
        content_type (str | Unset): How the text is read: `text/plain`, `text/markdown`, `text/x-markdown`, `text/html`,
            `application/xhtml+xml`, `application/pdf`, `application/vnd.openxmlformats-
            officedocument.wordprocessingml.document`, `text/csv`, `application/json` (parameters such as `; charset=utf-8`
            allowed). A `name` ending in `.md`, `.html`, ... is read as its suffix says whatever this holds. Default:
            'text/plain'.
        metadata (AddDocumentsJsonDocumentAddMetadata | Unset):
        name (None | str | Unset):
        text (None | str | Unset):
        url (None | str | Unset):
    """

    content_type: str | Unset = "text/plain"
    metadata: AddDocumentsJsonDocumentAddMetadata | Unset = UNSET
    name: None | str | Unset = UNSET
    text: None | str | Unset = UNSET
    url: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        content_type = self.content_type

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        text: None | str | Unset
        if isinstance(self.text, Unset):
            text = UNSET
        else:
            text = self.text

        url: None | str | Unset
        if isinstance(self.url, Unset):
            url = UNSET
        else:
            url = self.url

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if content_type is not UNSET:
            field_dict["content_type"] = content_type
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if name is not UNSET:
            field_dict["name"] = name
        if text is not UNSET:
            field_dict["text"] = text
        if url is not UNSET:
            field_dict["url"] = url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.add_documents_json_document_add_metadata import AddDocumentsJsonDocumentAddMetadata  # noqa: PLC0415

        d = dict(src_dict)
        content_type = d.pop("content_type", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: AddDocumentsJsonDocumentAddMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = AddDocumentsJsonDocumentAddMetadata.from_dict(_metadata)

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_text(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        text = _parse_text(d.pop("text", UNSET))

        def _parse_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        url = _parse_url(d.pop("url", UNSET))

        add_documents_json_document_add = cls(
            content_type=content_type,
            metadata=metadata,
            name=name,
            text=text,
            url=url,
        )

        return add_documents_json_document_add
