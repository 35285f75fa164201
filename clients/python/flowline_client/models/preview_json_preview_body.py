from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PreviewJsonPreviewBody")


@_attrs_define
class PreviewJsonPreviewBody:
    """
    Attributes:
        text (str):
        chunk_overlap (int | Unset): Tokens shared by consecutive chunks. Default: 32.
        chunk_size (int | Unset): Tokens per chunk (the embedder's tokenizer). Default: 256.
        content_type (str | Unset): How the text is read: `text/plain`, `text/markdown`, `text/x-markdown`, `text/html`,
            `application/xhtml+xml`, `application/pdf`, `application/vnd.openxmlformats-
            officedocument.wordprocessingml.document`, `text/csv`, `application/json` (parameters such as `; charset=utf-8`
            allowed). A `name` ending in `.md`, `.html`, ... is read as its suffix says whatever this holds. Default:
            'text/plain'.
        separators (list[str] | Unset): Texts that always end a chunk (Dify's segment delimiters), such as `\\n\\n` or
            `\\n## `: the text is cut at each, the separator dropped, before the pieces are split to `chunk_size`; no chunk
            or overlap crosses one. Up to 10 of 1 to 20 characters; in a multipart form, a JSON array.
    """

    text: str
    chunk_overlap: int | Unset = 32
    chunk_size: int | Unset = 256
    content_type: str | Unset = "text/plain"
    separators: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        text = self.text

        chunk_overlap = self.chunk_overlap

        chunk_size = self.chunk_size

        content_type = self.content_type

        separators: list[str] | Unset = UNSET
        if not isinstance(self.separators, Unset):
            separators = self.separators

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "text": text,
            }
        )
        if chunk_overlap is not UNSET:
            field_dict["chunk_overlap"] = chunk_overlap
        if chunk_size is not UNSET:
            field_dict["chunk_size"] = chunk_size
        if content_type is not UNSET:
            field_dict["content_type"] = content_type
        if separators is not UNSET:
            field_dict["separators"] = separators

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        text = d.pop("text")

        chunk_overlap = d.pop("chunk_overlap", UNSET)

        chunk_size = d.pop("chunk_size", UNSET)

        content_type = d.pop("content_type", UNSET)

        separators = cast(list[str], d.pop("separators", UNSET))

        preview_json_preview_body = cls(
            text=text,
            chunk_overlap=chunk_overlap,
            chunk_size=chunk_size,
            content_type=content_type,
            separators=separators,
        )

        return preview_json_preview_body
