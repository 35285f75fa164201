from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.artifact_create_type import ArtifactCreateType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.artifact_create_content import ArtifactCreateContent


T = TypeVar("T", bound="ArtifactCreate")


@_attrs_define
class ArtifactCreate:
    """
    Attributes:
        type_ (ArtifactCreateType):
        contact_id (None | str | Unset):
        content (ArtifactCreateContent | Unset): Checked against the type's content model.
        conversation_id (None | str | Unset): The conversation it belongs to.
        title (str | Unset):  Default: ''.
    """

    type_: ArtifactCreateType
    contact_id: None | str | Unset = UNSET
    content: ArtifactCreateContent | Unset = UNSET
    conversation_id: None | str | Unset = UNSET
    title: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        contact_id: None | str | Unset
        if isinstance(self.contact_id, Unset):
            contact_id = UNSET
        else:
            contact_id = self.contact_id

        content: dict[str, Any] | Unset = UNSET
        if not isinstance(self.content, Unset):
            content = self.content.to_dict()

        conversation_id: None | str | Unset
        if isinstance(self.conversation_id, Unset):
            conversation_id = UNSET
        else:
            conversation_id = self.conversation_id

        title = self.title

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
            }
        )
        if contact_id is not UNSET:
            field_dict["contact_id"] = contact_id
        if content is not UNSET:
            field_dict["content"] = content
        if conversation_id is not UNSET:
            field_dict["conversation_id"] = conversation_id
        if title is not UNSET:
            field_dict["title"] = title

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.artifact_create_content import ArtifactCreateContent  # noqa: PLC0415

        d = dict(src_dict)
        type_ = ArtifactCreateType(d.pop("type"))

        def _parse_contact_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        contact_id = _parse_contact_id(d.pop("contact_id", UNSET))

        _content = d.pop("content", UNSET)
        content: ArtifactCreateContent | Unset
        if isinstance(_content, Unset):
            content = UNSET
        else:
            content = ArtifactCreateContent.from_dict(_content)

        def _parse_conversation_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        conversation_id = _parse_conversation_id(d.pop("conversation_id", UNSET))

        title = d.pop("title", UNSET)

        artifact_create = cls(
            type_=type_,
            contact_id=contact_id,
            content=content,
            conversation_id=conversation_id,
            title=title,
        )

        return artifact_create
