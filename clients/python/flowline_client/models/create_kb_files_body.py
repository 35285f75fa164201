from __future__ import annotations

import json
from collections.abc import Mapping
from io import BytesIO
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from .. import types
from ..types import UNSET, File, FileTypes, Unset

if TYPE_CHECKING:
    from ..models.create_kb_files_body_metadata import CreateKbFilesBodyMetadata


T = TypeVar("T", bound="CreateKbFilesBody")


@_attrs_define
class CreateKbFilesBody:
    """
    Attributes:
        name (str):
        chunk_overlap (int | Unset): Tokens shared by consecutive chunks. Default: 32.
        chunk_size (int | Unset): Tokens per chunk (the embedder's tokenizer). Default: 256.
        description (str | Unset):  Default: ''.
        files (list[File] | Unset):
        metadata (CreateKbFilesBodyMetadata | Unset): A JSON object: the KB's metadata.
    """

    name: str
    chunk_overlap: int | Unset = 32
    chunk_size: int | Unset = 256
    description: str | Unset = ""
    files: list[File] | Unset = UNSET
    metadata: CreateKbFilesBodyMetadata | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        chunk_overlap = self.chunk_overlap

        chunk_size = self.chunk_size

        description = self.description

        files: list[FileTypes] | Unset = UNSET
        if not isinstance(self.files, Unset):
            files = []
            for files_item_data in self.files:
                files_item = files_item_data.to_tuple()

                files.append(files_item)

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if chunk_overlap is not UNSET:
            field_dict["chunk_overlap"] = chunk_overlap
        if chunk_size is not UNSET:
            field_dict["chunk_size"] = chunk_size
        if description is not UNSET:
            field_dict["description"] = description
        if files is not UNSET:
            field_dict["files"] = files
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("name", (None, str(self.name).encode(), "text/plain")))

        if not isinstance(self.chunk_overlap, Unset):
            files.append(("chunk_overlap", (None, str(self.chunk_overlap).encode(), "text/plain")))

        if not isinstance(self.chunk_size, Unset):
            files.append(("chunk_size", (None, str(self.chunk_size).encode(), "text/plain")))

        if not isinstance(self.description, Unset):
            files.append(("description", (None, str(self.description).encode(), "text/plain")))

        if not isinstance(self.files, Unset):
            for files_item_element in self.files:
                files.append(("files", files_item_element.to_tuple()))

        if not isinstance(self.metadata, Unset):
            files.append(("metadata", (None, json.dumps(self.metadata.to_dict()).encode(), "application/json")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.create_kb_files_body_metadata import CreateKbFilesBodyMetadata  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        chunk_overlap = d.pop("chunk_overlap", UNSET)

        chunk_size = d.pop("chunk_size", UNSET)

        description = d.pop("description", UNSET)

        _files = d.pop("files", UNSET)
        files: list[File] | Unset = UNSET
        if _files is not UNSET:
            files = []
            for files_item_data in _files:
                files_item = File(payload=BytesIO(files_item_data))

                files.append(files_item)

        _metadata = d.pop("metadata", UNSET)
        metadata: CreateKbFilesBodyMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = CreateKbFilesBodyMetadata.from_dict(_metadata)

        create_kb_files_body = cls(
            name=name,
            chunk_overlap=chunk_overlap,
            chunk_size=chunk_size,
            description=description,
            files=files,
            metadata=metadata,
        )

        return create_kb_files_body
