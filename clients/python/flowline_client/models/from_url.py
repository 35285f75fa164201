from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.embedding_config import EmbeddingConfig


T = TypeVar("T", bound="FromUrl")


@_attrs_define
class FromUrl:
    """
    Attributes:
        url (str): An http(s) page.
        chunk_overlap (int | Unset): Tokens shared by consecutive chunks. Default: 32.
        chunk_size (int | Unset): Tokens per chunk (the embedder's tokenizer). Default: 256.
        description (str | Unset):  Default: ''.
        embedding (EmbeddingConfig | Unset): ``wordllama`` (built in, offline) or any OpenAI-compatible ``/embeddings``.
        name (None | str | Unset):
        separators (list[str] | Unset): Texts that always end a chunk (Dify's segment delimiters), such as `\\n\\n` or
            `\\n## `: the text is cut at each, the separator dropped, before the pieces are split to `chunk_size`; no chunk
            or overlap crosses one. Up to 10 of 1 to 20 characters; in a multipart form, a JSON array.
    """

    url: str
    chunk_overlap: int | Unset = 32
    chunk_size: int | Unset = 256
    description: str | Unset = ""
    embedding: EmbeddingConfig | Unset = UNSET
    name: None | str | Unset = UNSET
    separators: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        chunk_overlap = self.chunk_overlap

        chunk_size = self.chunk_size

        description = self.description

        embedding: dict[str, Any] | Unset = UNSET
        if not isinstance(self.embedding, Unset):
            embedding = self.embedding.to_dict()

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        separators: list[str] | Unset = UNSET
        if not isinstance(self.separators, Unset):
            separators = self.separators

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "url": url,
            }
        )
        if chunk_overlap is not UNSET:
            field_dict["chunk_overlap"] = chunk_overlap
        if chunk_size is not UNSET:
            field_dict["chunk_size"] = chunk_size
        if description is not UNSET:
            field_dict["description"] = description
        if embedding is not UNSET:
            field_dict["embedding"] = embedding
        if name is not UNSET:
            field_dict["name"] = name
        if separators is not UNSET:
            field_dict["separators"] = separators

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.embedding_config import EmbeddingConfig  # noqa: PLC0415

        d = dict(src_dict)
        url = d.pop("url")

        chunk_overlap = d.pop("chunk_overlap", UNSET)

        chunk_size = d.pop("chunk_size", UNSET)

        description = d.pop("description", UNSET)

        _embedding = d.pop("embedding", UNSET)
        embedding: EmbeddingConfig | Unset
        if isinstance(_embedding, Unset):
            embedding = UNSET
        else:
            embedding = EmbeddingConfig.from_dict(_embedding)

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        separators = cast(list[str], d.pop("separators", UNSET))

        from_url = cls(
            url=url,
            chunk_overlap=chunk_overlap,
            chunk_size=chunk_size,
            description=description,
            embedding=embedding,
            name=name,
            separators=separators,
        )

        return from_url
