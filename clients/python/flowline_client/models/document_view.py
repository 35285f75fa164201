from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DocumentView")


@_attrs_define
class DocumentView:
    """
    Attributes:
        characters (int): Characters of the whole extracted text.
        content_type (str):
        id (str):
        kind (str): How it was parsed: `text`, `markdown`, `html`, `pdf`, `docx`, `csv`, `json`.
        name (str):
        source (str): `attachment` or `knowledge_document`.
        text (str): The extracted text, at most `max_chars` characters.
        truncated (bool): Whether `text` stops before the end.
    """

    characters: int
    content_type: str
    id: str
    kind: str
    name: str
    source: str
    text: str
    truncated: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        characters = self.characters

        content_type = self.content_type

        id = self.id

        kind = self.kind

        name = self.name

        source = self.source

        text = self.text

        truncated = self.truncated

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "characters": characters,
                "content_type": content_type,
                "id": id,
                "kind": kind,
                "name": name,
                "source": source,
                "text": text,
                "truncated": truncated,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        characters = d.pop("characters")

        content_type = d.pop("content_type")

        id = d.pop("id")

        kind = d.pop("kind")

        name = d.pop("name")

        source = d.pop("source")

        text = d.pop("text")

        truncated = d.pop("truncated")

        document_view = cls(
            characters=characters,
            content_type=content_type,
            id=id,
            kind=kind,
            name=name,
            source=source,
            text=text,
            truncated=truncated,
        )

        document_view.additional_properties = d
        return document_view

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
