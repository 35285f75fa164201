from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.media_media_type import MediaMediaType
from ..types import UNSET, Unset

T = TypeVar("T", bound="Media")


@_attrs_define
class Media:
    """
    Attributes:
        url (str): An http(s) URL of the file.
        caption (None | str | Unset):
        media_type (MediaMediaType | Unset):  Default: MediaMediaType.DOCUMENT.
    """

    url: str
    caption: None | str | Unset = UNSET
    media_type: MediaMediaType | Unset = MediaMediaType.DOCUMENT

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        caption: None | str | Unset
        if isinstance(self.caption, Unset):
            caption = UNSET
        else:
            caption = self.caption

        media_type: str | Unset = UNSET
        if not isinstance(self.media_type, Unset):
            media_type = self.media_type.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "url": url,
            }
        )
        if caption is not UNSET:
            field_dict["caption"] = caption
        if media_type is not UNSET:
            field_dict["media_type"] = media_type

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        url = d.pop("url")

        def _parse_caption(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        caption = _parse_caption(d.pop("caption", UNSET))

        _media_type = d.pop("media_type", UNSET)
        media_type: MediaMediaType | Unset
        if isinstance(_media_type, Unset):
            media_type = UNSET
        else:
            media_type = MediaMediaType(_media_type)

        media = cls(
            url=url,
            caption=caption,
            media_type=media_type,
        )

        return media
