from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar

from attrs import define as _attrs_define

from .. import types
from ..types import UNSET, File, Unset

T = TypeVar("T", bound="PreviewFilesBody")


@_attrs_define
class PreviewFilesBody:
    """
    Attributes:
        files (list[File]): The first file is previewed.
        chunk_overlap (int | Unset): Tokens shared by consecutive chunks. Default: 32.
        chunk_size (int | Unset): Tokens per chunk (the embedder's tokenizer). Default: 256.
    """

    files: list[File]
    chunk_overlap: int | Unset = 32
    chunk_size: int | Unset = 256

    def to_dict(self) -> dict[str, Any]:
        files = []
        for files_item_data in self.files:
            files_item = files_item_data.to_tuple()

            files.append(files_item)

        chunk_overlap = self.chunk_overlap

        chunk_size = self.chunk_size

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "files": files,
            }
        )
        if chunk_overlap is not UNSET:
            field_dict["chunk_overlap"] = chunk_overlap
        if chunk_size is not UNSET:
            field_dict["chunk_size"] = chunk_size

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        for files_item_element in self.files:
            files.append(("files", files_item_element.to_tuple()))

        if not isinstance(self.chunk_overlap, Unset):
            files.append(("chunk_overlap", (None, str(self.chunk_overlap).encode(), "text/plain")))

        if not isinstance(self.chunk_size, Unset):
            files.append(("chunk_size", (None, str(self.chunk_size).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        files = []
        _files = d.pop("files")
        for files_item_data in _files:
            files_item = File(payload=BytesIO(files_item_data))

            files.append(files_item)

        chunk_overlap = d.pop("chunk_overlap", UNSET)

        chunk_size = d.pop("chunk_size", UNSET)

        preview_files_body = cls(
            files=files,
            chunk_overlap=chunk_overlap,
            chunk_size=chunk_size,
        )

        return preview_files_body
