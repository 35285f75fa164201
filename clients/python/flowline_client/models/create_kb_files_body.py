from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, File, FileTypes, Unset

T = TypeVar("T", bound="CreateKbFilesBody")


@_attrs_define
class CreateKbFilesBody:
    """
    Attributes:
        chunk_overlap (int | Unset):
        chunk_size (int | Unset):
        description (str | Unset):
        files (list[File] | Unset):
        metadata (str | Unset): A JSON object: the KB's metadata.
        name (str | Unset):
    """

    chunk_overlap: int | Unset = UNSET
    chunk_size: int | Unset = UNSET
    description: str | Unset = UNSET
    files: list[File] | Unset = UNSET
    metadata: str | Unset = UNSET
    name: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        chunk_overlap = self.chunk_overlap

        chunk_size = self.chunk_size

        description = self.description

        files: list[FileTypes] | Unset = UNSET
        if not isinstance(self.files, Unset):
            files = []
            for files_item_data in self.files:
                files_item = files_item_data.to_tuple()

                files.append(files_item)

        metadata = self.metadata

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
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
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

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
            files.append(("metadata", (None, str(self.metadata).encode(), "text/plain")))

        if not isinstance(self.name, Unset):
            files.append(("name", (None, str(self.name).encode(), "text/plain")))

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
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

        metadata = d.pop("metadata", UNSET)

        name = d.pop("name", UNSET)

        create_kb_files_body = cls(
            chunk_overlap=chunk_overlap,
            chunk_size=chunk_size,
            description=description,
            files=files,
            metadata=metadata,
            name=name,
        )

        create_kb_files_body.additional_properties = d
        return create_kb_files_body

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
