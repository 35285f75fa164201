from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.content_edit_content_type_0 import ContentEditContentType0


T = TypeVar("T", bound="ContentEdit")


@_attrs_define
class ContentEdit:
    """
    Attributes:
        content (ContentEditContentType0 | None | Unset): A JSON Merge Patch of the content (`null` removes a field);
            the result is checked against the type's content model.
        expected_version (int | None | Unset): Refuse the change (409) unless the record is at this version.
        title (None | str | Unset):
    """

    content: ContentEditContentType0 | None | Unset = UNSET
    expected_version: int | None | Unset = UNSET
    title: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.content_edit_content_type_0 import ContentEditContentType0  # noqa: PLC0415

        content: dict[str, Any] | None | Unset
        if isinstance(self.content, Unset):
            content = UNSET
        elif isinstance(self.content, ContentEditContentType0):
            content = self.content.to_dict()
        else:
            content = self.content

        expected_version: int | None | Unset
        if isinstance(self.expected_version, Unset):
            expected_version = UNSET
        else:
            expected_version = self.expected_version

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if content is not UNSET:
            field_dict["content"] = content
        if expected_version is not UNSET:
            field_dict["expected_version"] = expected_version
        if title is not UNSET:
            field_dict["title"] = title

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.content_edit_content_type_0 import ContentEditContentType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_content(data: object) -> ContentEditContentType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                content_type_0 = ContentEditContentType0.from_dict(data)

                return content_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ContentEditContentType0 | None | Unset, data)

        content = _parse_content(d.pop("content", UNSET))

        def _parse_expected_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        expected_version = _parse_expected_version(d.pop("expected_version", UNSET))

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        content_edit = cls(
            content=content,
            expected_version=expected_version,
            title=title,
        )

        return content_edit
