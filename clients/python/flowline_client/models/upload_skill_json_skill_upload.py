from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="UploadSkillJsonSkillUpload")


@_attrs_define
class UploadSkillJsonSkillUpload:
    """An upload as JSON; the same Markdown may be sent raw as `text/markdown`.

    Attributes:
        text (str): The whole skill file: `---`, YAML front matter, `---`, Markdown body.
    """

    text: str

    def to_dict(self) -> dict[str, Any]:
        text = self.text

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "text": text,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        text = d.pop("text")

        upload_skill_json_skill_upload = cls(
            text=text,
        )

        return upload_skill_json_skill_upload
